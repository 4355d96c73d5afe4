package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
)

// A builder makes the figures of one directory.
type builder struct {
	d    *Data
	o    Options
	th   theme
	bin  binning
	mask *countryMask // where maps may write country names; nil without a grid
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

// timePlot returns a plot of lines over time, for a panel width wide. A
// line of one point (a run of one step) is drawn as a point with its
// band as an interval; a panel with no value above zero says so.
func (b *builder) timePlot(title string, lines []line, yLabel string, width vg.Length, numbered bool) *plot.Plot {
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
		var last ipt
		for i, x := range l.band.x {
			if finite(l.band.mean[i]) {
				xys = append(xys, plotter.XY{X: x, Y: l.band.mean[i]})
				last = ipt{x, l.band.mean[i], l.band.lo[i], l.band.hi[i]}
			}
		}
		switch len(xys) {
		case 0:
			continue
		case 1: // a point, and its band as an interval
			iv := &intervals{pts: []ipt{last}, glyph: draw.GlyphStyle{Color: l.color, Radius: b.th.line * 2, Shape: draw.CircleGlyph{}},
				line: b.lineStyle(l.color, nil)}
			if l.noBand {
				iv.pts[0].lo, iv.pts[0].hi = math.NaN(), math.NaN()
			}
			p.Add(iv)
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
		timeAxis(p, float64(first.Unix()), float64(last.Unix()), width)
	} else {
		p.X.Min, p.X.Max = 0, 1
		p.HideX()
	}
	p.Y.Min, p.Y.Max = 0, math.Max(ymax*1.05, 1)
	p.Y.Label.Text = yLabel
	if m := b.shockMarks(numbered); m != nil && len(b.bin.start) > 0 {
		p.Add(m)
		if numbered {
			p.Y.Max *= 1.6 // room above the data for the shocks' numbers
		}
	}
	switch {
	case len(b.bin.start) == 0:
		p.Add(note{text: "No time series in this run", style: b.noteStyle()})
	case !(ymax > 0):
		p.Add(note{text: "None in this run", style: b.noteStyle()})
	}
	return p
}

// A note is text in the middle of a plot's data area, saying why there is
// nothing to see.
type note struct {
	text  string
	style text.Style
}

func (n note) Plot(c draw.Canvas, _ *plot.Plot) { c.FillText(n.style, c.Center(), n.text) }

func (n note) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
}

// noteStyle is the style of notes: grey, centred.
func (b *builder) noteStyle() text.Style {
	s := textStyle(regular, b.th.small)
	s.Color = countryInk
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	return s
}

// timeFigure returns a figure of time-series panels in cols columns, with
// a legend below them; with shareY, every panel has the vertical scale of
// the tallest.
func (b *builder) timeFigure(name, title, caption, yLabel string, panels []panel, cols int, legend []legendEntry, width vg.Length, shareY bool) *Figure {
	legend = append(legend, b.shockLegend()...)
	rows := (len(panels) + cols - 1) / cols
	panelH := width/vg.Length(cols)*0.62 + b.th.text*3.2
	if cols == 1 {
		panelH = width * 0.45
	}
	lh := legendHeight(legend, width, b.th)
	f := &Figure{Name: name, Title: title, Caption: caption, Width: width, Height: vg.Length(rows)*panelH + lh}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		ymax := 0.0
		for i, pn := range panels {
			// The shocks' numbers go on the first panel only: the others
			// repeat its dashed lines.
			p := b.timePlot(pn.title, pn.lines, yLabel, width/vg.Length(cols), i == 0)
			ymax = max(ymax, p.Y.Max)
			plots = append(plots, p)
		}
		if shareY {
			for _, p := range plots {
				p.Y.Max = ymax
			}
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
	for _, z := range append([]string{outputs.All}, b.d.SeriesZones...) {
		bd := b.d.band(b.bin, flow, nil, seriesKey(z, outputs.All, metric))
		panels = append(panels, panel{title: b.shortZoneLabel(z), lines: []line{{label: z, color: okabeIto[oiBlue], band: bd}}})
	}
	title := fmt.Sprintf("Militant %s by zone", noun)
	caption := fmt.Sprintf("Militant %s %s in each zone of the scenario (group-linked events: violent events by a group and security operations against one), all groups together. %s. Each panel has its own vertical scale.",
		noun, b.perUnit(), b.replicatesPhrase())
	return b.timeFigure(metric+"_by_zone", title, caption, capitalize(noun)+" "+b.perUnit(), panels, 4, b.meanBandLegend(okabeIto[oiBlue]), b.th.page, false)
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
	return b.timeFigure(metric+"_by_group", title, caption, capitalize(noun)+" "+b.perUnit(), panels, 4, legend, b.th.page, false)
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
	return b.timeFigure("fighters_by_group", "Active fighters by group", caption, "Active fighters", panels, 4, legend, b.th.page, false)
}

// observed returns the figure of the observed record beside the ground
// truth: a panel for each group with its true events and the events the
// record labels with its name, then a panel for each label that names no
// group ("JNIM", unknown, and any other the run's record has, such as
// "ambiguous").
func (b *builder) observed() *Figure {
	dashes := []vg.Length{b.th.line * 3, b.th.line * 1.5}
	var panels []panel
	for g, id := range agents.GroupIDs {
		c := GroupColor(g)
		panels = append(panels, panel{title: groupShort[g], lines: []line{
			{label: id, color: c, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, id, "events"))},
			{label: id, color: c, dashes: dashes, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, id, "events_observed"))},
		}})
	}
	var labels []string
	for _, l := range b.d.otherLabels() {
		labels = append(labels, LabelName(l))
		c := labelLineColor(l)
		panels = append(panels, panel{title: LabelName(l), lines: []line{
			{label: l, color: c, dashes: dashes, band: b.d.band(b.bin, flow, nil, seriesKey(outputs.All, l, "events_observed"))},
		}})
	}
	legend := []legendEntry{
		{"Ground truth: the group's own events", bandThumb{b.lineStyle(ink, nil), bandFill(ink)}},
		{"Observed: events the record labels with its name", bandThumb{b.lineStyle(ink, dashes), bandFill(ink)}},
	}
	caption := fmt.Sprintf(`Militant events %s, the observed record beside the ground truth. For each group: the events it truly carried out (solid) and the events the record labels with its name (dashed); the gap is what the record hides or misattributes. Then the events labelled with no group's name: %s. %s; lines in the group's colour. Each panel has its own vertical scale.`,
		b.perUnit(), strings.Join(labels, ", "), b.replicatesPhrase())
	cols := 3 // a square of nine panels: seven groups, "JNIM" and unknown
	if len(panels) > 9 {
		cols = 4
	}
	return b.timeFigure("events_observed", "Observed record beside the ground truth", caption, "Events "+b.perUnit(), panels, cols, legend, b.th.page, false)
}

// otherLabels returns the observed labels of d's time series that name no
// group: "JNIM" and "unknown" first, then any other in the order of their
// names.
func (d *Data) otherLabels() []string {
	out := []string{"JNIM", "unknown"}
	var more []string
	for key := range d.Series {
		l := key.Group
		if key.Zone != outputs.All || key.Metric != "events_observed" || l == outputs.All || agents.GroupIndex(l) >= 0 || slices.Contains(out, l) {
			continue
		}
		more = append(more, l)
	}
	slices.Sort(more)
	return append(out, more...)
}

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
