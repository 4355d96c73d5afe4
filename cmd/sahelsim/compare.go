package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/effects"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

func newCompareCmd() *cobra.Command {
	var reference, out string
	var all bool
	cmd := &cobra.Command{
		Use:   "compare SWEEPDIR | RUNDIR_A RUNDIR_B",
		Short: "Compare the points of a sweep, or two runs, replicate by replicate",
		Long:  help("compare"),
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				if reference != "" {
					return cli.Usage(fmt.Errorf("--reference is for a sweep; of two runs the first is the reference"))
				}
				return compareRuns(cmd.Context(), cmd.OutOrStdout(), args[0], args[1], out, all)
			}
			return runCompare(cmd.Context(), cmd.OutOrStdout(), args[0], reference, out, all)
		},
	}
	f := cmd.Flags()
	f.StringVar(&reference, "reference", "", "reference: a point number or a scenario name (default: the first scenario, or point 0)")
	f.StringVar(&out, "out", "", "CSV file to write (default: a sweep's DIR/compare.csv; none for two runs)")
	f.BoolVar(&all, "all", false, "print every indicator, not only the main ones")
	return cmd
}

// runCompare compares the points of the sweep in dir with reference,
// writes the comparisons to out (default: DIR/compare.csv) and prints
// those of the headline indicators (all: of every one).
func runCompare(ctx context.Context, stdout io.Writer, dir, reference, out string, all bool) error {
	if out == "" { // writes into the sweep's directory
		lock, err := cli.ClaimExisting(dir)
		if err != nil {
			return err
		}
		defer lock.Unlock()
		out = filepath.Join(dir, sweep.CompareCSV)
	}
	if k, err := outputs.Detect(dir); err == nil && k == outputs.RunDir {
		return cli.Usage(fmt.Errorf("%s is a run: compare it with another run, 'sahelsim compare %s OTHERDIR'", dir, dir))
	}
	t, err := sweep.ReadTable(dir)
	if err != nil {
		return cli.BadInput(err)
	}
	refs, err := t.References(reference)
	if err != nil {
		return cli.Usage(fmt.Errorf("--reference: %w", err))
	}
	cs := t.Compare(refs)
	if err := outputs.WriteFileAtomic(ctx, out, func(w io.Writer) error { return outputs.WriteComparisons(w, cs) }); err != nil {
		if ctx.Err() != nil {
			return cli.Interrupted("nothing written")
		}
		return cli.Work(err)
	}
	if effects.IsPosterior(t) { // over the posterior: the effects, not every draw
		if _, err := strconv.Atoi(reference); err == nil {
			return cli.Usage(fmt.Errorf("--reference: a posterior sweep compares scenarios: name one"))
		}
		only := effects.Main()
		if all {
			only = nil
		}
		return cli.Work(effects.ComparePosterior(ctx, stdout, dir, filepath.Dir(out), reference, only))
	}
	only := outputs.HeadlineIndicators()
	if all {
		only = nil
	}
	if err := sweep.PrintComparisons(stdout, t.Label, cs, only); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%d comparisons (95%% confidence intervals, paired by replicate; * excludes 0): %s\n", len(cs), out)
	return nil
}

// compareRuns compares the runs in dirs a (the reference) and b, prints
// the headline indicators' (all: every one) and writes every comparison
// to out, if given.
func compareRuns(ctx context.Context, stdout io.Writer, a, b, out string, all bool) error {
	rc, err := sweep.CompareRuns(a, b)
	if err != nil {
		return cli.BadInput(err)
	}
	if out != "" {
		if err := outputs.WriteFileAtomic(ctx, out, func(w io.Writer) error { return outputs.WriteComparisons(w, rc.Comparisons) }); err != nil {
			return cli.Work(err)
		}
	}
	return cli.Work(rc.Print(stdout, all, out))
}
