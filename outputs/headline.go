package outputs

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/internal/evidence"
)

// headlineRow is a row of the headline table: an indicator and the id of
// the report's figure it is compared with ("" if none).
type headlineRow struct {
	indicator, target string
}

// headlineRows returns the indicators of the headline table, in order.
func headlineRows() []headlineRow {
	return []headlineRow{
		{"jnim_share_events", "jnim_share_events"},
		{"flm_share_jnim_events", "flm_share_jnim_events"},
		{"flm_areas_share_jnim", "flm_areas_share_jnim"},
		{"flm_civilian_share", "flm_civilian_share"},
		{"north_mali_civilian_share", "north_mali_civilian_share"},
		{"civilian_events_central_share", "civilian_events_central_share"},
		{"flm_share_civilian_attacks", "flm_share_civilian_attacks"},
		{"surge_ratio", "surge_ratio"},
		{"events_last_year", "events_last_year"},
		{"fatalities_total", "fatalities"},
		{"jnim_revenue_usd", "jnim_revenue_usd"},
		{"east_bf_onset_year", "east_bf_onset_year"},
		{"southwest_bf_onset_year", "southwest_bf_onset_year"},
		{"fighters_total", ""},
		{"defections", ""},
		{"reintegrated", ""},
		{"recidivists", ""},
		{"displaced", ""},
		{"sustained_presence_share", ""},
	}
}

// Headline writes a short table of the main indicators: for each, the mean
// across replicates, the 90 % interval (the 5th and 95th percentiles,
// empirical), and beside it the report's figure and its tolerance band
// from targets, with whether the mean lies in the band. Replicates where
// an indicator is undefined (NaN: an onset that never came, say) are left
// out of its statistics, and the count of those left is shown.
func Headline(w io.Writer, reps []*Replicate, targets []evidence.Target) error {
	if len(reps) > 0 && slices.Equal(reps[0].Columns, EpsteinColumns()) {
		return epsteinHeadline(w, reps)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "indicator\tmean\t90%% interval\treport\tband\tfit\n")
	for _, row := range headlineRows() {
		var vals []float64
		for _, r := range reps {
			if v := r.Value(row.indicator); !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		m, lo, hi := math.NaN(), math.NaN(), math.NaN()
		if len(vals) > 0 {
			slices.Sort(vals)
			m = stat.Mean(vals, nil)
			lo = stat.Quantile(0.05, stat.Empirical, vals, nil)
			hi = stat.Quantile(0.95, stat.Empirical, vals, nil)
		}
		t, hasTarget := evidence.Find(targets, row.target)
		hasTarget = hasTarget && row.target != ""
		scale := max(math.Abs(hi), math.Abs(lo))
		if hasTarget {
			scale = max(scale, math.Abs(t.Value))
		}
		format := func(v float64) string { return FormatNumber(v, scale) }

		mean, interval := "n/a", ""
		if len(vals) > 0 {
			mean = format(m)
			interval = format(lo) + " – " + format(hi)
			if len(vals) < len(reps) {
				mean += fmt.Sprintf(" (%d/%d)", len(vals), len(reps))
			}
		}
		report, band, fit := "", "", ""
		if hasTarget {
			report = format(t.Value)
			if !math.IsNaN(t.Low) && !math.IsNaN(t.High) {
				band = format(t.Low) + " – " + format(t.High)
				switch {
				case math.IsNaN(m):
				case m < t.Low:
					fit = "low"
				case m > t.High:
					fit = "high"
				default:
					fit = "ok"
				}
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", row.indicator, mean, interval, report, band, fit)
	}
	return tw.Flush()
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

// epsteinHeadline prints the mean and 90 % interval of every headline
// indicator of Epstein's model, which has no report to compare with.
func epsteinHeadline(w io.Writer, reps []*Replicate) error {
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
		slices.Sort(vals)
		lo := stat.Quantile(0.05, stat.Empirical, vals, nil)
		hi := stat.Quantile(0.95, stat.Empirical, vals, nil)
		scale := max(math.Abs(lo), math.Abs(hi))
		fmt.Fprintf(tw, "%s\t%s\t%s – %s\n", name, FormatNumber(stat.Mean(vals, nil), scale), FormatNumber(lo, scale), FormatNumber(hi, scale))
	}
	return tw.Flush()
}
