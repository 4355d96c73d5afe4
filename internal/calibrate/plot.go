package calibrate

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Plot draws each target against its simulated distribution, on one
// standardised axis ((simulated − target) / scale, so 0 is the target and
// ±1 the edges of a symmetric tolerance band): the simulated means of every
// point in grey, those of the posterior in blue, the best fit as a
// vermilion diamond. Undefined means are left out.
func Plot(targets []Target, all, post []Fit) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Targets against their simulated distribution"
	p.X.Label.Text = "(simulated − target) / half the tolerance band"
	p.X.Min, p.X.Max = -4, 4
	clamp := func(x float64) float64 { return math.Max(-4, math.Min(4, x)) }
	series := func(fits []Fit, jitter float64) plotter.XYs {
		var xy plotter.XYs
		for k, f := range fits {
			for i, tg := range targets {
				if m := f.Means[i]; !math.IsNaN(m) {
					y := float64(len(targets)-1-i) + jitter*(float64(k%7)/6-0.5)
					xy = append(xy, plotter.XY{X: clamp((m - tg.Value) / tg.Scale), Y: y})
				}
			}
		}
		return xy
	}
	band, err := plotter.NewPolygon(plotter.XYs{{X: -1, Y: -0.5}, {X: 1, Y: -0.5}, {X: 1, Y: float64(len(targets)) - 0.5}, {X: -1, Y: float64(len(targets)) - 0.5}})
	if err != nil {
		return nil, err
	}
	band.Color = color.RGBA{230, 230, 230, 255}
	band.LineStyle.Width = 0
	p.Add(band, plotter.NewGrid())
	for _, s := range []struct {
		fits   []Fit
		jitter float64
		col    color.Color
		shape  draw.GlyphDrawer
		radius vg.Length
		label  string
	}{
		{all, 0.5, color.RGBA{150, 150, 150, 255}, draw.CircleGlyph{}, 1.2, "every point (prior)"},
		{post, 0.3, color.RGBA{0, 114, 178, 255}, draw.CircleGlyph{}, 1.8, "accepted (posterior)"},
		{post[:1], 0, color.RGBA{213, 94, 0, 255}, draw.PyramidGlyph{}, 3.5, "best fit"},
	} {
		sc, err := plotter.NewScatter(series(s.fits, s.jitter))
		if err != nil {
			return nil, fmt.Errorf("calibrate: plot: %w", err)
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Shape, sc.GlyphStyle.Radius = s.col, s.shape, s.radius
		p.Add(sc)
		p.Legend.Add(s.label, sc)
	}
	var ticks []plot.Tick
	for i, tg := range targets {
		ticks = append(ticks, plot.Tick{Value: float64(len(targets) - 1 - i), Label: tg.ID})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(len(targets))-0.4
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}
