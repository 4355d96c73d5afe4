package agents

import (
	"math"

	"github.com/sahelsim/sahelsim/sim"
)

// A MiningArea is an artisanal gold-mining area of the map: the cells a
// mining network of the model covers.
type MiningArea struct {
	Name  string  // the gold site's name
	Cells []int32 // in the order of the grid
}

// MiningAreas returns the artisanal gold-mining areas of a run of p on the
// grid g, in the order of g's gold sites, as a World builds its mining
// networks: the cells within Illicit.MiningKm of each artisanal gold site,
// or within three quarters of a cell's width on a grid coarser than that;
// a site with no cell has no area. They depend on p and g only, not on a
// replicate's random stream, so that the views of a run (validate's gold
// capacity) find the areas the run used without building a World.
func MiningAreas(p *Params, g *sim.Grid) []MiningArea {
	reach := max(p.Illicit.MiningKm, cellWidthKm(g)*0.75)
	var out []MiningArea
	for _, site := range g.Places {
		if site.Kind != "gold_artisanal" {
			continue
		}
		var cells []int32
		for c := range g.Cells {
			cell := &g.Cells[c]
			if sim.Haversine(cell.Lat, cell.Lon, site.Lat, site.Lon) <= reach {
				cells = append(cells, int32(c))
			}
		}
		if len(cells) > 0 {
			out = append(out, MiningArea{Name: site.Name, Cells: cells})
		}
	}
	return out
}

// cellWidthKm is the typical width of a cell of g in km: a degree of
// longitude at 13° N, the middle of the study area.
func cellWidthKm(g *sim.Grid) float64 { return g.Resolution * 111.32 * math.Cos(13*math.Pi/180) }
