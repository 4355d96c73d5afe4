package outputs

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"
)

// A Headline is a main indicator as tables and figures present it.
type Headline struct {
	Name  string // the indicator, a column of summary.csv
	Title string // a short display name, for figures and tables
	// Unit is what it counts or measures: "share" for a share in [0, 1],
	// "ratio", "year", "USD a year", or the thing counted ("events",
	// "fatalities", "fighters", "people").
	Unit string
}

// Headlines returns the main indicators, those the headline table shows
// (internal/validate.Headline), in its order: the indicators that measure
// a figure of the report, then the others. Figures, LaTeX tables,
// comparisons and sensitivity analyses present them with these titles
// and units.
func Headlines() []Headline {
	return []Headline{
		{"jnim_share_events", "JNIM share of events", "share"},
		{"flm_share_jnim_events", "FLM share of JNIM events", "share"},
		{"flm_areas_share_jnim", "JNIM events in FLM areas", "share"},
		{"flm_civilian_share", "FLM civilian targeting", "share"},
		{"north_mali_civilian_share", "Civilian targeting, northern Mali", "share"},
		{"civilian_events_central_share", "Civilian attacks in the centre", "share"},
		{"flm_share_civilian_attacks", "FLM share of civilian attacks", "share"},
		{"surge_ratio", "Surge (last year / first year)", "ratio"},
		{"events_last_year", "Events in the last year", "events"},
		{"fatalities_total", "Fatalities", "fatalities"},
		{"jnim_revenue_usd", "JNIM revenue", "USD a year"},
		{"east_bf_onset_year", "Onset, eastern Burkina Faso", "year"},
		{"southwest_bf_onset_year", "Onset, south-western Burkina Faso", "year"},
		{"fighters_total", "Fighters at the end", "fighters"},
		{"defections", "Defections", "fighters"},
		{"reintegrated", "Reintegrated", "fighters"},
		{"recidivists", "Recidivists", "fighters"},
		{"displaced", "Displaced at the end", "people"},
		{"sustained_presence_share", "Sustained government presence", "share"},
	}
}

// HeadlineIndicators returns the names of the Headlines, in their order.
func HeadlineIndicators() []string {
	hs := Headlines()
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.Name
	}
	return names
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
