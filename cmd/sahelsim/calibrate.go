package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/progress"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
)

// calibrateOptions are the arguments and flags of the calibrate command.
type calibrateOptions struct {
	file       string
	out        string
	workers    int
	shard      string
	next       bool
	quiet      bool
	targets    string
	noPatterns bool
	settings   calibrate.Settings
	getenv     func(string) string

	template string  // a base scenario: print a calibration file of every parameter
	spread   float64 // of the template's ranges

	particlesSet bool // --particles was given
}

func newCalibrateCmd() *cobra.Command {
	o := calibrateOptions{settings: calibrate.DefaultSettings(), getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "calibrate FILE.toml|NAME --out DIR",
		Short: "Fit a scenario's uncertain parameters to the report's figures and the ACLED patterns (screening, then ABC-SMC)",
		Long: `Calibrate fits the parameters a calibration file names to the report's figures
and to the patterns of real events in the training window (January 2017 to
June 2019, aggregated from ACLED data), by approximate Bayesian computation.

The calibration file is a sweep file: its base scenario, its parameters with
numeric ranges { min, max } as uniform priors, replicates per particle and a
seed. Its design says where to start:

  kind = "morris", points = r   screening first: Morris elementary effects of
                                every parameter on the distance to the
                                targets (r trajectories, --screen-replicates
                                replicates a point, which measure the noise);
                                the parameters whose effect μ* reaches twice
                                the noise floor and --screen-keep of the
                                largest, at most --max-parameters, go on;
                                generation 0 is then a Sobol sample of
                                --particles points
  kind = "sobol" or "lhs"       no screening: generation 0 is this sample of
                                the prior, its points the particles

then the sequential method, adaptive ABC-SMC with MCMC moves (Del Moral,
Doucet and Jasra 2012): at each generation the --keep share of the particles
closest to the targets sets the tolerance; every particle is replaced by one
of them, picked at random, moved one step of a Gaussian random walk, and the
move kept if its run is within the tolerance (and it passes the prior's
Metropolis-Hastings test), else the particle stays; it stops when fewer than
--min-acceptance of the moves are kept, or before the --budget of simulations
would be exceeded; then a posterior predictive
check runs --check draws of the posterior. The distance is the root of the
weighted mean of the squared standardised errors, (simulated mean − centre of
the band) / half its width, each kind of target weighing the same
(internal/calibrate).

Every stage is a sweep directory inside DIR (screening, generations/NNN, check)
with its own sweep file, run by the sweep machinery: in parallel, resumable
(Ctrl-C, kill -9: rerun the same command), byte-identical whatever the
workers. On a cluster, --next prepares the next stage and prints its sweep
file without running it (merging the stage before): run it with 'sahelsim
slurm FILE --out DIR --series none', then call --next again (README.md gives a
job script that chains the stages). --shard i/n runs one shard of the current
stage.

It writes into DIR:
  calibration/posterior.csv    the posterior sample: draw, weight, distance,
                               generation, particle, one column per parameter
                               (a sweep draws from it: kind = "points",
                               file = …, draws = N)
  calibration/parameters.csv   prior range, posterior mean, median, 90 % interval
  calibration/targets.csv      the fit of every target: population and
                               posterior predictive mean and 90 % band, within
  calibration/generations.csv  runs, simulations, tolerance, acceptance, distinct
  calibration/screening.csv    Morris effects on the distance, by kind
  calibration/figures/         the posterior predictive fit of each kind of
                               target and the parameters' posterior
  calibrated.toml              the base scenario at the posterior medians
  calibration.json             the method, settings, stages and simulations

--template NAME|FILE prints a calibration file of every numeric parameter of
that scenario (not the levers, the map, the calendar or the zones), each over
its default × (1 ± --spread) within the values it allows, with a Morris
screening design: the start of a calibration of a new edition of the model.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.template != "" {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.template != "" {
				return runTemplate(o, cmd.OutOrStdout())
			}
			o.file = args[0]
			o.particlesSet = cmd.Flags().Changed("particles")
			return runCalibrate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output directory (default: runs/calibrate-<name>)")
	f.IntVar(&o.workers, "workers", 0, "runs at once (default: the CPUs this process may use)")
	f.StringVar(&o.shard, "shard", "", "run only shard `i/n` of the current stage, then stop")
	f.BoolVar(&o.next, "next", false, "prepare the next stage without running it and print its sweep file (nothing once finished)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress")
	f.StringVar(&o.targets, "targets", "", "targets `FILE` replacing the report's figures (default: the report's)")
	f.BoolVar(&o.noPatterns, "no-patterns", false, "fit the report's figures only, not the ACLED patterns")
	f.StringVar(&o.template, "template", "", "print a calibration file over every numeric parameter of `SCENARIO`, and stop")
	f.Float64Var(&o.spread, "spread", 0.5, "with --template: each range is the default × (1 ± spread)")
	s := &o.settings
	f.IntVar(&s.Particles, "particles", s.Particles, "particles of a generation, after a screening (else the points of the file's design)")
	f.Float64Var(&s.Keep, "keep", s.Keep, "share of the particles alive at each generation: the closest, which set the tolerance")
	f.Float64Var(&s.MinAcceptance, "min-acceptance", s.MinAcceptance, "stop when fewer moves than this share are accepted")
	f.IntVar(&s.Budget, "budget", s.Budget, "most simulations of the sequential method, generation 0 included")
	f.Float64Var(&s.ScreenKeep, "screen-keep", s.ScreenKeep, "keep the parameters whose μ* reaches this share of the largest")
	f.IntVar(&s.MaxParameters, "max-parameters", s.MaxParameters, "keep at most this many parameters after the screening")
	f.IntVar(&s.ScreenReplicates, "screen-replicates", s.ScreenReplicates, "replicates of each point of the screening (2 or more measure the noise)")
	f.IntVar(&s.Check, "check", s.Check, "posterior draws simulated for the posterior predictive check (0: none)")
	return cmd
}

// runTemplate prints the template of a calibration of o.template.
func runTemplate(o calibrateOptions, stdout io.Writer) error {
	sc, err := scenarios.Load(o.template)
	if err != nil {
		return cli.BadInput(err)
	}
	spec := calibrate.TemplateSpec{Name: "calibrate_" + sc.Name, Scenario: o.template, Spread: o.spread, Trajectories: 10, Replicates: 1, Seed: 2020}
	if err := calibrate.Template(stdout, sc, spec); err != nil {
		return cli.Usage(err)
	}
	return nil
}

// calibrationTargets returns the targets of a calibration: the report's
// figures (or the file path's), and the patterns unless noPatterns.
func calibrationTargets(path string, noPatterns bool) ([]evidence.Target, error) {
	targets, err := loadTargets(path)
	if err != nil {
		return nil, err
	}
	if !noPatterns {
		pt, err := evidence.PatternTargets()
		if err != nil {
			return nil, cli.Work(err)
		}
		targets = append(targets, pt...)
	}
	return targets, nil
}

func runCalibrate(ctx context.Context, o calibrateOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	if o.workers < 0 {
		return cli.Usage(fmt.Errorf("--workers %d: want at least 1", o.workers))
	}
	shard, err := shardFlag(o.shard)
	if err != nil {
		return err
	}
	if o.shard != "" && o.next {
		return cli.Usage(errors.New("--shard and --next: give one"))
	}
	targets, err := calibrationTargets(o.targets, o.noPatterns)
	if err != nil {
		return err
	}
	sw, err := scenarios.LoadSweep(o.file)
	if err != nil {
		return cli.BadInput(err)
	}
	if o.particlesSet && sw.Design.Kind != scenarios.Morris {
		return cli.Usage(fmt.Errorf("--particles: %s has a %s design of %d points, the particles of generation 0; --particles is for a morris (screening) design",
			o.file, sw.Design.Kind, sw.Design.Points))

	}
	if o.out == "" {
		if o.out, err = outputs.DefaultDir("calibrate-" + sw.Name); err != nil {
			return cli.BadInput(err)
		}
	}
	c, err := calibrate.Open(sw, o.out, targets, o.settings, outputs.ReadBuild(version, commit))
	if err != nil {
		if errors.Is(err, calibrate.ErrOtherCalibration) || !errors.Is(err, os.ErrPermission) && !errors.Is(err, os.ErrNotExist) {
			return cli.BadInput(err)
		}
		return cli.Work(err)
	}
	workers := o.workers
	if workers == 0 {
		workers = sweep.DefaultWorkers(o.getenv)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	opts := calibrate.Options{Workers: workers, Shard: shard, Next: o.next}
	if !o.quiet && !o.next {
		opts.Log = stderr
	}
	if !o.quiet && !o.next && progress.IsTerminal(stderr) {
		var p *progress.Meter
		current := ""
		opts.Progress = func(stage string, done, total int) {
			if stage != current {
				if p != nil {
					p.Finish(false)
				}
				current, p = stage, progress.Bar(stderr, sw.Name+" "+stage, "runs")
			}
			p.Update(done, total)
		}
		defer func() {
			if p != nil {
				p.Finish(false)
			}
		}()
	}
	res, err := c.Run(ctx, opts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return cli.Work(errors.New("interrupted: rerun the same command to resume"))
		}
		if errors.Is(err, calibrate.ErrOtherCalibration) || errors.Is(err, sweep.ErrOtherSweep) || errors.Is(err, sweep.ErrNotSweep) {
			return cli.BadInput(err)
		}
		return cli.Work(err)
	}
	if res.Pending != "" {
		if o.next {
			fmt.Fprintln(stdout, res.Pending)
			return nil
		}
		fmt.Fprintf(stdout, "shard %s of stage %s done; when every shard is, run 'sahelsim merge %s' and then 'sahelsim calibrate' again\n",
			shard, res.Pending, filepath.Dir(res.Pending))
		return nil
	}
	if err := c.WriteOutputs(ctx, res, figures.Paper); err != nil {
		return cli.Work(err)
	}
	if o.next {
		return nil // finished: nothing more to run
	}
	return printCalibration(stdout, c, res, time.Since(start))
}

// printCalibration prints the result of a finished calibration.
func printCalibration(w io.Writer, c *calibrate.Calibration, res *calibrate.Result, elapsed time.Duration) error {
	if s := res.Screening; s != nil {
		fmt.Fprintf(w, "screening: %d of %d parameters kept (μ* of the distance at least %g of the largest and %d times the noise floor %.3g, at most %d)\n",
			len(s.Kept), len(s.Factors), c.Settings.ScreenKeep, calibrate.NoiseFactor, s.NoiseFloor, c.Settings.MaxParameters)
	}
	pop := res.Population
	fmt.Fprintf(w, "\nposterior: %d particles (%d distinct) of generation %d, %.3f of its moves accepted\n",
		len(pop.Particles), pop.Distinct(), pop.Generation, pop.Acceptance)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "parameter\tprior\tposterior median\t90%% interval\n")
	for _, s := range res.Summaries() {
		fmt.Fprintf(tw, "%s\t%g – %g\t%.4g\t%.4g – %.4g\n", s.Path, s.PriorMin, s.PriorMax, s.Median, s.P05, s.P95)
	}
	tw.Flush()
	what := "posterior predictive check"
	if res.Check == nil {
		what = "final population"
	}
	fmt.Fprintf(w, "\nTargets met (%s mean within the band):\n", what)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	met, judged := 0, 0
	for _, kc := range calibrate.Counts(res.Fits()) {
		fmt.Fprintf(tw, "  %s\t%d of %d\n", evidence.KindTitle(kc.Kind), kc.Met, kc.Judged)
		if kc.Kind != evidence.KindReport {
			met, judged = met+kc.Met, judged+kc.Judged
		}
	}
	if judged > 0 {
		fmt.Fprintf(tw, "  training-window patterns\t%d of %d\n", met, judged)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d simulations", res.Simulations)
	for _, s := range res.Stages {
		if s.Name == "screening" || s.Name == "check" {
			fmt.Fprintf(w, " (%s %d)", s.Name, s.Runs)
		}
	}
	fmt.Fprintf(w, " in %s: %s\n", elapsed.Round(time.Millisecond), filepath.Join(c.Dir, calibrate.OutputDir))
	fmt.Fprintf(w, "calibrated scenario: %s\n", filepath.Join(c.Dir, calibrate.ScenarioFile))
	if judged > 0 {
		fmt.Fprintf(w, "ACLED patterns: %s\n", evidence.ACLEDAttribution)
	}
	return nil
}
