package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/progress"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// defaultScenario is what run and validate run when no scenario is named.
const defaultScenario = "baseline"

// replicateOptions are the argument and flags that run and validate
// share: which scenario, how many replicates, where to.
type replicateOptions struct {
	scenario string
	seed     uint64
	seedSet  bool // --seed was given
	reps     int
	workers  int
	out      string
	force    bool
	quiet    bool
	args     []string // the command line, for the manifest
}

// bind binds the shared flags of cmd: reps replicates by default, the
// default output directory described as outDefault.
func (o *replicateOptions) bind(cmd *cobra.Command, reps int, outDefault string) {
	f := cmd.Flags()
	cli.SeedVar(f, &o.seed, "base random seed, 0 to 2^53 − 1 (default: the scenario's seed)")
	f.IntVar(&o.reps, "reps", reps, "number of replicates")
	f.IntVar(&o.workers, "workers", sim.Workers(), "replicates run in parallel")
	f.StringVar(&o.out, "out", "", "output directory (default: "+outDefault+")")
	f.BoolVar(&o.force, "force", false, "replace the output directory if it exists")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress bar")
}

// parse sets the scenario from the arguments (the baseline if none) and
// whether --seed was given.
func (o *replicateOptions) parse(cmd *cobra.Command, args []string) {
	o.scenario = defaultScenario
	if len(args) == 1 {
		o.scenario = args[0]
	}
	o.seedSet = cmd.Flags().Changed("seed")
}

// replicated is what runReplicates ran.
type replicated struct {
	sc    *scenarios.Scenario
	seed  uint64
	out   string // the output directory, claimed
	reps  []*outputs.Replicate
	m     *outputs.Manifest // End is when the replicates finished
	start time.Time
}

// runReplicates is the one path of run and validate: it loads the
// scenario o names, checks the replicates' memory, claims the output
// directory (o.out, or defaultDir of the scenario and seed) for this
// process and runs the replicates, with a bar on stderr. The caller
// releases the lock, which is nil on error.
func runReplicates(ctx context.Context, o replicateOptions, defaultDir func(sc *scenarios.Scenario, seed uint64) (string, error), stderr io.Writer) (*replicated, *outputs.Lock, error) {
	if err := cli.CheckReps(o.reps, o.workers); err != nil {
		return nil, nil, err
	}
	sc, err := scenarios.Load(o.scenario)
	if err != nil {
		return nil, nil, cli.BadInput(err)
	}
	if err := runner.CheckMemory(sc, o.reps, o.workers, "--reps"); err != nil {
		return nil, nil, cli.BadInput(err)
	}
	r := &replicated{sc: sc, seed: sc.Seed, out: o.out, start: time.Now()}
	if o.seedSet {
		r.seed = o.seed
	}
	if r.out == "" {
		if r.out, err = defaultDir(sc, r.seed); err != nil {
			return nil, nil, cli.BadInput(err)
		}
	}
	lock, err := cli.ClaimNew(r.out, o.force)
	if err != nil {
		return nil, nil, err
	}
	if r.m, err = outputs.NewManifest(sc, r.seed, o.reps, outputs.ReadBuild(version, commit), o.args, r.start); err == nil {
		var meter *progress.Meter
		if !o.quiet {
			meter = progress.Bar(stderr, sc.Name, "replicates")
		}
		r.reps, err = runner.Run(ctx, sc, r.seed, o.reps, o.workers, meter.Counter(o.reps))
		meter.Finish(err != nil)
		r.m.End = time.Now()
	}
	if err != nil {
		lock.Unlock()
		if ctx.Err() != nil {
			return nil, nil, cli.Interrupted("nothing written")
		}
		return nil, nil, cli.Work(err)
	}
	return r, lock, nil
}

// runOptions are the arguments and flags of the run command.
type runOptions struct {
	replicateOptions
	noPlots bool   // do not draw figures, tables and report
	series  string // --series: the level of the time series
	formats string // --format: the formats of the tables
}

func newRunCmd(cmdline []string) *cobra.Command {
	o := runOptions{replicateOptions: replicateOptions{args: cmdline}}
	cmd := &cobra.Command{
		Use:   "run [NAME|FILE.toml]",
		Short: "Run the replicates of a scenario and write the results",
		Long:  help("run"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.parse(cmd, args)
			return runRun(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.bind(cmd, 20, "runs/<scenario name>-seed<seed>")
	f := cmd.Flags()
	f.BoolVar(&o.noPlots, "no-plots", false, "draw no figures, tables or report")
	f.StringVar(&o.series, "series", outputs.SeriesOverall.String(), "rows of timeseries.csv: overall (each metric over every zone and group), totals (and by zone and by group), full (every breakdown) or none")
	f.StringVar(&o.formats, "format", outputs.FormatCSV, "formats of the tables: csv, or csv,parquet for a Parquet twin of each")
	return cmd
}

// runRun runs the scenario as o says, writes the run and prints its
// headline table to stdout; the progress bar goes to stderr.
func runRun(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	level, err := outputs.ParseSeries(o.series)
	if err != nil {
		return cli.Usage(fmt.Errorf("--series: %w", err))
	}
	formats, err := outputs.ParseFormats(o.formats)
	if err != nil {
		return cli.Usage(fmt.Errorf("--format: %w", err))
	}
	r, lock, err := runReplicates(ctx, o.replicateOptions, func(sc *scenarios.Scenario, seed uint64) (string, error) {
		return outputs.DefaultRunDir(sc.Name, seed)
	}, stderr)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	r.m.Series, r.m.Formats = level.String(), formats
	res, drawErr, err := report.WriteRun(ctx, r.out, o.force, r.m, r.reps, !o.noPlots && r.sc.Model != "epstein")
	if err != nil && ctx.Err() != nil {
		return cli.Interrupted("nothing written")
	}
	if err != nil {
		return cli.Work(err)
	}
	if err := headline(stdout, r.sc, r.reps); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%d replicates of %s, seed %d, in %s: %s\n",
		o.reps, r.sc.Name, r.seed, r.m.End.Sub(r.start).Round(time.Millisecond), r.out)
	switch {
	case o.noPlots:
	case r.sc.Model == "epstein":
		fmt.Fprintf(stdout, "figures are drawn for the Sahel model; the Epstein model's series are in %s\n", filepath.Join(r.out, outputs.TimeSeriesFile))
	case drawErr != nil:
		return cli.Work(fmt.Errorf("%w (the run is complete in %s: redraw with 'sahelsim plot %s')", drawErr, r.out, r.out))
	default:
		res.Print(stdout, r.out)
	}
	return nil
}

// headline prints the headline table of a run against the report's
// figures (report.Headline).
func headline(w io.Writer, sc *scenarios.Scenario, reps []*outputs.Replicate) error {
	targets, err := validate.LoadTargets("", false)
	if err != nil {
		return err
	}
	return report.Headline(w, sc, reps, targets)
}
