package agents

import "math"

// maxShare is the largest share of a community that can be fighters of one
// band (an assumption: about one young man in ten).
const maxShare = 0.0015

// recruit lets every band recruit in its cell. Fighters recruit through
// their kin and acquaintances (so recruitment grows with the band), among
// the aggrieved and the stigmatised of a community, more readily where it
// is densely populated, where the group has support, inside the group's
// historical areas, and while the group can pay. A band cannot grow beyond
// a small share of the people around it.
func (w *World) recruit() {
	nc := len(w.Grid.Cells)
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Active == 0 || g.Leaderless {
			continue
		}
		gp := g.P
		pay := 1.0
		if g.Active > 0 {
			pay = clamp01(0.5 + g.Treasury/(float64(g.Active)*max(gp.Upkeep, 1)))
		}
		base := gp.Recruit * w.yearFrac * pay * (0.5 + 0.5*g.Cohesion) * w.levers.settledRecruitment(w, gi)
		for c := range nc {
			if w.band[gi*nc+c] == 0 {
				continue
			}
			cm := &w.Communities[c]
			if cm.Population < 1 {
				continue
			}
			area := gp.Outside
			if w.inArea[gi*nc+c] {
				area = 1
			}
			n := float64(w.band[gi*nc+c])
			room := 1 - n/(maxShare*cm.Population+1)
			if room <= 0 {
				continue
			}
			aggrieved := cm.Grievance + 1.5*cm.Stigma + 0.5*cm.Militia // militias' reprisals drive recruits to the other side
			lambda := base * n * aggrieved * math.Sqrt(w.popNorm[c]) * area * (0.5 + float64(cm.Support[gi])) * room
			for k := w.poisson(lambda); k > 0; k-- {
				if w.addFighter(gi, c) {
					g.Recruits++
					w.Flows.Recruited++
				}
			}
		}
	}
}
