package agents

import (
	"math"

	"github.com/sahelsim/sahelsim/sim"
)

// initGroups sets each group's starting state and its kin.
func (w *World) initGroups() {
	for gi, gp := range w.P.Groups.List() {
		g := &w.Groups[gi]
		*g = Group{Index: gi, ID: GroupIDs[gi], P: gp, JNIM: gp.Coalition == "JNIM",
			LeaderAlive: true, Cohesion: w.P.Leadership.Cohesion, Treasury: gp.Treasury, Standing: 1, ChurnUntil: -1}
		for _, id := range gp.Kin {
			if k := CommunityIndex(id); k >= 0 {
				w.kin[gi][k] = true
			}
		}
	}
}

// initHomes precomputes how close every cell is to each group's
// historical area of influence (home, inArea, and home transposed, homeT).
func (w *World) initHomes() {
	nc := len(w.Grid.Cells)
	w.home = make([]float64, NumGroups*nc)
	w.inArea = make([]bool, NumGroups*nc)
	for gi, gp := range w.P.Groups.List() {
		areas := make([]bool, len(w.Grid.Regions))
		for _, name := range gp.Areas {
			if ri := w.Grid.RegionIndex("", name); ri >= 0 {
				areas[ri] = true
			}
		}
		for c := range w.Grid.Cells {
			cell := &w.Grid.Cells[c]
			d := sim.Haversine(cell.Lat, cell.Lon, gp.Home[0], gp.Home[1])
			h := math.Exp(-0.5 * (d / gp.HomeKm) * (d / gp.HomeKm))
			if areas[cell.Region] {
				w.inArea[gi*nc+c] = true
				h = max(h, w.P.Movement.AreaFloor)
			}
			w.home[gi*nc+c] = h
		}
	}
	w.homeT = make([]float64, nc*NumGroups)
	for gi := range NumGroups {
		for c := range nc {
			w.homeT[c*NumGroups+gi] = w.home[gi*nc+c]
		}
	}
}

// updateLeadership applies scheduled leader deaths and ends churn: after
// SuccessionWeeks a successor takes over with probability Succession,
// otherwise the group stays leaderless.
func (w *World) updateLeadership() {
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.LeaderAlive && !g.P.LeaderKilled.IsZero() && w.Clock.Step(g.P.LeaderKilled) == w.Step {
			w.killLeader(gi)
		}
		if !g.LeaderAlive && !g.Leaderless && w.Step == g.ChurnUntil {
			if w.uniform() < g.P.Succession {
				g.LeaderAlive = true
			} else {
				g.Leaderless = true
			}
		}
		g.losses *= 1 - float64(w.P.StepDays)/91 // an exponential window of a quarter
	}
}

// killLeader removes group gi's leader: cohesion falls at once (the churn
// that follows a leader's death), a successor is awaited, and a deal he
// made may break down.
func (w *World) killLeader(gi int) {
	g := &w.Groups[gi]
	if !g.LeaderAlive {
		return
	}
	g.LeaderAlive = false
	g.LeaderDeaths++
	g.Cohesion *= w.P.Leadership.Death
	g.ChurnUntil = w.Step + max(1, g.P.SuccessionWeeks*7/w.P.StepDays)
	w.levers.leaderDied(w, gi)
}

// inChurn reports whether group gi is without an effective leader.
func (g *Group) inChurn() bool { return !g.LeaderAlive }

// leaderCell returns where group gi's leader is: with the group's largest
// band within HomeKm of its home (the leader stays with his strongest
// katiba in his own area), or its largest band anywhere, or -1.
func (w *World) leaderCell(gi int) int {
	if w.leaderStep[gi] == w.Step+1 {
		return w.leaderAt[gi]
	}
	w.leaderStep[gi] = w.Step + 1
	w.leaderAt[gi] = w.findLeader(gi)
	return w.leaderAt[gi]
}

// findLeader locates group gi's leader (see leaderCell).
func (w *World) findLeader(gi int) int {
	nc := len(w.Grid.Cells)
	gp := w.Groups[gi].P
	home := w.homeCell(gi)
	best, most, bestAny, mostAny := -1, int32(0), -1, int32(0)
	for c, n := range w.band[gi*nc : (gi+1)*nc] {
		if n == 0 {
			continue
		}
		if n > mostAny {
			bestAny, mostAny = c, n
		}
		if n > most && w.Grid.ApproxKm(c, home) <= gp.HomeKm {
			best, most = c, n
		}
	}
	if best < 0 {
		return bestAny
	}
	return best
}

// afterOperation applies what a targeted operation against group gi around
// cell c, by a unit of intelligence intel, did to its leadership: if the
// leader is within the local area he may be killed (leadership churn from
// operations), and a band whose local force the operation halved loses its
// commander (cohesion).
func (w *World) afterOperation(gi, c int, intel float64, hit int) {
	g := &w.Groups[gi]
	if g.LeaderAlive {
		if lc := w.leaderCell(gi); lc >= 0 && w.disc.contains(c, lc) &&
			w.chance(w.P.Forces.Decapitation*(w.P.Forces.Blind+intel)) {
			w.killLeader(gi)
			g.Decapitated++
		}
	}
	if float64(hit) >= w.P.Leadership.Halved*w.Local(gi, c) && hit > 0 {
		g.Cohesion = clamp01(g.Cohesion - w.P.Leadership.Commander)
	}
}

// updateCohesion moves each group's cohesion towards its current level:
// the calm level times the leader's standing, lowered by churn or
// leaderlessness, unpaid fighters (disputes over the distribution of loot)
// and the taxing of grazing land where it governs.
func (w *World) updateCohesion() {
	lp := &w.P.Leadership
	grazing := w.grazingTax()
	for gi := range w.Groups {
		g := &w.Groups[gi]
		target := lp.Cohesion * (lp.Standing + (1-lp.Standing)*g.Standing)
		if g.Leaderless {
			target *= lp.Leaderless
		} else if !g.LeaderAlive {
			target *= lp.Churn
		}
		if g.Active > 0 {
			if pay, unpaid := w.payYears(gi), w.P.Fighters.UnpaidYears; pay < unpaid {
				target -= lp.Dissension * (unpaid - pay)
			}
		}
		target -= lp.Dissension * lp.Grazing * grazing[gi]
		g.Cohesion += lp.Rate * (clamp01(target) - g.Cohesion)
		g.Cohesion = clamp01(g.Cohesion)
	}
}

// grazingTax returns, for each group, the share of the people it governs
// who live from herding: the base of the grazing taxes that divide its
// fighters.
func (w *World) grazingTax() [NumGroups]float64 {
	var herd, all [NumGroups]float64
	for _, c := range w.governed {
		cm := &w.Communities[c]
		herd[cm.Governed] += cm.Population * cm.Rule * cm.Herding
		all[cm.Governed] += cm.Population * cm.Rule
	}
	var out [NumGroups]float64
	for gi := range out {
		if all[gi] > 0 {
			out[gi] = herd[gi] / all[gi]
		}
	}
	return out
}
