package validate

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/sahelsim/sahelsim/outputs"
)

// Headline writes the headline table of a run, a view of its validation
// results: for each of outputs.HeadlineIndicators, the mean across
// replicates and the 90 % interval (the 5th and 95th percentiles,
// empirical), and beside it the report's figure, its tolerance band and
// the fit of the result that measures the indicator (see Judge).
// Replicates where an indicator is undefined (NaN: an onset that never
// came, say) are left out of its statistics, and the count of those left
// is shown.
func Headline(w io.Writer, reps []*outputs.Replicate, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "indicator\tmean\t90%% interval\treport\tband\tfit\n")
	for _, name := range outputs.HeadlineIndicators() {
		var vals []float64
		for _, r := range reps {
			if v := r.Value(name); !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		m, lo, hi := outputs.Interval90(vals)
		res := resultOf(results, name)
		scale := max(math.Abs(hi), math.Abs(lo))
		if res != nil {
			scale = max(scale, math.Abs(res.Target.Value))
		}
		format := func(v float64) string { return outputs.FormatNumber(v, scale) }

		mean, interval := "n/a", ""
		if len(vals) > 0 {
			mean = format(m)
			interval = format(lo) + " – " + format(hi)
			if len(vals) < len(reps) {
				mean += fmt.Sprintf(" (%d/%d)", len(vals), len(reps))
			}
		}
		report, band, fit := "", "", ""
		if res != nil {
			t := res.Target
			report = format(t.Value)
			if !math.IsNaN(t.Low) && !math.IsNaN(t.High) {
				band = format(t.Low) + " – " + format(t.High)
			}
			fit = res.Fit.Short()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, mean, interval, report, band, fit)
	}
	return tw.Flush()
}

// resultOf returns the result that measures indicator, or nil.
func resultOf(results []Result, indicator string) *Result {
	for i := range results {
		if results[i].Indicator == indicator && results[i].Fit != NotSimulated {
			return &results[i]
		}
	}
	return nil
}
