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
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
)

// validateOptions are the arguments and flags of the validate command.
type validateOptions struct {
	replicateOptions
	targets  string // a targets file; "" for the report's
	patterns bool   // validate the training-window patterns too
	noPlots  bool
}

func newValidateCmd(cmdline []string) *cobra.Command {
	o := validateOptions{replicateOptions: replicateOptions{args: cmdline}}
	cmd := &cobra.Command{
		Use:   "validate [NAME|FILE.toml]",
		Short: "Compare a scenario's replicates with the report's figures and the ACLED patterns",
		Long:  help("validate"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.parse(cmd, args)
			return runValidate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.bind(cmd, 50, "runs/validation-<scenario name>")
	f := cmd.Flags()
	f.StringVar(&o.targets, "targets", "", "targets `file` (default: the report's figures)")
	f.BoolVar(&o.noPlots, "no-plots", false, "draw no figures")
	var noPatterns bool
	f.BoolVar(&noPatterns, "no-patterns", false, "check the report's figures only, not the ACLED patterns of the training window")
	cmd.PreRun = func(*cobra.Command, []string) { o.patterns = !noPatterns }
	return cmd
}

// runValidate runs the scenario as o says, writes the validation and
// prints its table to stdout; the progress bar goes to stderr.
func runValidate(ctx context.Context, o validateOptions, stdout, stderr io.Writer) error {
	targets, err := validate.LoadTargets(o.targets, o.patterns)
	if err != nil {
		return cli.Work(err)
	}
	r, lock, err := runReplicates(ctx, o.replicateOptions, func(sc *scenarios.Scenario, _ uint64) (string, error) {
		name := sc.Name
		if name == "" {
			name = "scenario"
		}
		return outputs.DefaultDir("validation-" + name)
	}, stderr)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	results, err := validate.Check(r.sc, r.reps, targets, o.patterns)
	if err != nil {
		return cli.Work(err)
	}
	var figs []*figures.Figure
	if !o.noPlots {
		figs = validate.Figures(results, fmt.Sprintf("%d replicates", o.reps), figures.Paper)
	}
	if err := validate.WriteDir(ctx, r.out, o.force, r.m, results, figs); err != nil {
		if ctx.Err() != nil {
			return cli.Interrupted("nothing written")
		}
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
		o.reps, r.sc.Name, r.seed, r.m.End.Sub(r.start).Round(time.Millisecond), filepath.Join(r.out, validate.File))
	if o.patterns {
		fmt.Fprintf(stdout, "ACLED patterns: %s\n", evidence.ACLEDAttribution)
	}
	return nil
}
