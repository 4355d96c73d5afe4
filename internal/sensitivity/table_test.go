package sensitivity_test

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

func TestWriteTables(t *testing.T) {
	nan := math.NaN()
	var b bytes.Buffer
	err := sensitivity.WriteMorris(&b, []sensitivity.MorrisResult{
		{Indicator: "jnim_share_events", Effects: []sensitivity.Effect{
			{Factor: "groups.flm.fighters", Mu: 0.25, MuStar: 0.5, Sigma: 0.125, N: 10},
			{Factor: "attribution.claims", Mu: nan, MuStar: nan, Sigma: nan, N: 0},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "indicator,factor,mu,mu_star,sigma,n\n" +
		"jnim_share_events,groups.flm.fighters,0.25,0.5,0.125,10\n" +
		"jnim_share_events,attribution.claims,,,,0\n"
	if b.String() != want {
		t.Errorf("Morris table:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	err = sensitivity.WriteSobol(&b, []sensitivity.SobolResult{
		{Indicator: "surge_ratio", Indices: []sensitivity.Index{
			{Factor: "a", S1: 0.3, ST: 0.5, S1CI: sensitivity.Interval{Low: 0.25, High: 0.35}, STCI: sensitivity.Interval{Low: 0.45, High: 0.55}},
			{Factor: "b,c", S1: 0, ST: 0, S1CI: sensitivity.Interval{Low: nan, High: nan}, STCI: sensitivity.Interval{Low: nan, High: nan}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want = "indicator,factor,s1,s1_low,s1_high,st,st_low,st_high,warning\n" +
		"surge_ratio,a,0.3,0.25,0.35,0.5,0.45,0.55,\n" +
		"surge_ratio,\"b,c\",0,,,0,,,\n"
	if b.String() != want {
		t.Errorf("Sobol table:\n%s\nwant:\n%s", b.String(), want)
	}
	if !strings.HasPrefix(want, sensitivity.SobolHeader+"\n") {
		t.Error("SobolHeader is not the header written")
	}
}

func TestPlots(t *testing.T) {
	fs := ishigamiFactors(1)
	x, err := design.SaltelliDesign(fs, 256, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := sensitivity.Sobol(x, evaluate(x, ishigami), fs, &sensitivity.Bootstrap{Resamples: 100})
	if err != nil {
		t.Fatal(err)
	}
	fig, err := sensitivity.PlotSobol(sensitivity.SobolResult{Indicator: "ishigami", Indices: idx})
	if err != nil {
		t.Fatal(err)
	}
	out, err := fig.Render(figures.SVG, figures.PDF, figures.PNG)
	if err != nil {
		t.Fatal(err)
	}
	for format, b := range out {
		if len(b) < 1000 {
			t.Errorf("%s: %d bytes", format, len(b))
		}
	}
	if fig.Name != "sobol_ishigami" || fig.Caption == "" {
		t.Errorf("figure %q, caption %q", fig.Name, fig.Caption)
	}
	for _, s := range []string{"x1", "x2", "x3", "dummya", "first order (S1)", "total (ST)", "Sobol index", "ishigami"} {
		if !bytes.Contains(out[figures.SVG], []byte(s)) {
			t.Errorf("the SVG figure lacks %q", s)
		}
	}
	// Drawn as the house's figures are: no date in the PDF, so the same
	// figure gives the same bytes.
	again, err := fig.Render(figures.PDF)
	if err != nil || !bytes.Equal(again[figures.PDF], out[figures.PDF]) || bytes.Contains(out[figures.PDF], []byte("/CreationDate (D:")) {
		t.Errorf("the PDF is not the same bytes twice, or has a creation date: %v", err)
	}

	flat := []sensitivity.Index{{Factor: "a", S1: math.NaN(), ST: math.NaN()}}
	if _, err := sensitivity.PlotSobol(sensitivity.SobolResult{Indicator: "constant", Indices: flat}); err == nil {
		t.Error("indices of a constant indicator were plotted")
	}

	mfig, err := sensitivity.PlotMorris(sensitivity.MorrisResult{Indicator: "ishigami", Effects: []sensitivity.Effect{
		{Factor: "x1", MuStar: 7.7, Sigma: 6.2}, {Factor: "x3", MuStar: 6.2, Sigma: 8.8},
	}})
	if err != nil {
		t.Fatal(err)
	}
	mout, err := mfig.Render(figures.SVG)
	if err != nil {
		t.Fatal(err)
	}
	if mfig.Name != "morris_ishigami" || !bytes.Contains(mout[figures.SVG], []byte("x3")) || !bytes.Contains(mout[figures.SVG], []byte("μ*")) {
		t.Error("the Morris figure lacks its name or labels")
	}
}

// TestMorrisPDF checks the text of a Morris figure's PDF as pdftotext
// reads it: drawn through figures.NewPDF, the Greek μ is the micro sign µ
// and σ is "sigma", not mojibake. It needs poppler's pdftotext: skipped
// without it, unless SAHELSIM_PDF is set (as CI sets it).
func TestMorrisPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("SAHELSIM_PDF") != "" {
			t.Fatalf("SAHELSIM_PDF is set but pdftotext is missing: %v", err)
		}
		t.Skip("pdftotext not found: install poppler-utils")
	}
	fig, err := sensitivity.PlotMorris(sensitivity.MorrisResult{Indicator: "events_total", Effects: []sensitivity.Effect{
		{Factor: "violence.tempo", MuStar: 7.7, Sigma: 6.2}, {Factor: "recruitment.rate", MuStar: 6.2, Sigma: 8.8},
	}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := figures.Write(t.Context(), dir, []*figures.Figure{fig}, figures.PDF); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", filepath.Join(dir, "morris_events_total.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"µ* (mean |elementary effect|)", "sigma (standard deviation)", "violence.tempo"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("the PDF's text lacks %q:\n%s", s, text)
		}
	}
}
