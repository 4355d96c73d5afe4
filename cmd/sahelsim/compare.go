package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

func newCompareCmd() *cobra.Command {
	var reference, out string
	var all bool
	cmd := &cobra.Command{
		Use:   "compare DIR [--reference NAME|POINT] [--out FILE] [--all]",
		Short: "Compare the points of a sweep with a reference, replicate by replicate",
		Long:  help("compare"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), cmd.OutOrStdout(), args[0], reference, out, all)
		},
	}
	f := cmd.Flags()
	f.StringVar(&reference, "reference", "", "reference: a point number or a scenario name (default: the first scenario, or point 0)")
	f.StringVar(&out, "out", "", "CSV file to write (default: DIR/compare.csv)")
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
	only := outputs.HeadlineIndicators()
	if all {
		only = nil
	}
	if err := sweep.PrintComparisons(stdout, t, cs, only); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%d comparisons (95%% confidence intervals, paired by replicate; * excludes 0): %s\n", len(cs), out)
	return nil
}
