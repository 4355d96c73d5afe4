package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// validateOptions are the arguments and flags of the validate command.
type validateOptions struct {
	scenario string
	targets  string // a targets file; "" for the report's
	seed     uint64
	seedSet  bool
	reps     int
	workers  int
	out      string
	force    bool
	quiet    bool
	patterns bool // validate the training-window patterns too
	noPlots  bool
	args     []string // the command line, for the manifest
}

func newValidateCmd(cmdline []string) *cobra.Command {
	o := validateOptions{args: cmdline}
	cmd := &cobra.Command{
		Use:   "validate [NAME|FILE.toml]",
		Short: "Compare a scenario's replicates with the report's figures and the ACLED patterns",
		Long: `Validate runs the replicates of a scenario (the baseline if none is named)
and compares them with the report's figures: for every target, the report's
value and tolerance band, the simulated mean across replicates and its 95%
confidence interval (Student t), whether the mean lies within the band ("fit":
ok, low or high) and whether the interval meets it, and the start of the
report's sentence.

Beside the report's figures it checks the patterns of real militant Islamist
events in the training window, January 2017 to June 2019 (aggregated from
ACLED data, shipped in internal/evidence): events and fatalities per
half-year, per country and per zone, the label mix per country and year, the
event-class mix per zone, the distribution of fatalities per event and
growth. The simulated side is counted as ACLED counts: only events whose
observed label names a militant actor, their types mapped to ACLED's as
'sahelsim acled export' maps them, in the area and window of the data. Each
pattern's band is the noise of counts (Poisson, binomial) widened by a stated
allowance (internal/evidence). It prints a table per kind of target and how
many of each kind are met, and draws each observed series against the
simulated band (figures/patterns_<kind>.pdf, .svg, .png). --no-patterns
checks the report's figures only.

--targets FILE replaces the report's figures with a file of the same columns
(id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report):
rows whose id is one of the report's, or a column of summary.csv, are
validated; others are listed as not simulated.

It writes validation.csv (id, what, target, low, high, mean, ci_low, ci_high,
within, then indicator, n, ci_overlaps, quote_from_report, kind, sim_p05,
sim_p95), manifest.json and figures/ into a new directory, by default
runs/validation-<scenario name>.

Missing a target is a result, not an error: the exit code is 0 whatever the
fit, 2 for bad input (a scenario, a targets file, a flag, an existing output
directory without --force).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.scenario = defaultScenario
			if len(args) == 1 {
				o.scenario = args[0]
			}
			o.seedSet = cmd.Flags().Changed("seed")
			return runValidate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.reps, "reps", 50, "number of replicates")
	f.StringVar(&o.out, "out", "", "output directory (default: runs/validation-<scenario name>)")
	f.StringVar(&o.targets, "targets", "", "targets `file` (default: the report's figures)")
	f.Uint64Var(&o.seed, "seed", 0, "base random seed (default: the scenario's seed)")
	f.IntVar(&o.workers, "workers", sim.Workers(), "replicates run in parallel")
	f.BoolVar(&o.force, "force", false, "replace the output directory if it exists")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress bar")
	f.BoolVar(&o.noPlots, "no-plots", false, "draw no figures")
	var noPatterns bool
	f.BoolVar(&noPatterns, "no-patterns", false, "check the report's figures only, not the ACLED patterns of the training window")
	cmd.PreRun = func(*cobra.Command, []string) { o.patterns = !noPatterns }
	return cmd
}

// runValidate runs the scenario as o says, writes the validation and
// prints its table to stdout; the progress bar goes to stderr.
func runValidate(ctx context.Context, o validateOptions, stdout, stderr io.Writer) error {
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
	targets, err := loadTargets(o.targets)
	if err != nil {
		return err
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
		if out, err = outputs.DefaultDir("validation-" + name); err != nil {
			return cli.BadInput(err)
		}
	}
	lock, err := cli.ClaimNew(out, o.force)
	if err != nil {
		return err
	}
	defer lock.Unlock()

	start := time.Now()
	m, err := outputs.NewManifest(sc, seed, o.reps, outputs.ReadBuild(version, commit), o.args, start)
	if err != nil {
		return cli.Work(err)
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
			progressbar.OptionClearOnFinish(),
		)
		bar.RenderBlank()
		progress = func(done int) { bar.Set(done) }
	}
	reps, err := runner.Run(ctx, sc, seed, o.reps, o.workers, progress)
	if bar != nil {
		if err != nil {
			bar.Exit()
			fmt.Fprintln(stderr)
		} else {
			bar.Finish()
		}
	}
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return cli.Interrupted("nothing written")
		case errors.Is(err, runner.ErrModel):
			return cli.BadInput(err)
		}
		return cli.Work(err)
	}
	measures, err := validate.DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		return cli.Work(err)
	}
	if o.patterns {
		pt, err := evidence.PatternTargets()
		if err != nil {
			return cli.Work(err)
		}
		targets = append(targets, pt...)
		pm, err := validate.PatternMeasures(sc, reps)
		if err != nil {
			return cli.Work(err)
		}
		maps.Copy(measures, pm)
	}
	results, err := validate.Validate(reps, targets, measures)
	if err != nil {
		return cli.Work(err)
	}
	var figs []*figures.Figure
	if !o.noPlots {
		figs = validate.Figures(results, fmt.Sprintf("%d replicates", o.reps), figures.Paper)
	}
	m.End = time.Now()
	if err := validate.WriteDir(ctx, out, o.force, m, results, figs); err != nil {
		return cli.Work(err)
	}
	if err := validate.Print(stdout, results); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\nTargets met (the simulated mean within the band):\n")
	if err := validate.PrintCounts(stdout, validate.Count(results)); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "%d replicates of %s, seed %d, in %s: %s\n",
		o.reps, sc.Name, seed, m.End.Sub(start).Round(time.Millisecond), filepath.Join(out, validate.File))
	if o.patterns {
		fmt.Fprintf(stdout, "ACLED patterns: %s\n", evidence.ACLEDAttribution)
	}
	return nil
}

// loadTargets reads the targets file path, or the report's figures if path
// is empty. A missing or malformed file is bad input.
func loadTargets(path string) ([]evidence.Target, error) {
	if path == "" {
		t, err := evidence.Targets()
		if err != nil {
			return nil, cli.Work(err)
		}
		return t, nil
	}
	f, err := input.OpenCSV(path, input.MaxTable)
	if err != nil {
		return nil, cli.BadInput(fmt.Errorf("--targets: %w", err))
	}
	defer f.Close()
	t, err := evidence.ReadTargets(f)
	if err != nil {
		return nil, cli.BadInput(fmt.Errorf("%s: %w", path, err))
	}
	return t, nil
}
