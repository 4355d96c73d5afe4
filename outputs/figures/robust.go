package figures

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// This file draws the figures of policy conclusions over the posterior
// (internal/effects): each lever's effect over the plausible worlds, the
// parameters that drive it, and its dose-response.

// A LeverEffect is a lever's effect on an indicator over a posterior:
// its mean with its 95 % interval, and the 5–95 % range of the per-draw
// effects.
type LeverEffect struct {
	Lever, Indicator  string
	Mean              float64
	MeanLow, MeanHigh float64
	Low, High         float64
}

// PosteriorEffects returns the figure of each lever's effect on each of
// indicators (a panel each, in order, at most eight) over the posterior:
// the mean effect with its 95 % interval, over the 5–95 % range of the
// per-draw effects; the levers in the order of effects.
func PosteriorEffects(effects []LeverEffect, indicators []string, reference string, style Style) *Figure {
	th := style.theme()
	var levers []string
	for _, e := range effects {
		if !slices.Contains(levers, e.Lever) {
			levers = append(levers, e.Lever)
		}
	}
	inds := slices.DeleteFunc(slices.Clone(indicators), func(ind string) bool {
		return !slices.ContainsFunc(effects, func(e LeverEffect) bool { return e.Indicator == ind && finite(e.Mean) })
	})
	if len(inds) > 8 {
		inds = inds[:8]
	}
	const name, title = "effects_posterior", "Effect of each lever over the posterior"
	b := &builder{th: th}
	if len(inds) == 0 {
		return b.noteFigure(name, title, "Each lever's effect over the posterior: no effect could be estimated (each draw needs two replicates under the lever and the reference).", "Difference from "+reference, "No effect could be estimated")
	}
	cols := min(3, len(inds))
	rows := (len(inds) + cols - 1) / cols
	width := th.page
	panelH := th.small*2.4*vg.Length(len(levers)) + th.text*7
	glyph := draw.GlyphStyle{Color: ink, Radius: th.small * 0.3, Shape: draw.CircleGlyph{}}
	meanLine := draw.LineStyle{Color: ink, Width: th.line}
	rangeLine := draw.LineStyle{Color: withAlpha(okabeIto[oiSkyBlue], 0.55), Width: th.small * 0.9}
	zero := draw.LineStyle{Color: jnimColor, Width: th.thin, Dashes: []vg.Length{2, 2}}
	legend := []legendEntry{
		{"Mean effect over the draws, with its 95% interval", glyphThumb{glyph: glyph, line: meanLine}},
		{"5–95% range of the draws' effects (parameter uncertainty and noise)", lineThumb{rangeLine}},
		{"No effect (" + reference + ")", lineThumb{zero}},
	}
	lh := legendHeight(legend, width, th)
	f := &Figure{
		Name:    name,
		Title:   title,
		Caption: fmt.Sprintf("Each lever's effect on the main indicators over the posterior of the model's parameters: for each draw of the posterior, the mean over its replicates of the difference from %s (paired replicate by replicate, common random numbers); the dot is the mean over the draws with its 95%% interval, the broad band the 5–95%% range of the draws' effects, where the effect lies in 90%% of the plausible worlds. Each panel has its own horizontal scale; shares in percentage points.", reference),
		Width:   width, Height: vg.Length(rows)*panelH + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		for k, ind := range inds {
			info := infoOf(ind)
			rng := &intervals{horizontal: true, glyph: draw.GlyphStyle{Color: rangeLine.Color, Radius: 0, Shape: draw.CircleGlyph{}}, line: rangeLine}
			mean := &intervals{horizontal: true, glyph: glyph, line: meanLine}
			for _, e := range effects {
				if e.Indicator != ind {
					continue
				}
				y := float64(len(levers) - 1 - slices.Index(levers, e.Lever))
				rng.pts = append(rng.pts, ipt{e.Mean, y, e.Low, e.High})
				mean.pts = append(mean.pts, ipt{e.Mean, y, e.MeanLow, e.MeanHigh})
			}
			p := newPlot(th)
			p.Title.Text = info.title
			p.Add(vGrid(th), vline{0, zero}, rng, mean)
			nameRows(p, levers, len(levers), th.small, th.page*0.2)
			if k%cols != 0 {
				p.HideY()
			}
			p.X.Label.Text = differenceLabel(info)
			p.X.Tick.Marker = differenceTicks(info, true)
			holdZero(&p.X, 0.04)
			plots = append(plots, p)
		}
		drawPanels(top, gridOf(plots, cols), th)
		drawLegend(bottom, legend, th)
	}
	return f
}

// A LeverDrivers is the regression of a lever's per-draw effect on the
// standardised parameters: its standardised coefficients, by decreasing
// magnitude, and R² (adjusted for the number of parameters).
type LeverDrivers struct {
	Lever  string
	R2     float64
	Params []string
	SRC    []float64
}

// Drivers returns the figure of the parameters that drive each lever's
// effect on indicator: a panel a lever, its top standardised regression
// coefficients as bars from zero, R² in its title.
func Drivers(indicator string, levers []LeverDrivers, top int, style Style) *Figure {
	th := style.theme()
	b := &builder{th: th}
	name := "drivers_" + FileName(indicator)
	title := "What drives each lever's effect on " + strings.ToLower(infoOf(indicator).title)
	levers = slices.DeleteFunc(slices.Clone(levers), func(l LeverDrivers) bool { return len(l.Params) == 0 })
	if len(levers) == 0 {
		return b.noteFigure(name, title, "No regression of the per-draw effects on the parameters could be fitted (too few draws, or no parameter varies).", "Standardised coefficient", "No regression")
	}
	n := 0
	for _, l := range levers {
		n = max(n, min(top, len(l.Params)))
	}
	cols := min(3, len(levers))
	rows := (len(levers) + cols - 1) / cols
	width := th.page
	panelH := th.small*2.2*vg.Length(n) + th.text*7
	f := &Figure{
		Name:    name,
		Title:   title,
		Caption: fmt.Sprintf("What drives each lever's effect on %s across the posterior: the standardised regression coefficients of the per-draw effect on the draws' parameters (each standardised), the %d largest in magnitude: the change of the effect, in its standard deviations, for one standard deviation of the parameter, the others held. R² (adjusted for the number of parameters) is the share of the spread of the per-draw effects the linear regression explains. Posterior draws are correlated, so the coefficients are partial effects, not shares of variance. The effect is the lever's difference from the reference: with a negative effect (fewer), a negative coefficient (vermillion) means the larger the parameter, the larger the reduction.", strings.ToLower(infoOf(indicator).title), top),
		Width:   width, Height: vg.Length(rows) * panelH,
	}
	f.draw = func(c draw.Canvas) {
		var plots []*plot.Plot
		for _, l := range levers {
			m := min(top, len(l.Params))
			p := newPlot(th)
			p.Title.Text = fmt.Sprintf("%s (adj. R² = %.2f)", l.Lever, l.R2)
			pos := &intervals{horizontal: true, glyph: draw.GlyphStyle{Color: okabeIto[oiBlue], Radius: th.small * 0.3, Shape: draw.CircleGlyph{}}, line: draw.LineStyle{Color: okabeIto[oiBlue], Width: th.line * 2}}
			neg := &intervals{horizontal: true, glyph: draw.GlyphStyle{Color: okabeIto[oiVermillion], Radius: th.small * 0.3, Shape: draw.CircleGlyph{}}, line: draw.LineStyle{Color: okabeIto[oiVermillion], Width: th.line * 2}}
			names := make([]string, m)
			for i := range m {
				y := float64(n - 1 - i)
				pt := ipt{l.SRC[i], y, 0, l.SRC[i]}
				if l.SRC[i] < 0 {
					pt.lo, pt.hi = l.SRC[i], 0
					neg.pts = append(neg.pts, pt)
				} else {
					pos.pts = append(pos.pts, pt)
				}
				names[i] = shortParam(l.Params[i])
			}
			p.Add(vGrid(th), vline{0, draw.LineStyle{Color: ink, Width: th.thin}}, pos, neg)
			nameRows(p, names, n, th.tiny, th.page*0.16)
			p.X.Label.Text = "Standardised coefficient"
			p.X.Tick.Marker = stepTicks{scale: 1}
			holdZero(&p.X, 0.06)
			plots = append(plots, p)
		}
		drawPanels(c, gridOf(plots, cols), th)
	}
	return f
}

// shortParam shortens a parameter's dotted path for a tick label: the
// last two parts.
func shortParam(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

// A DoseCurve is a lever's effect on an indicator at each intensity,
// with its 95 % interval.
type DoseCurve struct {
	Lever                      string
	Intensity, Mean, Low, High []float64
}

// DoseResponse returns the figure of each lever's effect on indicator as
// a function of its intensity from 0 to 1: a panel a lever, the mean
// effect joined through the intensities over its 95 % band.
func DoseResponse(indicator string, curves []DoseCurve, style Style) *Figure {
	th := style.theme()
	b := &builder{th: th}
	info := infoOf(indicator)
	name := "dose_response_" + FileName(indicator)
	title := "Dose-response: " + info.title + " against each lever's intensity"
	curves = slices.DeleteFunc(slices.Clone(curves), func(c DoseCurve) bool { return len(c.Intensity) == 0 })
	if len(curves) == 0 {
		return b.noteFigure(name, title, "No intensity sweep to draw.", "Intensity", "No intensity sweep")
	}
	cols := min(3, len(curves))
	rows := (len(curves) + cols - 1) / cols
	width := th.page
	panelH := width/vg.Length(cols)*0.75 + th.text*2
	col := okabeIto[oiBlue]
	legend := []legendEntry{
		{"Mean effect (difference from intensity 0, paired by replicate)", lineThumb{draw.LineStyle{Color: col, Width: th.line}}},
		{"95% interval", bandThumb{fill: bandFill(col)}},
	}
	lh := legendHeight(legend, width, th)
	f := &Figure{
		Name:    name,
		Title:   title,
		Caption: fmt.Sprintf("%s against the intensity of each lever, from 0 (off) to 1 (the scenario's full intensity): the difference from intensity 0, replicate by replicate with common random numbers, with its 95%% interval (Student's t), from each lever's intensity sweep (scenarios/sweeps/<lever>_intensity.toml). One vertical scale for every panel.", info.title),
		Width:   width, Height: vg.Length(rows)*panelH + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		ymin, ymax := 0.0, 0.0
		for _, cv := range curves {
			for i := range cv.Intensity {
				for _, v := range []float64{cv.Mean[i], cv.Low[i], cv.High[i]} {
					if finite(v) {
						ymin, ymax = min(ymin, v), max(ymax, v)
					}
				}
			}
		}
		pad := 0.05 * (ymax - ymin)
		for _, cv := range curves {
			p := newPlot(th)
			p.Title.Text = cv.Lever
			var poly, line plotter.XYs
			for i, x := range cv.Intensity {
				if finite(cv.High[i]) {
					poly = append(poly, plotter.XY{X: x, Y: cv.High[i]})
				}
				if finite(cv.Mean[i]) {
					line = append(line, plotter.XY{X: x, Y: cv.Mean[i]})
				}
			}
			for i := len(cv.Intensity) - 1; i >= 0; i-- {
				if finite(cv.Low[i]) {
					poly = append(poly, plotter.XY{X: cv.Intensity[i], Y: cv.Low[i]})
				}
			}
			p.Add(hGrid(th), hline{0, draw.LineStyle{Color: jnimColor, Width: th.thin, Dashes: []vg.Length{2, 2}}})
			if len(poly) > 2 {
				if pg, err := plotter.NewPolygon(poly); err == nil {
					pg.Color = bandFill(col)
					pg.LineStyle.Width = 0
					p.Add(pg)
				}
			}
			if len(line) > 0 {
				if l, err := plotter.NewLine(line); err == nil {
					l.LineStyle = draw.LineStyle{Color: col, Width: th.line}
					p.Add(l)
				}
				if s, err := plotter.NewScatter(line); err == nil {
					s.GlyphStyle = draw.GlyphStyle{Color: col, Radius: th.small * 0.25, Shape: draw.CircleGlyph{}}
					p.Add(s)
				}
			}
			p.X.Min, p.X.Max = 0, 1
			p.X.Label.Text = "Intensity"
			p.Y.Min, p.Y.Max = ymin-pad, ymax+pad
			p.Y.Label.Text = differenceLabel(info)
			p.Y.Tick.Marker = differenceTicks(info, false)
			plots = append(plots, p)
		}
		drawPanels(top, gridOf(plots, cols), th)
		drawLegend(bottom, legend, th)
	}
	return f
}

// hline draws a horizontal reference line at y.
type hline struct {
	y    float64
	line draw.LineStyle
}

func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	c.StrokeLine2(h.line, c.Min.X, trY(h.y), c.Max.X, trY(h.y))
}

// compactTicks are stepTicks labelled in millions from 100,000 on, so
// that the labels of a narrow panel do not run into each other.
type compactTicks struct{ stepTicks }

func (t compactTicks) Ticks(min, max float64) []plot.Tick {
	ts := t.stepTicks.Ticks(min, max)
	if m := math.Max(math.Abs(min), math.Abs(max)); m < 1e5 {
		return ts
	}
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(math.Round(ts[i].Value/1e3)/1e3, 'f', -1, 64) + "M"
			if ts[i].Value == 0 {
				ts[i].Label = "0"
			}
		}
	}
	return ts
}

// An AblationPart is one part of a lever's effect in an ablation: the
// whole, a sub-mechanism alone, or the interaction, with its 95 %
// interval.
type AblationPart struct {
	Lever, Label    string
	Mean, Low, High float64
}

// Ablation returns the figure of what carries each lever's effect on
// indicator: a panel a lever, a row for the whole effect, each
// sub-mechanism alone and the interaction (the whole less the sum of the
// alone effects), each with its 95 % interval; the levers and rows in the
// order of parts.
func Ablation(indicator string, parts []AblationPart, style Style) *Figure {
	th := style.theme()
	b := &builder{th: th}
	info := infoOf(indicator)
	name := "ablation_" + FileName(indicator)
	title := "What carries each lever's effect on " + strings.ToLower(info.title)
	var levers []string
	rowsOf := map[string][]string{}
	for _, p := range parts {
		if !slices.Contains(levers, p.Lever) {
			levers = append(levers, p.Lever)
		}
		if !slices.Contains(rowsOf[p.Lever], p.Label) {
			rowsOf[p.Lever] = append(rowsOf[p.Lever], p.Label)
		}
	}
	if len(levers) == 0 {
		return b.noteFigure(name, title, "No ablation sweep to draw.", differenceLabel(info), "No ablation sweep")
	}
	n := 0
	for _, l := range levers {
		n = max(n, len(rowsOf[l]))
	}
	cols := min(3, len(levers))
	rows := (len(levers) + cols - 1) / cols
	width := th.page
	panelH := th.small*2.2*vg.Length(n) + th.text*7
	glyph := draw.GlyphStyle{Color: ink, Radius: th.small * 0.3, Shape: draw.CircleGlyph{}}
	f := &Figure{
		Name:    name,
		Title:   title,
		Caption: fmt.Sprintf("What carries each lever's effect on %s: the whole effect (every sub-mechanism on), each sub-mechanism alone (the others off) and the interaction (the whole less the sum of the alone effects, replicate by replicate), each against the lever off and paired by replicate, with its 95%% interval, from the ablation sweeps (scenarios/sweeps/ablation_<lever>.toml). An interaction whose interval crosses zero means the parts add up within the noise. Each panel has its own horizontal scale.", strings.ToLower(info.title)),
		Width:   width, Height: vg.Length(rows) * panelH,
	}
	f.draw = func(c draw.Canvas) {
		var plots []*plot.Plot
		for _, l := range levers {
			labels := rowsOf[l]
			iv := &intervals{horizontal: true, glyph: glyph, line: draw.LineStyle{Color: ink, Width: th.line}}
			for _, p := range parts {
				if p.Lever == l {
					iv.pts = append(iv.pts, ipt{p.Mean, float64(n - 1 - slices.Index(labels, p.Label)), p.Low, p.High})
				}
			}
			p := newPlot(th)
			p.Title.Text = l
			p.Add(vGrid(th), vline{0, draw.LineStyle{Color: jnimColor, Width: th.thin, Dashes: []vg.Length{2, 2}}}, iv)
			nameRows(p, labels, n, th.tiny, th.page*0.16)
			p.X.Label.Text = differenceLabel(info)
			p.X.Tick.Marker = differenceTicks(info, true)
			holdZero(&p.X, 0.05)
			plots = append(plots, p)
		}
		drawPanels(c, gridOf(plots, cols), th)
	}
	return f
}
