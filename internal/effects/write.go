package effects

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sahelsim/sahelsim/internal/csvrow"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// Files the analyses write.
const (
	EffectsCSV  = "effects.csv"  // one row per lever × indicator
	DriversCSV  = "drivers.csv"  // one row per lever × indicator × parameter
	AblationCSV = "ablation.csv" // one row per lever × indicator × part
	DoseCSV     = "dose.csv"     // one row per lever × indicator × intensity
)

// WriteEffects writes the effects as effects.csv: lever, indicator,
// expected_sign, draws, replicates, mean, mean_ci_low, mean_ci_high,
// q05, q95, var_between, var_within, parameter_share, p_expected_sign.
func WriteEffects(w io.Writer, es []Effect) error {
	rw := csvrow.NewWriter(w)
	rw.Header([]string{"lever", "indicator", "expected_sign", "draws", "replicates", "mean", "mean_ci_low", "mean_ci_high",
		"q05", "q95", "var_between", "var_within", "parameter_share", "p_expected_sign"})
	for _, e := range es {
		rw.Text(e.Lever)
		rw.Text(e.Indicator)
		rw.Int(int64(e.Expected))
		rw.Int(int64(e.Draws))
		rw.Int(int64(e.Replicates))
		for _, v := range []float64{e.Mean, e.MeanLow, e.MeanHigh, e.Low, e.High, e.Split.Between, e.Split.Within, e.Split.Share, e.PSign} {
			rw.Float(v)
		}
		rw.End()
	}
	return rw.Err()
}

// WriteDrivers writes the regressions as drivers.csv: lever, indicator,
// draws, r2, r2_adjusted, rank (1 the largest |src|), parameter, src.
func WriteDrivers(w io.Writer, rs []Regression) error {
	rw := csvrow.NewWriter(w)
	rw.Header([]string{"lever", "indicator", "draws", "r2", "r2_adjusted", "rank", "parameter", "src"})
	for _, r := range rs {
		for k, p := range r.Params {
			rw.Text(r.Lever)
			rw.Text(r.Indicator)
			rw.Int(int64(r.N))
			rw.Float(r.R2)
			rw.Float(r.R2Adj)
			rw.Int(int64(k + 1))
			rw.Text(p)
			rw.Float(r.SRC[k])
			rw.End()
		}
	}
	return rw.Err()
}

// WriteAblation writes the parts of the effects as ablation.csv: lever,
// indicator, part, mechanism, mean, ci_low, ci_high, share_of_whole, n.
func WriteAblation(w io.Writer, rows []AblationRow) error {
	rw := csvrow.NewWriter(w)
	rw.Header([]string{"lever", "indicator", "part", "mechanism", "mean", "ci_low", "ci_high", "share_of_whole", "n"})
	for _, r := range rows {
		rw.Text(r.Lever)
		rw.Text(r.Indicator)
		rw.Text(r.Part)
		rw.Text(r.Mechanism)
		rw.Float(r.Mean)
		rw.Float(r.Low)
		rw.Float(r.High)
		rw.Float(r.Share)
		rw.Int(int64(r.N))
		rw.End()
	}
	return rw.Err()
}

// WriteDose writes the dose-response points as dose.csv: lever,
// indicator, intensity, difference, ci_low, ci_high, n.
func WriteDose(w io.Writer, ps []DosePoint) error {
	rw := csvrow.NewWriter(w)
	rw.Header([]string{"lever", "indicator", "intensity", "difference", "ci_low", "ci_high", "n"})
	for _, p := range ps {
		rw.Text(p.Lever)
		rw.Text(p.Indicator)
		rw.Float(p.Intensity)
		rw.Float(p.Mean)
		rw.Float(p.Low)
		rw.Float(p.High)
		rw.Int(int64(p.N))
		rw.End()
	}
	return rw.Err()
}

// Main are the indicators the printed table and the effects table show:
// the violence, and the side effects.
func Main() []string {
	var out []string
	for _, ind := range Indicators() {
		if ind.Role != Other {
			out = append(out, ind.Name)
		}
	}
	return out
}

// signWord says what the expected sign of an indicator is.
func signWord(expected int) string {
	switch expected {
	case -1:
		return "fewer"
	case +1:
		return "more"
	}
	return ""
}

// PrintEffects writes the effects on the indicators only (all if nil)
// as a table for reading: a row per lever and indicator with the mean
// effect, the 95 % interval of the mean, the 5–95 % range over the
// draws, the parameter share of the variance and P(expected sign).
func PrintEffects(w io.Writer, a *Analysis, only []string) error {
	fmt.Fprintf(w, "Effects over the posterior: %d draws × %d replicates, against %s, paired draw by draw and replicate by replicate.\n",
		a.Draws, a.Replicates, a.Reference)
	if a.Replicates < 2 {
		fmt.Fprintln(w, "A draw's effect and its noise need two replicates at least: run the sweep with --reps 2 or more.")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lever\tindicator\texpected\tmean\t95% CI of mean\t5–95% over draws\tparam. share\tP(expected)\t")
	for _, e := range a.Effects {
		if only != nil && !contains(only, e.Indicator) {
			continue
		}
		scale := max(math.Abs(e.Low), math.Abs(e.High), math.Abs(e.Mean))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", e.Lever, e.Indicator, signWord(e.Expected),
			num(e.Mean, scale), span(e.MeanLow, e.MeanHigh, scale), span(e.Low, e.High, scale), pct(e.Split.Share), prob(e.PSign))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "param. share: between-draw share of the variance of one run's effect (law of total variance, small-sample corrected); P(expected): share of draws whose effect has the expected sign.")
	return err
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// num formats v for reading in a row of magnitude scale.
func num(v, scale float64) string {
	return strings.Replace(plain(v, scale), "-", "−", 1)
}

// plain formats v for reading in a row of magnitude scale, with an ASCII
// minus.
func plain(v, scale float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case scale >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M"
	case scale >= 1e4:
		return commas(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	case scale >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case scale >= 1:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func span(lo, hi, scale float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return num(lo, scale) + " – " + num(hi, scale)
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
}

func prob(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// EffectsTable returns the table of the effects on the indicators only
// (all if nil), a section per lever.
func EffectsTable(a *Analysis, only []string) *report.Table {
	t := &report.Table{
		Name: "effects_posterior",
		Caption: fmt.Sprintf("Effect of each lever over the posterior (%d draws, %d replicates each), against %s: the mean effect over the draws with its 95%% interval, the 5–95%% range of the draws' effects, the share of the variance of a run's effect due to parameter uncertainty (law of total variance), and the probability that the effect has the expected sign (fewer, or more). Shares in percentage points.",
			a.Draws, a.Replicates, a.Reference),
		Columns: []string{"Indicator (aim)", "Mean\n95% interval", "5–95% range\nover draws", "Param.\nshare", "P(aim)"},
		Align:   "Xrrrr",
	}
	lever := ""
	for _, e := range a.Effects {
		if only != nil && !contains(only, e.Indicator) {
			continue
		}
		if e.Lever != lever {
			lever = e.Lever
			t.Sections = append(t.Sections, report.Section{Row: len(t.Rows), Title: lever})
		}
		f, scale := unitFormat(e.Indicator, max(math.Abs(e.Low), math.Abs(e.High), math.Abs(e.Mean)))
		name := figures.IndicatorTitle(e.Indicator)
		if w := signWord(e.Expected); w != "" {
			name += " (" + w + ")"
		}
		t.Rows = append(t.Rows, []string{name, f(e.Mean, scale) + "\n" + bracket(f, e.MeanLow, e.MeanHigh, scale),
			bracket(f, e.Low, e.High, scale), pct(e.Split.Share), prob(e.PSign)})
	}
	return t
}

// unitFormat returns how to format values of indicator name: shares in
// percentage points.
func unitFormat(name string, scale float64) (func(v, scale float64) string, float64) {
	if figures.IndicatorUnit(name) == "share" {
		return func(v, s float64) string {
			if math.IsNaN(v) {
				return "n/a"
			}
			return strings.Replace(strconv.FormatFloat(100*v, 'f', 1, 64), "-", "−", 1)
		}, scale
	}
	return num, scale
}

func bracket(f func(v, scale float64) string, lo, hi, scale float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return "(" + f(lo, scale) + ", " + f(hi, scale) + ")"
}

// DriversTable returns the table of the top parameters of each lever's
// effect on indicator: rank, parameter, standardised coefficient, and
// R² in the section title.
func DriversTable(rs []Regression, indicator string, top int) *report.Table {
	t := &report.Table{
		Name: "drivers_" + figures.FileName(indicator),
		Caption: fmt.Sprintf("What drives each lever's effect on %s across the posterior: the %d largest standardised regression coefficients (SRC) of the per-draw effect on the draws' standardised parameters, and R² of the regression, adjusted for the number of parameters.",
			figures.IndicatorTitle(indicator), top),
		Columns: []string{"Parameter", "Rank", "SRC"},
		Align:   "Xrr",
	}
	for _, r := range rs {
		if r.Indicator != indicator || len(r.Params) == 0 {
			continue
		}
		t.Sections = append(t.Sections, report.Section{Row: len(t.Rows), Title: fmt.Sprintf("%s (R² = %.2f, adjusted %.2f, %d draws)", r.Lever, r.R2, r.R2Adj, r.N)})
		for k := range min(top, len(r.Params)) {
			t.Rows = append(t.Rows, []string{r.Params[k], strconv.Itoa(k + 1), strconv.FormatFloat(r.SRC[k], 'f', 2, 64)})
		}
	}
	return t
}

// AblationTable returns the table of the parts of each lever's effect on
// indicator.
func AblationTable(rows []AblationRow, indicator string) *report.Table {
	t := &report.Table{
		Name: "ablation_" + figures.FileName(indicator),
		Caption: fmt.Sprintf("What carries each lever's effect on %s: the whole effect (every sub-mechanism on), each sub-mechanism alone and what the whole loses without it, the sum of the alone effects and the interaction (the whole less the sum), each against the lever off, paired by replicate, with its 95%% interval (the noise) and its share of the whole.",
			figures.IndicatorTitle(indicator)),
		Columns: []string{"Part", "Effect", "95% interval", "Share of\nthe whole", "n"},
		Align:   "Xrrrr",
	}
	lever := ""
	for _, r := range rows {
		if r.Indicator != indicator {
			continue
		}
		if r.Lever != lever {
			lever = r.Lever
			t.Sections = append(t.Sections, report.Section{Row: len(t.Rows), Title: lever})
		}
		part := r.Part
		switch r.Part {
		case PartAlone:
			part = r.Mechanism + " alone"
		case PartWithout:
			part = "loss without " + r.Mechanism
		case PartSum:
			part = "sum of the alone effects"
		case PartNone:
			part = "none (every sub-mechanism off)"
		}
		f, scale := unitFormat(indicator, max(math.Abs(r.Low), math.Abs(r.High), math.Abs(r.Mean)))
		t.Rows = append(t.Rows, []string{part, f(r.Mean, scale), bracket(f, r.Low, r.High, scale), pct(r.Share), strconv.Itoa(r.N)})
	}
	return t
}

// WriteMarkdown writes the effects on the indicators only (all if nil)
// as a Markdown table, then the statements as a list: findings.md, to
// paste into a document (agents/MODEL.md, section 3.5.1, is made so).
func WriteMarkdown(w io.Writer, a *Analysis, only, statements []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Effects over the posterior (%d draws × %d replicates, against %s): mean over the draws (95 %% interval), 5–95 %% range of the draws' effects, parameter share of the variance of a run's effect, P(expected sign).\n\n",
		a.Draws, a.Replicates, a.Reference)
	b.WriteString("| lever | indicator (aim) | mean (95 % interval) | 5–95 % over draws | param. share | P(aim) |\n|---|---|---|---|---|---|\n")
	for _, e := range a.Effects {
		if only != nil && !contains(only, e.Indicator) {
			continue
		}
		f, scale := unitFormat(e.Indicator, max(math.Abs(e.Low), math.Abs(e.High), math.Abs(e.Mean)))
		fmt.Fprintf(&b, "| %s | %s (%s) | %s %s | %s | %s | %s |\n", e.Lever, e.Indicator, signWord(e.Expected), f(e.Mean, scale),
			bracket(f, e.MeanLow, e.MeanHigh, scale), bracket(f, e.Low, e.High, scale), pct(e.Split.Share), prob(e.PSign))
	}
	b.WriteString("\n")
	for _, s := range statements {
		b.WriteString("- " + s + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// commas puts commas between the thousands of the integer s.
func commas(s string) string {
	sign := ""
	if s != "" && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
