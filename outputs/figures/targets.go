package figures

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A TargetItem is one target of a figure of targets: an observed value
// with its tolerance band, and the simulated mean across replicates with
// its 90 % band (5th to 95th percentile). NaN values are not drawn.
type TargetItem struct {
	Label               string
	Observed, Low, High float64
	Mean, P05, P95      float64
}

// A TargetPanel is one panel of a figure of targets: a series of targets
// along a categorical axis.
type TargetPanel struct {
	Title  string
	YLabel string
	Share  bool // the values are shares in [0, 1], shown as percentages
	Items  []TargetItem
}

// A TargetLegend names the two marks of a figure of targets in its
// legend.
type TargetLegend struct {
	Observed  string // e.g. "Observed, with its tolerance band"
	Simulated string // e.g. "Simulated: mean and 90% band of 50 replicates"
}

// TargetFigure returns a figure of observed series against the simulated
// band: for each target of each panel, the simulated 90 % band as a pale
// bar with the simulated mean across it, and the observed value as a
// black dot with its tolerance band as whiskers. Panels are laid out
// in cols columns; the legend is below them. Used by 'sahelsim validate'
// and 'sahelsim calibrate' for the patterns of the training window.
func TargetFigure(name, title, caption string, panels []TargetPanel, cols int, legend TargetLegend, style Style) *Figure {
	th := style.theme()
	cols = max(1, min(cols, len(panels)))
	rows := (len(panels) + cols - 1) / cols
	width := th.page
	if cols == 1 && len(panels) == 1 && len(panels[0].Items) <= 6 {
		width = th.column
	}
	panelH := width/vg.Length(cols)*0.62 + th.text*4
	simColor, obsColor := okabeIto[oiBlue], ink
	entries := []legendEntry{
		{legend.Observed, glyphThumb{draw.GlyphStyle{Color: obsColor, Shape: draw.CircleGlyph{}, Radius: th.small * 0.3}, draw.LineStyle{Color: obsColor, Width: th.thin}}},
		{legend.Simulated, bandThumb{draw.LineStyle{Color: simColor, Width: th.line}, bandFill(simColor)}},
	}
	lh := legendHeight(entries, width, th)
	f := &Figure{Name: name, Title: title, Caption: caption, Width: width, Height: vg.Length(rows)*panelH + lh}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		for _, pn := range panels {
			plots = append(plots, targetPlot(pn, th, simColor, obsColor))
		}
		drawPanels(top, gridOf(plots, cols), th)
		drawLegend(bottom, entries, th)
	}
	return f
}

// targetPlot returns the plot of one panel of targets.
func targetPlot(pn TargetPanel, th theme, simColor, obsColor color.RGBA) *plot.Plot {
	p := newPlot(th)
	p.Title.Text = pn.Title
	p.Y.Label.Text = pn.YLabel
	p.Add(hGrid(th))
	p.Add(&targetMarks{items: pn.Items, th: th, sim: simColor, obs: obsColor})
	var ticks []plot.Tick
	for i, it := range pn.Items {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: it.Label})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.6, float64(len(pn.Items))-0.4
	if len(pn.Items) > 5 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	}
	ymin, ymax := 0.0, 0.0
	for _, it := range pn.Items {
		for _, v := range []float64{it.Observed, it.Low, it.High, it.Mean, it.P05, it.P95} {
			if finite(v) {
				ymin, ymax = min(ymin, v), max(ymax, v)
			}
		}
	}
	pad := 0.08 * (ymax - ymin)
	p.Y.Min, p.Y.Max = ymin, math.Max(ymax+pad, 1e-9)
	if ymin < 0 {
		p.Y.Min = ymin - pad
	}
	if pn.Share {
		p.Y.Max = math.Min(math.Max(ymax*1.08, 0.05), 1)
		p.Y.Tick.Marker = percentTicks{}
	}
	return p
}

// targetMarks draws the targets of a panel.
type targetMarks struct {
	items    []TargetItem
	th       theme
	sim, obs color.RGBA
}

func (m *targetMarks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	half := vg.Length(0.28) * (trX(1) - trX(0))
	simLine := draw.LineStyle{Color: m.sim, Width: m.th.line}
	obsLine := draw.LineStyle{Color: m.obs, Width: m.th.thin}
	for i, it := range m.items {
		x := trX(float64(i))
		if finite(it.P05) && finite(it.P95) {
			r := vg.Rectangle{Min: vg.Point{X: x - half, Y: trY(it.P05)}, Max: vg.Point{X: x + half, Y: trY(it.P95)}}
			if r.Max.Y-r.Min.Y < m.th.thin {
				r.Max.Y = r.Min.Y + m.th.thin
			}
			c.FillPolygon(bandFill(m.sim), c.ClipPolygonXY(rectPoints(r)))
		}
		if finite(it.Mean) {
			y := trY(it.Mean)
			c.StrokeLines(simLine, c.ClipLinesXY([]vg.Point{{X: x - half, Y: y}, {X: x + half, Y: y}})...)
		}
		if finite(it.Low) && finite(it.High) {
			cap := half * 0.35
			lo, hi := trY(it.Low), trY(it.High)
			c.StrokeLines(obsLine, c.ClipLinesXY(
				[]vg.Point{{X: x, Y: lo}, {X: x, Y: hi}},
				[]vg.Point{{X: x - cap, Y: lo}, {X: x + cap, Y: lo}},
				[]vg.Point{{X: x - cap, Y: hi}, {X: x + cap, Y: hi}})...)
		}
		if finite(it.Observed) {
			g := draw.GlyphStyle{Color: m.obs, Shape: draw.CircleGlyph{}, Radius: m.th.small * 0.3}
			if pt := (vg.Point{X: x, Y: trY(it.Observed)}); c.Contains(pt) {
				c.DrawGlyph(g, pt)
			}
		}
	}
}

func (m *targetMarks) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.6, float64(len(m.items)) - 0.4, 0, 1
}

// rectPoints returns the corners of r.
func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}
