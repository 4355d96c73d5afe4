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
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/sim"
)

// A Table is a table of the report, in plain text cells: the headline
// indicators or the policy comparison. LaTeX and HTML escape the cells.
type Table struct {
	Name    string // file name without extension: "headline", "compare"
	Caption string // what the table shows

	// Columns are the column heads, units included. A "\n" breaks a
	// head or a cell into lines (a mean above its interval).
	Columns []string
	// Align has one letter a column: l or r, or X for the one column
	// (the labels) that takes the width the others leave and wraps its
	// text, so that LaTeX sets the table as wide as the line (tabularx).
	Align string
	Rows  [][]string

	// Sections title groups of rows (each scenario's in the comparison)
	// with a row across the table before the group's first row.
	Sections []Section

	// Panels cut a table too wide for a page: the columns after the first
	// Key are cut into panels of Panels[i] columns, which LaTeX stacks one
	// below the other, each with the first Key columns and its own heads.
	// HTML shows the table whole.
	Key    int
	Panels []int
}

// A Section titles the rows of a table from Row on.
type Section struct {
	Row   int
	Title string
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

// number formats v, a value of indicator name, for a table row or
// column whose largest magnitude is scale, with as many decimals as
// every value of the row or column gets: shares as percentages with one
// decimal (without the sign: the unit is in the head), years as years
// (a mean of years with one decimal), other values with none from 100
// on, one from 10, two from 1 and two significant digits of scale below
// it, thousands separated; a negative number with a minus sign, not a
// hyphen.
func number(name string, v, scale float64) string {
	s := formatNumber(name, v, scale)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "−" + rest
	}
	return s
}

func formatNumber(name string, v, scale float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "n/a"
	case isShare(name):
		return strconv.FormatFloat(v*100, 'f', 1, 64)
	case isYear(name) && a == math.Trunc(a):
		return strconv.FormatFloat(v, 'f', 0, 64)
	case isYear(name): // a mean of years
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	scale = max(scale, a)
	switch {
	case scale >= 100 || scale == 0:
		return thousands(math.Round(v))
	case scale >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case scale >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', int(math.Ceil(-math.Log10(scale)))+1, 64)
}

// divisor returns what a table divides the values of indicator name by
// when the largest of them in magnitude is top: a million from a million
// on, a thousand from 100,000 on, else 1 (and always 1 for shares, years
// and ratios), so that no cell is wider than six digits.
func divisor(name string, top float64) float64 {
	switch u := figures.IndicatorUnit(name); {
	case isShare(name) || isYear(name) || u == "share" || u == "ratio" || u == "year":
		return 1
	case top >= 1e6:
		return 1e6
	case top >= 1e5:
		return 1e3
	}
	return 1
}

// scaled formats v, a value of indicator name, divided by div (see
// divisor) in a row or column whose largest magnitude is top.
func scaled(name string, v, div, top float64) string {
	return number(name, v/div, top/div)
}

// unitLabel returns the unit of indicator name as tables print it after
// its title, with values divided by div: "%" for shares (a difference of
// shares is in percentage points), "year", "USD a year", "fighters",
// "people", or "" for a count of what the title names; "thousand
// fighters", "million USD a year" or "millions" when div says so.
func unitLabel(name string, div float64) string {
	u := figures.IndicatorUnit(name)
	title := strings.ToLower(figures.IndicatorTitle(name))
	switch {
	case u == "share" || isShare(name):
		return "%"
	case u == "ratio" || strings.HasPrefix(title, u):
		u = ""
	}
	switch {
	case div == 1e6 && u == "":
		return "millions"
	case div == 1e6:
		return "million " + u
	case div == 1e3 && u == "":
		return "thousands"
	case div == 1e3:
		return "thousand " + u
	}
	return u
}

// titleWithUnit returns the title of indicator name with its unit (see
// unitLabel) in parentheses, if it has one to show.
func titleWithUnit(name string, div float64) string {
	if u := unitLabel(name, div); u != "" {
		return figures.IndicatorTitle(name) + " (" + u + ")"
	}
	return figures.IndicatorTitle(name)
}

// span formats the interval [lo, hi] as "lo–hi".
func span(f func(float64) string, lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return f(lo) + "–" + f(hi)
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
// indicators' means and, below them, their 90 % intervals at each point.
func HeadlineTable(d *figures.Data, targets []evidence.Target) *Table {
	if d.Kind == figures.SweepDir {
		return sweepHeadline(d)
	}
	t := &Table{
		Name: "headline",
		Caption: fmt.Sprintf("Headline indicators of %s: mean of %d replicates and 90%% interval (5th–95th percentile), beside the report's figure and tolerance band; fit: whether the mean lies in the band. Shares in per cent; (k/n): the indicator is defined in k of the n replicates (a year of onset, for example, in those where violence began).",
			d.Name(), d.Replicates()),
		Columns: []string{"Indicator (unit)", "Mean", "90% interval", "Report", "Band", "Fit"},
		Align:   "Xrrrrl",
	}
	var start, end sim.Date
	if d.Scenario != nil {
		start, end = d.Scenario.Start, d.Scenario.End
	}
	otherPeriod := false
	for _, name := range outputs.HeadlineIndicators() {
		vals := d.Summary.Column(name)
		if vals == nil {
			continue
		}
		m, lo, hi, n := stats(vals)
		id := outputs.TargetOf(name)
		tg, hasTarget := evidence.Find(targets, id)
		hasTarget = hasTarget && id != ""
		scale := max(math.Abs(lo), math.Abs(hi))
		if hasTarget {
			scale = max(scale, math.Abs(tg.Value))
		}
		div := divisor(name, scale)
		f := func(v float64) string { return scaled(name, v, div, scale) }
		row := []string{titleWithUnit(name, div), "n/a", "", "", "", ""}
		if n > 0 {
			row[1] = f(m)
			if n < len(vals) {
				row[1] += fmt.Sprintf(" (%d/%d)", n, len(vals))
			}
			row[2] = span(f, lo, hi)
		}
		if hasTarget {
			row[3] = f(tg.Value)
			if !math.IsNaN(tg.Low) && !math.IsNaN(tg.High) {
				row[4] = span(f, tg.Low, tg.High)
			}
			row[5] = validate.Judge(tg, m).Short()
			if d.Scenario != nil && !tg.Matches(start.Time(), end.Time()) {
				row[5], otherPeriod = "other period", true
			}
		}
		t.Rows = append(t.Rows, row)
	}
	if otherPeriod {
		t.Caption += fmt.Sprintf(" Other period: the run covers %s to %s and the report's figure another period (its Period in the targets), so the mean is not judged against it.", start, end)
	}
	return t
}

// sweepIndicators are the columns of a sweep's headline table, in two
// panels of three: the violence, then the groups, the people and the
// record.
var sweepIndicators = []string{"jnim_share_events", "events_last_year", "fatalities_total", "fighters_total", "displaced", "attribution_correct_share"}

// sweepHeadline returns a sweep's headline table: for each point, the
// mean of each indicator and, below it in the same cell, its 90 %
// interval, in two panels of three indicators so that it fits the width
// of a page.
func sweepHeadline(d *figures.Data) *Table {
	var inds []string
	for _, n := range sweepIndicators {
		if slices.Contains(d.Summary.Columns, n) {
			inds = append(inds, n)
		}
	}
	points := d.Points()
	t := &Table{
		Name:    "headline",
		Caption: "Main indicators at each point of the sweep: mean over the point's runs and, below it in parentheses, their 90% interval (5th–95th percentile). Shares in per cent.",
		Columns: []string{"Scenario", "Runs"},
		Align:   "Xr",
		Key:     2,
	}
	// Panels of three indicators at most, as even as can be.
	np := (len(inds) + 2) / 3
	for i := range np {
		t.Panels = append(t.Panels, len(inds)/np)
		if i < len(inds)%np {
			t.Panels[i]++
		}
	}
	type cell struct{ m, lo, hi float64 }
	cells := make([][]cell, len(points)) // by point, indicator
	for i, p := range points {
		cells[i] = make([]cell, len(inds))
		for j, n := range inds {
			col := d.Summary.Column(n)
			var v []float64
			for _, r := range p.Rows {
				v = append(v, col[r])
			}
			m, lo, hi, _ := stats(v)
			cells[i][j] = cell{m, lo, hi}
		}
	}
	// One unit a column: large counts in thousands or millions.
	div := make([]float64, len(inds))
	scale := make([]float64, len(inds))
	for j, n := range inds {
		top := 0.0
		for i := range points {
			for _, v := range []float64{cells[i][j].m, cells[i][j].lo, cells[i][j].hi} {
				if !math.IsNaN(v) {
					top = max(top, math.Abs(v))
				}
			}
		}
		div[j], scale[j] = divisor(n, top), top
		t.Columns = append(t.Columns, wrapHead(titleWithUnit(n, div[j]), 14))
		t.Align += "r"
	}
	for i, p := range points {
		row := []string{p.Label, strconv.Itoa(len(p.Rows))}
		for j, n := range inds {
			c := cells[i][j]
			f := func(v float64) string { return scaled(n, v, div[j], scale[j]) }
			if math.IsNaN(c.m) {
				row = append(row, "n/a")
				continue
			}
			row = append(row, f(c.m)+"\n("+span(f, c.lo, c.hi)+")")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// wrapHead breaks a column head into lines of about width characters at
// most, at spaces.
func wrapHead(s string, width int) string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// CompareTable returns the policy comparison of compare.csv: each
// scenario's effect on the headline indicators, with 95 % intervals; nil
// if d has no comparisons, or is a posterior sweep (figures.Data.Posterior).
func CompareTable(d *figures.Data) *Table {
	cs := d.Comparisons
	if len(cs) == 0 || d.Posterior() { // a comparison per draw: see 'sahelsim findings'
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
	for _, n := range append([]string{"events_total"}, outputs.HeadlineIndicators()...) {
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
		Caption: fmt.Sprintf("Effect of each scenario on the headline indicators: the mean under the reference, %s, and under the scenario, their difference (the scenario's mean less the reference's, paired replicate by replicate) with its 95%% interval, and the number of pairs n. Shares in per cent, their differences in percentage points.",
			ref),
		Columns: []string{"Indicator (unit)", "Mean,\nreference", "Mean,\nscenario", "Difference", "95% interval", "n"},
		Align:   "Xrrrrr",
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
			if first {
				t.Sections = append(t.Sections, Section{Row: len(t.Rows), Title: name})
				first = false
			}
			scale := max(math.Abs(c.ReferenceMean), math.Abs(c.Mean), math.Abs(c.Low), math.Abs(c.High))
			div := divisor(ind, scale)
			f := func(v float64) string { return scaled(ind, v, div, scale) }
			diff := func(v float64) string {
				if math.IsNaN(v) {
					return "n/a"
				}
				if s := f(v); v > 0 {
					return "+" + s
				} else {
					return s
				}
			}
			ci := "n/a"
			if !math.IsNaN(c.Low) && !math.IsNaN(c.High) {
				ci = "[" + diff(c.Low) + ", " + diff(c.High) + "]"
			}
			t.Rows = append(t.Rows, []string{titleWithUnit(ind, div), f(c.ReferenceMean), f(c.Mean), diff(c.Difference), ci, strconv.Itoa(c.N)})
		}
	}
	return t
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
		case '_':
			b.WriteString(`\_\allowbreak{}`) // a name_with_underscores may break after one
		case '&', '%', '$', '#', '{', '}':
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

// LaTeX writes t as a booktabs table as wide as the line, ready to
// \input inside a table (or table*) environment, with
// \usepackage{booktabs} and, for a table with an X column,
// \usepackage{tabularx}; the caption is a comment above it. Column heads
// on several lines are set bottom-aligned; the label column wraps; a
// table with panels stacks them, each with its own heads.
func (t *Table) LaTeX(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%% %s\n", strings.ReplaceAll(t.Caption, "\n", " "))
	wide := strings.Contains(t.Align, "X")
	if wide {
		b.WriteString("% Written by sahelsim; needs \\usepackage{booktabs} and \\usepackage{tabularx}.\n")
	} else {
		b.WriteString("% Written by sahelsim; needs \\usepackage{booktabs}.\n")
	}
	panels := t.Panels
	if len(panels) == 0 {
		panels = []int{len(t.Columns) - t.Key}
	}
	// The columns of panel p: the key ones, then its own.
	cols := func(p int) []int {
		var out []int
		for i := range t.Key {
			out = append(out, i)
		}
		from := t.Key
		for _, n := range panels[:p] {
			from += n
		}
		for i := from; i < from+panels[p]; i++ {
			out = append(out, i)
		}
		return out
	}
	ncols := t.Key + slices.Max(panels)
	spec := "@{}"
	for i := range ncols {
		a := byte('r')
		for p := range panels {
			if c := cols(p); i < len(c) {
				a = t.Align[c[i]]
				break
			}
		}
		if a == 'X' {
			spec += `>{\raggedright\arraybackslash\hspace{0pt}}X`
		} else {
			spec += string(a)
		}
	}
	spec += "@{}"
	if wide {
		fmt.Fprintf(&b, "\\begin{tabularx}{\\linewidth}{%s}\n", spec)
	} else {
		fmt.Fprintf(&b, "\\begin{tabular}{%s}\n", spec)
	}
	b.WriteString("\\toprule\n")
	align := spec // the letter of each column
	align = strings.NewReplacer("@{}", "", `>{\raggedright\arraybackslash\hspace{0pt}}X`, "l").Replace(align)
	row := func(cells []string) {
		for i := range ncols {
			if i > 0 {
				b.WriteString(" & ")
			}
			if i >= len(cells) {
				continue
			}
			if lines := strings.Split(cells[i], "\n"); len(lines) > 1 {
				// Lines in a cell: a tabular of one column, its top line
				// on the row's baseline.
				for k := range lines {
					lines[k] = latexEscape(lines[k])
				}
				fmt.Fprintf(&b, `\begin{tabular}[t]{@{}%c@{}}%s\end{tabular}`, align[i], strings.Join(lines, `\\`))
				continue
			}
			b.WriteString(latexEscape(cells[i]))
		}
		b.WriteString(" \\\\\n")
	}
	pick := func(cells []string, c []int) []string {
		out := make([]string, len(c))
		for k, i := range c {
			if i < len(cells) {
				out[k] = cells[i]
			}
		}
		return out
	}
	for p := range panels {
		c := cols(p)
		if p > 0 {
			b.WriteString("\\midrule\n")
		}
		// Heads on as many lines as the tallest, bottom-aligned.
		heads := pick(t.Columns, c)
		lines := make([][]string, len(heads))
		n := 1
		for k, h := range heads {
			lines[k] = strings.Split(h, "\n")
			n = max(n, len(lines[k]))
		}
		for l := range n {
			line := make([]string, len(heads))
			for k, ls := range lines {
				if j := l - (n - len(ls)); j >= 0 {
					line[k] = ls[j]
				}
			}
			row(line)
		}
		b.WriteString("\\midrule\n")
		for i, r := range t.Rows {
			if title, ok := t.section(i); ok {
				if i > 0 {
					b.WriteString("\\addlinespace\n")
				}
				span := "@{}l@{}"
				if wide { // wrapped if it is longer than the line
					span = `@{}>{\raggedright\arraybackslash}p{\linewidth}@{}`
				}
				fmt.Fprintf(&b, "\\multicolumn{%d}{%s}{\\textit{%s}} \\\\\n", ncols, span, latexEscape(title))
			}
			row(pick(r, c))
		}
	}
	b.WriteString("\\bottomrule\n")
	if wide {
		b.WriteString("\\end{tabularx}\n")
	} else {
		b.WriteString("\\end{tabular}\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// section returns the title of the section that starts at row i, if one
// does.
func (t *Table) section(i int) (string, bool) {
	for _, s := range t.Sections {
		if s.Row == i {
			return s.Title, true
		}
	}
	return "", false
}
