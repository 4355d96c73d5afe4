package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/spf13/cobra"

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
		Long: `Compare reads the results of a sweep (DIR/runs.csv) and, for each point
against its reference, gives the difference in each headline indicator, the
mean of the paired differences (replicate r of a point against replicate r of
its reference: they use the same random numbers) with its 95% confidence
interval (Student's t), over the replicates where both are defined.

The reference is a point number, or the name of a scenario of the sweep: each
point is then compared with that scenario's point with the same parameter
values. By default it is the first scenario of a sweep of several scenarios,
point 0 otherwise.

It writes every indicator to DIR/compare.csv (or --out FILE):
reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n
where reference is the reference's point number; and prints the main
indicators (--all: every one) as a table, with * where the interval excludes 0.`,
		Args: cobra.ExactArgs(1),
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
		lock, err := claimExisting(o.dir)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	t, err := sweep.ReadTable(o.dir)
	if err != nil {
		return &badInput{err: err}
	}
	refs, err := t.References(o.reference)
	if err != nil {
		return &badInput{fmt.Errorf("--reference: %w", err), true}
	}
	cs := t.Compare(refs)
	out := o.out
	if out == "" {
		out = filepath.Join(o.dir, sweep.CompareCSV)
	}
	if err := outputs.WriteFileAtomic(ctx, out, func(w io.Writer) error { return outputs.WriteComparisons(w, cs) }); err != nil {
		if ctx.Err() != nil {
			return interrupted("nothing written")
		}
		return work(err)
	}

	main := outputs.HeadlineIndicators()
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	point := -1
	for _, c := range cs {
		if !o.all && !slices.Contains(main, c.Indicator) {
			continue
		}
		if c.Point != point {
			if point >= 0 {
				fmt.Fprintln(tw)
			}
			point = c.Point
			tw.Flush()
			fmt.Fprintf(stdout, "point %d (%s) against point %d (%s):\n", c.Point, t.Label(c.Point), c.Reference, t.Label(c.Reference))
			fmt.Fprintln(tw, "indicator\treference\tmean\tdifference\t95% CI\tn\t")
		}
		sig := ""
		if c.Low > 0 || c.High < 0 {
			sig = "*"
		}
		scale := max(math.Abs(c.ReferenceMean), math.Abs(c.Mean))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", c.Indicator, num(c.ReferenceMean, scale), num(c.Mean, scale),
			num(c.Difference, scale), interval(c.Low, c.High, scale), c.N, sig)
	}
	if err := tw.Flush(); err != nil {
		return work(err)
	}
	fmt.Fprintf(stdout, "\n%d comparisons (95%% confidence intervals, paired by replicate; * excludes 0): %s\n", len(cs), out)
	return nil
}

// num formats v for reading in a row of magnitude scale.
func num(v, scale float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return "n/a"
	case scale >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case scale >= 1000 || a == math.Trunc(a) && scale >= 100:
		return fmt.Sprintf("%.0f", v)
	case scale >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// interval formats a confidence interval.
func interval(lo, hi, scale float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return num(lo, scale) + " – " + num(hi, scale)
}
