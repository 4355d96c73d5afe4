package agents

import (
	"math"

	"github.com/sahelsim/sahelsim/sim"
)

// Weights of the movement rule (assumptions, see MODEL.md).
const (
	pullHome       = 1.0   // pull of the historical area
	pullGold       = 0.8   // pull of artisanal gold
	pullTransit    = 0.5   // pull of routes to extort
	pullPeople     = 0.4   // pull of people to tax and recruit
	pullCover      = 0.5   // pull of protected areas as cover
	pullSupport    = 0.6   // pull of communities that support the group
	pushPressure   = 1.2   // push of government presence, per unit of presence
	pushRivals     = 0.4   // push of rival bands, per full band
	pushCrowding   = 0.3   // push of the group's own fighters, per full band beyond the first
	moveNoise      = 0.35  // scale of the logistic noise in moving decisions
	pullFar        = 1.0   // pull of opportunity within about farKm
	farKm          = 120.0 // scale at which fighters know of opportunity elsewhere
	leaderlessHome = 0.3   // pull of home for a group without a leader, relative
)

// initOpportunity precomputes each cell's static opportunity and people.
func (w *World) initOpportunity() {
	for c := range w.Grid.Cells {
		cell := &w.Grid.Cells[c]
		// 100 inhabitants per km² counts as well populated.
		dens := cell.Population / max(cell.AreaKm2, 1)
		w.popNorm[c] = clamp01(dens / 100)
		w.people[c] = math.Pow(w.popNorm[c], 0.75)
		w.opp[c] = pullGold*cell.Gold + pullTransit*cell.Transit + pullPeople*math.Sqrt(w.popNorm[c]) + pullCover*cell.Protected
	}
	w.oppFar = smooth(w.Grid, w.opp, farKm)
	for c := range w.opp {
		w.opp[c] += pullFar * w.oppFar[c]
	}
}

// smooth returns v blurred over the grid with a Gaussian kernel of
// standard deviation sigmaKm (separable, on the full raster; cells outside
// the study area count as zero and are left out of the normalisation).
func smooth(g *sim.Grid, v []float64, sigmaKm float64) []float64 {
	rows, cols := g.Rows, g.Cols
	cellKm := g.Resolution * 111.195
	sig := sigmaKm / cellKm
	r := int(math.Ceil(3 * sig))
	kern := make([]float64, 2*r+1)
	for i := range kern {
		d := float64(i - r)
		kern[i] = math.Exp(-0.5 * d * d / (sig * sig))
	}
	val := make([]float64, rows*cols)
	wt := make([]float64, rows*cols)
	for c := range g.Cells {
		k := g.Cells[c].Row*cols + g.Cells[c].Col
		val[k], wt[k] = v[c], 1
	}
	pass := func(src []float64, horizontal bool) []float64 {
		dst := make([]float64, rows*cols)
		for i := range rows {
			for j := range cols {
				s := 0.0
				for o := -r; o <= r; o++ {
					ii, jj := i, j+o
					if !horizontal {
						ii, jj = i+o, j
					}
					if ii < 0 || jj < 0 || ii >= rows || jj >= cols {
						continue
					}
					s += kern[o+r] * src[ii*cols+jj]
				}
				dst[i*cols+j] = s
			}
		}
		return dst
	}
	val = pass(pass(val, true), false)
	wt = pass(pass(wt, true), false)
	out := make([]float64, len(g.Cells))
	for c := range g.Cells {
		k := g.Cells[c].Row*cols + g.Cells[c].Col
		out[c] = val[k] / wt[k]
	}
	return out
}

// updateAttraction starts a step's attraction: a snapshot of the bands and
// of the coalitions' presence, from which attraction is computed lazily,
// cell by cell, the first time a fighter looks at a cell (attraction), so
// the cost follows the fighters' moves rather than the size of the grid.
func (w *World) updateAttraction() {
	w.countCoalitions()
	copy(w.bandStart, w.band)
	w.attractStamp++
	for gi := range w.Groups {
		g := &w.Groups[gi]
		// Without a leader to hold them, fighters follow opportunity rather
		// than the group's historical area.
		w.homePull[gi] = pullHome
		if !g.LeaderAlive {
			w.homePull[gi] *= leaderlessHome
		}
	}
}

// attraction returns how attractive cell c is to group gi this step: home
// and opportunity pull; government presence, rivals and the group's own
// crowding push. It depends only on the state at the start of the step.
func (w *World) attraction(gi, c int) float64 {
	k := gi*len(w.Grid.Cells) + c
	if w.attractAt[k] == w.attractStamp {
		return w.attract[k]
	}
	bs := w.P.Fighters.BandSize
	rivals := float64(w.outside[c])
	if !w.Groups[gi].JNIM {
		rivals = float64(w.inside[c])
	}
	crowd := max(0, float64(w.bandStart[k])/bs-1)
	a := w.homePull[gi]*w.home[k] + w.Groups[gi].P.Expansion*(w.opp[c]+w.lure[c]) +
		pullSupport*float64(w.Communities[c].Support[gi]) -
		pushPressure*w.presence[c] - pushRivals*min(rivals/bs, 3) - pushCrowding*crowd
	w.attract[k], w.attractAt[k] = a, w.attractStamp
	return a
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

// maybeMove lets an active fighter who considers moving (with probability
// pMove: fighters cover Mobility km a week, so the chance scales with the
// cell size and results do not depend on the resolution) look at the
// neighbouring cell that u, uniform in [0, 1), picks, and move there with a
// probability that rises with how much more attractive it is.
func (w *World) maybeMove(f *Fighter, u float64) {
	gi := int(f.Group)
	c := int(f.Cell)
	nb := w.nbrs[w.nbrStart[c]:w.nbrStart[c+1]] // flat copy of the grid's neighbours: no Cell to load
	if len(nb) == 0 {
		return
	}
	to := int(nb[min(int(u*float64(len(nb))), len(nb)-1)])
	nc := len(w.Grid.Cells)
	// Accept with probability ½ + ½·d/(1+|d|), d the difference in
	// attraction over the noise scale: a smooth, cheap sigmoid.
	d := (w.attraction(gi, to) - w.attraction(gi, c)) / moveNoise
	if w.Rand.Float64() >= 0.5+0.5*d/(1+math.Abs(d)) {
		return
	}
	if w.levers.on[LeverCounterinsurgency] && w.levers.interdicted(w, c, to) {
		return
	}
	w.band[gi*nc+c]--
	w.band[gi*nc+to]++
	f.Cell = int32(to)
}
