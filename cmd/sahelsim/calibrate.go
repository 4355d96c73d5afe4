package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/progress"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/internal/validate"
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
		Long:  help("calibrate"),
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
	return cli.Work(calibrate.Template(stdout, sc, calibrate.DefaultTemplate(o.template, sc, o.spread)))
}

func runCalibrate(ctx context.Context, o calibrateOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	if err := cli.CheckWorkers(o.workers, 0); err != nil {
		return err
	}
	shard, err := shardFlag(o.shard)
	if err != nil {
		return err
	}
	if o.shard != "" && o.next {
		return cli.Usage(errors.New("--shard and --next: give one"))
	}
	targets, err := validate.LoadTargets(o.targets, !o.noPatterns)
	if err != nil {
		return cli.Work(err)
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
		if o.out, err = calibrate.DefaultDir(sw); err != nil {
			return cli.BadInput(err)
		}
	}
	c, err := calibrate.Open(sw, o.out, targets, o.settings, outputs.ReadBuild(version, commit))
	if err != nil {
		return cli.Work(err)
	}
	workers := o.workers
	if workers == 0 {
		workers = sweep.DefaultWorkers(o.getenv)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	opts := calibrate.Options{Workers: workers, Shard: shard, Next: o.next}
	if !o.quiet && !o.next {
		var finish func(bool)
		opts.Log = stderr
		opts.Progress, finish = progress.Stages(stderr, sw.Name, "runs")
		defer finish(false)
	}
	res, err := c.Run(ctx, opts)
	switch {
	case errors.Is(err, context.Canceled):
		return cli.Interrupted("rerun the same command to resume")
	case err != nil:
		return cli.Work(err)
	case res.Pending != "" && o.next:
		fmt.Fprintln(stdout, res.Pending)
		return nil
	case res.Pending != "":
		fmt.Fprintf(stdout, "shard %s of stage %s done; when every shard is, run 'sahelsim merge %s' and then 'sahelsim calibrate' again\n",
			shard, res.Pending, filepath.Dir(res.Pending))
		return nil
	}
	if err := c.WriteOutputs(ctx, res, figures.Paper); err != nil || o.next {
		return cli.Work(err) // with --next, a finished calibration prints nothing
	}
	return cli.Work(c.Print(stdout, res, time.Since(start)))
}
