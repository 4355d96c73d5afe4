package figures

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"
)

// robustFigures returns the three robustness figures of synthetic data,
// and the same with nothing to draw.
func robustFigures(style Style) (full, empty []*Figure) {
	levers := []string{"disaggregation", "counterinsurgency", "community_protection", "combined"}
	inds := []string{"fatalities_total", "events_total", "displaced", "sustained_presence_share"}
	var es []LeverEffect
	var ds []LeverDrivers
	var cs []DoseCurve
	for i, l := range levers {
		for j, ind := range inds {
			m := -float64(100*(i+1)) * float64(j+1)
			if ind == "sustained_presence_share" {
				m = 0.01 * float64(i)
			}
			es = append(es, LeverEffect{Lever: l, Indicator: ind, Mean: m, MeanLow: 1.1 * m, MeanHigh: 0.9 * m, Low: 2 * m, High: -0.2 * m})
		}
		ds = append(ds, LeverDrivers{Lever: l, R2: 0.5 + 0.1*float64(i),
			Params: []string{"communities.reprisal_harm", "groups.flm.political", "forces.presence_decay", "recruitment.rate", "violence.civilian_base", "crime.rate"},
			SRC:    []float64{0.8, -0.5, 0.3, -0.2, 0.1, 0.05}})
		c := DoseCurve{Lever: l}
		for k := range 5 {
			x := float64(k) / 4
			c.Intensity = append(c.Intensity, x)
			c.Mean = append(c.Mean, -300*x*float64(i+1))
			c.Low = append(c.Low, -300*x*float64(i+1)-50)
			c.High = append(c.High, -300*x*float64(i+1)+50)
		}
		cs = append(cs, c)
	}
	var ab []AblationPart
	for i, l := range levers {
		for k, lab := range []string{"whole", "presence alone", "interdiction alone", "interaction"} {
			m := -float64(100 * (i + k))
			ab = append(ab, AblationPart{Lever: l, Label: lab, Mean: m, Low: m - 200, High: m + 150})
		}
	}
	full = []*Figure{PosteriorEffects(es, inds, "baseline", style), Drivers("fatalities_total", ds, 5, style), DoseResponse("fatalities_total", cs, style), Ablation("displaced", ab, style)}
	empty = []*Figure{PosteriorEffects(nil, inds, "baseline", style), Drivers("fatalities_total", nil, 5, style), DoseResponse("fatalities_total", nil, style), Ablation("displaced", nil, style)}
	return full, empty
}

// TestRobustFigures draws the figures of the effects over the posterior,
// their drivers and the dose-response in every format and style, and
// their empty forms.
func TestRobustFigures(t *testing.T) {
	for _, style := range []Style{Paper, Slides} {
		full, empty := robustFigures(style)
		names := []string{"effects_posterior", "drivers_fatalities_total", "dose_response_fatalities_total", "ablation_displaced"}
		for i, f := range append(full, empty...) {
			if f.Name != names[i%4] {
				t.Errorf("figure %d: %s, want %s", i, f.Name, names[i%4])
			}
			if f.Caption == "" || f.Title == "" {
				t.Errorf("%s: no title or caption", f.Name)
			}
			out, err := f.Render(PDF, SVG, PNG)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if !bytes.HasPrefix(out[PDF], []byte("%PDF-")) || !bytes.Contains(out[SVG], []byte("<svg")) {
				t.Errorf("%s: bad PDF or SVG", f.Name)
			}
			img, err := png.Decode(bytes.NewReader(out[PNG]))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if want := int(math.Round(f.Width.Points() / 72 * 300)); img.Bounds().Dx() != want {
				t.Errorf("%s: PNG %d pixels wide, want %d", f.Name, img.Bounds().Dx(), want)
			}
			if i < 4 && f.Width != style.theme().page {
				t.Errorf("%s: %v wide, want the page width", f.Name, f.Width)
			}
		}
		// The levers and the top parameters are named.
		svg := string(full[1].SVG())
		for _, s := range []string{"community_protection", "reprisal_harm", "adj. R²"} {
			if !strings.Contains(svg, s) {
				t.Errorf("drivers figure lacks %q", s)
			}
		}
		if strings.Contains(svg, "crime.rate") {
			t.Error("drivers figure shows a sixth parameter of a top five")
		}
	}
}
