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

// compareOptions are the arguments and flags of the compare command.
type compareOptions struct {
	dir       string
	reference string
	out       string
	all       bool
}

func newCompareCmd() *cobra.Command {
	var o compareOptions
	cmd := &cobra.Command{
		Use:   "compare DIR [--reference NAME|POINT] [--out FILE] [--all]",
		Short: "Compare the points of a sweep with a reference, replicate by replicate",
		Long:  help("compare"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return runCompare(cmd.Context(), cmd.OutOrStdout(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.reference, "reference", "", "reference: a point number or a scenario name (default: the first scenario, or point 0)")
	f.StringVar(&o.out, "out", "", "CSV file to write (default: DIR/compare.csv)")
	f.BoolVar(&o.all, "all", false, "print every indicator, not only the main ones")
	return cmd
}

// runCompare compares the points of the sweep in o.dir.
func runCompare(ctx context.Context, stdout io.Writer, o compareOptions) error {
	if o.out == "" { // writes into the sweep's directory
		lock, err := cli.ClaimExisting(o.dir)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	t, err := sweep.ReadTable(o.dir)
	if err != nil {
		return cli.BadInput(err)
	}
	refs, err := t.References(o.reference)
	if err != nil {
		return cli.Usage(fmt.Errorf("--reference: %w", err))
	}
	cs := t.Compare(refs)
	out := o.out
	if out == "" {
		out = filepath.Join(o.dir, sweep.CompareCSV)
	}
	if err := outputs.WriteFileAtomic(ctx, out, func(w io.Writer) error { return outputs.WriteComparisons(w, cs) }); err != nil {
		if ctx.Err() != nil {
			return cli.Interrupted("nothing written")
		}
		return cli.Work(err)
	}

	only := outputs.HeadlineIndicators()
	if o.all {
		only = nil
	}
	if err := sweep.PrintComparisons(stdout, t, cs, only); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%d comparisons (95%% confidence intervals, paired by replicate; * excludes 0): %s\n", len(cs), out)
	return nil
}
