// Package sweep runs parameter sweeps: every run (point × replicate) of a
// [scenarios.Sweep], on a pool of workers, on one machine or as shards of
// a Slurm job array, streaming each finished run to disk so that nothing
// finished is lost, and assembles the results into tables for analysis.
//
// # Runs and seeds
//
// A sweep of P points and R replicates has P·R runs, numbered
// replicate-major: run = replicate·P + point, and they are started in that
// order, so a sweep cut short holds a balanced sample (every point's first
// replicate before any second one). Run (point, replicate) draws from the
// stream sim.Stream(seed) with seed = sim.ReplicateSeed(sweep seed,
// replicate): the seed is a function of (sweep seed, point, replicate)
// that ignores the point on purpose, so that replicate r of every point
// uses the same random numbers (common random numbers) and paired
// comparisons between points are sharper. It is also the seed of
// replicate r of 'sahelsim run SCENARIO --seed SWEEPSEED': a sweep's point
// of a scenario holds the same replicates as a run of it with the sweep's
// seed. A design with streams = "point" gives each design point its own
// streams instead (scenarios.PointSeed), as approximate Bayesian
// computation needs, and the part of each run records its seed. A run is
// reproduced alone by 'sahelsim run POINT.toml --seed SEED --reps 1'.
// Nothing depends on the number of workers or shards.
//
// # Directory
//
// [Prepare] creates the output directory and writes manifest.json, which
// identifies the sweep by a hash of what determines its results (the
// resolved base scenarios, the parameters and points, the replicates, the
// seed, the time-series mode and the format). A directory that holds
// another sweep is refused; one that holds the same sweep is resumed; one
// that holds a sweep's files without its manifest is refused, since its
// parts could be any sweep's.
//
// [Run] writes each finished run to its own part file,
// parts/NNNN/RUN.part (NNNN = RUN / 1000, so that no directory holds more
// than 1,000 parts), which records the hash of its sweep (a part of
// another sweep makes [Assemble] fail, wrapping ErrOtherSweep and naming
// both sweeps): written to a temporary file and renamed into place
// (outputs.AtomicFile), so that a process killed at any instant (kill -9
// included) leaves a complete part or none, and checksummed (CRC-32C), so
// that a part damaged later is detected when read. A run that fails (an error or a
// panic) leaves parts/NNNN/RUN.fail instead, with its seed and error. Run
// skips the runs that have a part, so running the same sweep again
// resumes it; failed runs are run again. When its context is cancelled
// (Ctrl-C, SIGTERM) Run hands out no more runs and abandons the runs in
// progress at their next step: they leave nothing and run again on resume.
// Memory is bounded by the runs in progress, whatever the size of the
// sweep.
//
// With a [Shard] i of n, Run runs only the runs with run % n == i: shards
// are disjoint, together complete, and balanced.
//
// # Outputs
//
// [Run] with Options.Assemble (a whole sweep) writes the tables as the
// runs finish, following them in run order, and [Assemble] (to merge the
// shards, or to write the tables again) checks that every run has a part
// or a failure record, naming the missing ones; both stream the parts in
// run order into:
//
//   - runs.csv: one row per successful run: run, scenario, point,
//     replicate, seed, one column per parameter (named by its dotted path),
//     then the headline indicators (outputs.IndicatorColumns of the base
//     scenarios and points), and, if the sweep file says patterns = true,
//     the patterns of the training window (evidence.PatternIDs: each run's
//     events counted as ACLED counts them, acled.PatternCounter).
//   - timeseries.csv: run, step, date, zone, group, metric, value; the
//     series of every run, by run, step, then as outputs.WriteTimeSeries
//     orders a step; with [SeriesTotals] (the default) only the zone and
//     group totals ([outputs.Replicate.SeriesKeys]).
//   - runs.parquet and timeseries.parquet: the same tables, typed (int64
//     run, point, replicate and seed, int32 step, DATE dates, float64
//     values, parameters as int64, float64, DATE, string or boolean,
//     dictionary-encoded strings for names; undefined values are nulls
//     where the CSV files have empty fields), zstd-compressed, in data
//     pages of version 1, which every reader reads.
//   - failures.csv, only if runs failed: run, scenario, point, replicate,
//     seed, error.
//
// Rows are in run order and nothing in the files depends on time or
// scheduling, so they are byte-identical whatever the number of workers,
// shards or interruptions.
//
// # Commands
//
// The sweep, merge, slurm, compare and calibrate commands take these
// steps around Run and Assemble: [Load] a sweep and its manifest,
// [ShardOf] and [Workers] say what this process runs, [Open] locks and
// prepares the directory, [WriteCompare] writes compare.csv of a complete
// sweep (each point against its reference, paired by replicate:
// [Table.Compare], printed by [PrintComparisons]), [FailureError] says
// which runs failed, and [WriteSlurm] and [Submit] write and submit the
// Slurm job array and its merge.
package sweep
