package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/effects"
	"github.com/sahelsim/sahelsim/internal/progress"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
	"github.com/sahelsim/sahelsim/scenarios"
)

// sweepOptions are the arguments and flags of the sweep command.
type sweepOptions struct {
	file    string
	out     string
	workers int
	shard   string
	series  string
	reps    int
	quiet   bool
	noPlots bool
	list    bool
	getenv  func(string) string
}

func newSweepCmd() *cobra.Command {
	o := sweepOptions{getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "sweep FILE.toml|NAME --out DIR",
		Short: "Run every point and replicate of a parameter sweep",
		Long:  help("sweep"),
		Args: func(cmd *cobra.Command, args []string) error {
			if o.list {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.list {
				return cli.Work(printList(cmd.OutOrStdout(), append(scenarios.ListSweeps(), scenarios.PosteriorSamples()...)))
			}
			o.file = args[0]
			return runSweep(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output directory (default: runs/<sweep name>)")
	f.IntVar(&o.workers, "workers", 0, "runs at once, and CPUs used (default: the CPUs this process may use; in a Slurm job, those allocated)")
	f.StringVar(&o.shard, "shard", "", "run only shard i of n, as i/n (default: the Slurm array task, if any)")
	f.IntVar(&o.reps, "reps", 0, "replicates of each point (default: the sweep file's)")
	f.StringVar(&o.series, "series", "totals", "time series of each run: totals (zone and group totals), overall (each metric over every zone and group), full or none")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress")
	f.BoolVar(&o.noPlots, "no-plots", false, "write no compare.csv, figures, tables or report after the sweep")
	f.BoolVar(&o.list, "list", false, "list the built-in sweeps")
	return cmd
}

// loadSweep loads the sweep file (or built-in sweep), with reps
// replicates unless 0, its manifest for the time series of --series, and
// its directory (out, or the default).
func loadSweep(file, series string, reps int, out string) (*scenarios.Sweep, *sweep.Manifest, string, error) {
	s, err := sweep.ParseSeries(series)
	if err != nil {
		return nil, nil, "", cli.Usage(fmt.Errorf("--series: %w", err))
	}
	sw, m, err := sweep.LoadReps(file, s, reps, outputs.ReadBuild(version, commit))
	if err == nil && out == "" {
		out, err = sweep.DefaultDir(sw)
	}
	if err != nil {
		return nil, nil, "", cli.BadInput(err)
	}
	return sw, m, out, nil
}

// shardFlag parses the flag --shard i/n; "" is the whole sweep.
func shardFlag(s string) (sweep.Shard, error) {
	if s == "" {
		return sweep.Shard{}, nil
	}
	shard, err := sweep.ParseShard(s)
	if err != nil {
		return shard, cli.Usage(fmt.Errorf("--shard: %w", err))
	}
	return shard, nil
}

// runSweep runs the sweep as o says. Progress goes to stderr, the summary
// to stdout.
func runSweep(ctx context.Context, o sweepOptions, stdout, stderr io.Writer) error {
	if err := cli.CheckWorkers(o.workers, 0); err != nil {
		return err
	}
	shard, fromFlag, err := sweep.ShardOf(o.shard, o.getenv)
	if err != nil && fromFlag {
		return cli.Usage(fmt.Errorf("--shard: %w", err))
	} else if err != nil {
		return cli.BadInput(err)
	}
	sw, m, out, err := loadSweep(o.file, o.series, o.reps, o.out)
	if err != nil {
		return err
	}
	m, lock, err := sweep.Open(out, m, !shard.Whole())
	if err != nil {
		return cli.Classify(err, fs.ErrNotExist)
	}
	defer lock.Unlock()
	workers, err := sweep.Workers(sw, o.workers, o.getenv)
	if err != nil {
		return cli.BadInput(err)
	}

	// W workers on W CPUs: the tables are assembled as the runs finish,
	// on the same CPUs.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	opts := sweep.Options{Workers: workers, Shard: shard, Assemble: shard.Whole()}
	release, err := opts.SetTestHooks(o.getenv)
	if err != nil {
		return cli.BadInput(err)
	}
	defer release()
	var meter *progress.Meter
	what := fmt.Sprintf("%d runs (%d points × %d replicates)", sw.NumRuns(), sw.NumPoints(), sw.Replicates)
	if !shard.Whole() {
		what = fmt.Sprintf("shard %s of %s", shard, what)
	}
	if !o.quiet {
		meter = progress.New(stderr, "sweep "+sw.Name, "runs")
		opts.Progress = meter.Update
		fmt.Fprintf(stderr, "sweep %s: %s on %s into %s\n", sw.Name, what, plural(workers, "worker"), out)
	}
	start := time.Now()
	res, err := sweep.Run(ctx, out, sw, m, opts)
	meter.Finish(err != nil)
	if res != nil && res.Stopped {
		return cli.Interrupted(fmt.Sprintf("%d of %d runs done; rerun the same command to resume", res.Done, res.Runs))
	}
	if err != nil {
		return cli.Work(err)
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	if !shard.Whole() {
		fmt.Fprintf(stdout, "shard %s of sweep %s: %d of %d runs done (%d before), %d failed, in %s: %s\n",
			shard, sw.Name, res.Done, res.Runs, res.Before, len(res.Failures), elapsed, out)
		if len(res.Failures) > 0 {
			return cli.Work(sweep.FailureError(res.Failures, res.Runs, ""))
		}
		fmt.Fprintf(stdout, "when every shard is done: sahelsim merge %s\n", out)
		return nil
	}
	done := fmt.Sprintf("%d runs (%d points × %d replicates)", res.Runs, sw.NumPoints(), sw.Replicates)
	if res.Before > 0 {
		done += fmt.Sprintf(", %d done before", res.Before)
	}
	if err := reportSummary(stdout, sw.Name, res.Summary, out, done, elapsed); err != nil {
		return err
	}
	return finishSweep(ctx, stdout, out, o.noPlots)
}

// finishSweep compares the points of a complete sweep with their
// references (compare.csv, when there are several points) and draws its
// figures, tables and report, unless noPlots.
func finishSweep(ctx context.Context, stdout io.Writer, dir string, noPlots bool) error {
	if noPlots {
		return nil
	}
	if err := sweep.WriteCompare(ctx, dir); err != nil {
		if ctx.Err() != nil {
			return cli.Interrupted("the sweep is complete; its figures are not drawn")
		}
		return cli.Work(err)
	}
	if t, err := sweep.ReadTable(dir); err == nil && effects.IsPosterior(t) {
		if _, _, err := effects.WritePosterior(ctx, dir, ""); err != nil {
			return cli.Work(err)
		}
	}
	res, err := report.WriteContext(ctx, dir, report.Options{})
	if ctx.Err() != nil {
		return cli.Interrupted("the sweep is complete; its figures are not drawn: redraw with 'sahelsim plot " + dir + "'")
	}
	if err != nil {
		return cli.Work(fmt.Errorf("%w (the sweep is complete in %s: redraw with 'sahelsim plot %s')", err, dir, dir))
	}
	res.Print(stdout, dir)
	return nil
}

// reportSummary prints what a sweep or a merge wrote, and returns an
// error if runs failed.
func reportSummary(w io.Writer, name string, sum *sweep.Summary, dir, what string, elapsed time.Duration) error {
	fmt.Fprintf(w, "sweep %s: %s", name, what)
	if elapsed > 0 {
		fmt.Fprintf(w, " in %s", elapsed)
	}
	fmt.Fprintf(w, ": %s\n", dir)
	if len(sum.Failures) > 0 {
		return cli.Work(sweep.FailureError(sum.Failures, sum.Runs, filepath.Join(dir, sweep.FailuresCSV)))
	}
	fmt.Fprintf(w, "compare the points: sahelsim compare %s\n", dir)
	return nil
}
