package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/sim"
)

// mapPlaces are the places maps mark: the three capitals and the towns
// the report names. Labels go right of the point, or left (west) where
// the right would run into a neighbour.
var mapPlaces = []struct {
	name string
	west bool
}{
	{"Bamako", false}, {"Mopti", false}, {"Gao", false}, {"Tombouctou", false}, {"Kidal", false},
	{"Ouagadougou", true}, {"Djibo", false}, {"Niamey", false}, {"Ménaka", false}, {"Fada N'Gourma", false},
}

// borderColor is the colour of country borders on maps, and only of them;
// countryInk that of country names.
var (
	borderColor = color.RGBA{0x4d, 0x4d, 0x4d, 0xff}
	countryInk  = color.RGBA{0x55, 0x55, 0x55, 0xff}
)

// A geoBox is a longitude–latitude box.
type geoBox struct{ lon0, lon1, lat0, lat1 float64 }

// mapView returns the box maps show: the study cells and a margin.
func mapView(g *sim.Grid) geoBox {
	v := geoBox{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
	h := g.Resolution / 2
	for _, c := range g.Cells {
		v.lon0, v.lon1 = min(v.lon0, c.Lon-h), max(v.lon1, c.Lon+h)
		v.lat0, v.lat1 = min(v.lat0, c.Lat-h), max(v.lat1, c.Lat+h)
	}
	const margin = 0.3
	v.lon0, v.lon1, v.lat0, v.lat1 = v.lon0-margin, v.lon1+margin, v.lat0-margin, v.lat1+margin
	return v
}

// intersects reports whether b's bounding box meets v.
func (v geoBox) intersects(b sim.Border) bool {
	for _, r := range b.Rings {
		for _, p := range r {
			if p[0] >= v.lon0 && p[0] <= v.lon1 && p[1] >= v.lat0 && p[1] <= v.lat1 {
				return true
			}
		}
	}
	return false
}

// aspect returns the width over the height of v on the map: an
// equirectangular projection with longitudes shortened by the cosine of
// the middle latitude.
func (v geoBox) aspect() float64 {
	k := math.Cos((v.lat0 + v.lat1) / 2 * math.Pi / 180)
	return (v.lon1 - v.lon0) * k / (v.lat1 - v.lat0)
}

// A projection places longitudes and latitudes on a canvas.
type projection struct {
	view   geoBox
	k      float64 // cosine of the middle latitude
	scale  float64 // points per degree of latitude
	x0, y0 vg.Length
	rect   vg.Rectangle // the map's area
}

// fit returns the projection of v into r, as large as fits, centred.
func fit(v geoBox, r vg.Rectangle) projection {
	k := math.Cos((v.lat0 + v.lat1) / 2 * math.Pi / 180)
	w, h := float64(r.Size().X), float64(r.Size().Y)
	s := min(w/((v.lon1-v.lon0)*k), h/(v.lat1-v.lat0))
	mw, mh := (v.lon1-v.lon0)*k*s, (v.lat1-v.lat0)*s
	x0 := r.Min.X + vg.Length((w-mw)/2)
	y0 := r.Min.Y + vg.Length((h-mh)/2)
	return projection{view: v, k: k, scale: s, x0: x0, y0: y0,
		rect: vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + vg.Length(mw), Y: y0 + vg.Length(mh)}}}
}

func (p projection) pt(lon, lat float64) vg.Point {
	return vg.Point{X: p.x0 + vg.Length((lon-p.view.lon0)*p.k*p.scale), Y: p.y0 + vg.Length((lat-p.view.lat0)*p.scale)}
}

// An edge is a segment between two grid corners, in degrees.
type edge struct{ lon0, lat0, lon1, lat1 float64 }

// outline returns the edges between cells for which key differs (and
// between keyed cells and the outside): with key reporting membership, the
// outline of a set of cells. Cells whose key is "" are outside.
func outline(g *sim.Grid, key func(i int) string) []edge {
	var out []edge
	r := g.Resolution
	for i, c := range g.Cells {
		k := key(i)
		if k == "" {
			continue
		}
		lon0, lat0 := g.MinLon+float64(c.Col)*r, g.MinLat+float64(c.Row)*r
		for _, n := range [...]struct {
			dr, dc int
			e      edge
		}{
			{-1, 0, edge{lon0, lat0, lon0 + r, lat0}},
			{1, 0, edge{lon0, lat0 + r, lon0 + r, lat0 + r}},
			{0, -1, edge{lon0, lat0, lon0, lat0 + r}},
			{0, 1, edge{lon0 + r, lat0, lon0 + r, lat0 + r}},
		} {
			j := g.At(c.Row+n.dr, c.Col+n.dc)
			other := ""
			if j >= 0 {
				other = key(j)
			}
			// Draw a shared edge once, from the cell with the larger key
			// (or the only keyed one).
			if other != k && (other == "" || k > other) {
				out = append(out, n.e)
			}
		}
	}
	return out
}

// A mapSpec is one map panel.
type mapSpec struct {
	title     string
	color     func(cell int) color.RGBA
	areas     []edge // a group's historical area: dashed
	zones     []edge // zone boundaries: thin
	labels    bool   // label the places and the countries
	scaleBar  bool
	small     bool // a small multiple: smaller place marks
	lonLabels bool // label the meridians' ticks below the frame
	latLabels bool // and the parallels' left of it
}

// drawMap draws the map m in c: cells, country borders (one path each),
// outlines, places, country names, a scale bar and the frame with ticks
// at round meridians and parallels. c is the frame's area: tick labels,
// if asked for, go outside it.
func (b *builder) drawMap(c draw.Canvas, m mapSpec) {
	g := b.d.Grid
	th := b.th
	if m.title != "" {
		sty := textStyle(regular, th.small)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, m.title)
		c.Max.Y -= sty.Height(m.title) + th.pad/2
	}
	view := mapView(g)
	p := fit(view, c.Rectangle)

	// Cells, overlapping by a hair so that viewers show no seams.
	r := g.Resolution
	eps := vg.Length(0.15)
	for i, cell := range g.Cells {
		lon0, lat0 := g.MinLon+float64(cell.Col)*r, g.MinLat+float64(cell.Row)*r
		a, z := p.pt(lon0, lat0), p.pt(lon0+r, lat0+r)
		rect := vg.Rectangle{Min: vg.Point{X: a.X - eps, Y: a.Y - eps}, Max: vg.Point{X: z.X + eps, Y: z.Y + eps}}
		c.SetColor(m.color(i))
		c.Fill(rect.Path())
	}

	// Zone boundaries and the group's area.
	strokeEdges := func(es []edge, sty draw.LineStyle) {
		if len(es) == 0 {
			return
		}
		var path vg.Path
		for _, e := range es {
			path.Move(p.pt(e.lon0, e.lat0))
			path.Line(p.pt(e.lon1, e.lat1))
		}
		c.SetLineStyle(sty)
		c.Stroke(path)
	}
	strokeEdges(m.zones, draw.LineStyle{Color: white, Width: th.thin * 1.6})

	// Borders: one path per country, clipped to the view.
	c.SetLineStyle(draw.LineStyle{Color: borderColor, Width: th.thin * 1.2})
	for _, bd := range g.Borders {
		if path := borderPath(bd, p); len(path) > 0 {
			c.Stroke(path)
		}
	}
	strokeEdges(m.areas, draw.LineStyle{Color: ink, Width: th.line, Dashes: []vg.Length{th.line * 3, th.line * 2}})

	var taken []vg.Rectangle // where country names must not go
	if m.scaleBar {
		taken = append(taken, b.drawScaleBar(c, p))
	}

	// Places: where they and their labels go, then country names clear
	// of them, then the places.
	lsty := textStyle(regular, th.tiny)
	lsty.YAlign = draw.YCenter
	rad := th.tiny * 0.32
	if m.small {
		rad *= 0.6
	}
	type mark struct {
		pt    vg.Point
		glyph draw.GlyphStyle
		label string
		sty   text.Style
		at    vg.Point
	}
	var marks []mark
	for _, mp := range mapPlaces {
		i := slices.IndexFunc(g.Places, func(pl sim.Place) bool { return pl.Name == mp.name && pl.Kind == "town" })
		if i < 0 {
			continue
		}
		pl := g.Places[i]
		pt := p.pt(pl.Lon, pl.Lat)
		if pt.X < p.rect.Min.X || pt.X > p.rect.Max.X || pt.Y < p.rect.Min.Y || pt.Y > p.rect.Max.Y {
			continue
		}
		mk := mark{pt: pt, glyph: draw.GlyphStyle{Color: ink, Radius: rad, Shape: draw.CircleGlyph{}}, label: pl.Name}
		if pl.Capital {
			mk.glyph.Shape = draw.BoxGlyph{}
			mk.glyph.Radius = rad * 1.15
		}
		if mp.west {
			mk.sty.XAlign = draw.XRight // tried first
		}
		taken = append(taken, vg.Rectangle{Min: vg.Point{X: pt.X - rad*2, Y: pt.Y - rad*2}, Max: vg.Point{X: pt.X + rad*2, Y: pt.Y + rad*2}})
		marks = append(marks, mk)
	}
	// Each label right of its place, or left, above or below, whichever
	// first covers no place nor label already set and stays in the frame.
	for k := range marks {
		mk := &marks[k]
		if !m.labels {
			mk.label = ""
			continue
		}
		right, left := lsty, lsty
		left.XAlign = draw.XRight
		above, below := lsty, lsty
		above.XAlign, above.YAlign = draw.XCenter, draw.YBottom
		below.XAlign, below.YAlign = draw.XCenter, draw.YTop
		d := rad * 2.2
		type spot struct {
			sty text.Style
			at  vg.Point
		}
		spots := []spot{{right, vg.Point{X: mk.pt.X + d, Y: mk.pt.Y}}, {left, vg.Point{X: mk.pt.X - d, Y: mk.pt.Y}},
			{above, vg.Point{X: mk.pt.X, Y: mk.pt.Y + d*0.8}}, {below, vg.Point{X: mk.pt.X, Y: mk.pt.Y - d*0.8}}}
		if mk.sty.XAlign == draw.XRight {
			spots[0], spots[1] = spots[1], spots[0]
		}
		var chosen vg.Rectangle
		for n, sp := range spots {
			lr := sp.sty.Rectangle(mk.label)
			r := vg.Rectangle{Min: vg.Point{X: sp.at.X + lr.Min.X - th.thin, Y: sp.at.Y + lr.Min.Y},
				Max: vg.Point{X: sp.at.X + lr.Max.X + th.thin, Y: sp.at.Y + lr.Max.Y}}
			own := vg.Rectangle{Min: vg.Point{X: mk.pt.X - rad*2, Y: mk.pt.Y - rad*2}, Max: vg.Point{X: mk.pt.X + rad*2, Y: mk.pt.Y + rad*2}}
			clear := !slices.ContainsFunc(taken, func(t vg.Rectangle) bool { return t != own && overlaps(r, t) })
			inFrame := r.Min.X >= p.rect.Min.X && r.Max.X <= p.rect.Max.X && r.Min.Y >= p.rect.Min.Y && r.Max.Y <= p.rect.Max.Y
			if clear && inFrame || n == len(spots)-1 {
				mk.sty, mk.at, chosen = sp.sty, sp.at, r
				if !(clear && inFrame) { // nowhere clear: where it was asked
					mk.sty, mk.at = spots[0].sty, spots[0].at
					lr := mk.sty.Rectangle(mk.label)
					chosen = vg.Rectangle{Min: vg.Point{X: mk.at.X + lr.Min.X, Y: mk.at.Y + lr.Min.Y}, Max: vg.Point{X: mk.at.X + lr.Max.X, Y: mk.at.Y + lr.Max.Y}}
				}
				break
			}
		}
		taken = append(taken, chosen)
	}
	if m.labels && b.mask != nil {
		csty := textStyle(regular, th.tiny)
		csty.Color = countryInk
		csty.XAlign, csty.YAlign = draw.XCenter, draw.YCenter
		for _, l := range b.mask.placeCountries(g, p, csty, taken) {
			fillTextBackdrop(c, csty, l.at, l.name, th.thin)
		}
	}
	for _, mk := range marks {
		halo := mk.glyph
		halo.Color, halo.Radius = white, mk.glyph.Radius+th.thin*1.2
		c.DrawGlyphNoClip(halo, mk.pt)
		c.DrawGlyphNoClip(mk.glyph, mk.pt)
		if mk.label != "" {
			fillTextBackdrop(c, mk.sty, mk.at, mk.label, th.thin)
		}
	}

	// A thin frame, with ticks at round meridians and parallels.
	c.SetLineStyle(draw.LineStyle{Color: color.RGBA{0x99, 0x99, 0x99, 0xff}, Width: th.thin / 2})
	c.Stroke(p.rect.Path())
	b.drawGraticuleTicks(c, p, m.lonLabels, m.latLabels)
}

// borderPath returns the outline of bd within the projection's view as
// one path of as many pieces as the clipping leaves, dropping points
// closer than a third of a point to the previous one.
func borderPath(bd sim.Border, p projection) vg.Path {
	var path vg.Path
	v := p.view
	const minStep = vg.Length(0.33)
	for _, ring := range bd.Rings {
		open := false
		var last vg.Point // the last point put on the path
		for i := 1; i < len(ring); i++ {
			a, z := ring[i-1], ring[i]
			x0, y0, x1, y1, ok := clipSegment(a[0], a[1], z[0], z[1], v)
			if !ok {
				open = false
				continue
			}
			entered := x0 != a[0] || y0 != a[1]
			exited := x1 != z[0] || y1 != z[1]
			if !open || entered {
				last = p.pt(x0, y0)
				path.Move(last)
				open = true
			}
			if p1 := p.pt(x1, y1); exited || i == len(ring)-1 || dist(p1, last) >= minStep {
				path.Line(p1)
				last = p1
			}
			if exited {
				open = false
			}
		}
	}
	return path
}

func dist(a, b vg.Point) vg.Length { return vg.Length(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y))) }

// clipSegment clips the segment (x0, y0)–(x1, y1) to v (Liang–Barsky).
func clipSegment(x0, y0, x1, y1 float64, v geoBox) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [...][2]float64{{-dx, x0 - v.lon0}, {dx, v.lon1 - x0}, {-dy, y0 - v.lat0}, {dy, v.lat1 - y0}} {
		pp, q := e[0], e[1]
		if pp == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		t := q / pp
		if pp < 0 {
			if t > t1 {
				return 0, 0, 0, 0, false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return 0, 0, 0, 0, false
			}
			t1 = min(t1, t)
		}
	}
	nx0, ny0, nx1, ny1 := x0+t0*dx, y0+t0*dy, x0+t1*dx, y0+t1*dy
	if t1 == 1 {
		nx1, ny1 = x1, y1
	}
	if t0 == 0 {
		nx0, ny0 = x0, y0
	}
	return nx0, ny0, nx1, ny1, true
}

// drawScaleBar draws a bar of a round number of kilometres at the
// bottom left of the map, and returns the area it covers.
func (b *builder) drawScaleBar(c draw.Canvas, p projection) vg.Rectangle {
	th := b.th
	lat := p.view.lat0 + (p.view.lat1-p.view.lat0)*0.06
	kmPerPt := 111.32 / p.scale // along a meridian; the projection keeps it along parallels at the middle latitude
	target := float64(p.rect.Size().X) * 0.18 * kmPerPt
	km := niceFloor(target)
	w := vg.Length(km / kmPerPt)
	at := p.pt(p.view.lon0, lat)
	x0 := at.X + th.pad*2
	ls := draw.LineStyle{Color: ink, Width: th.thin * 1.5}
	c.StrokeLine2(ls, x0, at.Y, x0+w, at.Y)
	c.StrokeLine2(ls, x0, at.Y-th.pad/2, x0, at.Y+th.pad/2)
	c.StrokeLine2(ls, x0+w, at.Y-th.pad/2, x0+w, at.Y+th.pad/2)
	sty := textStyle(regular, th.tiny)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
	label := formatValue(km) + " km"
	c.FillText(sty, vg.Point{X: x0 + w/2, Y: at.Y + th.pad/3}, label)
	return vg.Rectangle{Min: vg.Point{X: x0 - th.pad/2, Y: at.Y - th.pad},
		Max: vg.Point{X: x0 + max(w, sty.Width(label)) + th.pad/2, Y: at.Y + th.pad/3 + sty.Height(label) + th.pad/2}}
}

// barSteps is the number of colour steps of a continuous colour bar.
const barSteps = 64

// colorBarHeight returns the height of a colour bar with its title
// wrapped to width.
func (b *builder) colorBarHeight(title string, width vg.Length) vg.Length {
	sty := textStyle(regular, b.th.small)
	lines := strings.Count(wrapText(sty, title, width*0.95), "\n") + 1
	return b.th.small*(3.0+1.2*vg.Length(lines)) + b.th.pad
}

// drawColorBar draws s as a horizontal bar across the middle of c, its
// title above and its tick labels below, and a swatch for zero at its
// left, labelled zeroLabel.
func (b *builder) drawColorBar(c draw.Canvas, s colorScale, title, zeroLabel string) {
	th := b.th
	sty := textStyle(regular, th.small)
	barH := th.small * 0.9
	width := min(c.Size().X*0.8, 4*vg.Inch*th.small/7)
	zw := barH * 1.6 // zero swatch
	gap := th.small * 1.2
	total := zw + gap + width
	x0 := c.Center().X - total/2
	yTop := c.Max.Y - th.pad/2

	tsty := sty
	tsty.XAlign, tsty.YAlign = draw.XCenter, draw.YTop
	title = wrapText(tsty, title, c.Size().X*0.95)
	c.FillText(tsty, vg.Point{X: c.Center().X, Y: yTop}, title)
	y1 := yTop - sty.Height(title) - th.pad/2
	y0 := y1 - barH

	// The zero swatch.
	z := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + zw, Y: y1}}
	c.SetColor(zeroColor)
	c.Fill(z.Path())
	lsty := sty
	lsty.XAlign, lsty.YAlign = draw.XCenter, draw.YTop
	c.FillText(lsty, vg.Point{X: x0 + zw/2, Y: y0 - th.pad/2}, zeroLabel)

	bx := x0 + zw + gap
	if s.empty { // no colour to show: say so where the bar would be
		nsty := b.noteStyle()
		nsty.XAlign = draw.XLeft
		c.FillText(nsty, vg.Point{X: bx, Y: (y0 + y1) / 2}, "None in this run: every cell is 0")
		return
	}
	step := width / barSteps
	for i := range barSteps {
		r := vg.Rectangle{Min: vg.Point{X: bx + vg.Length(i)*step, Y: y0}, Max: vg.Point{X: bx + vg.Length(i+1)*step + 0.2, Y: y1}}
		c.SetColor(Viridis((float64(i) + 0.5) / barSteps))
		c.Fill(r.Path())
	}
	ls := draw.LineStyle{Color: ink, Width: th.thin}
	for _, v := range s.ticks() {
		t, ok := s.norm(v)
		if !ok {
			continue
		}
		x := bx + vg.Length(t)*width
		c.StrokeLine2(ls, x, y0-th.pad/3, x, y1)
		c.FillText(lsty, vg.Point{X: x, Y: y0 - th.pad/2}, formatValue(v))
	}
}

// perReplicate says what a map's values are.
func (b *builder) perReplicate() string {
	return fmt.Sprintf("mean per replicate, %d replicates", b.d.Replicates())
}

// slideMapHeight is the height of a single map figure in the Slides
// style: a 16:9 slide 10 in wide is 5.6 in tall, and keeps room for a
// title.
const slideMapHeight = 5 * vg.Inch

// mapFigure returns a single map with its key (a colour bar or a legend):
// in the Paper style as wide as a page, the key below; in the Slides
// style as wide as a slide and slideMapHeight tall, the map as large as
// that leaves and the key beside it. key draws the key in a canvas,
// keyH says how tall it is in a given width.
func (b *builder) mapFigure(name, title, caption string, color func(int) color.RGBA, key func(c draw.Canvas), keyH func(width vg.Length) vg.Length, extra mapSpec) *Figure {
	view := mapView(b.d.Grid)
	left, bottom := b.mapTickMargins()
	right, top := b.th.pad, b.th.pad
	attrH := b.th.tiny * 1.6
	width := b.th.page
	// The map's area: the frame and its tick labels.
	mapW := width
	mapH := (width-left-right)/vg.Length(view.aspect()) + bottom + top
	height := mapH + keyH(width) + attrH
	if b.o.Style == Slides {
		height = slideMapHeight
		mapH = height - attrH
		mapW = (mapH-bottom-top)*vg.Length(view.aspect()) + left + right
	}
	f := &Figure{Name: name, Title: title, Caption: caption + " " + geo.Attribution, Width: width, Height: height}
	f.draw = func(c draw.Canvas) {
		rest, attr := splitBottom(c, attrH)
		var area, keyArea draw.Canvas
		if b.o.Style == Slides {
			area, keyArea = splitLeft(rest, mapW)
			keyArea.Min.X += b.th.pad
			keyArea.Max.X -= b.th.pad
			kh := keyH(keyArea.Size().X)
			mid := keyArea.Center().Y
			keyArea.Min.Y, keyArea.Max.Y = mid-kh/2, mid+kh/2
		} else {
			area, keyArea = splitBottom(rest, rest.Size().Y-mapH)
		}
		frame := area
		frame.Min.X += left
		frame.Max.X -= right
		frame.Min.Y += bottom
		frame.Max.Y -= top
		m := extra
		m.color, m.labels, m.scaleBar = color, true, true
		m.lonLabels, m.latLabels = true, true
		b.drawMap(frame, m)
		key(keyArea)
		b.drawAttribution(attr)
	}
	return f
}

// drawAttribution writes the map data's credit line at the bottom right.
func (b *builder) drawAttribution(c draw.Canvas) {
	sty := textStyle(regular, b.th.tiny)
	sty.Color = color.RGBA{0x55, 0x55, 0x55, 0xff}
	sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
	c.FillText(sty, vg.Point{X: c.Max.X - b.th.pad, Y: c.Center().Y}, "Map data: Natural Earth (boundaries); GeoNames, CC BY 4.0 (places)")
}

// perCell returns v (sums over replicates, by cell) as means per replicate
// over every cell of the grid.
func (b *builder) perCell(v []float64) []float64 {
	n := len(b.d.Grid.Cells)
	out := make([]float64, n)
	reps := float64(max(1, b.d.Replicates()))
	for i, x := range cellValues(v, n) {
		out[i] = x / reps
	}
	return out
}

// countMap returns a single map of counts by cell.
func (b *builder) countMap(name, title, noun, caption string, counts []float64) *Figure {
	vals := b.perCell(counts)
	s := newColorScale(!b.o.LinearMaps, vals)
	scaleWord := "log scale"
	if !s.log {
		scaleWord = "linear scale"
	}
	barTitle := fmt.Sprintf("%s per %g° cell, %s (%s)", noun, b.d.Grid.Resolution, b.periodPhrase(), scaleWord)
	return b.mapFigure(name, title, caption+fmt.Sprintf(" Colours: %s per cell over %s, %s (%s); grey: none. Places: national capitals (squares) and the towns the report names.", noun, b.periodPhrase(), b.perReplicate(), scaleWord),
		func(i int) color.RGBA { return s.color(vals[i]) },
		func(c draw.Canvas) { b.drawColorBar(c, s, barTitle, "0") },
		func(w vg.Length) vg.Length { return b.colorBarHeight(barTitle, w) }, mapSpec{})
}

// periodPhrase is the run's period, "2017–2020".
func (b *builder) periodPhrase() string {
	ys := b.d.Years()
	if len(ys) == 0 {
		return "the run"
	}
	if len(ys) == 1 {
		return itoa(ys[0])
	}
	return fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
}

// influenceMap returns the map of the dominant group of each cell.
func (b *builder) influenceMap() *Figure {
	g := b.d.Grid
	n := len(g.Cells)
	var by [agents.NumGroups][]float64
	for gi := range agents.NumGroups {
		by[gi] = b.perCell(b.d.events.byGroup[gi])
	}
	colors := make([]color.RGBA, n)
	for i := range n {
		tot, best, bi := 0.0, 0.0, -1
		for gi := range agents.NumGroups {
			v := by[gi][i]
			tot += v
			if v > best {
				best, bi = v, gi
			}
		}
		switch {
		case tot < 1 || bi < 0:
			colors[i] = zeroColor
		case best/tot >= 0.5:
			colors[i] = GroupColor(bi)
		default:
			colors[i] = lighten(GroupColor(bi), 0.55)
		}
	}
	var legend []legendEntry
	for gi := range agents.NumGroups {
		legend = append(legend, legendEntry{groupShort[gi], swatch{fill: GroupColor(gi)}})
	}
	legend = append(legend,
		legendEntry{"Paler shade: under half of the cell's events", swatch{fill: lighten(okabeIto[oiVermillion], 0.55)}},
		legendEntry{"Under 1 event per replicate", swatch{fill: zeroColor}})
	caption := fmt.Sprintf("Group influence: the group with the most militant events in each %g° cell over %s (%s), pale where it has under half of them; grey where the cell saw under one event per replicate.",
		g.Resolution, b.periodPhrase(), b.perReplicate())
	return b.mapFigure("map_influence", "Group influence", caption,
		func(i int) color.RGBA { return colors[i] },
		func(c draw.Canvas) { drawLegend(c, legend, b.th) },
		func(w vg.Length) vg.Length { return legendHeight(legend, w, b.th) }, mapSpec{})
}

// cellZones returns the zone id of each cell, as the run placed its
// zones (agents.Zones).
func (b *builder) cellZones() []string {
	z := b.d.Zones
	out := make([]string, len(z.Cell))
	for i, zi := range z.Cell {
		out[i] = z.IDs[zi]
	}
	return out
}

// presenceMap returns the map of sustained government presence by zone,
// or nil if the time series hold no zone's (a run written with --series
// overall, the default, keeps only the total over zones).
func (b *builder) presenceMap() *Figure {
	if !slices.ContainsFunc(b.d.SeriesZones, func(z string) bool {
		return b.d.Series[seriesKey(z, outputs.All, "sustained_presence")] != nil
	}) {
		return nil
	}
	zones := b.cellZones()
	ny := max(1, int(math.Round(365/float64(b.d.StepDays))))
	value := map[string]float64{}
	for _, z := range b.d.SeriesZones {
		s := b.d.Series[seriesKey(z, outputs.All, "sustained_presence")]
		if s == nil {
			continue
		}
		var per []float64
		for _, vals := range s.Values {
			if len(vals) == 0 {
				continue
			}
			sum, n := 0.0, 0
			for _, v := range vals[max(0, len(vals)-ny):] {
				if !math.IsNaN(v) {
					sum += v
					n++
				}
			}
			if n > 0 {
				per = append(per, sum/float64(n))
			}
		}
		if len(per) > 0 {
			m, _, _ := summarize(per)
			value[z] = m
		}
	}
	vals := make([]float64, len(zones))
	for i, z := range zones {
		v, ok := value[z]
		if !ok {
			v = math.NaN()
		}
		vals[i] = v
	}
	s := colorScale{min: 0, max: niceCeil(max(0.01, slices.Max(append([]float64{0}, nonNaN(vals)...))))}
	zedges := outline(b.d.Grid, func(i int) string { return zones[i] })
	caption := fmt.Sprintf("Government presence: the share of each zone's populated cells with sustained government presence, mean over the last 365 days of the run (%s). The model records presence by zone, so each zone has one colour; white lines are zone boundaries.",
		b.perReplicate())
	const barTitle = "Share of populated cells with sustained government presence, last 365 days (linear scale)"
	return b.mapFigure("map_presence", "Government presence", caption,
		func(i int) color.RGBA { return s.color(vals[i]) },
		func(c draw.Canvas) { b.drawColorBar(c, s, barTitle, "0") },
		func(w vg.Length) vg.Length { return b.colorBarHeight(barTitle, w) }, mapSpec{zones: zedges})
}

func nonNaN(v []float64) []float64 {
	var out []float64
	for _, x := range v {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// groupArea returns the outline of group g's historical area of influence,
// the regions the scenario lists for it.
func (b *builder) groupArea(g int) []edge {
	if b.d.Scenario == nil {
		return nil
	}
	areas := b.d.Scenario.Groups.List()[g].Areas
	grid := b.d.Grid
	return outline(grid, func(i int) string {
		if slices.Contains(areas, grid.Regions[grid.Cells[i].Region].Name) {
			return "in"
		}
		return ""
	})
}

// multiples returns a figure of small-multiple maps on a shared colour
// scale in cols columns, with the colour bar and legend below them; the
// meridians are labelled below the bottom row, the parallels left of the
// first column.
func (b *builder) multiples(name, title, caption string, specs []mapSpec, cols int, s colorScale, barTitle string, legend []legendEntry) *Figure {
	width := b.th.page
	view := mapView(b.d.Grid)
	rows := (len(specs) + cols - 1) / cols
	left, bottom := b.mapTickMargins()
	titleH := b.th.small * 1.3
	padX, padY := b.th.pad, b.th.pad
	panelW := (width - left - b.th.pad - vg.Length(cols-1)*padX) / vg.Length(cols)
	panelH := panelW/vg.Length(view.aspect()) + titleH
	barH := b.colorBarHeight(barTitle, width)
	lh := legendHeight(legend, width, b.th)
	attrH := b.th.tiny * 1.6
	f := &Figure{Name: name, Title: title, Caption: caption + " " + geo.Attribution, Width: width,
		Height: vg.Length(rows)*(panelH+padY) + bottom + barH + lh + attrH}
	f.draw = func(c draw.Canvas) {
		rest, attr := splitBottom(c, attrH)
		rest, leg := splitBottom(rest, lh)
		top, bar := splitBottom(rest, barH)
		top.Min.X += left
		top.Max.X -= b.th.pad
		top.Min.Y += bottom
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: padX, PadY: padY}
		for i, m := range specs {
			m.small = true
			col, row := i%cols, i/cols
			m.latLabels = col == 0
			m.lonLabels = row == rows-1 || i+cols >= len(specs) // nothing below it
			b.drawMap(tiles.At(top, col, row), m)
		}
		b.drawColorBar(bar, s, barTitle, "0")
		drawLegend(leg, legend, b.th)
		b.drawAttribution(attr)
	}
	return f
}

// eventsByGroupMaps returns the maps of each group's events over its
// historical area of influence.
func (b *builder) eventsByGroupMaps() *Figure {
	var all [][]float64
	for g := range agents.NumGroups {
		all = append(all, b.perCell(b.d.events.byGroup[g]))
	}
	s := newColorScale(!b.o.LinearMaps, all...)
	var specs []mapSpec
	for g := range agents.NumGroups {
		vals := all[g]
		specs = append(specs, mapSpec{title: groupShort[g], color: func(i int) color.RGBA { return s.color(vals[i]) }, areas: b.groupArea(g)})
	}
	legend := []legendEntry{{"Historical area of influence (report, Figures 2 and 3)", lineThumb{draw.LineStyle{Color: ink, Width: b.th.line, Dashes: []vg.Length{b.th.line * 3, b.th.line * 2}}}}}
	caption := fmt.Sprintf("Militant events of each group (ground truth) per %g° cell over %s, %s, on one colour scale, with the group's historical area of influence (the regions the scenario gives it, after the report's Figures 2 and 3) dashed.",
		b.d.Grid.Resolution, b.periodPhrase(), b.perReplicate())
	return b.multiples("map_events_by_group", "Events by group over the historical areas of influence", caption, specs, 4, s,
		fmt.Sprintf("Events per cell, %s (%s)", b.periodPhrase(), scaleName(s)), legend)
}

// eventsByPeriodMaps returns the maps of events by calendar year.
func (b *builder) eventsByPeriodMaps() *Figure {
	years := b.d.Years()
	var all [][]float64
	for _, y := range years {
		all = append(all, b.perCell(b.d.events.byYear[y]))
	}
	s := newColorScale(!b.o.LinearMaps, all...)
	end := b.d.End()
	var specs []mapSpec
	for k, y := range years {
		vals := all[k]
		title := itoa(y)
		if k == 0 && len(b.d.Dates) > 0 {
			if st := b.d.Dates[0].Time(); st.Month() != 1 || st.Day() != 1 {
				title = fmt.Sprintf("%d (from %s)", y, st.Format("2 Jan"))
			}
		}
		if k == len(years)-1 && !end.IsZero() && (end.Month() != 12 || end.Day() != 31) {
			title = fmt.Sprintf("%d (to %s)", y, end.Format("2 Jan"))
		}
		specs = append(specs, mapSpec{title: title, color: func(i int) color.RGBA { return s.color(vals[i]) }})
	}
	cols := min(4, max(1, len(specs)))
	caption := fmt.Sprintf("Militant events per %g° cell in each calendar year, %s, on one colour scale.", b.d.Grid.Resolution, b.perReplicate())
	return b.multiples("map_events_by_period", "Events by year", caption, specs, cols, s,
		fmt.Sprintf("Events per cell and year (%s)", scaleName(s)), nil)
}

func scaleName(s colorScale) string {
	if s.log {
		return "log scale"
	}
	return "linear scale"
}
