package sensitivity_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
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
	dir := t.TempDir()
	for _, name := range []string{"sobol.svg", "sobol.pdf", "sobol.png"} {
		path := filepath.Join(dir, name)
		if err := save(fig, path); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: %v, %d bytes", name, err, fi.Size())
		}
	}
	svg, err := os.ReadFile(filepath.Join(dir, "sobol.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"x1", "x2", "x3", "dummya", "first order (S1)", "total (ST)", "Sobol index", "ishigami"} {
		if !bytes.Contains(svg, []byte(s)) {
			t.Errorf("the SVG figure lacks %q", s)
		}
	}
	if err := save(fig, filepath.Join(dir, "sobol.doc")); err == nil {
		t.Error("an unknown format was accepted")
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
	if err := save(mfig, filepath.Join(dir, "morris.svg")); err != nil {
		t.Fatal(err)
	}
	msvg, _ := os.ReadFile(filepath.Join(dir, "morris.svg"))
	if !bytes.Contains(msvg, []byte("x3")) || !bytes.Contains(msvg, []byte("μ*")) {
		t.Error("the Morris figure lacks its labels")
	}
}

// save writes fig to path in the format of its extension.
func save(fig *sensitivity.Figure, path string) error {
	var buf bytes.Buffer
	if err := fig.Encode(&buf, strings.TrimPrefix(filepath.Ext(path), ".")); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
