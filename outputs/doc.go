// Package outputs observes replicates of the Sahel model and writes the
// results of a run: what a policy researcher reads, plots and archives.
//
// The model knows nothing of files. A [Recorder] watches one replicate,
// step by step, through the callback of [agents.World.Run]; its
// [Recorder.Result] is a [Replicate]: the events of the run, dense time
// series and the headline indicators of [Indicators]. [WriteRun] writes
// the replicates of a run into a new directory, atomically:
//
//   - summary.csv: one row per replicate, "rep,seed" then one column per
//     indicator, in the order of [Indicators] with each pattern expanded
//     (years in calendar order, zones in the order of World.ZoneIDs, groups
//     in the order of agents.GroupIDs).
//   - timeseries.csv: "rep,step,date,zone,group,metric,value", tidy and
//     dense (zeros included, so that means across replicates are right);
//     the metrics are listed in [Metrics], the rows are those the
//     manifest's [SeriesLevel] keeps (overall by default).
//   - events.csv: one row per event of every replicate but defections and
//     displacement: "rep,step,date,type,militant,perpetrator,label,
//     against,against_label,target,claimed,fatalities,cell" ([WriteEvents]:
//     militant marks the rows the indicators count; an operation's label
//     is its perpetrator, [AgainstLabel] the label of the group engaged).
//   - defections.csv ("rep,step,date,group,cell") and displacement.csv
//     ("rep,step,date,displaced,cell"): one row per defection and per
//     cell and step people fled.
//   - cells.csv: where each cell of the grid is and its zone; the other
//     files' cell joins it.
//   - with the format "parquet", a Parquet twin of each (counts as
//     integers, [IntegerIndicator], [IntegerMetric]).
//   - manifest.json: the fully resolved scenario, the seed, the number of
//     replicates and how their random streams derive from the seed, the
//     program's version and commit, the command line, the start and end
//     times and the list of files, as a [Manifest].
//
// Rows are in a fixed order (by replicate, then step, then as documented),
// and floats are written in their shortest round-trip form; a missing
// value is an empty field ([Missing]) in every file, so the CSV files of two runs with the same scenario and
// seed are byte-identical whatever the number of workers.
//
// [Headline] prints the main indicators, their mean and 90 % interval
// across replicates, beside the report's figures.
//
// # Reading
//
// [ReadRun] and [ReadSweep] are the inverse of the writers: they read a
// run's or a sweep's directory back into typed values ([Results]): the
// manifest, the scenario placed on its grid with the zones the run used
// (agents.Zones), summary.csv or runs.csv (the parameter columns of a
// sweep are those its manifest lists), compare.csv, the time series
// chosen by [ReadOptions] (timeseries.csv is parsed in blocks, in
// parallel) and the events of events.csv as agents.Event values, their
// types, actors, labels and targets parsed by the model's own vocabulary
// (agents.ParseEventType, agents.ParseActor, agents.ParseTarget). Figures,
// reports, the ACLED export and comparison, sweep comparisons, sensitivity
// analysis and calibration read output directories through them, so that
// no view parses the model's meaning out of strings. Every row is checked
// against the manifest (replicates, steps, the grid's cells), so that a
// damaged or hostile file is refused with its line, not allowed to
// exhaust memory.
//
// # Output directories
//
// This package also guards the directories every command writes, so that
// sahelsim writes only where it may and deletes only what it wrote:
// [CheckOutDir] lets --force replace only a directory sahelsim wrote
// ([Owned]: its manifest says so) that holds only files sahelsim wrote;
// [LockDir] holds the directory's lock ([LockFile]) so that a second
// process fails at once, and removes what killed processes left
// ([TempPrefix]); [ReplaceDir] puts a new run or validation in place whole;
// [ReplaceFiles] replaces the figures, tables and report of a directory,
// exactly the files the previous drawing listed in [DrawnFile]; and an
// [AtomicFile] (or [WriteFileAtomic], which writes one) puts a single file
// in place whole, through a temporary one beside it: every file sahelsim
// writes outside a directory put in place whole goes through it (a
// sweep's parts and tables, compare.csv, the Slurm scripts, the ACLED
// files, the sensitivity and calibration files). Writers stop with their
// context's error once it is cancelled (SIGINT, SIGTERM).
package outputs
