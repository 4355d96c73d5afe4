package sensitivity

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/outputs/figures"
)

// The look of the figures follows the project's (outputs/figures, its
// Paper style): Liberation Sans, 8 pt labels and 7 pt ticks, one column
// (3.5 in) wide, Okabe–Ito colours.
var (
	figFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	// Okabe–Ito blue and vermillion: first-order and total indices.
	colorS1  = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	colorST  = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	ink      = color.RGBA{0x22, 0x22, 0x22, 0xff}
	gridGrey = color.RGBA{0xe0, 0xe0, 0xe0, 0xff}
)

const (
	figWidth  = 3.5 * vg.Inch
	textSize  = 8
	smallSize = 7
)

// newPlot returns an empty plot in the project's style.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(figFont, textSize)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(figFont, textSize)
		a.Tick.Label.Font = font.From(figFont, smallSize)
		a.LineStyle.Color = ink
		a.LineStyle.Width = 0.5
		a.Tick.LineStyle.Width = 0.5
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.Legend.TextStyle.Font = font.From(figFont, smallSize)
	return p
}

// PlotSobol returns a horizontal bar chart of the Sobol indices of one
// indicator: for each factor a bar for its first-order index (blue) and
// one for its total index (vermillion), the factor with the largest total
// index at the top, with the confidence intervals as whiskers where they
// are known. The figure, named sobol_<indicator>, is one column wide and
// as tall as its factors need.
func PlotSobol(r SobolResult) (*figures.Figure, error) {
	if len(r.Indices) == 0 {
		return nil, fmt.Errorf("sensitivity: plot %s: no index", r.Indicator)
	}
	for _, x := range r.Indices {
		if math.IsNaN(x.S1) || math.IsNaN(x.ST) {
			return nil, fmt.Errorf("sensitivity: plot %s: the indices of %s are undefined (the indicator does not vary)", r.Indicator, x.Factor)
		}
	}
	// Ascending total index: the last is drawn at the top.
	idx := slices.Clone(r.Indices)
	slices.SortStableFunc(idx, func(a, b Index) int {
		switch {
		case a.ST < b.ST:
			return -1
		case a.ST > b.ST:
			return 1
		}
		return 0
	})
	title := r.Indicator
	for _, x := range idx {
		if x.Unstable() != "" {
			title += " (unstable estimates: more points needed)"
			break
		}
	}
	p := newPlot(title, "Sobol index", "")
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = gridGrey
	p.Add(grid)
	const barWidth = 5 // points
	names := make([]string, len(idx))
	var s1, st plotter.Values
	var s1CI, stCI []Interval
	for i, x := range idx {
		names[i] = x.Factor
		s1 = append(s1, x.S1)
		st = append(st, x.ST)
		s1CI = append(s1CI, x.S1CI)
		stCI = append(stCI, x.STCI)
	}
	for _, series := range []struct {
		name   string
		values plotter.Values
		ci     []Interval
		color  color.RGBA
		offset vg.Length
	}{
		{"first order (S1)", s1, s1CI, colorS1, -barWidth / 2},
		{"total (ST)", st, stCI, colorST, barWidth / 2},
	} {
		b, err := plotter.NewBarChart(series.values, barWidth)
		if err != nil {
			return nil, fmt.Errorf("sensitivity: plot %s: %w", r.Indicator, err)
		}
		b.Horizontal = true
		b.Color = series.color
		b.LineStyle.Width = 0
		b.Offset = -series.offset // the first series above the second
		p.Add(b, &whiskers{at: series.values, ci: series.ci, offset: -series.offset})
		p.Legend.Add(series.name, b)
	}
	p.NominalY(names...)
	// Room for the outer bars, and the legend at the bottom right, beside
	// the smallest indices.
	p.Y.Min, p.Y.Max = -0.6, float64(len(idx))-0.4
	p.X.Min = min(0, p.X.Min)
	p.X.Max = max(1, p.X.Max)
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.Padding = 2
	p.Legend.YOffs = 2
	h := 0.9*vg.Inch + vg.Length(len(idx))*0.3*vg.Inch
	caption := fmt.Sprintf("Sobol indices of %s: for each factor, its first-order index S1 (the share of the variance it causes alone) and its total index ST (alone and with others), with bootstrap 95 %% intervals.", r.Indicator)
	return figures.PlotFigure("sobol_"+r.Indicator, title, caption, p, figWidth, h), nil
}

// whiskers draws horizontal confidence intervals across horizontal bars
// at category i, shifted by offset like the bars.
type whiskers struct {
	at     plotter.Values
	ci     []Interval
	offset vg.Length
}

func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: ink, Width: 0.6}
	for i, ci := range w.ci {
		if math.IsNaN(ci.Low) || math.IsNaN(ci.High) {
			continue
		}
		y := trY(float64(i)) + w.offset
		x0, x1 := trX(ci.Low), trX(ci.High)
		c.StrokeLines(ls, c.ClipLinesX([]vg.Point{{X: x0, Y: y}, {X: x1, Y: y}})...)
		for _, x := range []vg.Length{x0, x1} {
			c.StrokeLines(ls, c.ClipLinesX([]vg.Point{{X: x, Y: y - 1.5}, {X: x, Y: y + 1.5}})...)
		}
	}
}

// DataRange makes room on the axis for the intervals.
func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for i, v := range w.at {
		xmin, xmax = min(xmin, v), max(xmax, v)
		if ci := w.ci[i]; !math.IsNaN(ci.Low) && !math.IsNaN(ci.High) {
			xmin, xmax = min(xmin, ci.Low), max(xmax, ci.High)
		}
	}
	return xmin, xmax, 0, float64(len(w.at) - 1)
}

// PlotMorris returns the Morris μ*–σ plane of one indicator: a point per
// factor, labelled with its name. Factors far to the right matter;
// factors high up act non-linearly or through interactions; factors near
// the origin can be fixed. The figure, named morris_<indicator>, is one
// column wide and square.
func PlotMorris(r MorrisResult) (*figures.Figure, error) {
	var xys plotter.XYs
	var labels []string
	for _, e := range r.Effects {
		if math.IsNaN(e.MuStar) {
			continue
		}
		xys = append(xys, plotter.XY{X: e.MuStar, Y: max(0, nanTo0(e.Sigma))})
		labels = append(labels, e.Factor)
	}
	if len(xys) == 0 {
		return nil, fmt.Errorf("sensitivity: plot %s: no elementary effect", r.Indicator)
	}
	p := newPlot(r.Indicator, "μ* (mean |elementary effect|)", "σ (standard deviation)")
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: plot %s: %w", r.Indicator, err)
	}
	sc.GlyphStyle.Color = colorS1
	sc.GlyphStyle.Radius = 2
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("sensitivity: plot %s: %w", r.Indicator, err)
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = font.From(figFont, smallSize)
		lb.TextStyle[i].Color = ink
	}
	lb.Offset = vg.Point{X: 3, Y: 1}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = gridGrey, gridGrey
	p.Add(grid, sc, lb)
	p.X.Min, p.Y.Min = 0, 0
	caption := fmt.Sprintf("Morris elementary effects on %s: each factor's μ*, the mean absolute effect, against σ, their standard deviation. Factors far to the right matter; high up, they act non-linearly or through others; near the origin, they can be fixed.", r.Indicator)
	return figures.PlotFigure("morris_"+r.Indicator, r.Indicator, caption, p, figWidth, figWidth), nil
}

// nanTo0 returns 0 for NaN, else v.
func nanTo0(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}
