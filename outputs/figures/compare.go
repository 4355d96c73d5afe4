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

// IndicatorTitle returns the display name of indicator name: its title in
// outputs.Headlines for a headline indicator, the name itself for most
// others.
func IndicatorTitle(name string) string { return infoOf(name).title }

// IndicatorUnit returns what indicator name counts or measures: "share"
// for a share in [0, 1], "ratio", "year", "USD a year", or the thing
// counted ("events", "fatalities", "fighters", "people"); "" if unknown.
func IndicatorUnit(name string) string { return infoOf(name).unit }

func infoOf(name string) indicatorInfo {
	for _, h := range outputs.Headlines() {
		if h.Name == name {
			return indicatorInfo{h.Title, h.Unit}
		}
	}
	switch name {
	case "events_total":
		return indicatorInfo{"Events", "events"}
	case "recruited":
		return indicatorInfo{"Recruits", "fighters"}
	case "civilians_killed_by_forces":
		return indicatorInfo{"Civilians killed by forces", "people"}
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
	for _, name := range outputs.HeadlineIndicators() {
		add(name)
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
	if len(inds) == 0 {
		return b.noteFigure("compare_forest", "Effect of each scenario on the headline indicators",
			"Each scenario's effect on the headline indicators, from compare.csv, which has no difference to show (each needs replicates defined under both scenarios).",
			"Difference from "+ref, "No effect could be estimated")
	}
	cols := min(4, len(inds))
	rows := (len(inds) + cols - 1) / cols
	width := b.th.page
	// Each scenario's row as tall as its wrapped name and a gap, and no
	// less than two lines of text, so that names never overlap however few
	// they are; then the panel's title, tick labels and axis label.
	var dataH vg.Length
	for _, n := range names {
		lines := strings.Count(wrapText(textStyle(regular, b.th.small), n, b.th.page*0.2), "\n") + 1
		dataH += max(b.th.small*2.4, b.th.small*1.3*vg.Length(lines)+b.th.small*1.1)
	}
	panelH := dataH + b.th.text*7
	glyph := draw.GlyphStyle{Color: ink, Radius: b.th.small * 0.3, Shape: draw.CircleGlyph{}}
	line := draw.LineStyle{Color: ink, Width: b.th.line}
	legend := []legendEntry{
		{"Difference from " + ref + " (mean of the paired differences)", glyphThumb{glyph: glyph}},
		{"95% interval", lineThumb{line}},
		{"No effect (" + ref + ")", lineThumb{draw.LineStyle{Color: jnimColor, Width: b.th.thin, Dashes: []vg.Length{2, 2}}}},
	}
	lh := legendHeight(legend, width, b.th)
	f := &Figure{
		Name:  "compare_forest",
		Title: "Effect of each scenario on the headline indicators",
		Caption: fmt.Sprintf("Each scenario's effect on the headline indicators: the difference between its mean and the mean of the reference, %s (paired replicate by replicate), with its 95%% interval, from compare.csv. Intervals that cross the dashed line are compatible with no effect. Each panel has its own horizontal scale; shares are in percentage points.",
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
			nameRows(p, names, len(names), b.th.small, b.th.page*0.2)
			if k%cols != 0 { // the scenarios are named in the first column
				p.HideY()
			}
			p.X.Label.Text = differenceLabel(info)
			p.X.Tick.Marker = differenceTicks(info, false)
			holdZero(&p.X, 0.04)
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

// differenceTicks returns the ticks of an axis of differences in info's
// unit: round steps, in percentage points for shares, with compact labels
// (compactTicks) if asked.
func differenceTicks(info indicatorInfo, compact bool) plot.Ticker {
	switch {
	case info.unit == "share":
		return stepTicks{scale: 100}
	case compact:
		return compactTicks{stepTicks{scale: 1}}
	}
	return stepTicks{scale: 1}
}

// holdZero widens ax to hold zero, no effect, and a margin (a share of the
// range on each side) so that no interval ends on the frame.
func holdZero(ax *plot.Axis, margin float64) {
	ax.Min, ax.Max = min(ax.Min, 0), max(ax.Max, 0)
	if lo, hi := ax.Min, ax.Max; hi > lo {
		ax.Min, ax.Max = lo-margin*(hi-lo), hi+margin*(hi-lo)
	}
}

// nameRows names the rows of p, names[0] at the top of rows rows (the
// rest left blank below), each name wrapped to wrap in text of size size.
func nameRows(p *plot.Plot, names []string, rows int, size, wrap vg.Length) {
	ys := make([]string, rows)
	for r, n := range names {
		ys[rows-1-r] = wrapText(textStyle(regular, size), n, wrap)
	}
	p.NominalY(ys...)
	p.Y.Tick.Label = textStyle(regular, size)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Min, p.Y.Max = -0.5, float64(rows)-0.5
}

// stepTicks mark round steps (1, 2 or 5 × 10^k, three to six of them)
// through zero, labelled with the value times scale: 100 labels shares
// in percentage points.
type stepTicks struct{ scale float64 }

func (t stepTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return nil
	}
	step := niceStep((max-min)*t.scale/6) / t.scale
	var out []plot.Tick
	for k := math.Ceil(min / step); k*step <= max*(1+1e-12); k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, plot.Tick{Value: v, Label: formatValue(v * t.scale)})
		// A minor tick halfway.
		if h := v + step/2; h < max {
			out = append(out, plot.Tick{Value: h})
		}
	}
	if len(out) > 0 && out[0].Value-step/2 > min {
		out = append(out, plot.Tick{Value: out[0].Value - step/2})
	}
	return out
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
	if len(inds) == 0 {
		return b.noteFigure("sweep_"+FileName(param), "Indicators against "+param,
			fmt.Sprintf("Headline indicators against the swept parameter %s: none has a value in any run.", param), param, "No indicator has a value")
	}
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

// A sweepDim is a dimension along which the points of a sweep differ:
// the scenario, or a parameter.
type sweepDim struct {
	name    string   // "scenario", or the parameter's last dotted part
	values  []string // distinct values, numerically ordered if all are numbers
	numeric bool
	of      []int // the index in values of each point's value
}

// sweepDims returns the dimensions along which points differ, the
// scenario first, then the parameters in the order of runs.csv.
func (b *builder) sweepDims(points []Point) []sweepDim {
	var dims []sweepDim
	add := func(name string, value func(Point) string) {
		dim := sweepDim{name: name, of: make([]int, len(points))}
		for _, p := range points {
			if v := value(p); !slices.Contains(dim.values, v) {
				dim.values = append(dim.values, v)
			}
		}
		if len(dim.values) < 2 {
			return
		}
		dim.numeric = !slices.ContainsFunc(dim.values, func(v string) bool {
			_, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err != nil
		})
		if dim.numeric {
			slices.SortStableFunc(dim.values, func(x, y string) int {
				a, _ := strconv.ParseFloat(strings.TrimSpace(x), 64)
				c, _ := strconv.ParseFloat(strings.TrimSpace(y), 64)
				return cmpFloat(a, c)
			})
		}
		for i, p := range points {
			dim.of[i] = slices.Index(dim.values, value(p))
		}
		dims = append(dims, dim)
	}
	add("scenario", func(p Point) string { return p.Scenario })
	for k, name := range b.d.Summary.Params {
		add(name[strings.LastIndex(name, ".")+1:], func(p Point) string {
			if k < len(p.Params) {
				return p.Params[k]
			}
			return ""
		})
	}
	return dims
}

// valueLabel names value v of dim: "intensity=0.5", or the scenario.
func (dim sweepDim) valueLabel(v int) string {
	if dim.name == "scenario" {
		return dim.values[v]
	}
	return dim.name + "=" + dim.values[v]
}

// maxLines is the most lines a time-series panel of a sweep names one by
// one in its legend: the colours of the Okabe–Ito palette and grey.
const maxLines = 8

// seriesColors returns n colours told apart: the Okabe–Ito palette (and
// grey) for values without an order, viridis (short of its palest yellow,
// which does not show as a line on white) for ordered ones.
func seriesColors(n int, ordered bool) []color.RGBA {
	out := make([]color.RGBA, n)
	order := []int{oiBlue, oiVermillion, oiGreen, oiOrange, oiPurple, oiSkyBlue, oiBlack}
	for i := range out {
		switch {
		case ordered:
			out[i] = Viridis(0.85 * float64(i) / float64(max(1, n-1)))
		case i < len(order):
			out[i] = okabeIto[order[i]]
		default:
			out[i] = jnimColor
		}
	}
	return out
}

// byPoint returns the figure of metric over time at each point of a
// sweep. Up to maxLines points share one panel, each line named in the
// legend (with its 90 % band up to four). More points that differ along
// several dimensions are drawn as small multiples: a panel for each
// setting of the other dimensions, a line for each value of the one with
// the most values (at most maxLines), named in the legend. Otherwise (a
// Latin hypercube, say) lines are coloured along viridis by the value of
// the first swept parameter, which the legend names with its range.
func (b *builder) byPoint(points []Point, metric, noun string) *Figure {
	series := func(p Point) band {
		var runs []int
		for _, r := range p.Rows {
			runs = append(runs, b.d.Summary.Runs[r].Run)
		}
		return b.d.band(b.bin, flow, runs, seriesKey(outputs.All, outputs.All, metric))
	}
	title := fmt.Sprintf("Militant %s at each point of the sweep", noun)
	caption := fmt.Sprintf("Militant %s %s at each point of the sweep, all zones and groups together; lines: mean over the point's runs", noun, b.perUnit())
	yLabel := capitalize(noun) + " " + b.perUnit()
	name := metric + "_by_point"

	// A line for each point.
	if len(points) <= maxLines {
		bands := len(points) <= 4
		colors := seriesColors(len(points), false)
		var lines []line
		var legend []legendEntry
		for i, p := range points {
			lines = append(lines, line{label: p.Label, color: colors[i], noBand: !bands, band: series(p)})
			var fill color.Color
			if bands {
				fill = bandFill(colors[i])
			}
			legend = append(legend, legendEntry{p.Label, bandThumb{b.lineStyle(colors[i], nil), fill}})
		}
		if bands {
			caption += "; shaded: 90% band (5th–95th percentile across runs)"
		}
		return b.timeFigure(name, title, caption+".", yLabel, []panel{{lines: lines}}, 1, legend, b.th.page, false)
	}

	// Small multiples: the dimension with the most values, at most
	// maxLines, in each panel; a panel for each setting of the others.
	dims := b.sweepDims(points)
	main := -1
	for k, dim := range dims {
		if len(dim.values) <= maxLines && (main < 0 || len(dim.values) > len(dims[main].values)) {
			main = k
		}
	}
	if main >= 0 && len(dims) > 1 {
		var keys []string
		of := make([]int, len(points)) // each point's panel
		for i := range points {
			var parts []string
			for k, dim := range dims {
				if k != main {
					parts = append(parts, dim.valueLabel(dim.of[i]))
				}
			}
			key := strings.Join(parts, ", ")
			if !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
			of[i] = slices.Index(keys, key)
		}
		if len(keys) <= 12 {
			md := dims[main]
			colors := seriesColors(len(md.values), md.numeric)
			panels := make([]panel, len(keys))
			for k, key := range keys {
				panels[k].title = key
			}
			for i, p := range points {
				v := md.of[i]
				panels[of[i]].lines = append(panels[of[i]].lines, line{label: p.Label, color: colors[v], noBand: true, band: series(p)})
			}
			var legend []legendEntry
			for v := range md.values {
				legend = append(legend, legendEntry{md.valueLabel(v), lineThumb{b.lineStyle(colors[v], nil)}})
			}
			cols := min(len(keys), 3)
			caption += fmt.Sprintf(", one panel for each setting of %s, one colour for each value of %s, on one vertical scale.",
				dimNames(dims, main), md.name)
			return b.timeFigure(name, title, caption, yLabel, panels, cols, legend, b.th.page, true)
		}
	}

	// Too many points to name: colours along viridis by the value of the
	// first swept parameter, or by the order of the points.
	var lines []line
	by, lo, hi := "the order of the points", points[0].Label, points[len(points)-1].Label
	rank := make([]float64, len(points))
	for i := range points {
		rank[i] = float64(i) / float64(len(points)-1)
	}
	for _, dim := range dims {
		if dim.numeric && dim.name != "scenario" {
			by, lo, hi = dim.name, dim.values[0], dim.values[len(dim.values)-1]
			for i := range points {
				rank[i] = float64(dim.of[i]) / float64(max(1, len(dim.values)-1))
			}
			break
		}
	}
	for i, p := range points {
		lines = append(lines, line{label: p.Label, color: Viridis(0.85 * rank[i]), noBand: true, band: series(p)})
	}
	legend := []legendEntry{
		{fmt.Sprintf("%s = %s", by, lo), lineThumb{b.lineStyle(Viridis(0), nil)}},
		{"…", lineThumb{b.lineStyle(Viridis(0.425), nil)}},
		{fmt.Sprintf("%s = %s", by, hi), lineThumb{b.lineStyle(Viridis(0.85), nil)}},
	}
	if by == "the order of the points" {
		legend[0].label, legend[2].label = "First point: "+lo, "Last point: "+hi
	}
	caption += fmt.Sprintf(", one for each of the %d points, coloured along viridis by %s.", len(points), by)
	return b.timeFigure(name, title, caption, yLabel, []panel{{lines: lines}}, 1, legend, b.th.page, false)
}

// dimNames lists the names of dims but the one at skip: "start" or
// "scenario and start".
func dimNames(dims []sweepDim, skip int) string {
	var names []string
	for k, dim := range dims {
		if k != skip {
			names = append(names, dim.name)
		}
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
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

// noteFigure returns a figure of one empty panel, a column wide, with a
// note saying why: what a figure draws when its data hold nothing to
// show.
func (b *builder) noteFigure(name, title, caption, xLabel, text string) *Figure {
	f := &Figure{Name: name, Title: title, Caption: caption, Width: b.th.column, Height: b.th.column * 0.5}
	f.draw = func(c draw.Canvas) {
		p := newPlot(b.th)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		p.X.Tick.Marker = plot.ConstantTicks{}
		p.Y.Tick.Marker = plot.ConstantTicks{}
		p.X.Label.Text = xLabel
		p.Add(note{text: text, style: b.noteStyle()})
		drawPanels(c, [][]*plot.Plot{{p}}, b.th)
	}
	return f
}
