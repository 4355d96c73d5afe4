package agents

import "math"

// Weights of the movement rule (assumptions, see MODEL.md).
const (
	pullHome     = 1.0  // pull of the historical area
	pullGold     = 0.8  // pull of artisanal gold
	pullTransit  = 0.5  // pull of routes to extort
	pullPeople   = 0.4  // pull of people to tax and recruit
	pullCover    = 0.5  // pull of protected areas as cover
	pullSupport  = 0.6  // pull of communities that support the group
	pushPressure = 1.2  // push of government presence, per unit of presence
	pushRivals   = 0.4  // push of rival bands, per full band
	pushCrowding = 0.15 // push of the group's own fighters, per full band beyond the first
	moveNoise    = 0.35 // scale of the logistic noise in moving decisions
)

// initOpportunity precomputes each cell's static opportunity and people.
func (w *World) initOpportunity() {
	for c := range w.Grid.Cells {
		cell := &w.Grid.Cells[c]
		// 100 inhabitants per km² counts as well populated.
		dens := cell.Population / max(cell.AreaKm2, 1)
		w.popNorm[c] = clamp01(dens / 100)
		w.opp[c] = pullGold*cell.Gold + pullTransit*cell.Transit + pullPeople*math.Sqrt(w.popNorm[c]) + pullCover*cell.Protected
	}
}

// updateAttraction computes how attractive each cell is to each group this
// step: home and opportunity pull; government presence, rivals and the
// group's own crowding push.
func (w *World) updateAttraction() {
	nc := len(w.Grid.Cells)
	bs := w.P.Fighters.BandSize
	w.countCoalitions()
	for gi := range w.Groups {
		gp := w.Groups[gi].P
		base := gi * nc
		for c := range nc {
			rivals := float64(w.outside[c])
			if !w.Groups[gi].JNIM {
				rivals = float64(w.inside[c])
			}
			own := float64(w.band[base+c])
			crowd := max(0, own/bs-1)
			a := pullHome*w.home[base+c] + gp.Expansion*w.opp[c] +
				pullSupport*float64(w.Communities[c].Support[gi]) -
				pushPressure*w.presence[c] - pushRivals*min(rivals/bs, 3) - pushCrowding*crowd
			w.attract[base+c] = a
		}
	}
}

// countCoalitions counts, per cell, the active fighters of JNIM members
// (inside) and of groups outside the coalition (outside).
func (w *World) countCoalitions() {
	nc := len(w.Grid.Cells)
	clear(w.inside)
	clear(w.outside)
	for gi := range w.Groups {
		sum := w.inside
		if !w.Groups[gi].JNIM {
			sum = w.outside
		}
		for c, n := range w.band[gi*nc : (gi+1)*nc] {
			sum[c] += n
		}
	}
}

// rivals reports whether groups a and b fight each other: JNIM members
// and groups outside the coalition.
func (w *World) rivals(a, b int) bool {
	return a != b && w.Groups[a].JNIM != w.Groups[b].JNIM
}

// maybeMove lets an active fighter consider a random neighbouring cell and
// move there with a probability that rises with how much more attractive
// it is. Fighters cover Mobility km a week, so the chance to move scales
// with the cell size and results do not depend on the resolution.
func (w *World) maybeMove(f *Fighter) {
	gi := int(f.Group)
	gp := w.Groups[gi].P
	pMove := w.P.Fighters.MoveShare * min(1, gp.Mobility/w.cellKm)
	if w.Rand.Float64() >= pMove {
		return
	}
	c := int(f.Cell)
	nb := w.Grid.Cells[c].Neighbours
	if len(nb) == 0 {
		return
	}
	to := int(nb[w.Rand.IntN(len(nb))])
	nc := len(w.Grid.Cells)
	diff := w.attract[gi*nc+to] - w.attract[gi*nc+c]
	if w.Rand.Float64()*(1+math.Exp(-diff/moveNoise)) >= 1 {
		return
	}
	if w.levers.interdicted(w, c, to) {
		return
	}
	w.band[gi*nc+c]--
	w.band[gi*nc+to]++
	f.Cell = int32(to)
}
