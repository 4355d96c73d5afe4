package agents

import (
	"math"
	"slices"
)

// Kinds of illicit network.
const (
	NetworkTrafficking = "trafficking" // a trans-Saharan trafficking corridor
	NetworkRoad        = "road"        // commerce on a main road, taxed at checkpoints
	NetworkMining      = "mining"      // an artisanal gold-mining area
)

// A Network is a smuggling corridor, a taxed road or an artisanal mining
// area that pays the group allied with it. Law enforcement lowers its
// health; it recovers when left alone.
type Network struct {
	Name   string
	Kind   string
	Cells  []int32
	Value  float64 // value moved or produced per year at full health, USD
	Health float64 // 0..1
	Ally   int8    // allied group, or -1

	lure     []int32   // cells within 2 × Movement.LureKm, for the pull of an open network
	lureW    []float64 // pull on each of those cells, by distance
	rival    int8      // group challenging the ally
	rivalFor int       // consecutive steps the challenger has outnumbered the ally
}

// buffer returns the cells within km of any of cells, in index order.
func (w *World) buffer(cells []int32, km float64) []int32 {
	in := make([]bool, len(w.Grid.Cells))
	for _, c := range cells {
		w.within(int(c), km, func(j int) { in[j] = true })
	}
	var out []int32
	for c, ok := range in {
		if ok {
			out = append(out, int32(c))
		}
	}
	return out
}

// reachNetworks builds the networks from the map's routes and artisanal
// gold areas, with their reach (the cells their pull lures fighters to),
// none allied yet: what every world of a run shares (Prepare).
func (w *World) reachNetworks() {
	ip := &w.P.Illicit
	for _, r := range w.Layers.Routes {
		if len(r.Cells) == 0 {
			continue
		}
		n := Network{Name: r.Name, Kind: NetworkRoad, Cells: w.buffer(r.Cells, ip.RouteKm), Value: ip.Road, Health: 1, Ally: -1, rival: -1}
		if r.Kind == "trafficking" {
			n.Kind, n.Value = NetworkTrafficking, ip.Trafficking
		}
		w.Networks = append(w.Networks, n)
	}
	for _, a := range MiningAreas(w.P, w.Grid) {
		w.Networks = append(w.Networks, Network{Name: a.Name, Kind: NetworkMining, Cells: a.Cells,
			Value: ip.GoldKg * ip.GoldPrice, Health: 1, Ally: -1, rival: -1})
	}
	km := w.P.Movement.LureKm
	dist := make([]float64, len(w.Grid.Cells))
	for i := range w.Networks {
		n := &w.Networks[i]
		// The distance of every cell within 2 × LureKm to the network.
		for c := range dist {
			dist[c] = math.Inf(1)
		}
		// The nearest cell of the network to a cell outside it lies on
		// the network's edge (a cell of it with a neighbour outside), so
		// only the edge is searched from; the network's own cells are at
		// distance 0.
		for _, nc := range n.Cells {
			dist[nc] = 0
		}
		for _, nc := range n.Cells {
			if w.interior(n.Cells, int(nc)) {
				continue
			}
			w.within(int(nc), 2*km, func(c int) { dist[c] = min(dist[c], w.Grid.ApproxKm(c, int(nc))) })
		}
		for c, d := range dist {
			if d <= 2*km {
				n.lure = append(n.lure, int32(c))
				n.lureW = append(n.lureW, math.Exp(-0.5*(d/km)*(d/km))*n.Value/(n.Value+w.P.Movement.LureValue))
			}
		}
	}
}

// initNetworks gives the world its own copy of the prepared networks
// (their cells and reach shared, read only), each allied with the group
// that has most fighters on it.
func (w *World) initNetworks(prepared []Network) {
	w.Networks = slices.Clone(prepared)
	for i := range w.Networks {
		n := &w.Networks[i]
		best, most := -1, 0
		for gi := range w.Groups {
			if f := w.fightersOn(n, gi); f > most {
				best, most = gi, f
			}
		}
		n.Ally = int8(best)
	}
}

// interior reports whether every neighbour of cell c (all eight, a cell at
// the grid's edge has fewer) is one of cells, sorted: c is not on the
// edge of the set.
func (w *World) interior(cells []int32, c int) bool {
	nb := w.Grid.Cells[c].Neighbours
	if len(nb) < 8 {
		return false
	}
	for _, j := range nb {
		if _, ok := slices.BinarySearch(cells, j); !ok {
			return false
		}
	}
	return true
}

// updateLure recomputes the pull of open networks on every cell.
func (w *World) updateLure() {
	clear(w.lure)
	bs := w.P.Fighters.BandSize
	for i := range w.Networks {
		n := &w.Networks[i]
		if n.Ally >= 0 && float64(w.fightersOn(n, int(n.Ally))) >= bs {
			continue
		}
		for k, c := range n.lure {
			w.lure[c] += w.P.Movement.Lure * n.Health * n.lureW[k]
		}
	}
}

// fightersOn counts group gi's active fighters on network n's cells.
func (w *World) fightersOn(n *Network, gi int) int {
	nc := len(w.Grid.Cells)
	s := 0
	for _, c := range n.Cells {
		s += int(w.band[gi*nc+int(c)])
	}
	return s
}

// updateNetworks lets networks recover, suffer law enforcement, and change
// sides: a network allies with a group that has outnumbered its ally by the
// factor Illicit.Switch for four weeks, or with any group present once its
// ally is gone.
func (w *World) updateNetworks() {
	ip := &w.P.Illicit
	for i := range w.Networks {
		n := &w.Networks[i]
		n.Health += ip.Recovery * (1 - n.Health)
		if n.Ally >= 0 {
			if loss := w.levers.enforcement(w, n); loss > 0 {
				n.Health = clamp01(n.Health - loss)
			}
		}
		best, most := -1, 0
		for gi := range w.Groups {
			if gi == int(n.Ally) {
				continue
			}
			if f := w.fightersOn(n, gi); f > most {
				best, most = gi, f
			}
		}
		allyN := 0
		if n.Ally >= 0 {
			allyN = w.fightersOn(n, int(n.Ally))
		}
		if best >= 0 && float64(most) > ip.Switch*float64(allyN) {
			if int(n.rival) == best {
				n.rivalFor++
			} else {
				n.rival, n.rivalFor = int8(best), 1
			}
			if n.rivalFor*w.P.StepDays >= ip.SwitchWeeks*7 || allyN == 0 {
				if n.Ally >= 0 && w.rivals(int(n.Ally), best) {
					w.rivalryPush += w.P.Rivalry.Network // a network won from the rival side
				}
				n.Ally, n.rival, n.rivalFor = int8(best), -1, 0
			}
		} else {
			n.rival, n.rivalFor = -1, 0
		}
	}
}
