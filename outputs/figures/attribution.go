package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
)

// An ipt is a point with an interval: (x, y) and the interval [lo, hi]
// along x (horizontal) or y.
type ipt struct{ x, y, lo, hi float64 }

// intervals draws points with their intervals, optionally joined by a
// line (in the order given).
type intervals struct {
	pts        []ipt
	horizontal bool
	glyph      draw.GlyphStyle
	line       draw.LineStyle // the intervals
	join       draw.LineStyle // the line through the points, if its Color is set
}

func (iv *intervals) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if iv.join.Color != nil {
		var pts []vg.Point
		for _, q := range iv.pts {
			if finite(q.x) && finite(q.y) {
				pts = append(pts, vg.Point{X: trX(q.x), Y: trY(q.y)})
			}
		}
		if len(pts) > 1 {
			c.StrokeLines(iv.join, c.ClipLinesXY(pts)...)
		}
	}
	for _, q := range iv.pts {
		if !finite(q.x) || !finite(q.y) {
			continue
		}
		if finite(q.lo) && finite(q.hi) {
			if iv.horizontal {
				c.StrokeLines(iv.line, c.ClipLinesX([]vg.Point{{X: trX(q.lo), Y: trY(q.y)}, {X: trX(q.hi), Y: trY(q.y)}})...)
			} else {
				c.StrokeLines(iv.line, c.ClipLinesY([]vg.Point{{X: trX(q.x), Y: trY(q.lo)}, {X: trX(q.x), Y: trY(q.hi)}})...)
			}
		}
		c.DrawGlyph(iv.glyph, vg.Point{X: trX(q.x), Y: trY(q.y)})
	}
}

func (iv *intervals) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, q := range iv.pts {
		vs := []float64{q.x}
		ws := []float64{q.y}
		if iv.horizontal {
			vs = append(vs, q.lo, q.hi)
		} else {
			ws = append(ws, q.lo, q.hi)
		}
		for _, v := range vs {
			if finite(v) {
				xmin, xmax = min(xmin, v), max(xmax, v)
			}
		}
		for _, w := range ws {
			if finite(w) {
				ymin, ymax = min(ymin, w), max(ymax, w)
			}
		}
	}
	return xmin, xmax, ymin, ymax
}

// GlyphBoxes keeps the points' glyphs inside the plot.
func (iv *intervals) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var out []plot.GlyphBox
	for _, q := range iv.pts {
		if finite(q.x) && finite(q.y) {
			out = append(out, plot.GlyphBox{X: p.X.Norm(q.x), Y: p.Y.Norm(q.y), Rectangle: iv.glyph.Rectangle()})
		}
	}
	return out
}

// A category is one part of a stacked share bar.
type category struct {
	label string
	color color.RGBA
}

// shareBars returns a plot of horizontal bars, one per row (top first),
// each split into the shares of the categories; shares[row][category]
// are counts, made shares here.
func (b *builder) shareBars(title string, rows []string, cats []category, counts [][]float64, xLabel string) *plot.Plot {
	p := newPlot(b.th)
	p.Title.Text = title
	p.Add(vGrid(b.th))
	n := len(rows)
	shares := make([][]float64, n)
	for r := range n {
		tot := 0.0
		for _, v := range counts[r] {
			tot += v
		}
		shares[r] = make([]float64, len(cats))
		for k, v := range counts[r] {
			if tot > 0 {
				shares[r][k] = v / tot
			}
		}
	}
	barW := b.th.small * 1.35
	var prev *plotter.BarChart
	for k, cat := range cats {
		vals := make(plotter.Values, n)
		for r := range n {
			vals[n-1-r] = shares[r][k] // the first row on top
		}
		bc, err := plotter.NewBarChart(vals, barW)
		if err != nil {
			continue
		}
		bc.Horizontal = true
		bc.Color = cat.color
		bc.LineStyle = draw.LineStyle{Color: white, Width: b.th.thin / 2}
		if prev != nil {
			bc.StackOn(prev)
		}
		p.Add(bc)
		prev = bc
	}
	names := make([]string, n)
	for r := range n {
		names[n-1-r] = wrapText(textStyle(regular, b.th.small), rows[r], b.th.page*0.25)
	}
	p.NominalY(names...)
	p.Y.Tick.Label = textStyle(regular, b.th.small)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.LineStyle.Width = 0
	p.Y.Tick.LineStyle.Width = 0
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = percentTicks{}
	p.X.Label.Text = xLabel
	if !slices.ContainsFunc(counts, func(row []float64) bool { return slices.ContainsFunc(row, func(v float64) bool { return v > 0 }) }) {
		p.Add(note{text: "None in this run", style: b.noteStyle()})
	}
	return p
}

// labelCategories are the ways a group's events are labelled; ambiguous
// adds the label "ambiguous" (JNIM and/or ISGS), for a record that has it.
func labelCategories(ambiguous bool) []category {
	cats := []category{
		{"Its own name", okabeIto[oiBlue]},
		{"Another group's name", okabeIto[oiSkyBlue]},
		{`"JNIM"`, jnimColor},
		{`"JNIM and/or ISGS"`, ambiguousColor},
		{"Unknown perpetrator", unknownColor},
	}
	if ambiguous {
		cats = append(cats, category{"Ambiguous: JNIM and/or ISGS", ambiguousColor})
	}
	return cats
}

// hasAmbiguous reports whether some event of es is labelled "ambiguous".
func (es *eventStats) hasAmbiguous() bool {
	for g := range agents.NumGroups {
		if es.labels[g][labelAmbiguous] > 0 {
			return true
		}
	}
	return false
}

// labelCounts returns, for each group (rows), its violent events by how
// they were labelled (labelCategories(ambiguous)).
func labelCounts(es *eventStats, ambiguous bool) [][]float64 {
	out := make([][]float64, agents.NumGroups)
	for g := range agents.NumGroups {
		own := es.labels[g][g]
		other := 0.0
		for h := range agents.NumGroups {
			if h != g {
				other += es.labels[g][h]
			}
		}
		out[g] = []float64{own, other, es.labels[g][labelJNIM], es.labels[g][labelUnknown]}
		if ambiguous {
			out[g] = append(out[g], es.labels[g][labelAmbiguous])
		}
	}
	return out
}

// attribution returns the figure of how each group's events were
// labelled, beside the same for the comparison run if there is one.
func (b *builder) attribution() *Figure {
	cmp := b.o.Compare
	if cmp != nil && cmp.events == nil {
		cmp = nil
	}
	ambiguous := b.d.events.hasAmbiguous() || cmp != nil && cmp.events.hasAmbiguous()
	cats := labelCategories(ambiguous)
	rows := groupShort[:]
	var legend []legendEntry
	for _, c := range cats {
		legend = append(legend, legendEntry{c.label, swatch{fill: c.color}})
	}
	width := b.th.column
	if cmp != nil {
		width = b.th.page
	}
	barsH := b.th.small*1.9*vg.Length(len(rows)) + b.th.text*4.5
	lh := legendHeight(legend, width, b.th)
	xLabel := "Share of the group's violent events"
	caption := fmt.Sprintf(`How the record labels each group's violent events (ground truth: the group that carried them out): with the group's own name, another group's, the coalition's ("JNIM"), "JNIM and/or ISGS", or as unknown; pooled over %d replicates of %s.`,
		b.d.Replicates(), b.d.Name())
	if cmp != nil {
		caption += fmt.Sprintf(" Right: the same under %s (%d replicates), for comparison.", cmp.Name(), cmp.Replicates())
	} else {
		caption += " Draw it beside a run with more intelligence sharing with 'sahelsim plot DIR --compare OTHERDIR' (for example a run of the disaggregation scenario)."
	}
	f := &Figure{Name: "attribution", Title: "Attribution of events by true perpetrator", Caption: caption, Width: width, Height: barsH + lh}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p1 := b.shareBars(b.d.Name(), rows, cats, labelCounts(b.d.events, ambiguous), xLabel)
		plots := [][]*plot.Plot{{p1}}
		if cmp != nil {
			p2 := b.shareBars(cmp.Name(), rows, cats, labelCounts(cmp.events, ambiguous), xLabel)
			p2.HideY() // the groups are named on the left
			plots[0] = append(plots[0], p2)
		}
		drawPanels(top, plots, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// targetCategories are the targets of violent events, as events.csv names
// them, with their colours.
var targetCategories = []category{
	{"Security forces", okabeIto[oiBlue]},
	{"Civilians", okabeIto[oiVermillion]},
	{"Local leaders and imams", okabeIto[oiPurple]},
	{"Other militants", okabeIto[oiGreen]},
	{"None (kidnapping, device)", unknownColor},
}

// sharesByTarget returns the figure of each group's violent events by
// target.
func (b *builder) sharesByTarget() *Figure {
	es := b.d.events
	counts := make([][]float64, agents.NumGroups)
	for g := range agents.NumGroups {
		counts[g] = es.targets[g][:]
	}
	cats := targetCategories
	if slices.IndexFunc(counts, func(c []float64) bool { return c[agents.TargetNone] > 0 }) < 0 {
		cats = cats[:agents.TargetNone]
		for g := range counts {
			counts[g] = counts[g][:agents.TargetNone]
		}
	}
	var legend []legendEntry
	for _, c := range cats {
		legend = append(legend, legendEntry{c.label, swatch{fill: c.color}})
	}
	width := b.th.column
	barsH := b.th.small*1.9*agents.NumGroups + b.th.text*4.5
	lh := legendHeight(legend, width, b.th)
	f := &Figure{
		Name:  "shares_by_target",
		Title: "Targets of each group's violence",
		Caption: fmt.Sprintf("Share of each group's violent events by target (ground truth), pooled over %d replicates: the report's measure of civilian targeting.",
			b.d.Replicates()),
		Width: width, Height: barsH + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p := b.shareBars("", groupShort[:], cats, counts, "Share of the group's violent events")
		drawPanels(top, [][]*plot.Plot{{p}}, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// sharesByGroup returns the figure of each group's share of militant
// events, true and observed, with 90 % intervals across replicates.
func (b *builder) sharesByGroup() *Figure {
	es := b.d.events
	rows := append(slices.Clone(groupShort[:]), `"JNIM"`, "Unknown") // in the order of the label columns
	if es.hasAmbiguous() {
		rows = append(rows, "Ambiguous")
	}
	n := len(rows)
	share := func(kind, col int) (m, lo, hi float64) {
		var v []float64
		for _, pr := range es.perRep {
			tot := 0.0
			for _, x := range pr[kind] {
				tot += x
			}
			if tot > 0 {
				v = append(v, pr[kind][col]/tot)
			}
		}
		return summarize(v)
	}
	off := 0.17
	truth := &intervals{horizontal: true,
		glyph: draw.GlyphStyle{Color: ink, Radius: b.th.small * 0.32, Shape: draw.CircleGlyph{}},
		line:  draw.LineStyle{Color: ink, Width: b.th.line}}
	obs := &intervals{horizontal: true,
		glyph: draw.GlyphStyle{Color: jnimColor, Radius: b.th.small * 0.32, Shape: draw.TriangleGlyph{}},
		line:  draw.LineStyle{Color: jnimColor, Width: b.th.line}}
	for r := range n {
		y := float64(n - 1 - r)
		if r < agents.NumGroups {
			m, lo, hi := share(0, r)
			truth.pts = append(truth.pts, ipt{m, y + off, lo, hi})
		}
		m, lo, hi := share(1, r)
		obs.pts = append(obs.pts, ipt{m, y - off, lo, hi})
	}
	legend := []legendEntry{
		{"True perpetrator", glyphThumb{truth.glyph, truth.line}},
		{"Observed label", glyphThumb{obs.glyph, obs.line}},
	}
	width := b.th.column
	lh := legendHeight(legend, width, b.th)
	h := b.th.small*1.9*vg.Length(n) + b.th.text*4.5
	f := &Figure{
		Name:  "shares_by_group",
		Title: "Share of events by group, true and observed",
		Caption: fmt.Sprintf(`Each group's share of militant events by the true perpetrator (circles) and by the observed label (triangles), which also credits the coalition as a whole ("JNIM") and unknown perpetrators. Points: mean of %d replicates; lines: 90%% interval across replicates.`,
			b.d.Replicates()),
		Width: width, Height: h + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p := newPlot(b.th)
		p.Add(vGrid(b.th), truth, obs)
		names := make([]string, n)
		for r := range n {
			names[n-1-r] = rows[r]
		}
		p.NominalY(names...)
		p.Y.Tick.Label = textStyle(regular, b.th.small)
		p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
		p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
		p.X.Min = 0
		p.X.Max = min(1, max(p.X.Max, 0.01)*1.08)
		p.X.Tick.Marker = percentTicks{}
		p.X.Label.Text = "Share of militant events"
		if !slices.ContainsFunc(append(slices.Clone(truth.pts), obs.pts...), func(q ipt) bool { return finite(q.x) }) {
			p.Add(note{text: "No militant event in this run", style: b.noteStyle()})
		}
		drawPanels(top, [][]*plot.Plot{{p}}, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}
