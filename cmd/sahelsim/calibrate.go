package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot/vg"

	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// calibrateOptions are the arguments and flags of the calibrate command.
type calibrateOptions struct {
	sweepOptions
	accept  float64
	targets string
}

func newCalibrateCmd() *cobra.Command {
	o := calibrateOptions{sweepOptions: sweepOptions{getenv: os.Getenv, series: "none"}}
	cmd := &cobra.Command{
		Use:   "calibrate FILE.toml|NAME --out DIR",
		Short: "Fit a scenario's uncertain parameters to the report's figures (ABC)",
		Long: `Calibrate fits the parameters a calibration file names to the report's
figures by approximate Bayesian computation (rejection ABC).

The calibration file is a sweep file: its base scenario, its parameters with
their ranges as uniform priors, a Latin hypercube or Sobol design (kind = "lhs"
or "sobol", points = N) and a few replicates per point. Calibrate runs it as
'sahelsim sweep' does (in parallel, resumable, and on Slurm through 'sahelsim
slurm' and 'merge': run calibrate again on the merged directory to analyse it),
then measures each point's distance to the targets: the root mean square of
(simulated mean − target) / half the tolerance band, over every target an
indicator measures. The --accept share of closest points is the posterior.

It writes into DIR, beside the sweep's files:
  calibrated.toml            the base scenario with the parameters at the best fit
  calibration/posterior.csv  the accepted points, closest first, and their means
  calibration/parameters.csv prior range, posterior mean, median, 90 % interval, best
  calibration/targets.csv    each target, the best fit's value and the prior range
  calibration/targets.pdf|svg|png  each target against its simulated distribution`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			o.noPlots = true
			return runCalibrate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output directory (default: runs/calibrate-<name>)")
	f.IntVar(&o.workers, "workers", 0, "runs at once (default: the CPUs this process may use)")
	f.StringVar(&o.shard, "shard", "", "run only shard `i/n` of the runs (no analysis)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress")
	f.Float64Var(&o.accept, "accept", 0.1, "share of the points accepted into the posterior")
	f.StringVar(&o.targets, "targets", "", "targets `FILE` (default: the report's figures)")
	return cmd
}

func runCalibrate(ctx context.Context, o calibrateOptions, stdout, stderr io.Writer) error {
	if !(o.accept > 0 && o.accept <= 1) {
		return cli.Usage(fmt.Errorf("--accept %v: want a share in (0, 1]", o.accept))
	}
	targets, err := loadTargets(o.targets)
	if err != nil {
		return err
	}
	sw, err := scenarios.LoadSweep(o.file)
	if err != nil {
		return cli.BadInput(err)
	}
	if o.out == "" {
		if o.out, err = outputs.DefaultDir("calibrate-" + sw.Name); err != nil {
			return cli.BadInput(err)
		}
	}
	if err := runSweep(ctx, o.sweepOptions, stdout, stderr); err != nil {
		return err
	}
	if o.shard != "" {
		return nil // the shards are analysed once merged
	}
	lock, err := cli.ClaimExisting(o.out)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	t, err := sweep.ReadTable(o.out)
	if err != nil {
		return cli.Work(err)
	}
	tgs := calibrate.Targets(targets, t.Indicators)
	fits, err := calibrate.Distances(t, tgs)
	if err != nil {
		return cli.BadInput(err)
	}
	post, err := calibrate.Accept(fits, o.accept)
	if err != nil {
		return cli.BadInput(err)
	}
	dir := filepath.Join(o.out, "calibration")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cli.Work(err)
	}
	summary := calibrate.Summarise(t, post)
	base := sw.Refs[0]
	if _, ok := scenarios.Builtin(base); !ok {
		if abs, err := filepath.Abs(filepath.Join(filepath.Dir(sw.File), base)); err == nil {
			base = abs
		}
	}
	for _, f := range []struct {
		path  string
		write func(io.Writer) error
	}{
		{filepath.Join(dir, "posterior.csv"), func(w io.Writer) error { return calibrate.WritePosterior(w, t, tgs, post) }},
		{filepath.Join(dir, "parameters.csv"), func(w io.Writer) error { return calibrate.WriteSummary(w, summary) }},
		{filepath.Join(dir, "targets.csv"), func(w io.Writer) error { return calibrate.WriteTargets(w, tgs, fits, post) }},
		{filepath.Join(o.out, "calibrated.toml"), func(w io.Writer) error {
			return calibrate.WriteScenario(w, base, sw.Name+"-calibrated", t, post[0])
		}},
	} {
		if err := outputs.WriteFileAtomic(ctx, f.path, f.write); err != nil {
			if ctx.Err() != nil {
				return cli.Interrupted("the sweep is complete; run calibrate again to analyse it")
			}
			return cli.Work(err)
		}
	}
	p, err := calibrate.Plot(tgs, fits, post)
	if err != nil {
		return cli.Work(err)
	}
	for _, ext := range []string{"pdf", "svg", "png"} {
		path := filepath.Join(dir, "targets."+ext)
		wt, err := p.WriterTo(7*vg.Inch, vg.Length(1.2+0.3*float64(len(tgs)))*vg.Inch, ext)
		if err == nil {
			err = outputs.WriteFileAtomic(ctx, path, func(w io.Writer) error { _, err := wt.WriteTo(w); return err })
		}
		if ctx.Err() != nil {
			return cli.Interrupted("the sweep is complete; run calibrate again to analyse it")
		}
		if err != nil {
			return cli.Work(fmt.Errorf("save %s: %w", path, err))
		}
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\nparameter\tprior\tposterior median\t90%% interval\tbest\n")
	for _, s := range summary {
		fmt.Fprintf(tw, "%s\t%g – %g\t%.4g\t%.4g – %.4g\t%s\n", s.Path, s.PriorMin, s.PriorMax, s.Median, s.P05, s.P95, s.Best)
	}
	tw.Flush()
	var b strings.Builder
	for i, tg := range tgs {
		fmt.Fprintf(&b, "  %-30s target %-10g best %.4g\n", tg.ID, tg.Value, post[0].Means[i])
	}
	fmt.Fprintf(stdout, "\nbest of %d points (distance %.3g; %d accepted):\n%s", len(fits), post[0].Distance, len(post), b.String())
	fmt.Fprintf(stdout, "calibrated scenario: %s\n", filepath.Join(o.out, "calibrated.toml"))
	return nil
}
