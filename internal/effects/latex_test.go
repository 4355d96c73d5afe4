package effects

import (
	"fmt"
	"testing"

	"github.com/sahelsim/sahelsim/internal/latextest"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// wideTables returns the tables of the analyses at their widest: long
// lever and parameter names, millions, negative effects.
func wideTables() []*report.Table {
	a := &Analysis{Sweep: "robustness", Reference: "baseline_with_a_long_name", Draws: 100, Replicates: 20}
	var rs []Regression
	var ab []AblationRow
	for _, lever := range []string{"community_protection", "political_settlement_and_reintegration", "combined"} {
		a.Levers = append(a.Levers, lever)
		for _, ind := range Indicators() {
			m := -1234567.0
			if ind.Name == "sustained_presence_share" {
				m = -0.123
			}
			a.Effects = append(a.Effects, Effect{Lever: lever, Indicator: ind.Name, Expected: ind.Expected, Draws: 100, Replicates: 20,
				Mean: m, MeanLow: 1.5 * m, MeanHigh: 0.5 * m, Low: 3 * m, High: -2 * m, Split: Split{1, 2, 0.333}, PSign: 0.87})
			rs = append(rs, Regression{Lever: lever, Indicator: ind.Name, N: 100, R2: 0.876,
				Params: []string{"groups.ansaroul_islam.succession_weeks", "communities.reprisal_harm", "policy.community_protection.mechanisms.regularise_mining", "recruitment.max_share", "x"},
				SRC:    []float64{-0.99, 0.5, 0.25, -0.125, 0.01}})
			for _, part := range []string{PartWhole, PartAlone, PartWithout, PartSum, PartInteraction, PartNone} {
				ab = append(ab, AblationRow{Lever: lever, Indicator: ind.Name, Part: part, Mechanism: "regularise_mining", Mean: m, Low: 2 * m, High: -m, Share: 1.234, N: 20})
			}
		}
	}
	return []*report.Table{EffectsTable(a, Main()), EffectsTable(a, nil), DriversTable(rs, "fatalities_total", TopDrivers), AblationTable(ab, "fatalities_total"), AblationTable(ab, "displaced")}
}

// TestLaTeXFits compiles every table of the analyses, at its widest,
// with pdflatex at the width of a standard article's text, and fails on
// any overfull box or error, as the report's tables are checked.
func TestLaTeXFits(t *testing.T) {
	latextest.Need(t)
	var names []string
	var tables []latextest.Table
	for i, tab := range wideTables() {
		names = append(names, fmt.Sprintf("t%d-%s", i, tab.Name))
		tables = append(tables, tab)
	}
	latextest.CheckFits(t, names, tables)
}
