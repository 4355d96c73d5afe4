package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/outputs/figures"
)

// TestWriteFindings checks that the findings page escapes every text it
// is given (lever names, statements, table cells come from files) and
// embeds its figures.
func TestWriteFindings(t *testing.T) {
	fig := figures.DoseResponse("fatalities_total", []figures.DoseCurve{{Lever: "<b>lever</b>", Intensity: []float64{0, 1}, Mean: []float64{0, -5}, Low: []float64{0, -7}, High: []float64{0, -3}}}, figures.Paper)
	if _, err := fig.Render(figures.SVG); err != nil {
		t.Fatal(err)
	}
	tab := &Table{Name: "t", Caption: "a & b", Columns: []string{"x\ny"}, Align: "X", Rows: [][]string{{"<script>alert(1)</script>"}}, Sections: []Section{{0, "<i>lever</i>"}}}
	f := &Findings{Title: "T <1>", Lede: "L", Facts: [][2]string{{"k", "<v>"}},
		Sections: []FindingsSection{{ID: "s", Title: "S", Paragraphs: []string{"p <p>"}, Items: []string{"<img src=x onerror=alert(1)>"}, Tables: []*Table{tab}, Figures: []*figures.Figure{fig}}}}
	var buf bytes.Buffer
	if err := WriteFindings(&buf, f, []string{"svg", "pdf"}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<b>lever", "<script>alert", "<img src", "<v>", "<i>lever", "T <1>", "p <p>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "<svg", "figures/dose_response_fatalities_total.pdf", "x<br>y", "Figure 1."} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if err := WriteFindings(&buf, &Findings{Sections: []FindingsSection{{Figures: []*figures.Figure{figures.DoseResponse("x", nil, figures.Paper)}}}}, nil); err == nil {
		t.Error("an unrendered figure: no error")
	}
}
