package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// A Table is a table of the report, in plain text cells: the headline
// indicators or the policy comparison. LaTeX and HTML escape the cells.
type Table struct {
	Name    string   // file name without extension: "headline", "compare"
	Caption string   // what the table shows
	Columns []string // column heads
	Align   string   // LaTeX column alignment, one letter per column: "lrrr"
	Rows    [][]string
	// Breaks are the indices of rows preceded by a rule (\midrule), to
	// group rows.
	Breaks []int
}

// targetOf maps headline indicators to the ids of the report's figures
// they are compared with, as outputs.Headline does.
var targetOf = map[string]string{
	"jnim_share_events":             "jnim_share_events",
	"flm_share_jnim_events":         "flm_share_jnim_events",
	"flm_areas_share_jnim":          "flm_areas_share_jnim",
	"flm_civilian_share":            "flm_civilian_share",
	"north_mali_civilian_share":     "north_mali_civilian_share",
	"civilian_events_central_share": "civilian_events_central_share",
	"flm_share_civilian_attacks":    "flm_share_civilian_attacks",
	"surge_ratio":                   "surge_ratio",
	"events_last_year":              "events_last_year",
	"fatalities_total":              "fatalities",
	"jnim_revenue_usd":              "jnim_revenue_usd",
	"east_bf_onset_year":            "east_bf_onset_year",
	"southwest_bf_onset_year":       "southwest_bf_onset_year",
}

// isShare reports whether indicator name is a share in [0, 1], shown as a
// percentage.
func isShare(name string) bool {
	return strings.Contains(name, "_share")
}

// isYear reports whether indicator name is a calendar year.
func isYear(name string) bool {
	return strings.HasSuffix(name, "_year") && !strings.HasSuffix(name, "last_year")
}

// number formats v for a table row whose largest magnitude is scale:
// shares as percentages with one decimal, years as years, millions as
// "26.5M", large numbers with thousands separated, others with three
// significant digits.
func number(name string, v, scale float64) string {
	s := formatNumber(name, v, scale)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "−" + rest // a minus sign, not a hyphen
	}
	return s
}

func formatNumber(name string, v, scale float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "n/a"
	case isShare(name):
		return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
	case isYear(name) && a == math.Trunc(a):
		return strconv.FormatFloat(v, 'f', 0, 64)
	case isYear(name): // a mean of years
		return strconv.FormatFloat(v, 'f', 1, 64)
	case scale >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M"
	case a >= 1000 || a == math.Trunc(a):
		return thousands(math.Round(v))
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// thousands formats the integer v with commas between thousands.
func thousands(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// stats returns the mean of vals and their 5th and 95th percentiles
// (empirical), and how many were not NaN.
func stats(vals []float64) (mean, lo, hi float64, n int) {
	var v []float64
	for _, x := range vals {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), math.NaN(), 0
	}
	slices.Sort(v)
	return stat.Mean(v, nil), stat.Quantile(0.05, stat.Empirical, v, nil), stat.Quantile(0.95, stat.Empirical, v, nil), len(v)
}

// HeadlineTable returns the headline table of d. For a run: each headline
// indicator's mean across replicates, its 90 % interval (5th–95th
// percentile), the report's figure and tolerance band and whether the mean
// lies in it, as outputs.Headline prints it. For a sweep: the main
// indicators' means (and 90 % intervals) at each point.
func HeadlineTable(d *figures.Data, targets []evidence.Target) *Table {
	if d.Kind == figures.SweepDir {
		return sweepHeadline(d)
	}
	t := &Table{
		Name: "headline",
		Caption: fmt.Sprintf("Headline indicators of %s: mean of %d replicates and 90%% interval (5th–95th percentile), beside the report's figure and tolerance band.",
			d.Name(), d.Replicates()),
		Columns: []string{"Indicator", "Mean", "90% interval", "Report", "Band", "Fit"},
		Align:   "lrrrrl",
	}
	for _, name := range figures.HeadlineIndicators() {
		vals := d.Summary.Column(name)
		if vals == nil {
			continue
		}
		m, lo, hi, n := stats(vals)
		tg, hasTarget := evidence.Find(targets, targetOf[name])
		hasTarget = hasTarget && targetOf[name] != ""
		scale := max(math.Abs(lo), math.Abs(hi))
		if hasTarget {
			scale = max(scale, math.Abs(tg.Value))
		}
		f := func(v float64) string { return number(name, v, scale) }
		row := []string{figures.IndicatorTitle(name), "n/a", "", "", "", ""}
		if n > 0 {
			row[1] = f(m)
			if n < len(vals) {
				row[1] += fmt.Sprintf(" (%d/%d)", n, len(vals))
			}
			row[2] = f(lo) + " – " + f(hi)
		}
		if hasTarget {
			row[3] = f(tg.Value)
			if !math.IsNaN(tg.Low) && !math.IsNaN(tg.High) {
				row[4] = f(tg.Low) + " – " + f(tg.High)
				switch {
				case math.IsNaN(m):
				case m < tg.Low:
					row[5] = "low"
				case m > tg.High:
					row[5] = "high"
				default:
					row[5] = "ok"
				}
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sweepIndicators are the columns of a sweep's headline table.
var sweepIndicators = []string{"jnim_share_events", "events_last_year", "fatalities_total", "fighters_total", "displaced", "attribution_correct_share"}

func sweepHeadline(d *figures.Data) *Table {
	var inds []string
	for _, n := range sweepIndicators {
		if slices.Contains(d.Summary.Columns, n) {
			inds = append(inds, n)
		}
	}
	t := &Table{
		Name:    "headline",
		Caption: "Main indicators at each point of the sweep: mean over the point's runs and, in parentheses, their 90% interval (5th–95th percentile).",
		Columns: []string{"Scenario", "Runs"},
		Align:   "lr",
	}
	for _, n := range inds {
		t.Columns = append(t.Columns, figures.IndicatorTitle(n))
		t.Align += "r"
	}
	for _, p := range d.Points() {
		row := []string{p.Label, strconv.Itoa(len(p.Rows))}
		for _, n := range inds {
			col := d.Summary.Column(n)
			var v []float64
			for _, r := range p.Rows {
				v = append(v, col[r])
			}
			m, lo, hi, k := stats(v)
			scale := max(math.Abs(lo), math.Abs(hi))
			if k == 0 {
				row = append(row, "n/a")
				continue
			}
			row = append(row, fmt.Sprintf("%s (%s – %s)", number(n, m, scale), number(n, lo, scale), number(n, hi, scale)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// CompareTable returns the policy comparison of compare.csv: each
// scenario's effect on the headline indicators, with 95 % intervals; nil
// if d has no comparisons.
func CompareTable(d *figures.Data) *Table {
	cs := d.Comparisons
	if len(cs) == 0 {
		return nil
	}
	var have []string
	for _, c := range cs {
		if !slices.Contains(have, c.Indicator) {
			have = append(have, c.Indicator)
		}
	}
	// The headline indicators (and events_total), or every one if there
	// is none of them.
	var inds []string
	for _, n := range append([]string{"events_total"}, figures.HeadlineIndicators()...) {
		if slices.Contains(have, n) {
			inds = append(inds, n)
		}
	}
	if len(inds) == 0 {
		inds = have
	}
	ref := d.ReferenceLabel(cs[0].Reference)
	t := &Table{
		Name: "compare",
		Caption: fmt.Sprintf("Effect of each scenario on the headline indicators: mean under %s and under the scenario, their difference and its 95%% interval, and the number of replicates.",
			ref),
		Columns: []string{"Scenario", "Indicator", "Mean, " + ref, "Mean, scenario", "Difference", "95% interval", "n"},
		Align:   "llrrrrr",
	}
	var names []string
	for _, c := range cs {
		if !slices.Contains(names, d.Label(c.Scenario, c.Point)) {
			names = append(names, d.Label(c.Scenario, c.Point))
		}
	}
	for _, name := range names {
		first := true
		for _, ind := range inds {
			i := slices.IndexFunc(cs, func(c figures.Comparison) bool { return d.Label(c.Scenario, c.Point) == name && c.Indicator == ind })
			if i < 0 {
				continue
			}
			c := cs[i]
			if first && len(t.Rows) > 0 {
				t.Breaks = append(t.Breaks, len(t.Rows))
			}
			scale := max(math.Abs(c.ReferenceMean), math.Abs(c.Mean), math.Abs(c.Low), math.Abs(c.High))
			f := func(v float64) string { return number(ind, v, scale) }
			diff := func(v float64) string {
				if math.IsNaN(v) {
					return "n/a"
				}
				s := f(v)
				if isShare(ind) { // a difference of shares is in points
					s = strings.TrimSuffix(s, "%") + " pp"
				}
				if v > 0 {
					s = "+" + s
				}
				return s
			}
			scen := ""
			if first {
				scen = name
			}
			t.Rows = append(t.Rows, []string{scen, figures.IndicatorTitle(ind), f(c.ReferenceMean), f(c.Mean),
				diff(c.Difference), interval(diff, c.Low, c.High), strconv.Itoa(c.N)})
			first = false
		}
	}
	return t
}

// interval formats [lo, hi] with f, "n/a" if either end is NaN.
func interval(f func(float64) string, lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return f(lo) + " – " + f(hi)
}

// latexEscape escapes s for LaTeX text: the special characters, and the
// typographic dashes and signs as LaTeX writes them.
func latexEscape(s string) string {
	var b strings.Builder
	open := false // inside double quotes
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '–':
			b.WriteString("--")
		case '−':
			b.WriteString("$-$")
		case '—':
			b.WriteString("---")
		case '"':
			if open {
				b.WriteString("''")
			} else {
				b.WriteString("``")
			}
			open = !open
		case '<':
			b.WriteString(`\textless{}`)
		case '>':
			b.WriteString(`\textgreater{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LaTeX writes t as a booktabs tabular, ready to \input inside a table
// environment (it needs \usepackage{booktabs}); the caption is a comment
// above it.
func (t *Table) LaTeX(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%% %s\n", strings.ReplaceAll(t.Caption, "\n", " "))
	b.WriteString("% Written by sahelsim; needs \\usepackage{booktabs}.\n")
	fmt.Fprintf(&b, "\\begin{tabular}{%s}\n\\toprule\n", t.Align)
	row := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteString(" & ")
			}
			b.WriteString(latexEscape(c))
		}
		b.WriteString(" \\\\\n")
	}
	row(t.Columns)
	b.WriteString("\\midrule\n")
	for i, r := range t.Rows {
		if slices.Contains(t.Breaks, i) {
			b.WriteString("\\midrule\n")
		}
		row(r)
	}
	b.WriteString("\\bottomrule\n\\end{tabular}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
