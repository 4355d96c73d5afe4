// Package latextest compiles the LaTeX tables sahelsim writes, for tests:
// each in a table environment of a standard article, at the width of its
// text, with pdflatex, failing on an error or an overfull box. A test that
// needs TeX Live skips without it, unless SAHELSIM_LATEX is set (as CI sets
// it), which makes its absence a failure.
package latextest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A Table writes itself as a LaTeX table body (outputs/report.Table).
type Table interface {
	LaTeX(w io.Writer) error
}

// Need skips the test unless pdflatex and the booktabs and tabularx
// packages are installed; with SAHELSIM_LATEX set, their absence fails it.
func Need(t *testing.T) {
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

var overfullRe = regexp.MustCompile(`(?m)^Overfull \\hbox.*$`)

// CheckFits writes each table as names[i].tex, inputs them all into one
// article, each in a table environment on a page of its own, compiles it
// with pdflatex and fails the test on an error, on any overfull box (then
// logging every table's source) or if the log does not show a table read.
// The work is done in a temporary directory, or in SAHELSIM_LATEX_KEEP if
// set, to look at afterwards.
func CheckFits(t *testing.T, names []string, tables []Table) {
	t.Helper()
	work := t.TempDir()
	if keep := os.Getenv("SAHELSIM_LATEX_KEEP"); keep != "" {
		work = keep
	}
	var doc strings.Builder
	doc.WriteString("\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{tabularx}\n\\begin{document}\n")
	for i, tab := range tables {
		var buf bytes.Buffer
		if err := tab.LaTeX(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, names[i]+".tex"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&doc, "\\begin{table}\n\\centering\n\\input{%s}\n\\caption{%s}\n\\end{table}\n\\clearpage\n", names[i], strings.ReplaceAll(names[i], "_", "-"))
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
		t.Errorf("%d overfull boxes:\n%s", n, strings.Join(overfullRe.FindAllString(string(log), -1), "\n"))
		for _, name := range names {
			b, _ := os.ReadFile(filepath.Join(work, name+".tex"))
			t.Logf("%s.tex:\n%s", name, b)
		}
	}
	for _, name := range names {
		if !strings.Contains(string(log), name+".tex") {
			t.Errorf("the log does not show %s.tex read", name)
		}
	}
}
