package geo

import (
	"math"
	"sync"

	"github.com/sahelsim/sahelsim/sim"
)

// Layers are the Sahel model's layers of a grid: where artisanal gold is
// mined, where goods are moved and smuggled, where protected areas give
// cover, and the corridors and roads themselves. The grid (package sim)
// keeps only geometry; the model holds its layers.
type Layers struct {
	Gold        []float64 // each cell's artisanal gold-mining intensity, 0..1
	Transit     []float64 // each cell's transit and smuggling-route intensity, 0..1
	Protected   []float64 // each cell's protected-area cover, 0..1
	Trafficking []bool    // the cell is on a trafficking corridor (not only a road)
	Routes      []Route   // trafficking corridors and main roads
}

// A Route is a trafficking corridor or main road and the cells it crosses.
type Route struct {
	Name  string
	Kind  string       // "trafficking" or "road"
	Path  [][2]float64 // (lon, lat) waypoints, for maps
	Cells []int32      // study cells the route passes through, in path order, without repeats
}

// corridors parses the embedded corridors file once per process (the
// data are constant).
var corridors = sync.OnceValues(loadCorridors)

// NewLayers returns the layers of grid g, built by [Build], from the
// places of the grid and the corridors file (see the package doc).
func NewLayers(g *sim.Grid) (*Layers, error) {
	cs, err := corridors()
	if err != nil {
		return nil, err
	}
	nc := len(g.Cells)
	l := &Layers{Gold: make([]float64, nc), Transit: make([]float64, nc), Protected: make([]float64, nc),
		Trafficking: make([]bool, nc)}
	l.set(g, cs)
	l.Routes = routes(g, cs)
	return l, nil
}

// A source is a weighted point kernel.
type source struct{ lon, lat, weight, sigma float64 }

// set sets Gold, Protected, Transit and Trafficking of every cell from the
// values at its centre. Distances are in degrees with longitude scaled by
// the cosine of the cell's latitude.
func (l *Layers) set(g *sim.Grid, corridors []corridor) {
	var gold, protected []source
	for _, p := range g.Places {
		switch p.Kind {
		case "gold_artisanal":
			gold = append(gold, source{p.Lon, p.Lat, artisanalWeight, artisanalSigma})
		case "gold_mine":
			gold = append(gold, source{p.Lon, p.Lat, mineWeight, mineSigma})
		case "protected_area":
			protected = append(protected, source{p.Lon, p.Lat, protectedWeight, protectedSigma})
		}
	}
	near := g.Resolution / math.Sqrt2
	for i := range g.Cells {
		c := &g.Cells[i]
		k := math.Cos(c.Lat * degree)
		l.Gold[i] = min(1, field(gold, c.Lon, c.Lat, k))
		l.Protected[i] = min(1, field(protected, c.Lon, c.Lat, k))
		for _, cor := range corridors {
			d := pathDistance(cor.path, c.Lon, c.Lat, k)
			w := roadWeight
			if cor.kind == kindTrafficking {
				w = smugglingWeight
				if d <= near {
					l.Trafficking[i] = true
				}
			}
			l.Transit[i] = max(l.Transit[i], w*gauss(d, 0, transitSigma))
		}
	}
}

// routes returns the grid's routes: each corridor with the study cells it
// crosses, found by sampling every segment at an eighth of a cell.
func routes(g *sim.Grid, corridors []corridor) []Route {
	out := make([]Route, len(corridors))
	last := make([]int32, len(g.Cells)) // 1 + index of the last route that took the cell
	step := g.Resolution / 8
	for ri, cor := range corridors {
		rt := Route{Name: cor.name, Kind: cor.kind, Path: cor.path}
		add := func(lon, lat float64) {
			if i := g.Locate(lat, lon); i >= 0 && last[i] != int32(ri+1) {
				last[i] = int32(ri + 1)
				rt.Cells = append(rt.Cells, int32(i))
			}
		}
		add(cor.path[0][0], cor.path[0][1])
		for k := 1; k < len(cor.path); k++ {
			a, b := cor.path[k-1], cor.path[k]
			n := max(1, int(math.Ceil(max(math.Abs(b[0]-a[0]), math.Abs(b[1]-a[1]))/step)))
			for s := 1; s <= n; s++ {
				t := float64(s) / float64(n)
				add(a[0]+t*(b[0]-a[0]), a[1]+t*(b[1]-a[1]))
			}
		}
		out[ri] = rt
	}
	return out
}
