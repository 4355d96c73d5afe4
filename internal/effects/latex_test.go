package effects

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/outputs/report"
)

// needLaTeX skips the test unless pdflatex, booktabs and tabularx are
// installed; with SAHELSIM_LATEX set (as CI sets it), their absence
// fails it.
func needLaTeX(t *testing.T) {
	t.Helper()
	missing := func(what string, err error) {
		if os.Getenv("SAHELSIM_LATEX") != "" {
			t.Fatalf("SAHELSIM_LATEX is set but %s is missing: %v", what, err)
		}
		t.Skipf("%s not found: install TeX Live, or set SAHELSIM_LATEX=1 to make this an error", what)
	}
	if _, err := exec.LookPath("pdflatex"); err != nil {
		missing("pdflatex", err)
	}
	for _, sty := range []string{"booktabs.sty", "tabularx.sty"} {
		if out, err := exec.Command("kpsewhich", sty).Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
			missing(sty, err)
		}
	}
}

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
	needLaTeX(t)
	work := t.TempDir()
	if keep := os.Getenv("SAHELSIM_LATEX_KEEP"); keep != "" {
		work = keep
	}
	var doc strings.Builder
	doc.WriteString("\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{tabularx}\n\\begin{document}\n")
	var names []string
	for i, tab := range wideTables() {
		name := fmt.Sprintf("t%d-%s", i, tab.Name)
		var buf bytes.Buffer
		if err := tab.LaTeX(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name+".tex"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&doc, "\\begin{table}\n\\centering\n\\input{%s}\n\\caption{%s}\n\\end{table}\n\\clearpage\n", name, strings.ReplaceAll(name, "_", "-"))
		names = append(names, name)
	}
	doc.WriteString("\\end{document}\n")
	if err := os.WriteFile(filepath.Join(work, "tables.tex"), []byte(doc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "tables.tex")
	cmd.Dir = work
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdflatex: %v\n%s", err, out)
	}
	log, _ := os.ReadFile(filepath.Join(work, "tables.log"))
	if n := strings.Count(string(log), "Overfull \\hbox"); n > 0 {
		t.Errorf("%d overfull boxes:\n%s", n, strings.Join(regexp.MustCompile(`(?m)^Overfull \\hbox.*$`).FindAllString(string(log), -1), "\n"))
	}
	for _, name := range names {
		if !strings.Contains(string(log), name+".tex") {
			t.Errorf("the log does not show %s.tex read", name)
		}
	}
}
