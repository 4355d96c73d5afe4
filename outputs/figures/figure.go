package figures

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/sahelsim/sahelsim/outputs"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Formats figures are written in.
const (
	PDF = "pdf" // vector, fonts embedded
	SVG = "svg" // vector
	PNG = "png" // raster, at DPI
)

// DPI is the resolution of PNG figures.
const DPI = 300

// DefaultFormats returns the formats figures are written in unless told
// otherwise: every one.
func DefaultFormats() []string { return []string{PDF, SVG, PNG} }

// ParseFormats parses a comma-separated list of formats, such as
// "pdf,svg,png", and returns them without repeats.
func ParseFormats(s string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "":
			continue
		case PDF, SVG, PNG:
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		default:
			return nil, fmt.Errorf("figures: format %q: want pdf, svg or png", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("figures: no format in %q: want pdf, svg or png", s)
	}
	return out, nil
}

// A Figure is one figure of a run or a sweep: its name, which is its file
// name without the extension, what it shows, its size, and how to draw it.
type Figure struct {
	Name    string // e.g. "events_by_zone", "map_events"
	Title   string // a short title
	Caption string // what the figure shows, for the report and papers

	Width, Height vg.Length

	// Note, if not empty, is written in a band across the top of the
	// figure: why its axes are empty ("No militant events in this
	// run"), so that an empty figure is not read as a broken one. Set it
	// with setNote, which makes room for it.
	Note     string
	noteSize vg.Length

	draw func(c draw.Canvas)
	svg  []byte // the SVG drawing, once rendered
}

// PlotFigure returns the figure that draws the gonum/plot plot p, of
// w × h: a plot another package builds (the sensitivity indices, a
// calibration's screening) rendered and written as every figure is, by
// Render and Write, its PDF through NewPDF.
func PlotFigure(name, title, caption string, p *plot.Plot, w, h vg.Length) *Figure {
	return &Figure{Name: name, Title: title, Caption: caption, Width: w, Height: h, draw: p.Draw}
}

// Render draws f in each of formats and returns the files' contents by
// format. SVG is always drawn (it is kept for the report: see SVG), and is
// returned only if asked for.
func (f *Figure) Render(formats ...string) (out map[string][]byte, err error) {
	return f.render(formats, nil)
}

// render is Render drawing PNG into *scratch, grown as needed, rather
// than into a new image: Write's workers reuse theirs.
func (f *Figure) render(formats []string, scratch *[]byte) (out map[string][]byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("figures: draw %s: %v", f.Name, p)
		}
	}()
	w, h := f.Width, f.Height
	sv := vgsvg.New(w, h)
	cs := []vg.Canvas{sv}
	var pdf *PDFCanvas
	var img *image.RGBA
	for _, format := range formats {
		switch format {
		case PDF:
			pdf = NewPDF(w, h)
			cs = append(cs, pdf)
		case PNG:
			var c *vgimg.Canvas
			img, c = newImageCanvas(w, h, scratch)
			cs = append(cs, c)
		case SVG:
		default:
			return nil, fmt.Errorf("figures: %s: unknown format %q", f.Name, format)
		}
	}
	// A white page: PDF and PNG have one already.
	sv.SetColor(white)
	sv.Fill(vg.Rectangle{Max: vg.Point{X: w, Y: h}}.Path())
	var c vg.Canvas = sv
	if len(cs) > 1 {
		c = vg.MultiCanvas(cs...)
	}
	dc := draw.NewCanvas(c, w, h)
	if f.Note != "" {
		f.draw(draw.Crop(dc, 0, 0, 0, -f.noteBand()))
		f.drawNote(dc)
	} else {
		f.draw(dc)
	}

	out = map[string][]byte{}
	var buf bytes.Buffer
	if _, err := sv.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("figures: %s.svg: %w", f.Name, err)
	}
	f.svg = fixSVGFonts(buf.Bytes())
	if slices.Contains(formats, SVG) {
		out[SVG] = f.svg
	}
	if pdf != nil {
		var buf bytes.Buffer
		if _, err := pdf.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("figures: %s.pdf: %w", f.Name, err)
		}
		out[PDF] = buf.Bytes()
	}
	if img != nil {
		out[PNG] = encodePNG(img, DPI)
	}
	return out, nil
}

// setNote sets f's note, in text of the given size, and makes room for
// it at the top.
func (f *Figure) setNote(note string, size vg.Length) {
	f.Note, f.noteSize = note, size
	f.Height += f.noteBand()
}

// noteBand returns the height of the band of the note.
func (f *Figure) noteBand() vg.Length { return 2.5 * f.noteSize }

// drawNote writes f.Note centred in the band at the top of c.
func (f *Figure) drawNote(c draw.Canvas) {
	st := textStyle(regular, f.noteSize)
	st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
	c.FillText(st, vg.Point{X: c.Center().X, Y: c.Max.Y - f.noteBand()/2}, f.Note)
}

// newImageCanvas returns a white image of w × h at DPI and a canvas
// drawing on it. The image's pixels are *scratch if it is large enough
// (it is grown otherwise); vgimg.NewWith would copy a new image whole.
func newImageCanvas(w, h vg.Length, scratch *[]byte) (*image.RGBA, *vgimg.Canvas) {
	pw, ph := int(w.Dots(DPI)+0.5), int(h.Dots(DPI)+0.5)
	n := 4 * pw * ph
	var pix []byte
	if scratch != nil && cap(*scratch) >= n {
		pix = (*scratch)[:n]
	} else {
		pix = make([]byte, n)
		if scratch != nil {
			*scratch = pix
		}
	}
	img := &image.RGBA{Pix: pix, Stride: 4 * pw, Rect: image.Rect(0, 0, pw, ph)}
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	return img, vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(DPI)) // white by default
}

// SVG returns f's SVG drawing once it has been rendered, nil before.
func (f *Figure) SVG() []byte { return f.svg }

// fixSVGFonts gives the SVG's fonts fallbacks: vgsvg names the Liberation
// fonts only, which few systems have; Arial and Helvetica have the same
// metrics.
func fixSVGFonts(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	return b
}

// Write renders figs in formats (DefaultFormats() if none) and writes them
// into the directory dir (created if needed) as NAME.FORMAT, each through
// a temporary file renamed into place. Figures are rendered in parallel;
// once ctx is done no further figure starts, and Write returns ctx's
// error. Write returns the names of the files, in the order of figs and
// formats. report.Write calls it on a staging directory, so that a
// drawing replaces the old one at once (see outputs.ReplaceFiles).
func Write(ctx context.Context, dir string, figs []*Figure, formats ...string) ([]string, error) {
	if len(formats) == 0 {
		formats = DefaultFormats()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	files := make([][]string, len(figs))
	errs := make([]error, len(figs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(figs))) {
		wg.Go(func() {
			var scratch []byte
			for i := range next {
				if ctx.Err() != nil {
					continue
				}
				f := figs[i]
				out, err := f.render(formats, &scratch)
				if err != nil {
					errs[i] = err
					continue
				}
				for _, format := range formats {
					name := f.Name + "." + format
					err := outputs.WriteFileAtomic(ctx, filepath.Join(dir, name), func(w io.Writer) error {
						_, err := w.Write(out[format])
						return err
					})
					if err != nil {
						errs[i] = fmt.Errorf("figures: %w", err)
						break
					}
					files[i] = append(files[i], name)
				}
			}
		})
	}
	// The largest first, so that no long drawing starts last.
	order := make([]int, len(figs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpFloat(float64(figs[b].Width*figs[b].Height), float64(figs[a].Width*figs[a].Height))
	})
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var names []string
	for _, fs := range files {
		names = append(names, fs...)
	}
	return names, nil
}
