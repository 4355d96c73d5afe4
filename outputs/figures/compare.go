package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/outputs"
)

// An indicatorInfo is how figures and tables present an indicator.
type indicatorInfo struct {
	title string
	unit  string // what it counts, for axis labels; "share" for shares in [0, 1]
}

// indicatorInfos present the headline indicators, in the order of the
// headline table.
var headlineIndicators = []struct {
	name string
	info indicatorInfo
}{
	{"jnim_share_events", indicatorInfo{"JNIM share of events", "share"}},
	{"flm_share_jnim_events", indicatorInfo{"FLM share of JNIM events", "share"}},
	{"flm_areas_share_jnim", indicatorInfo{"JNIM events in FLM areas", "share"}},
	{"flm_civilian_share", indicatorInfo{"FLM civilian targeting", "share"}},
	{"north_mali_civilian_share", indicatorInfo{"Civilian targeting, northern Mali", "share"}},
	{"civilian_events_central_share", indicatorInfo{"Civilian attacks in the centre", "share"}},
	{"flm_share_civilian_attacks", indicatorInfo{"FLM share of civilian attacks", "share"}},
	{"surge_ratio", indicatorInfo{"Surge (last year / first year)", "ratio"}},
	{"events_last_year", indicatorInfo{"Events in the last year", "events"}},
	{"fatalities_total", indicatorInfo{"Fatalities", "fatalities"}},
	{"jnim_revenue_usd", indicatorInfo{"JNIM revenue", "USD a year"}},
	{"east_bf_onset_year", indicatorInfo{"Onset, eastern Burkina Faso", "year"}},
	{"southwest_bf_onset_year", indicatorInfo{"Onset, south-western Burkina Faso", "year"}},
	{"fighters_total", indicatorInfo{"Fighters at the end", "fighters"}},
	{"defections", indicatorInfo{"Defections", "fighters"}},
	{"reintegrated", indicatorInfo{"Reintegrated", "fighters"}},
	{"recidivists", indicatorInfo{"Recidivists", "fighters"}},
	{"displaced", indicatorInfo{"Displaced at the end", "people"}},
	{"sustained_presence_share", indicatorInfo{"Sustained government presence", "share"}},
}

// HeadlineIndicators returns the names of the headline indicators, in the
// order of outputs.Headline's table.
func HeadlineIndicators() []string {
	out := make([]string, len(headlineIndicators))
	for i, h := range headlineIndicators {
		out[i] = h.name
	}
	return out
}

// IndicatorTitle returns the display name of indicator name: a short title
// for the headline indicators, the name itself for others.
func IndicatorTitle(name string) string { return infoOf(name).title }

// IndicatorUnit returns what indicator name counts or measures: "share"
// for a share in [0, 1], "ratio", "year", "USD a year", or the thing
// counted ("events", "fatalities", "fighters", "people"); "" if unknown.
func IndicatorUnit(name string) string { return infoOf(name).unit }

func infoOf(name string) indicatorInfo {
	for _, h := range headlineIndicators {
		if h.name == name {
			return h.info
		}
	}
	switch name {
	case "events_total":
		return indicatorInfo{"Events", "events"}
	case "attribution_correct_share":
		return indicatorInfo{"Events attributed to their group", "share"}
	case "attribution_jnim_share":
		return indicatorInfo{`Events labelled "JNIM"`, "share"}
	case "attribution_unknown_share":
		return indicatorInfo{"Events with unknown perpetrator", "share"}
	}
	switch {
	case strings.HasSuffix(name, "_share") || strings.Contains(name, "_share_"):
		return indicatorInfo{name, "share"}
	}
	return indicatorInfo{name, ""}
}

// policyIndicators are the indicators policy comparisons and sweeps show
// first, in order: the size of the violence, then who is blamed for it,
// then the groups and the population.
var policyIndicators = []string{"events_total", "fatalities_total", "events_last_year", "jnim_share_events",
	"attribution_correct_share", "fighters_total", "displaced", "sustained_presence_share", "reintegrated",
	"recidivists", "defections", "jnim_revenue_usd", "flm_share_jnim_events"}

// pickIndicators returns up to n indicators among have for which ok
// holds: the policyIndicators first, then the headline ones, then others,
// in the order of have.
func pickIndicators(have []string, n int, ok func(string) bool) []string {
	var out []string
	add := func(name string) {
		if len(out) < n && slices.Contains(have, name) && !slices.Contains(out, name) && ok(name) {
			out = append(out, name)
		}
	}
	for _, name := range policyIndicators {
		add(name)
	}
	for _, h := range headlineIndicators {
		add(h.name)
	}
	for _, name := range have {
		add(name)
	}
	return out
}

// vline draws a vertical reference line at x.
type vline struct {
	x    float64
	line draw.LineStyle
}

func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	c.StrokeLine2(v.line, trX(v.x), c.Min.Y, trX(v.x), c.Max.Y)
}

func (v vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.x, v.x, math.Inf(1), math.Inf(-1)
}

// forest returns the forest plot of compare.csv: each scenario's effect on
// the headline indicators with its 95 % interval.
func (b *builder) forest() *Figure {
	cs := b.d.Comparisons
	var inds, names []string
	ref := ""
	for _, c := range cs {
		if !slices.Contains(inds, c.Indicator) {
			inds = append(inds, c.Indicator)
		}
		if !slices.Contains(names, b.d.Label(c.Scenario, c.Point)) {
			names = append(names, b.d.Label(c.Scenario, c.Point))
		}
		if ref == "" {
			ref = b.d.ReferenceLabel(c.Reference)
		}
	}
	inds = pickIndicators(inds, 8, func(ind string) bool { // with an effect to show
		return slices.ContainsFunc(cs, func(c Comparison) bool { return c.Indicator == ind && finite(c.Difference) })
	})
	cols := min(4, len(inds))
	rows := (len(inds) + cols - 1) / cols
	width := b.th.page
	lines := 0
	for _, n := range names {
		lines += strings.Count(wrapText(textStyle(regular, b.th.small), n, b.th.page*0.2), "\n") + 1
	}
	panelH := b.th.small*1.25*vg.Length(lines) + b.th.small*0.8*vg.Length(len(names)) + b.th.text*5
	glyph := draw.GlyphStyle{Color: ink, Radius: b.th.small * 0.3, Shape: draw.CircleGlyph{}}
	line := draw.LineStyle{Color: ink, Width: b.th.line}
	legend := []legendEntry{
		{"Difference of means", glyphThumb{glyph: glyph}},
		{"95% interval", lineThumb{line}},
		{"No effect", lineThumb{draw.LineStyle{Color: jnimColor, Width: b.th.thin, Dashes: []vg.Length{2, 2}}}},
	}
	lh := legendHeight(legend, width, b.th)
	f := &Figure{
		Name:  "compare_forest",
		Title: "Effect of each scenario on the headline indicators",
		Caption: fmt.Sprintf("Each scenario's effect on the headline indicators: the difference between its mean and the mean of %s, with its 95%% interval, from compare.csv. Intervals that cross the dashed line are compatible with no effect. Each panel has its own horizontal scale; shares are in percentage points.",
			ref),
		Width: width, Height: vg.Length(rows)*panelH + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		for k, ind := range inds {
			info := infoOf(ind)
			iv := &intervals{horizontal: true, glyph: glyph, line: line}
			for _, cm := range cs {
				if cm.Indicator != ind {
					continue
				}
				r := slices.Index(names, b.d.Label(cm.Scenario, cm.Point))
				iv.pts = append(iv.pts, ipt{cm.Difference, float64(len(names) - 1 - r), cm.Low, cm.High})
			}
			p := newPlot(b.th)
			p.Title.Text = info.title
			p.Add(vGrid(b.th), vline{0, draw.LineStyle{Color: jnimColor, Width: b.th.thin, Dashes: []vg.Length{2, 2}}}, iv)
			ys := make([]string, len(names))
			for r, n := range names {
				ys[len(names)-1-r] = wrapText(textStyle(regular, b.th.small), n, b.th.page*0.2)
			}
			p.NominalY(ys...)
			p.Y.Tick.Label = textStyle(regular, b.th.small)
			p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
			p.Y.Min, p.Y.Max = -0.5, float64(len(names))-0.5
			if k%cols != 0 { // the scenarios are named in the first column
				p.HideY()
			}
			p.X.Label.Text = differenceLabel(info)
			if info.unit == "share" {
				p.X.Tick.Marker = pointTicks{}
			}
			plots = append(plots, p)
		}
		drawPanels(top, gridOf(plots, cols), b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// differenceLabel is the axis label of a difference in indicator info.
func differenceLabel(info indicatorInfo) string {
	switch info.unit {
	case "share":
		return "Difference (percentage points)"
	case "", "ratio":
		return "Difference"
	}
	return "Difference (" + info.unit + ")"
}

// pointTicks label differences of shares in percentage points.
type pointTicks struct{}

func (pointTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(math.Round(ts[i].Value*1000)/10, 'f', -1, 64)
		}
	}
	return ts
}

// sweptParams returns the parameters of a sweep that take more than one
// numeric value, with the value of each point.
func (b *builder) sweptParams(points []Point) (names []string, values [][]float64) {
	for k, name := range b.d.Summary.Params {
		vals := make([]float64, len(points))
		distinct := map[float64]bool{}
		ok := true
		for i, p := range points {
			v, err := strconv.ParseFloat(strings.TrimSpace(p.Params[k]), 64)
			if err != nil {
				ok = false
				break
			}
			vals[i] = v
			distinct[v] = true
		}
		if ok && len(distinct) > 1 {
			names = append(names, name)
			values = append(values, vals)
		}
	}
	return names, values
}

// FileName returns s made safe for a file name: letters, digits and
// underscores.
func FileName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	return sb.String()
}

// sweepFigure returns the figure of headline indicators against the swept
// parameter k: mean over each point's runs with its 95 % interval, one
// line per combination of the scenario and the other parameters.
func (b *builder) sweepFigure(points []Point, names []string, values [][]float64, k int) *Figure {
	param := names[k]
	s := &b.d.Summary
	inds := pickIndicators(s.Columns, 8, func(ind string) bool { // defined somewhere
		return slices.ContainsFunc(s.Column(ind), finite)
	})
	// Series: points that differ only in param.
	type seriesT struct {
		key   string
		label string
		pts   []int
	}
	var ser []seriesT
	// The other parameters that vary among the points.
	var others []int
	for j, name := range b.d.Summary.Params {
		if name == param {
			continue
		}
		if slices.ContainsFunc(points, func(p Point) bool { return p.Params[j] != points[0].Params[j] }) {
			others = append(others, j)
		}
	}
	for _, p := range points {
		var parts []string
		for _, j := range others {
			name := b.d.Summary.Params[j]
			parts = append(parts, name[strings.LastIndex(name, ".")+1:]+"="+p.Params[j])
		}
		label := p.Scenario
		key := p.Scenario + "|" + strings.Join(parts, ",")
		if len(parts) > 0 {
			label += " (" + strings.Join(parts, ", ") + ")"
		}
		j := slices.IndexFunc(ser, func(s seriesT) bool { return s.key == key })
		if j < 0 {
			ser = append(ser, seriesT{key: key, label: label})
			j = len(ser) - 1
		}
		ser[j].pts = append(ser[j].pts, slices.IndexFunc(points, func(q Point) bool { return q.Scenario == p.Scenario && q.Point == p.Point }))
	}
	colors := func(i int) color.RGBA {
		order := []int{oiBlue, oiVermillion, oiGreen, oiOrange, oiPurple, oiSkyBlue, oiBlack}
		if i < len(order) {
			return okabeIto[order[i]]
		}
		return unknownColor
	}
	var legend []legendEntry
	for i, sr := range ser {
		legend = append(legend, legendEntry{sr.label, glyphThumb{draw.GlyphStyle{Color: colors(i), Radius: b.th.small * 0.3, Shape: draw.CircleGlyph{}}, draw.LineStyle{Color: colors(i), Width: b.th.line}}})
	}
	legend = append(legend, legendEntry{"95% interval of the mean", lineThumb{draw.LineStyle{Color: ink, Width: b.th.thin}}})
	cols := min(4, len(inds))
	rows := (len(inds) + cols - 1) / cols
	width := b.th.page
	panelH := width/vg.Length(cols)*0.7 + b.th.text*3
	lh := legendHeight(legend, width, b.th)
	f := &Figure{
		Name:  "sweep_" + FileName(param),
		Title: "Indicators against " + param,
		Caption: fmt.Sprintf("Headline indicators against the swept parameter %s: mean over the runs at each point, with the 95%% interval of the mean (t distribution), one line per scenario and setting of the other swept parameters.",
			param),
		Width: width, Height: vg.Length(rows)*panelH + lh,
	}
	// Series side by side at each value, a little apart.
	lo, hi := slices.Min(values[k]), slices.Max(values[k])
	dodge := func(i int) float64 { return (float64(i) - float64(len(ser)-1)/2) * 0.012 * (hi - lo) }
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		var plots []*plot.Plot
		for _, ind := range inds {
			info := infoOf(ind)
			vals := s.Column(ind)
			p := newPlot(b.th)
			p.Title.Text = info.title
			p.Add(hGrid(b.th))
			for i, sr := range ser {
				idx := slices.Clone(sr.pts)
				slices.SortFunc(idx, func(a, c int) int { return cmpFloat(values[k][a], values[k][c]) })
				iv := &intervals{
					glyph: draw.GlyphStyle{Color: colors(i), Radius: b.th.small * 0.3, Shape: draw.CircleGlyph{}},
					line:  draw.LineStyle{Color: colors(i), Width: b.th.thin},
					join:  draw.LineStyle{Color: colors(i), Width: b.th.line},
				}
				for _, pi := range idx {
					var v []float64
					for _, r := range points[pi].Rows {
						v = append(v, vals[r])
					}
					m, lo, hi := meanCI(v)
					iv.pts = append(iv.pts, ipt{values[k][pi] + dodge(i), m, lo, hi})
				}
				p.Add(iv)
			}
			p.X.Label.Text = param
			if info.unit == "share" {
				p.Y.Tick.Marker = percentTicks{}
			}
			if info.unit != "" && info.unit != "share" {
				p.Y.Label.Text = capitalize(info.unit)
			}
			plots = append(plots, p)
		}
		drawPanels(top, gridOf(plots, cols), b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// byPoint returns the figure of metric over time at each point of a
// sweep.
func (b *builder) byPoint(points []Point, metric, noun string) *Figure {
	var lines []line
	var legend []legendEntry
	many := len(points) > 7
	order := []int{oiBlue, oiVermillion, oiGreen, oiOrange, oiPurple, oiSkyBlue, oiBlack}
	for i, p := range points {
		var runs []int
		for _, r := range p.Rows {
			runs = append(runs, b.d.Summary.Runs[r].Run)
		}
		var c color.RGBA
		if many {
			c = Viridis(float64(i) / float64(len(points)-1))
		} else {
			c = okabeIto[order[i]]
		}
		l := line{label: p.Label, color: c, noBand: many,
			band: b.d.band(b.bin, flow, runs, seriesKey(outputs.All, outputs.All, metric))}
		lines = append(lines, l)
		if !many || i == 0 || i == len(points)-1 {
			var fill color.Color
			if !many {
				fill = bandFill(c)
			}
			legend = append(legend, legendEntry{p.Label, bandThumb{b.lineStyle(c, nil), fill}})
		}
	}
	width := b.th.page
	lh := legendHeight(legend, width, b.th)
	h := width * 0.45
	caption := fmt.Sprintf("Militant %s %s at each point of the sweep, all zones and groups together.", noun, b.perUnit())
	if many {
		caption += " Lines: mean over the point's runs, coloured along viridis in the order of the points (the legend names the first and the last)."
	} else {
		caption += " Lines: mean over the point's runs; shaded: 90% band (5th–95th percentile across runs)."
	}
	f := &Figure{Name: metric + "_by_point", Title: fmt.Sprintf("Militant %s at each point of the sweep", noun), Caption: caption, Width: width, Height: h + lh}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p := b.timePlot("", lines, capitalize(noun)+" "+b.perUnit())
		drawPanels(top, [][]*plot.Plot{{p}}, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}

// attributionByPoint returns the figure of how events were labelled at
// each point of a sweep (from the attribution indicators).
func (b *builder) attributionByPoint(points []Point) *Figure {
	s := &b.d.Summary
	correct, jnim, unknown := s.Column("attribution_correct_share"), s.Column("attribution_jnim_share"), s.Column("attribution_unknown_share")
	if correct == nil || jnim == nil || unknown == nil {
		return nil
	}
	cats := []category{
		{"The true group's name", okabeIto[oiBlue]},
		{"Another group's name", okabeIto[oiSkyBlue]},
		{`"JNIM"`, jnimColor},
		{"Unknown perpetrator", unknownColor},
	}
	var rows []string
	var counts [][]float64
	for _, p := range points {
		var c, j, u []float64
		for _, r := range p.Rows {
			c, j, u = append(c, correct[r]), append(j, jnim[r]), append(u, unknown[r])
		}
		mc, _, _ := summarize(c)
		mj, _, _ := summarize(j)
		mu, _, _ := summarize(u)
		rows = append(rows, p.Label)
		counts = append(counts, []float64{mc, max(0, 1-mc-mj-mu), mj, mu})
	}
	var legend []legendEntry
	for _, c := range cats {
		legend = append(legend, legendEntry{c.label, swatch{fill: c.color}})
	}
	width := b.th.page
	lh := legendHeight(legend, width, b.th)
	h := b.th.small*1.9*vg.Length(len(rows)) + b.th.text*4.5
	f := &Figure{
		Name:    "attribution_by_point",
		Title:   "Attribution of events at each point of the sweep",
		Caption: "How the record labels militant events at each point of the sweep: with the true group's name, another group's, the coalition's (\"JNIM\") or as unknown; mean over the point's runs. Points with more intelligence sharing (the disaggregation lever) label more events with the true group.",
		Width:   width, Height: h + lh,
	}
	f.draw = func(c draw.Canvas) {
		top, bottom := splitBottom(c, lh)
		p := b.shareBars("", rows, cats, counts, "Share of militant events")
		drawPanels(top, [][]*plot.Plot{{p}}, b.th)
		drawLegend(bottom, legend, b.th)
	}
	return f
}
