package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A flowNode is a box of the flow diagram: a state fighters pass through.
type flowNode struct {
	label         string
	col           int
	mean, lo, hi  float64 // fighters: mean and 90 % interval across replicates
	color         color.RGBA
	y0, y1        vg.Length // placed by layout
	outAt, inAt   vg.Length // where the next link leaves and arrives
	hasIn, hasOut bool
}

// A flowLink carries value fighters from node from to node to.
type flowLink struct {
	from, to int
	value    float64
}

// flowStats returns, for each replicate of the summary, the fighters on
// each path: defections and where defectors went.
func (b *builder) flowStats() (defected, realigned, criminal, programme, blended, reintegrated, recidivists []float64) {
	s := &b.d.Summary
	col := func(name string) []float64 {
		v := s.Column(name)
		if v == nil {
			v = make([]float64, len(s.Values))
			for i := range v {
				v[i] = math.NaN()
			}
		}
		return v
	}
	defected, realigned, criminal, programme = col("defections"), col("realigned"), col("criminal"), col("in_programme")
	reintegrated, recidivists = col("reintegrated"), col("recidivists")
	blended = make([]float64, len(defected))
	for i := range blended {
		blended[i] = max(0, defected[i]-realigned[i]-criminal[i]-programme[i])
	}
	return
}

// flows returns the flow diagram of fighters' paths out of their groups:
// defection, then realignment, crime, a reintegration programme or a
// return to the community, then reintegration or recidivism.
func (b *builder) flows() *Figure {
	d, re, cr, pr, bl, ri, rc := b.flowStats()
	stat := func(v []float64) (float64, float64, float64) { return summarize(append([]float64(nil), v...)) }
	node := func(label string, col int, v []float64, c color.RGBA) flowNode {
		m, lo, hi := stat(v)
		return flowNode{label: label, col: col, mean: m, lo: lo, hi: hi, color: c}
	}
	// Recidivists come from those who blended back and from programmes;
	// the outputs do not say which, so they are drawn from the community
	// first.
	fromBlended, fromProg := make([]float64, len(rc)), make([]float64, len(rc))
	stayed, inProg := make([]float64, len(rc)), make([]float64, len(rc))
	for i := range rc {
		fromBlended[i] = min(rc[i], bl[i])
		fromProg[i] = max(0, min(rc[i]-fromBlended[i], pr[i]-ri[i]))
		stayed[i] = bl[i] - fromBlended[i]
		inProg[i] = max(0, pr[i]-ri[i]-fromProg[i])
	}
	mean := func(v []float64) float64 { m, _, _ := stat(v); return m }

	nodes := []flowNode{
		node("Defected", 0, d, ink),
		node("Realigned with another group", 1, re, okabeIto[oiPurple]),
		node("Turned to crime", 1, cr, okabeIto[oiVermillion]),
		node("Entered a reintegration programme", 1, pr, okabeIto[oiGreen]),
		node("Blended back into a community", 1, bl, okabeIto[oiSkyBlue]),
		node("Reintegrated", 2, ri, okabeIto[oiGreen]),
		node("Returned to a group (recidivists)", 2, rc, okabeIto[oiOrange]),
		node("Stayed in the community", 2, stayed, lighten(okabeIto[oiSkyBlue], 0.3)),
		node("Still in or out of a programme", 2, inProg, lighten(okabeIto[oiGreen], 0.4)),
	}
	links := []flowLink{
		{0, 1, mean(re)}, {0, 2, mean(cr)}, {0, 3, mean(pr)}, {0, 4, mean(bl)},
		{3, 5, mean(ri)}, {3, 6, mean(fromProg)}, {3, 8, mean(inProg)},
		{4, 6, mean(fromBlended)}, {4, 7, mean(stayed)},
	}
	width := b.th.page
	height := width * 0.4
	f := &Figure{
		Name:  "flows",
		Title: "Fighters' paths out of their groups",
		Caption: fmt.Sprintf("Where defectors went: realignment with another group, crime, a reintegration programme or a return to their community, and from there reintegration or a return to a group (recidivism). Band widths: mean over %d replicates; labels: mean and 90%% interval. Recidivists are drawn from those who went back to their community first, then from programmes: the outputs count them, not where they came from.",
			b.d.Replicates()),
		Width: width, Height: height,
	}
	f.draw = func(c draw.Canvas) {
		b.drawFlows(inset(c, b.th.pad), nodes, links)
	}
	return f
}

// drawFlows lays out and draws a three-column flow diagram in c.
func (b *builder) drawFlows(c draw.Canvas, nodes []flowNode, links []flowLink) {
	th := b.th
	sty := textStyle(regular, th.small)
	sty.YAlign = draw.YCenter
	W := c.Size().X
	colX := [3]vg.Length{c.Min.X + W*0.14, c.Min.X + W*0.47, c.Min.X + W*0.72}
	nodeW := th.pad * 1.6
	gap := th.small * 2.2

	// Scale: the largest column fills the height.
	var colTotal [3]float64
	var colCount [3]int
	for _, n := range nodes {
		if n.mean > 0 {
			colTotal[n.col] += n.mean
			colCount[n.col]++
		}
	}
	scale := math.Inf(1)
	H := c.Size().Y - th.small*2
	for k := range 3 {
		if colTotal[k] > 0 {
			scale = min(scale, float64(H-vg.Length(max(0, colCount[k]-1))*gap)/colTotal[k])
		}
	}
	if math.IsInf(scale, 1) {
		sty.XAlign = draw.XCenter
		c.FillText(sty, c.Center(), "No fighter defected in this run.")
		return
	}
	// Place nodes top-down in each column, centred vertically.
	for k := range 3 {
		used := vg.Length(colTotal[k]*scale) + vg.Length(max(0, colCount[k]-1))*gap
		y := c.Max.Y - th.small - (H-used)/2
		for i := range nodes {
			n := &nodes[i]
			if n.col != k || !(n.mean > 0) {
				continue
			}
			n.y1 = y
			n.y0 = y - vg.Length(n.mean*scale)
			n.outAt, n.inAt = n.y1, n.y1
			y = n.y0 - gap
		}
	}
	// Links, as bands.
	for _, l := range links {
		if !(l.value > 0) {
			continue
		}
		from, to := &nodes[l.from], &nodes[l.to]
		if !(from.mean > 0) || !(to.mean > 0) {
			continue
		}
		h := vg.Length(l.value * scale)
		x0, x1 := colX[from.col]+nodeW, colX[to.col]
		a0, a1 := from.outAt, from.outAt-h
		z0, z1 := to.inAt, to.inAt-h
		from.outAt, to.inAt = a1, z1
		xm := (x0 + x1) / 2
		var p vg.Path
		p.Move(vg.Point{X: x0, Y: a0})
		p.CubeTo(vg.Point{X: xm, Y: a0}, vg.Point{X: xm, Y: z0}, vg.Point{X: x1, Y: z0})
		p.Line(vg.Point{X: x1, Y: z1})
		p.CubeTo(vg.Point{X: xm, Y: z1}, vg.Point{X: xm, Y: a1}, vg.Point{X: x0, Y: a1})
		p.Close()
		c.SetColor(withAlpha(to.color, 0.45))
		c.Fill(p)
	}
	// Nodes and their labels.
	for _, n := range nodes {
		if !(n.mean > 0) {
			continue
		}
		r := vg.Rectangle{Min: vg.Point{X: colX[n.col], Y: n.y0}, Max: vg.Point{X: colX[n.col] + nodeW, Y: n.y1}}
		c.SetColor(n.color)
		c.Fill(r.Path())
		label := fmt.Sprintf("%s\n%s (%s–%s)", n.label, formatValue(n.mean), formatValue(n.lo), formatValue(n.hi))
		s := sty
		at := vg.Point{X: r.Max.X + th.pad, Y: (n.y0 + n.y1) / 2}
		if n.col < 2 { // left of the node, over the links coming in
			s.XAlign = draw.XRight
			at.X = r.Min.X - th.pad
		}
		fillTextBackdrop(c, s, at, label, th.thin)
	}
}
