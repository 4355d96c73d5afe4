package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
)

// A builder makes the figures of one directory.
type builder struct {
	d   *Data
	o   Options
	th  theme
	bin binning
}

// A line is one series of a time-series panel: the mean across
// replicates, and its 90 % band unless noBand.
type line struct {
	label  string
	color  color.RGBA
	dashes []vg.Length
	band   band
	noBand bool
}

// A panel is one small multiple of a time-series figure.
type panel struct {
	title string
	lines []line
}

// zoneLabel returns the display name of zone id.
func (b *builder) zoneLabel(id string) string {
	switch id {
	case outputs.All:
		return "All zones"
	case "rest":
		return "Rest of the study area"
	}
	if b.d.Scenario != nil {
		if z, ok := b.d.Scenario.Zones[id]; ok && z != nil && z.Label != "" {
			return z.Label
		}
	}
	return id
}

// shortZoneLabel returns a zone's name for a panel title: its label up to
// any parenthesis.
func (b *builder) shortZoneLabel(id string) string {
	s, _, _ := strings.Cut(b.zoneLabel(id), "(")
	return strings.TrimSpace(s)
}

// lineStyle returns the style of a line of colour c.
func (b *builder) lineStyle(c color.RGBA, dashes []vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: b.th.line, Dashes: dashes}
}

// bandFill is the fill of a band of colour c.
func bandFill(c color.RGBA) color.RGBA { return withAlpha(c, 0.22) }

// timePlot returns a plot of lines over time.
func (b *builder) timePlot(title string, lines []line, yLabel string) *plot.Plot {
	p := newPlot(b.th)
	p.Title.Text = title
	p.Add(hGrid(b.th))
	ymax := 0.0
	for _, l := range lines {
		if !l.noBand {
			var poly plotter.XYs
			for i, x := range l.band.x {
				if finite(l.band.hi[i]) {
					poly = append(poly, plotter.XY{X: x, Y: l.band.hi[i]})
				}
			}
			for i := len(l.band.x) - 1; i >= 0; i-- {
				if finite(l.band.lo[i]) {
					poly = append(poly, plotter.XY{X: l.band.x[i], Y: l.band.lo[i]})
				}
			}
			if len(poly) >= 3 {
				pg, err := plotter.NewPolygon(poly)
				if err == nil {
					pg.Color = bandFill(l.color)
					pg.LineStyle.Width = 0
					p.Add(pg)
				}
			}
		}
		for i := range l.band.x {
			if finite(l.band.mean[i]) {
				ymax = max(ymax, l.band.mean[i])
			}
			if !l.noBand && finite(l.band.hi[i]) {
				ymax = max(ymax, l.band.hi[i])
			}
		}
	}
	for _, l := range lines {
		var xys plotter.XYs
		for i, x := range l.band.x {
			if finite(l.band.mean[i]) {
				xys = append(xys, plotter.XY{X: x, Y: l.band.mean[i]})
			}
		}
		if len(xys) == 0 {
			continue
		}
		ln, err := plotter.NewLine(xys)
		if err != nil {
			continue
		}
		ln.LineStyle = b.lineStyle(l.color, l.dashes)
		p.Add(ln)
	}
	if len(b.bin.start) > 0 {
		first := b.bin.start[0]
		last := b.bin.start[len(b.bin.start)-1].AddDate(0, 0, int(b.bin.days[len(b.bin.days)-1]))
		timeAxis(p, float64(first.Unix()), float64(last.Unix()))
	}
	p.Y.Min, p.Y.Max = 0, math.Max(ymax*1.05, 1)
	p.Y.Label.Text = yLabel
	return p
}

// timeFigure returns a figure of time-series panels in cols columns, with
// a legend below them.
func (b *builder) timeFigure(name, title, caption, yLabel string, panels []panel, cols int, legend []legendEntry, width vg.Length) *Figure {
	rows := (len(panels) + cols - 1) / cols
	panelH := width/vg.Length(cols)*0.62 + b.th.text*3.2
	if cols == 1 {
		panelH = width * 0.55
	}
	lh := legendHeight(legend, width, b.th)
	f := &Figure{Name: name, Title: title, Caption: caption, Width: width, Height: vg.Length(rows)*panelH + lh}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		for _, pn := range panels {
			plots = append(plots, b.timePlot(pn.title, pn.lines, yLabel))
		}
		drawPanels(top, gridOf(plots, cols), b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// perUnit returns "per month" or "per 30 days" for axis labels.
func (b *builder) perUnit() string { return "per " + b.bin.unit }

// replicatesPhrase describes the band for captions.
func (b *builder) replicatesPhrase() string {
	return fmt.Sprintf("Lines: mean of %d replicates; shaded: 90%% band (5th–95th percentile across replicates)", b.d.Replicates())
}

// meanBandLegend is the legend of single-series panels.
func (b *builder) meanBandLegend(c color.RGBA) []legendEntry {
	return []legendEntry{
		{fmt.Sprintf("Mean of %d replicates", b.d.Replicates()), lineThumb{b.lineStyle(c, nil)}},
		{"90% band (5th–95th percentile)", swatch{fill: bandFill(c)}},
	}
}

// byZone returns the figure of metric (events or fatalities) over time by
// zone, the total first.
func (b *builder) byZone(metric, noun string) *Figure {
	var panels []panel
	for _, z := range append([]string{outputs.All}, b.d.zones...) {
		bd := b.d.band(b.bin, flow, nil, seriesKey(z, outputs.All, metric))
		panels = append(panels, panel{title: b.shortZoneLabel(z), lines: []line{{label: z, color: okabeIto[oiBlue], band: bd}}})
	}
	title := fmt.Sprintf("Militant %s by zone", noun)
	caption := fmt.Sprintf("Militant %s %s in each zone of the scenario (group-linked events: violent events by a group and security operations against one), all groups together. %s. Each panel has its own vertical scale.",
		noun, b.perUnit(), b.replicatesPhrase())
	return b.timeFigure(metric+"_by_zone", title, caption, capitalize(noun)+" "+b.perUnit(), panels, 4, b.meanBandLegend(okabeIto[oiBlue]), b.th.page)
}

// byGroup returns the figure of metric over time by true group.
func (b *builder) byGroup(metric, noun string) *Figure {
	var panels []panel
	for g, id := range agents.GroupIDs {
		bd := b.d.band(b.bin, flow, nil, seriesKey(outputs.All, id, metric))
		panels = append(panels, panel{title: groupShort[g], lines: []line{{label: id, color: GroupColor(g), band: bd}}})
	}
	bd := b.d.band(b.bin, flow, nil, seriesKey(outputs.All, outputs.All, metric))
	panels = append(panels, panel{title: "All groups", lines: []line{{label: outputs.All, color: okabeIto[oiBlue], band: bd}}})
	title := fmt.Sprintf("Militant %s by group (ground truth)", noun)
	caption := fmt.Sprintf("Militant %s %s by the group that truly carried them out (or that a security operation targeted), over the whole study area. %s. Each panel has its own vertical scale.",
		noun, b.perUnit(), b.replicatesPhrase())
	legend := []legendEntry{
		{fmt.Sprintf("Mean of %d replicates", b.d.Replicates()), lineThumb{b.lineStyle(ink, nil)}},
		{"90% band (5th–95th percentile)", swatch{fill: bandFill(ink)}},
	}
	return b.timeFigure(metric+"_by_group", title, caption, capitalize(noun)+" "+b.perUnit(), panels, 4, legend, b.th.page)
}

// fightersByGroup returns the figure of active fighters by group.
func (b *builder) fightersByGroup() *Figure {
	var panels []panel
	for g, id := range agents.GroupIDs {
		bd := b.d.band(b.bin, stock, nil, seriesKey(outputs.All, id, "fighters"))
		panels = append(panels, panel{title: groupShort[g], lines: []line{{label: id, color: GroupColor(g), band: bd}}})
	}
	bd := b.d.band(b.bin, stock, nil, seriesKey(outputs.All, outputs.All, "fighters"))
	panels = append(panels, panel{title: "All groups", lines: []line{{color: okabeIto[oiBlue], band: bd}}})
	caption := fmt.Sprintf("Active fighters of each group (mean over the %s of the step counts at the end of each step). %s. Each panel has its own vertical scale.",
		b.bin.unit, b.replicatesPhrase())
	legend := []legendEntry{
		{fmt.Sprintf("Mean of %d replicates", b.d.Replicates()), lineThumb{b.lineStyle(ink, nil)}},
		{"90% band (5th–95th percentile)", swatch{fill: bandFill(ink)}},
	}
	return b.timeFigure("fighters_by_group", "Active fighters by group", caption, "Active fighters", panels, 4, legend, b.th.page)
}

// observed returns the figure of events by true group beside events by
// observed label.
func (b *builder) observed() *Figure {
	var truth, obs []line
	var legend []legendEntry
	for g, id := range agents.GroupIDs {
		c := GroupColor(g)
		truth = append(truth, line{label: id, color: c, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, id, "events"))})
		obs = append(obs, line{label: id, color: c, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, id, "events_observed"))})
		legend = append(legend, legendEntry{groupShort[g], bandThumb{b.lineStyle(c, nil), bandFill(c)}})
	}
	for _, l := range []string{"JNIM", "ambiguous", "unknown"} {
		c := LabelColor(l)
		dash := []vg.Length{b.th.line * 3, b.th.line * 1.5}
		obs = append(obs, line{label: l, color: c, dashes: dash, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, l, "events_observed"))})
		name := `Labelled "JNIM"`
		switch l {
		case "ambiguous":
			name = `Labelled "JNIM and/or ISGS"`
		case "unknown":
			name = "Unknown perpetrator"
		}
		legend = append(legend, legendEntry{name, bandThumb{b.lineStyle(c, dash), bandFill(c)}})
	}
	width := b.th.page
	panelH := width * 0.36
	lh := legendHeight(legend, width, b.th)
	yLabel := "Events " + b.perUnit()
	f := &Figure{
		Name:  "events_observed",
		Title: "Observed record beside the ground truth",
		Caption: fmt.Sprintf(`Militant events %s. Left: by the group that truly carried them out. Right: as the record labels them: a component group, the coalition as a whole ("JNIM"), "JNIM and/or ISGS" where both operate and nobody claimed, or an unknown perpetrator. The gap between the panels is what the observed record hides. %s.`,
			b.perUnit(), b.replicatesPhrase()),
		Width: width, Height: panelH + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p1 := b.timePlot("Ground truth: perpetrator", truth, yLabel)
		p2 := b.timePlot("Observed record: label", obs, yLabel)
		ymax := max(p1.Y.Max, p2.Y.Max)
		p1.Y.Max, p2.Y.Max = ymax, ymax
		drawPanels(top, [][]*plot.Plot{{p1, p2}}, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
