package outputs

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"
)

// HeadlineIndicators returns the names of the main indicators, those the
// headline table shows (internal/validate.Headline), in its order: the
// indicators that measure a figure of the report, then the others.
func HeadlineIndicators() []string {
	return []string{
		"jnim_share_events",
		"flm_share_jnim_events",
		"flm_areas_share_jnim",
		"flm_civilian_share",
		"north_mali_civilian_share",
		"civilian_events_central_share",
		"flm_share_civilian_attacks",
		"surge_ratio",
		"events_last_year",
		"fatalities_total",
		"jnim_revenue_usd",
		"east_bf_onset_year",
		"southwest_bf_onset_year",
		"fighters_total",
		"defections",
		"reintegrated",
		"recidivists",
		"displaced",
		"sustained_presence_share",
	}
}

// FormatNumber formats v for reading, in a row whose largest magnitude
// is scale: in millions ("26.5M") if scale reaches a million, large and
// whole numbers without decimals, others with three significant digits.
// The headline and validation tables share it.
func FormatNumber(v, scale float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "n/a"
	case scale >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case a >= 1e4 || a == math.Trunc(a):
		return fmt.Sprintf("%.0f", v)
	case a >= 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// EpsteinHeadline prints the mean and 90 % interval of every headline
// indicator of Epstein's model, which has no report to compare with.
func EpsteinHeadline(w io.Writer, reps []*Replicate) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "indicator\tmean\t90%% interval\n")
	for _, name := range EpsteinColumns() {
		var vals []float64
		for _, r := range reps {
			if v := r.Value(name); !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			fmt.Fprintf(tw, "%s\tn/a\t\n", name)
			continue
		}
		m, lo, hi := Interval90(vals)
		scale := max(math.Abs(lo), math.Abs(hi))
		fmt.Fprintf(tw, "%s\t%s\t%s – %s\n", name, FormatNumber(m, scale), FormatNumber(lo, scale), FormatNumber(hi, scale))
	}
	return tw.Flush()
}

// Interval90 returns the mean of vals and their 90 % interval, the
// empirical 5th and 95th percentiles; NaN for no values. vals is sorted.
func Interval90(vals []float64) (mean, low, high float64) {
	if len(vals) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	slices.Sort(vals)
	return stat.Mean(vals, nil), stat.Quantile(0.05, stat.Empirical, vals, nil), stat.Quantile(0.95, stat.Empirical, vals, nil)
}
