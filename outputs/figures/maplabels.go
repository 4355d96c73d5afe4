package figures

import (
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/sim"
)

// A countryMask is a lattice over a map's view that says, at each of its
// points, which country's outline contains it: what maps place country
// names by.
type countryMask struct {
	view   geoBox
	step   float64 // degrees between points
	nx, ny int
	// at[j*nx+i] is the index in Grid.Borders of the country at
	// (lon0 + (i+½)·step, lat0 + (j+½)·step), or -1.
	at []int
}

// newCountryMask returns the mask of g's borders over view, with points
// step degrees apart, filled row by row: a point is in a country if a
// line west of it crosses the country's rings an odd number of times.
func newCountryMask(g *sim.Grid, view geoBox, step float64) *countryMask {
	m := &countryMask{view: view, step: step,
		nx: int(math.Ceil((view.lon1 - view.lon0) / step)), ny: int(math.Ceil((view.lat1 - view.lat0) / step))}
	m.at = make([]int, m.nx*m.ny)
	for i := range m.at {
		m.at[i] = -1
	}
	var xs []float64
	for bi, bd := range g.Borders {
		for j := range m.ny {
			lat := m.view.lat0 + (float64(j)+0.5)*step
			xs = xs[:0]
			for _, ring := range bd.Rings {
				for k := 1; k < len(ring); k++ {
					a, b := ring[k-1], ring[k]
					if (a[1] <= lat) != (b[1] <= lat) {
						xs = append(xs, a[0]+(lat-a[1])/(b[1]-a[1])*(b[0]-a[0]))
					}
				}
			}
			slices.Sort(xs)
			for k := 0; k+1 < len(xs); k += 2 {
				i0 := max(0, int(math.Ceil((xs[k]-m.view.lon0)/step-0.5)))
				i1 := min(m.nx-1, int(math.Floor((xs[k+1]-m.view.lon0)/step-0.5)))
				for i := i0; i <= i1; i++ {
					m.at[j*m.nx+i] = bi
				}
			}
		}
	}
	return m
}

// point returns the longitude and latitude of lattice point (i, j).
func (m *countryMask) point(i, j int) (lon, lat float64) {
	return m.view.lon0 + (float64(i)+0.5)*m.step, m.view.lat0 + (float64(j)+0.5)*m.step
}

// depth returns, for each point of the lattice, its distance in points
// (chessboard) to the nearest point outside country c or to the edge of
// the lattice: 0 outside c.
func (m *countryMask) depth(c int) []int {
	d := make([]int, len(m.at))
	big := m.nx + m.ny
	get := func(i, j int) int {
		if i < 0 || j < 0 || i >= m.nx || j >= m.ny {
			return 0
		}
		return d[j*m.nx+i]
	}
	for j := range m.ny {
		for i := range m.nx {
			if m.at[j*m.nx+i] != c {
				continue
			}
			d[j*m.nx+i] = 1 + min(big, get(i-1, j), get(i, j-1), get(i-1, j-1), get(i+1, j-1))
		}
	}
	for j := m.ny - 1; j >= 0; j-- {
		for i := m.nx - 1; i >= 0; i-- {
			if k := j*m.nx + i; d[k] > 0 {
				d[k] = min(d[k], 1+min(get(i+1, j), get(i, j+1), get(i+1, j+1), get(i-1, j+1)))
			}
		}
	}
	return d
}

// A placedLabel is a country's name and where to write it.
type placedLabel struct {
	name string
	at   vg.Point // the middle of the text
	rect vg.Rectangle
}

// placeCountries returns where to write the names of the countries of g
// in view on the map projected by p, in sty (centred): for each country,
// the lattice point farthest inside it at which its name lies wholly
// within the country and the map and covers none of avoid nor another
// name. Countries with cells of the study area come first, then the
// others by how much of them is in view; a country whose name fits
// nowhere is left out.
func (m *countryMask) placeCountries(g *sim.Grid, p projection, sty text.Style, avoid []vg.Rectangle) []placedLabel {
	study := map[string]bool{}
	for _, c := range g.Countries {
		study[c.ISO3] = true
	}
	count := make([]int, len(g.Borders))
	for _, c := range m.at {
		if c >= 0 {
			count[c]++
		}
	}
	var order []int
	for c := range g.Borders {
		if count[c] > 0 {
			order = append(order, c)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if sa, sb := study[g.Borders[a].ISO3], study[g.Borders[b].ISO3]; sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		return count[b] - count[a]
	})
	pad := sty.Font.Size * 0.3
	var out []placedLabel
	for _, c := range order {
		name := strings.ToUpper(g.Borders[c].Name)
		w, h := sty.Width(name), sty.Height(name)
		d := m.depth(c)
		cand := make([]int, 0, count[c])
		for k, v := range d {
			if v > 0 {
				cand = append(cand, k)
			}
		}
		slices.SortStableFunc(cand, func(a, b int) int { return d[b] - d[a] })
		for _, k := range cand {
			lon, lat := m.point(k%m.nx, k/m.nx)
			at := p.pt(lon, lat)
			r := vg.Rectangle{Min: vg.Point{X: at.X - w/2 - pad, Y: at.Y - h/2 - pad}, Max: vg.Point{X: at.X + w/2 + pad, Y: at.Y + h/2 + pad}}
			if !m.inside(c, r, p) || overlapsAny(r, avoid) || slices.ContainsFunc(out, func(l placedLabel) bool { return overlaps(r, l.rect) }) {
				continue
			}
			out = append(out, placedLabel{name: name, at: at, rect: r})
			break
		}
	}
	return out
}

// inside reports whether the rectangle r of the map projected by p lies
// within the map's frame and every lattice point under it in country c.
func (m *countryMask) inside(c int, r vg.Rectangle, p projection) bool {
	if r.Min.X < p.rect.Min.X || r.Min.Y < p.rect.Min.Y || r.Max.X > p.rect.Max.X || r.Max.Y > p.rect.Max.Y {
		return false
	}
	lonOf := func(x vg.Length) float64 { return p.view.lon0 + float64(x-p.x0)/(p.k*p.scale) }
	latOf := func(y vg.Length) float64 { return p.view.lat0 + float64(y-p.y0)/p.scale }
	idx := func(v, v0 float64) int { return int(math.Floor((v-v0)/m.step - 0.5)) }
	i0, i1 := idx(lonOf(r.Min.X), m.view.lon0), idx(lonOf(r.Max.X), m.view.lon0)+1
	j0, j1 := idx(latOf(r.Min.Y), m.view.lat0), idx(latOf(r.Max.Y), m.view.lat0)+1
	for j := j0; j <= j1; j++ {
		for i := i0; i <= i1; i++ {
			if i < 0 || j < 0 || i >= m.nx || j >= m.ny || m.at[j*m.nx+i] != c {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether rectangles a and b share some area.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func overlapsAny(r vg.Rectangle, rs []vg.Rectangle) bool {
	return slices.ContainsFunc(rs, func(s vg.Rectangle) bool { return overlaps(r, s) })
}

// graticuleStep returns the degrees between the labelled meridians or
// parallels of a map spanning span degrees: 5, 2 or 1.
func graticuleStep(span float64) float64 {
	switch {
	case span > 12:
		return 5
	case span > 5:
		return 2
	}
	return 1
}

// degreeLabel formats a longitude (lon) or latitude: "10°W", "0°", "15°N".
func degreeLabel(v float64, lon bool) string {
	v = math.Round(v*100) / 100
	s := formatValue(math.Abs(v)) + "°"
	switch {
	case v == 0:
	case lon && v < 0:
		s += "W"
	case lon:
		s += "E"
	case v < 0:
		s += "S"
	default:
		s += "N"
	}
	return s
}

// mapTickMargins returns the room the latitude labels take left of a
// map's frame and the longitude labels below it, ticks included.
func (b *builder) mapTickMargins() (left, bottom vg.Length) {
	sty := textStyle(regular, b.th.tiny)
	return sty.Width("25°N") + b.th.pad*0.9, sty.Height("0°") + b.th.pad*0.9
}

// drawGraticuleTicks marks round meridians and parallels on the frame of
// the map projected by p, ticks pointing out, labelled below it (lon) and
// left of it (lat) as asked.
func (b *builder) drawGraticuleTicks(c draw.Canvas, p projection, lonLabels, latLabels bool) {
	th := b.th
	ls := draw.LineStyle{Color: ink, Width: th.thin}
	tick := th.pad * 0.4
	sty := textStyle(regular, th.tiny)
	v := p.view
	lonStep, latStep := graticuleStep(v.lon1-v.lon0), graticuleStep(v.lat1-v.lat0)
	for lon := math.Ceil(v.lon0/lonStep) * lonStep; lon <= v.lon1; lon += lonStep {
		x := p.pt(lon, v.lat0).X
		c.StrokeLine2(ls, x, p.rect.Min.Y, x, p.rect.Min.Y-tick)
		c.StrokeLine2(ls, x, p.rect.Max.Y, x, p.rect.Max.Y+tick)
		if lonLabels {
			s := sty
			s.XAlign, s.YAlign = draw.XCenter, draw.YTop
			c.FillText(s, vg.Point{X: x, Y: p.rect.Min.Y - tick - th.pad*0.3}, degreeLabel(lon, true))
		}
	}
	for lat := math.Ceil(v.lat0/latStep) * latStep; lat <= v.lat1; lat += latStep {
		y := p.pt(v.lon0, lat).Y
		c.StrokeLine2(ls, p.rect.Min.X, y, p.rect.Min.X-tick, y)
		c.StrokeLine2(ls, p.rect.Max.X, y, p.rect.Max.X+tick, y)
		if latLabels {
			s := sty
			s.XAlign, s.YAlign = draw.XRight, draw.YCenter
			c.FillText(s, vg.Point{X: p.rect.Min.X - tick - th.pad*0.3, Y: y}, degreeLabel(lat, false))
		}
	}
}
