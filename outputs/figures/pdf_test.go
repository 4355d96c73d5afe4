package figures

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"codeberg.org/go-pdf/fpdf"

	"github.com/sahelsim/sahelsim/sim"
)

// needTools skips the test unless the poppler tools it names are on the
// PATH; with SAHELSIM_PDF set (as CI sets it), a missing tool fails it.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("SAHELSIM_PDF") != "" {
				t.Fatalf("SAHELSIM_PDF is set but %s is missing: %v (apt-get install poppler-utils)", tool, err)
			}
			t.Skipf("%s not found: install poppler-utils, or set SAHELSIM_PDF=1 to make this an error", tool)
		}
	}
}

func TestPDFText(t *testing.T) {
	encode := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt"}).UnicodeTranslatorFromDescriptor("cp1252")
	tests := []struct{ in, want string }{
		{"Events per month", "Events per month"},
		{"Ménaka", "M\xe9naka"},
		{"2017–2020", "2017\x962020"},
		{"0.5° cell", "0.5\xb0 cell"},
		{`Labelled “JNIM” — 5th–95th`, "Labelled \x93JNIM\x94 \x97 5th\x9695th"},
		{"€ … • ×", "\x80 \x85 \x95 \xd7"},
		{"−3", "\x963"},              // minus sign: en dash
		{"a ≤ b → c", "a <= b -> c"}, // no ≤ or → in cp1252
		{"μ* and σ", "\xb5* and sigma"},
		{"x₁ 10⁴", "x1 104"},
		{"北京 ok", "?? ok"},
	}
	for _, tt := range tests {
		if got := pdfText(tt.in, encode); got != tt.want {
			t.Errorf("pdfText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPDFColor checks that vgpdf is handed a straight colour: a
// translucent red keeps its red, not premultiplied to a dark one.
func TestPDFColor(t *testing.T) {
	c := color.NRGBA64Model.Convert(withAlpha(okabeIto[oiVermillion], 0.22)).(color.NRGBA64)
	r, g, b, a := straight(c).RGBA()
	near := func(v uint32, want int) bool { return int(v>>8)-want <= 2 && want-int(v>>8) <= 2 } // 8-bit premultiplied storage rounds
	if !near(r, 0xd5) || !near(g, 0x5e) || !near(b, 0) || !near(a, 56) {
		t.Errorf("straight colour %x %x %x %x, want about d5 5e 0 38", r>>8, g>>8, b>>8, a>>8)
	}
}

// TestPDFRuns draws the PDFs of two identical runs and checks that they
// are byte-identical, without dates, and that their text reads right
// (pdftotext): accents, en dashes and degree signs.
func TestPDFRuns(t *testing.T) {
	dir := t.TempDir()
	a, err := makeRun(dir, "baseline", 2, sim.NewDate(2017, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	b, err := makeRun(filepath.Join(dir, "again"), "baseline", 2, sim.NewDate(2017, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	figsA, err := DrawAll(a, Options{Formats: []string{PDF}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DrawAll(b, Options{Formats: []string{PDF}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range figsA {
		pa, err := os.ReadFile(filepath.Join(a, "figures", f.Name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		pb, err := os.ReadFile(filepath.Join(b, "figures", f.Name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(pa, pb) {
			t.Errorf("%s.pdf differs between two identical runs", f.Name)
		}
		if bytes.Contains(pa, []byte("/CreationDate")) || bytes.Contains(pa, []byte("/ModDate")) {
			t.Errorf("%s.pdf has a date", f.Name)
		}
	}

	needTools(t, "pdftotext", "pdfinfo")
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"map_events", []string{"Ménaka", "Events per 0.5° cell, 2017 (log scale)", "Fada N'Gourma", "Tombouctou"}},
		{"events_by_zone", []string{"90% band (5th–95th percentile)", "Events per month"}},
		{"events_observed", []string{`Labelled "JNIM"`, "Observed: events the record labels with its name", "al-Mourabitoun"}},
	} {
		path := filepath.Join(a, "figures", tt.name+".pdf")
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		// pdftotext breaks lines where the layout does; compare words.
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s.pdf: no %q in its text: %q", tt.name, w, text)
			}
		}
		info, err := exec.Command("pdfinfo", path).CombinedOutput()
		if err != nil {
			t.Errorf("pdfinfo %s: %v\n%s", path, err, info)
		}
	}
}

// TestPDFBand renders, through pdftoppm, a dark line under a band (the
// fill of the time series' 90 % bands) and checks the colours: the line
// shows through the band, and the band alone is the band's colour at its
// opacity over white, not grey.
func TestPDFBand(t *testing.T) {
	needTools(t, "pdftoppm")
	band := bandFill(okabeIto[oiVermillion])
	line := okabeIto[oiBlue]
	f := &Figure{Name: "band", Width: 100, Height: 100, draw: func(c draw.Canvas) {
		c.SetColor(line)
		c.Fill(vg.Rectangle{Min: vg.Point{X: 45, Y: 0}, Max: vg.Point{X: 55, Y: 100}}.Path())
		c.SetColor(band)
		c.Fill(vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: 100, Y: 50}}.Path())
	}}
	out, err := f.Render(PDF)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "band.pdf")
	if err := os.WriteFile(path, out[PDF], 0o644); err != nil {
		t.Fatal(err)
	}
	// 72 dpi: one pixel a point. The PDF's y axis points up, the image's
	// down.
	if msg, err := exec.Command("pdftoppm", "-r", "72", "-png", "-singlefile", path, filepath.Join(dir, "band")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	pf, err := os.Open(filepath.Join(dir, "band.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	img, err := png.Decode(pf)
	if err != nil {
		t.Fatal(err)
	}
	alpha := float64(band.A) / 255
	straightBand := color.NRGBAModel.Convert(band).(color.NRGBA)
	over := func(fg color.NRGBA, bg color.RGBA) [3]float64 {
		mix := func(f, b uint8) float64 { return alpha*float64(f) + (1-alpha)*float64(b) }
		return [3]float64{mix(fg.R, bg.R), mix(fg.G, bg.G), mix(fg.B, bg.B)}
	}
	for _, tt := range []struct {
		what string
		x, y int
		want [3]float64
	}{
		{"the line under the band", 50, 75, over(straightBand, line)},
		{"the band over white", 20, 75, over(straightBand, white)},
		{"the line alone", 50, 25, [3]float64{float64(line.R), float64(line.G), float64(line.B)}},
	} {
		r, g, b, _ := img.At(tt.x, tt.y).RGBA()
		got := [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
		for k := range 3 {
			if d := got[k] - tt.want[k]; d > 4 || d < -4 {
				t.Errorf("%s: pixel (%d, %d) is %v, want %.0f", tt.what, tt.x, tt.y, got, tt.want)
				break
			}
		}
		if grey := max(got[0], got[1], got[2]) - min(got[0], got[1], got[2]); grey < 20 {
			t.Errorf("%s: pixel %v is grey", tt.what, got)
		}
		opaque := [3]float64{float64(straightBand.R), float64(straightBand.G), float64(straightBand.B)}
		if d := max(abs(got[0]-opaque[0]), abs(got[1]-opaque[1]), abs(got[2]-opaque[2])); tt.what == "the line under the band" && d < 40 {
			t.Errorf("%s: pixel %v is the band's opaque colour %v: the line does not show through", tt.what, got, opaque)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }
