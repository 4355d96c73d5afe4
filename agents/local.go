package agents

import (
	"math"
	"slices"

	"github.com/sahelsim/sahelsim/sim"
)

// The local area of a cell is the disc of radius Map.LocalKm around its
// centre. Everything that bands, units, militias and communities do to one
// another happens within local areas. A cell j belongs to cell c's local
// area with the weight w: the share of j's area that lies inside c's disc
// (so the weights of a local area add up to the disc's area whatever the
// resolution: at 0.5° a local area is mostly one cell, at 0.125° about
// fifteen). A count "within Map.LocalKm" of c is Σ w·count(j), the
// fighters of j being spread evenly over their cell; an effect on a local
// area reaches w of the people of each of its cells.
//
// A band (the fighters of one group in one cell) holds together where it
// is: an operation answering an attack in its cell hits it in full (band
// weights, ofBands), whatever the size of the cell. At 0.25° and finer a
// cell lies wholly inside its own disc and the two weights agree; at 0.5°
// the disc covers only about 84 % of its own cell, and hitting the band
// that attacked at 84 % made operations weaker at 0.5° than at the finer
// grids.
type discs struct {
	start []int32   // cells+1: where each cell's local area starts in cells
	cells []int32   // the cells of every local area, in cell order
	w     []float32 // the weight of each, aligned with cells
	band  []float32 // the band weight of each: w, but 1 for the cell itself
	area  []float64 // the area of each inside the disc, km²: w × its area
	total []float64 // cells: the area of each local area, km² (Σ area)
}

// discSamples is the number of sample points per side of a cell used to
// measure the share of its area inside a disc.
const discSamples = 10

// A tap is a cell of a local area, as an offset from its centre cell,
// with its weight.
type tap struct {
	dr, dc int
	w      float32
}

// stencil returns the taps of a disc of radius km around a cell of row
// row of grid g: the cells it reaches and the share of each one's area
// inside it, measured on 10 × 10 points per cell (every cell of a row has
// the same latitude, so a row shares its stencil).
func stencil(g *sim.Grid, row int, km float64) []tap {
	h := g.Resolution
	lat := g.MinLat + (float64(row)+0.5)*h
	cos := math.Cos(lat * math.Pi / 180)
	kmLat, kmLon := h*111.195, h*111.195*cos
	nr := int(math.Ceil(km/kmLat)) + 1
	nl := int(math.Ceil(km/kmLon)) + 1
	var st []tap
	for dr := -nr; dr <= nr; dr++ {
		for dc := -nl; dc <= nl; dc++ {
			in := 0
			for a := range discSamples {
				y := (float64(dr) + (float64(a)+0.5)/discSamples - 0.5) * kmLat
				for b := range discSamples {
					x := (float64(dc) + (float64(b)+0.5)/discSamples - 0.5) * kmLon
					if x*x+y*y <= km*km {
						in++
					}
				}
			}
			if in > 0 || (dr == 0 && dc == 0) {
				st = append(st, tap{dr, dc, float32(in) / (discSamples * discSamples)})
			}
		}
	}
	return st
}

// eachInDisc calls fn for every cell c of grid g and every cell j of its
// disc of radius km, with j's weight, without storing the discs.
func eachInDisc(g *sim.Grid, km float64, fn func(c, j int, w float32)) {
	stencils := map[int][]tap{}
	for c := range g.Cells {
		cell := &g.Cells[c]
		st, ok := stencils[cell.Row]
		if !ok {
			st = stencil(g, cell.Row, km)
			stencils[cell.Row] = st
		}
		for _, t := range st {
			if j := g.At(cell.Row+t.dr, cell.Col+t.dc); j >= 0 {
				fn(c, j, t.w)
			}
		}
	}
}

// newDiscs builds the local areas of radius km on grid g.
func newDiscs(g *sim.Grid, km float64) discs {
	nc := len(g.Cells)
	d := discs{start: make([]int32, nc+1)}
	d.cells = make([]int32, 0, nc*discSizeHint(g, km))
	d.w = make([]float32, 0, cap(d.cells))
	d.band = make([]float32, 0, cap(d.cells))
	d.area = make([]float64, 0, cap(d.cells))
	eachInDisc(g, km, func(c, j int, w float32) {
		d.cells = append(d.cells, int32(j))
		d.w = append(d.w, w)
		if j == c {
			d.band = append(d.band, 1)
		} else {
			d.band = append(d.band, w)
		}
		d.area = append(d.area, float64(w)*g.Cells[j].AreaKm2)
		d.start[c+1] = int32(len(d.cells))
	})
	d.total = make([]float64, nc)
	for c := range nc {
		for _, a := range d.area[d.start[c]:d.start[c+1]] {
			d.total[c] += a
		}
	}
	return d
}

// discSizeHint estimates the number of cells in a local area.
func discSizeHint(g *sim.Grid, km float64) int {
	w := g.Resolution * 111.195
	return max(1, int(math.Pi*(km+w)*(km+w)/(w*w))+4)
}

// of returns the cells of cell c's local area and their weights.
func (d *discs) of(c int) ([]int32, []float32) {
	return d.cells[d.start[c]:d.start[c+1]], d.w[d.start[c]:d.start[c+1]]
}

// ofBands returns the cells of cell c's local area and their band
// weights: how much of the band of each an operation around c reaches.
func (d *discs) ofBands(c int) ([]int32, []float32) {
	return d.cells[d.start[c]:d.start[c+1]], d.band[d.start[c]:d.start[c+1]]
}

// ofArea returns the cells of cell c's local area and the area of each
// inside it.
func (d *discs) ofArea(c int) ([]int32, []float64) {
	return d.cells[d.start[c]:d.start[c+1]], d.area[d.start[c]:d.start[c+1]]
}

// contains reports whether cell j lies (in part) in cell c's local area.
func (d *discs) contains(c, j int) bool {
	cells, _ := d.of(c)
	return slices.Contains(cells, int32(j))
}

// updateLocal recomputes, after the fighters have moved, every group's
// local force (fighters within Map.LocalKm of each cell, a band counting
// in full in its own cell's local area) and the coalitions' sums of it. Bands scatter their fighters over
// the cells whose local areas hold them, so the cost follows the occupied
// cells, not the grid.
func (w *World) updateLocal() {
	nc := len(w.Grid.Cells)
	clear(w.local)
	clear(w.inside)
	clear(w.outside)
	for gi := range w.Groups {
		if w.Groups[gi].Active == 0 {
			continue
		}
		sum := w.inside
		if !w.Groups[gi].JNIM {
			sum = w.outside
		}
		band := w.band[gi*nc : (gi+1)*nc]
		loc := w.local[gi:]
		for c, n := range band {
			if n == 0 {
				continue
			}
			// The weights are nearly symmetric (the areas of cells a local
			// area apart differ by under 1 %): c's fighters count in j's
			// local area with the weight j has in c's.
			fn := float64(n)
			cells, wts := w.disc.of(c)
			for i, j := range cells {
				x := fn * float64(wts[i])
				loc[int(j)*NumGroups] += x
				sum[j] += x
			}
		}
	}
}

// Local returns the local force of group g around cell c: its active
// fighters within Map.LocalKm, as of the last count (after the fighters'
// moves of the current step).
func (w *World) Local(g, c int) float64 { return w.local[c*NumGroups+g] }

// localPopulation returns the inhabitants (at the start) within
// Map.LocalKm of every cell, rescaled like the local forces.
func (w *World) localPopulation() []float64 {
	out := make([]float64, len(w.Grid.Cells))
	for c := range out {
		cells, wts := w.disc.of(c)
		for i, j := range cells {
			out[c] += float64(wts[i]) * w.Grid.Cells[j].Population
		}
	}
	return out
}

// within calls fn for every cell whose centre lies within km of cell c's
// (c included), in row-major order. It is for rare events; the hot paths
// use the precomputed local areas.
func (w *World) within(c int, km float64, fn func(j int)) {
	g := w.Grid
	cell := &g.Cells[c]
	dr := int(math.Ceil(km/(g.Resolution*111.195))) + 1
	dc := int(math.Ceil(km/(g.Resolution*111.195*max(0.2, math.Cos(cell.Lat*math.Pi/180))))) + 1
	for r := cell.Row - dr; r <= cell.Row+dr; r++ {
		for col := cell.Col - dc; col <= cell.Col+dc; col++ {
			if j := g.At(r, col); j >= 0 && (j == c || g.ApproxKm(c, j) <= km) {
				fn(j)
			}
		}
	}
}

// localMean returns, for every cell, the area-weighted mean of v over its
// local area: the map's attributes as a band within Map.LocalKm sees them,
// no sharper at 0.125° than at 0.5°.
func (w *World) localMean(v func(c int) float64) []float64 {
	out := make([]float64, len(w.Grid.Cells))
	for c := range out {
		var s, a float64
		cells, wts := w.disc.of(c)
		for i, j := range cells {
			aj := float64(wts[i]) * w.Grid.Cells[j].AreaKm2
			s += v(int(j)) * aj
			a += aj
		}
		out[c] = s / max(a, 1e-9)
	}
	return out
}
