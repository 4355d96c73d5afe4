package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// defaultScenario is what run runs when no scenario is named.
const defaultScenario = "baseline"

// runOptions are the arguments and flags of the run command.
type runOptions struct {
	scenario string
	seed     uint64
	seedSet  bool // --seed was given
	reps     int
	workers  int
	out      string
	force    bool
	quiet    bool
	noPlots  bool     // do not draw figures, tables and report
	args     []string // the command line, for the manifest
}

func newRunCmd(cmdline []string) *cobra.Command {
	o := runOptions{args: cmdline}
	cmd := &cobra.Command{
		Use:   "run [NAME|FILE.toml]",
		Short: "Run the replicates of a scenario and write the results",
		Long: `Run runs the replicates of a scenario: a built-in one by name (see
'sahelsim scenarios') or a scenario file; the baseline if none is given.

It writes summary.csv (one row of headline indicators per replicate),
timeseries.csv, events.csv and manifest.json into a new directory, by default
runs/<scenario name>-seed<seed>, and prints the headline indicators, their
mean and 90% interval across replicates, beside the report's figures.

It also draws the run's figures into figures/, its LaTeX tables into tables/
and report.html, as 'sahelsim plot' does, unless --no-plots. Everything is
written into a temporary directory beside DIR (.sahelsim-tmp-*) and renamed
into place once complete, so DIR holds the whole run or nothing new. If the
drawing fails the run's data are kept: redraw them with 'sahelsim plot DIR'.

An existing output directory is never overwritten without --force, and
--force replaces only a directory whose manifest shows sahelsim wrote it and
that holds only files sahelsim wrote; anything else is refused and left
untouched. A second process writing the same directory fails at once (its
lock, DIR/.sahelsim.lock). SIGINT or SIGTERM stop the run within a second
and exit 130 or 143; an interrupted or failed run leaves nothing behind.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.scenario = defaultScenario
			if len(args) == 1 {
				o.scenario = args[0]
			}
			o.seedSet = cmd.Flags().Changed("seed")
			return runRun(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&o.seed, "seed", 0, "base random seed (default: the scenario's seed)")
	f.IntVar(&o.reps, "reps", 20, "number of replicates")
	f.IntVar(&o.workers, "workers", sim.Workers(), "replicates run in parallel")
	f.StringVar(&o.out, "out", "", "output directory (default: runs/<scenario name>-seed<seed>)")
	f.BoolVar(&o.force, "force", false, "replace the output directory if it exists")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress bar")
	f.BoolVar(&o.noPlots, "no-plots", false, "draw no figures, tables or report")
	return cmd
}

// runRun runs the scenario as o says, writes the run and prints its
// headline table to stdout; the progress bar goes to stderr.
func runRun(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	if err := checkCounts(o.reps, o.workers); err != nil {
		return err
	}
	sc, err := scenarios.Load(o.scenario)
	if err != nil {
		return &badInput{err: err}
	}
	if err := runner.CheckMemory(sc, o.reps, o.workers, "--reps"); err != nil {
		return &badInput{err: err}
	}
	seed := sc.Seed
	if o.seedSet {
		seed = o.seed
	}
	out := o.out
	if out == "" {
		name := sc.Name
		if name == "" {
			name = "scenario"
		}
		if out, err = outputs.DefaultDir(fmt.Sprintf("%s-seed%d", name, seed)); err != nil {
			return &badInput{err: err}
		}
	}
	lock, err := claimOut(out, o.force)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	targets, err := evidence.Targets()
	if err != nil {
		return work(err)
	}

	start := time.Now()
	m, err := outputs.NewManifest(sc, seed, o.reps, outputs.ReadBuild(version, commit), o.args, start)
	if err != nil {
		return work(err)
	}
	var (
		bar      *progressbar.ProgressBar
		progress func(int)
	)
	if !o.quiet && isTerminal(stderr) {
		bar = progressbar.NewOptions(o.reps,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(fmt.Sprintf("%s: replicates", sc.Name)),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
		bar.RenderBlank()
		progress = func(done int) { bar.Set(done) }
	}
	reps, err := runner.Run(ctx, sc, seed, o.reps, o.workers, progress)
	if bar != nil {
		if err != nil {
			bar.Exit() // keep the bar as it stopped, and end its line
			fmt.Fprintln(stderr)
		} else {
			bar.Finish()
		}
	}
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return interrupted("nothing written")
		case errors.Is(err, runner.ErrModel):
			return &badInput{err: err}
		}
		return work(err)
	}
	m.End = time.Now()
	// The figures, tables and report are drawn into the run's temporary
	// directory, so that the run is in place whole, or not at all. A
	// drawing that fails (not an interruption) leaves the run's data.
	var res *report.Result
	var drawErr error
	draw := func(tmp string) error {
		if o.noPlots || sc.Model == "epstein" {
			return nil
		}
		res, drawErr = report.WriteContext(ctx, tmp, report.Options{Shown: out})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return nil
	}
	if err := outputs.WriteRunContext(ctx, out, o.force, m, reps, draw); err != nil {
		if ctx.Err() != nil {
			return interrupted("nothing written")
		}
		return work(err)
	}
	if err := headline(stdout, sc, reps, targets); err != nil {
		return work(err)
	}
	fmt.Fprintf(stdout, "\n%d replicates of %s, seed %d, in %s: %s\n",
		o.reps, sc.Name, seed, m.End.Sub(start).Round(time.Millisecond), out)
	switch {
	case o.noPlots:
	case sc.Model == "epstein":
		fmt.Fprintf(stdout, "figures are drawn for the Sahel model; the Epstein model's series are in %s\n", filepath.Join(out, outputs.TimeSeriesFile))
	case drawErr != nil:
		return work(fmt.Errorf("%w (the run is complete in %s: redraw with 'sahelsim plot %s')", drawErr, out, out))
	default:
		printReport(stdout, out, res)
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// headline prints the headline table of a run: a view of its validation
// against targets (validate.Headline), or for Epstein's model, which has
// no report to compare with, the indicators alone.
func headline(w io.Writer, sc *scenarios.Scenario, reps []*outputs.Replicate, targets []evidence.Target) error {
	if sc.Model == "epstein" {
		return outputs.EpsteinHeadline(w, reps)
	}
	ms, err := validate.DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		return err
	}
	results, err := validate.Validate(reps, targets, ms)
	if err != nil {
		return err
	}
	return validate.Headline(w, reps, results)
}
