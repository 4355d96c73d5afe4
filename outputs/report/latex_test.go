package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// needLaTeX skips the test unless pdflatex and the booktabs and tabularx
// packages are installed; with SAHELSIM_LATEX set (as CI sets it), their
// absence fails it.
func needLaTeX(t *testing.T) {
	t.Helper()
	missing := func(what string, err error) {
		if os.Getenv("SAHELSIM_LATEX") != "" {
			t.Fatalf("SAHELSIM_LATEX is set but %s is missing: %v (apt-get install texlive-latex-base texlive-latex-recommended)", what, err)
		}
		t.Skipf("%s not found: install TeX Live (texlive-latex-base, texlive-latex-recommended), or set SAHELSIM_LATEX=1 to make this an error", what)
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

// writeWideSweep writes a sweep directory whose tables are as wide as
// they come: long scenario names with underscores, two parameters that
// vary, six-digit counts, millions, negative effects.
func writeWideSweep(t *testing.T, dir string) {
	t.Helper()
	scens := []string{"baseline", "community_protection", "political_settlement", "illicit_networks_and_reintegration"}
	inds := append([]string{"events_total", "attribution_correct_share"}, outputs.HeadlineIndicators()...)
	big := func(name string, k int) float64 {
		switch figures.IndicatorUnit(name) {
		case "share":
			return 0.123 + 0.1*float64(k%7)
		case "year":
			return 2017 + float64(k%4)
		case "ratio":
			return 12.345 + float64(k)
		case "USD a year":
			return 123.4e6 + 1e6*float64(k)
		case "people":
			return 12.3e6 + 1e5*float64(k)
		}
		return 123456 + 1111*float64(k)
	}
	var runs, cmp strings.Builder
	fmt.Fprintf(&runs, "run,scenario,point,replicate,seed,policy.lever.intensity,policy.lever.start,%s\n", strings.Join(inds, ","))
	cmp.WriteString("reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n\n")
	var ts strings.Builder
	ts.WriteString("run,step,date,zone,group,metric,value\n")
	run := 0
	for s, sc := range scens {
		for p, par := range [][2]string{{"0.25", "2018-01-01"}, {"1.0", "2019-07-01"}} {
			point := fmt.Sprint(2*s + p)
			for rep := range 3 {
				var vals []string
				for _, ind := range inds {
					vals = append(vals, fmt.Sprint(big(ind, run)))
				}
				fmt.Fprintf(&runs, "%d,%s,%s,%d,9204231305586737256,%s,%s,%s\n", run, sc, point, rep, par[0], par[1], strings.Join(vals, ","))
				fmt.Fprintf(&ts, "%d,0,2017-01-01,all,all,events,10\n", run)
				run++
			}
			if sc == "baseline" && p == 0 {
				continue
			}
			for _, ind := range inds {
				v, d := big(ind, s), -0.8*big(ind, s)
				if figures.IndicatorUnit(ind) == "year" {
					d = 1.5
				}
				fmt.Fprintf(&cmp, "0,%s,%s,%s,%g,%g,%g,%g,%g,60\n", sc, point, ind, v, v+d, d, min(1.3*d, -0.3*d), max(1.3*d, -0.3*d))
			}
		}
	}
	for name, text := range map[string]string{"runs.csv": runs.String(), "compare.csv": cmp.String(), "timeseries.csv": ts.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLaTeXFits compiles every table the report writes (a run's headline
// table, a sweep's headline table and its comparison, and the same for a
// sweep of long names and large numbers) with pdflatex in a standard
// article, each in a table environment at the width of the text, and
// fails on any overfull box or error.
func TestLaTeXFits(t *testing.T) {
	needLaTeX(t)
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	wide := t.TempDir()
	writeWideSweep(t, wide)
	dirs := map[string]string{
		"run":   makeRun(t, t.TempDir()),
		"sweep": filepath.Join("..", "figures", "testdata", "sweep"),
		"wide":  wide,
	}
	work := t.TempDir()
	if keep := os.Getenv("SAHELSIM_LATEX_KEEP"); keep != "" {
		work = keep
	}
	var doc strings.Builder
	doc.WriteString("\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{tabularx}\n\\begin{document}\n")
	var inputs []string
	for _, kind := range []string{"run", "sweep", "wide"} {
		d, err := figures.Load(dirs[kind])
		if err != nil {
			t.Fatal(err)
		}
		tables := []*Table{HeadlineTable(d, targets)}
		if c := CompareTable(d); c != nil {
			tables = append(tables, c)
		}
		if kind != "run" && len(tables) != 2 {
			t.Fatalf("%s: %d tables, want a headline table and a comparison", kind, len(tables))
		}
		for _, tab := range tables {
			name := kind + "-" + tab.Name
			var buf bytes.Buffer
			if err := tab.LaTeX(&buf); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(work, name+".tex"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&doc, "\\begin{table}\n\\centering\n\\input{%s}\n\\caption{%s}\n\\end{table}\n\\clearpage\n", name, name)
			inputs = append(inputs, name)
		}
	}
	doc.WriteString("\\end{document}\n")
	if err := os.WriteFile(filepath.Join(work, "tables.tex"), []byte(doc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "tables.tex")
	cmd.Dir = work
	out, err := cmd.CombinedOutput()
	logText, _ := os.ReadFile(filepath.Join(work, "tables.log"))
	if err != nil {
		t.Fatalf("pdflatex: %v\n%s", err, out)
	}
	if n := strings.Count(string(logText), "Overfull \\hbox"); n > 0 {
		t.Errorf("%d overfull boxes:\n%s", n, overfull(string(logText)))
		for _, name := range inputs {
			b, _ := os.ReadFile(filepath.Join(work, name+".tex"))
			t.Logf("%s.tex:\n%s", name, b)
		}
	}
	for _, name := range inputs {
		if !strings.Contains(string(logText), "("+name+".tex") && !strings.Contains(string(logText), name+".tex") {
			t.Errorf("the log does not show %s.tex read", name)
		}
	}
}

var overfullRe = regexp.MustCompile(`(?m)^Overfull \\hbox.*$`)

// overfull returns the log's overfull box lines.
func overfull(log string) string {
	return strings.Join(overfullRe.FindAllString(log, -1), "\n")
}
