package agents

// recruit lets every group recruit in the cells where it has fighters:
// recruits come from the aggrieved and the stigmatised, more readily where
// the group has support, inside its historical areas, and while it can pay.
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
			aggrieved := cm.Grievance + cm.Stigma + 0.5*cm.Militia // militias' reprisals drive recruits to the other side
			lambda := base * cm.Population / 1e5 * aggrieved * area * (0.5 + float64(cm.Support[gi]))
			for k := w.poisson(lambda); k > 0; k-- {
				w.addFighter(gi, c)
				g.Recruits++
				w.Flows.Recruited++
			}
		}
	}
}
