package agents

import (
	"cmp"
	"math"
	"slices"

	"github.com/sahelsim/sahelsim/sim"
)

// initOpportunity precomputes each cell's static opportunity and people.
func (w *World) initOpportunity() {
	mp := &w.P.Movement
	dens := w.density()
	for c := range w.Grid.Cells {
		// 100 inhabitants per km² counts as well populated.
		w.popNorm[c] = clamp01(dens[c] / w.P.Map.Dense)
		w.people[c] = math.Pow(clamp01(w.popLocal[c]/w.localArea/w.P.Map.Dense), w.P.Violence.Crowd)
		w.opp[c] = mp.Gold*w.gold[c] + mp.Transit*w.transit[c] + mp.People*math.Sqrt(w.popNorm[c]) + mp.Cover*w.cover[c]
	}
	far := smooth(w.Grid, w.opp, mp.FarKm)
	for c := range w.opp {
		w.opp[c] += mp.Far * far[c]
	}
}

// density returns, for every cell, the density of people (inhabitants at
// the start per km²) within Map.DensityKm of it: what recruitment, the
// people a band can attack and the pull of people read. It is measured
// over a disc wider than the coarsest grid's cells, so that it does not
// sharpen with the resolution: bands grow fastest where people are
// densest, and a density measured within Map.LocalKm (30 km, smaller than
// a 0.5° cell) has peaks around towns at 0.25° that the 0.5° grid smooths
// away, which made the finer grids' violence grow faster.
func (w *World) density() []float64 {
	km := w.P.Map.DensityKm
	out := make([]float64, len(w.Grid.Cells))
	eachInDisc(w.Grid, km, func(c, j int, wt float32) {
		out[c] += float64(wt) * w.Grid.Cells[j].Population
	})
	for c := range out {
		out[c] /= math.Pi * km * km
	}
	return out
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

// updateAttraction starts a step's attraction, computed lazily, cell by
// cell, the first time a fighter looks at a cell (attraction), from the
// local forces counted at the end of the last step's moves: the cost
// follows the fighters' moves rather than the size of the grid, and every
// fighter sees the same state whatever the order in which they move.
func (w *World) updateAttraction() {
	w.attractStamp++
	mp := &w.P.Movement
	for gi := range w.Groups {
		g := &w.Groups[gi]
		// Without a leader to hold them, fighters follow opportunity rather
		// than the group's historical area.
		w.homePull[gi] = mp.Home
		if !g.LeaderAlive {
			w.homePull[gi] *= mp.Leaderless
		}
		// A group short of money sends its fighters after it.
		w.money[gi] = mp.Money * (1 - clamp01(w.payYears(gi)))
	}
}

// payYears returns the years of upkeep group gi's treasury holds.
func (w *World) payYears(gi int) float64 {
	g := &w.Groups[gi]
	if g.Active == 0 {
		return 1
	}
	return g.Treasury / (float64(g.Active) * max(g.P.Upkeep, 1))
}

// attraction returns how attractive cell c is to a fighter of group gi
// with commitment commit this step: home, kin, support and opportunity
// pull (opportunity the more for a group short of money and a materially
// motivated fighter); government presence, hostile rivals and the group's
// own crowding (forces within Map.LocalKm) push.
func (w *World) attraction(gi, c int, commit float64) float64 {
	k := gi*len(w.Grid.Cells) + c
	if w.attractAt[k] != w.attractStamp {
		mp := &w.P.Movement
		bs := w.P.Fighters.BandSize
		crowd := max(0, w.Local(gi, c)/bs-1)
		w.attract[k] = w.homePull[gi]*w.home[k] + mp.Kin*w.kinShare[k] +
			mp.Support*float64(w.Communities[c].Support[gi]) -
			mp.Pressure*w.felt(c) - mp.Rivals*w.rivalWeight()*min(w.rivalForce(gi, c)/bs, mp.RivalsCap) - mp.Crowding*crowd
		w.attractOpp[k] = w.opp[c] + w.lure[c]
		w.attractAt[k] = w.attractStamp
	}
	return w.attract[k] + (1+w.money[gi]+w.P.Movement.Money*(1-commit))*w.attractOpp[k]
}

// rivalForce returns the local force around cell c of the groups that
// are group gi's rivals (JNIM's members for ISGS, ISGS for the members).
func (w *World) rivalForce(gi, c int) float64 {
	if w.Groups[gi].JNIM {
		return w.outside[c]
	}
	return w.inside[c]
}

// A jump is a displacement on the grid, in rows and columns.
type jump struct{ dr, dc int8 }

// jumpQuantiles is the number of entries of the jump table.
const jumpQuantiles = 1024

// initJumps tabulates the quantiles of the displacement a fighter
// considers: a Gaussian of standard deviation Fighters.Mobility km on each
// axis, rounded to the grid's cells (at 0.5° most draws stay in the cell,
// at 0.125° they spread over a few cells), so the spread of fighters over
// time, in km, is nearly the same at every resolution. The table holds the
// displacements that leave the cell; w.pJump is their probability.
func (w *World) initJumps() {
	g := w.Grid
	rowKm := g.Resolution * 111.195
	colKm := rowKm * math.Cos(15*math.Pi/180) // the study area's middle latitude
	axis := func(cellKm float64) []float64 {
		sig := max(w.P.Fighters.Mobility, 1e-9) / cellKm
		n := min(120, int(math.Ceil(4*sig)))
		p := make([]float64, 2*n+1)
		for k := -n; k <= n; k++ {
			p[k+n] = normCDF((float64(k)+0.5)/sig) - normCDF((float64(k)-0.5)/sig)
		}
		return p
	}
	pr, pc := axis(rowKm), axis(colKm)
	nr, ncol := (len(pr)-1)/2, (len(pc)-1)/2
	// Largest remainders: jumpQuantiles entries in proportion to the
	// probability of each displacement, the most likely first.
	type cand struct {
		j    jump
		p    float64
		n    int
		frac float64
	}
	var cs []cand
	total := 0
	for i, a := range pr {
		for k, b := range pc {
			p := a * b * jumpQuantiles
			n := int(p)
			cs = append(cs, cand{jump{int8(i - nr), int8(k - ncol)}, a * b, n, p - float64(n)})
			total += n
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(y.frac, x.frac) })
	for i := 0; total < jumpQuantiles; i++ {
		cs[i].n++
		total++
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(y.p, x.p) })
	// Only the displacements that leave the cell are kept; pJump is their
	// probability, by which the chance of considering a move is scaled.
	t := make([]jump, 0, jumpQuantiles)
	stay := 0
	for _, c := range cs {
		if c.j == (jump{}) {
			stay = c.n
			continue
		}
		for range c.n {
			t = append(t, c.j)
		}
	}
	w.pJump = float64(jumpQuantiles-stay) / jumpQuantiles
	w.jumps = t
}

// normCDF is the standard normal distribution function.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// maybeMove lets an active fighter who reconsiders his position look at
// the cell a random displacement away (u, uniform in [0, 1), picks the
// quantile) and move there with a probability that rises with how much
// more attractive it is than where he is.
func (w *World) maybeMove(f *Fighter, u float64) {
	gi := int(f.Group)
	c := int(f.Cell)
	t := w.jumps
	if len(t) == 0 {
		return
	}
	j := t[min(int(u*float64(len(t))), len(t)-1)]
	to := w.Grid.At(int(w.cellRow[c])+int(j.dr), int(w.cellCol[c])+int(j.dc))
	if to < 0 {
		return
	}
	nc := len(w.Grid.Cells)
	// Accept with probability ½ + ½·d/(1+|d|), d the difference in
	// attraction over the noise scale: a smooth, cheap sigmoid.
	commit := float64(f.Commitment)
	d := (w.attraction(gi, to, commit) - w.attraction(gi, c, commit)) / w.P.Movement.Noise
	if w.uniform() >= 0.5+0.5*d/(1+math.Abs(d)) {
		return
	}
	if w.levers.on[LeverCounterinsurgency] && w.levers.interdicted(w, c, to) {
		return
	}
	w.band[gi*nc+c]--
	w.band[gi*nc+to]++
	w.occupied[c]--
	w.occupied[to]++
	f.Cell = int32(to)
}
