package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/progress"
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
		Long:  help("run"),
		Args:  cobra.MaximumNArgs(1),
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
	if err := cli.CheckReps(o.reps, o.workers); err != nil {
		return err
	}
	sc, err := scenarios.Load(o.scenario)
	if err != nil {
		return cli.BadInput(err)
	}
	if err := runner.CheckMemory(sc, o.reps, o.workers, "--reps"); err != nil {
		return cli.BadInput(err)
	}
	seed := sc.Seed
	if o.seedSet {
		seed = o.seed
	}
	out := o.out
	if out == "" {
		if out, err = outputs.DefaultRunDir(sc.Name, seed); err != nil {
			return cli.BadInput(err)
		}
	}
	lock, err := cli.ClaimNew(out, o.force)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	targets, err := evidence.Targets()
	if err != nil {
		return cli.Work(err)
	}

	start := time.Now()
	m, err := outputs.NewManifest(sc, seed, o.reps, outputs.ReadBuild(version, commit), o.args, start)
	if err != nil {
		return cli.Work(err)
	}
	var meter *progress.Meter
	if !o.quiet {
		meter = progress.Bar(stderr, sc.Name, "replicates")
	}
	reps, err := runner.Run(ctx, sc, seed, o.reps, o.workers, meter.Counter(o.reps))
	meter.Finish(err != nil)
	if err != nil && ctx.Err() != nil {
		return cli.Interrupted("nothing written")
	}
	if err != nil {
		return cli.Work(err)
	}
	m.End = time.Now()
	res, drawErr, err := report.WriteRun(ctx, out, o.force, m, reps, !o.noPlots && sc.Model != "epstein")
	if err != nil && ctx.Err() != nil {
		return cli.Interrupted("nothing written")
	}
	if err != nil {
		return cli.Work(err)
	}
	if err := headline(stdout, sc, reps, targets); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%d replicates of %s, seed %d, in %s: %s\n",
		o.reps, sc.Name, seed, m.End.Sub(start).Round(time.Millisecond), out)
	switch {
	case o.noPlots:
	case sc.Model == "epstein":
		fmt.Fprintf(stdout, "figures are drawn for the Sahel model; the Epstein model's series are in %s\n", filepath.Join(out, outputs.TimeSeriesFile))
	case drawErr != nil:
		return cli.Work(fmt.Errorf("%w (the run is complete in %s: redraw with 'sahelsim plot %s')", drawErr, out, out))
	default:
		printReport(stdout, out, res)
	}
	return nil
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

// isTerminal reports whether w is a terminal (progress.IsTerminal).
func isTerminal(w io.Writer) bool { return progress.IsTerminal(w) }
