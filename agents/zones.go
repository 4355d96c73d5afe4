package agents

import (
	"slices"

	"github.com/sahelsim/sahelsim/sim"
)

// RestZone is the id of the zone holding every cell whose region no zone lists.
const RestZone = "rest"

// ZoneMap is the placing of a scenario's analysis zones on a grid.
type ZoneMap struct {
	IDs    []string // zone ids, sorted, with RestZone last
	Labels []string // display names, in the order of IDs
	Cell   []int    // zone index (into IDs) of each cell of the grid
}

// Zones places the analysis zones of p on g: each cell belongs to the zone
// that lists its region, or to RestZone. It depends on p and g only, not
// on a replicate's random stream, so that the views of a run (its maps,
// its ACLED export) find the zones the run used without building a World.
func Zones(p *Params, g *sim.Grid) ZoneMap {
	ids := make([]string, 0, len(p.Zones)+1)
	for id := range p.Zones {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	z := ZoneMap{IDs: append(ids, RestZone)}
	regionZone := make([]int, len(g.Regions))
	for i := range regionZone {
		regionZone[i] = len(ids)
	}
	for zi, id := range ids {
		zone := p.Zones[id]
		z.Labels = append(z.Labels, zone.Label)
		for _, name := range zone.Regions {
			if ri := g.RegionIndex("", name); ri >= 0 {
				regionZone[ri] = zi
			}
		}
	}
	z.Labels = append(z.Labels, "Rest of the study area")
	z.Cell = make([]int, len(g.Cells))
	for c := range g.Cells {
		z.Cell[c] = regionZone[g.Cells[c].Region]
	}
	return z
}

// Coalition reports which groups of p belong to the JNIM coalition.
func Coalition(p *Params) (jnim [NumGroups]bool) {
	for gi, gp := range p.Groups.List() {
		jnim[gi] = gp.Coalition == "JNIM"
	}
	return jnim
}
