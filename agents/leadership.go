package agents

import (
	"math"

	"github.com/sahelsim/sahelsim/sim"
)

// initGroups sets each group's starting state and precomputes how close
// every cell is to its historical area of influence.
func (w *World) initGroups() {
	nc := len(w.Grid.Cells)
	for gi, gp := range w.P.Groups.List() {
		g := &w.Groups[gi]
		*g = Group{Index: gi, ID: GroupIDs[gi], P: gp, JNIM: gp.Coalition == "JNIM",
			LeaderAlive: true, Cohesion: gp.Cohesion, Treasury: gp.Treasury, Standing: 1, ChurnUntil: -1}
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
				h = max(h, 0.25)
			}
			w.home[gi*nc+c] = h
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
			if w.Rand.Float64() < g.P.Succession {
				g.LeaderAlive = true
			} else {
				g.Leaderless = true
			}
		}
	}
}

// killLeader removes group gi's leader: cohesion falls at once (the churn
// that follows a leader's death) and a successor is awaited.
func (w *World) killLeader(gi int) {
	g := &w.Groups[gi]
	if !g.LeaderAlive {
		return
	}
	g.LeaderAlive = false
	g.Cohesion *= 0.6
	g.ChurnUntil = w.Step + max(1, g.P.SuccessionWeeks*7/w.P.StepDays)
}

// inChurn reports whether group gi is without an effective leader.
func (g *Group) inChurn() bool { return !g.LeaderAlive }

// updateCohesion moves each group's cohesion towards its calm level, lowered
// by leaderlessness, unpaid fighters (disputes over the distribution of
// loot) and the taxing of grazing land where it governs, and by the loss of
// its leader's standing.
func (w *World) updateCohesion() {
	for gi := range w.Groups {
		g := &w.Groups[gi]
		target := g.P.Cohesion * (0.5 + 0.5*g.Standing)
		if g.Leaderless {
			target *= 0.3
		} else if !g.LeaderAlive {
			target *= 0.6
		}
		if g.Active > 0 {
			pay := g.Treasury / (float64(g.Active) * max(g.P.Upkeep, 1))
			if pay < 0.25 { // less than three months' pay in hand
				target -= g.P.Dissension * (0.25 - pay)
			}
		}
		target -= g.P.Dissension * 0.2 * w.grazingTax(gi)
		g.Cohesion += 0.05 * (clamp01(target) - g.Cohesion)
		g.Cohesion = clamp01(g.Cohesion)
	}
}

// grazingTax returns the share of the people group gi governs who live
// from herding: the base of the grazing taxes that divide fighters.
func (w *World) grazingTax(gi int) float64 {
	var herd, all float64
	for c := range w.Communities {
		cm := &w.Communities[c]
		if int(cm.Governed) == gi {
			herd += cm.Population * cm.Herding
			all += cm.Population
		}
	}
	if all == 0 {
		return 0
	}
	return herd / all
}
