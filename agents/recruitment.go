package agents

import "math"

// recruit lets every band recruit in its cell. Fighters recruit through
// their kin networks (so recruitment grows with the band and runs first
// through the peoples of the group's kin), among the aggrieved, the
// stigmatised and those threatened by militias of each people, more
// readily where the area is densely populated, where the group has
// support, while it can pay, and the more for a group whose aims are of
// social and religious change (0.5 + drive, drive = 1 − political). The fighters of all groups together cannot
// exceed a small share of the people of their local area.
func (w *World) recruit() {
	nc := len(w.Grid.Cells)
	rp := &w.P.Recruitment
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Active == 0 || g.Leaderless {
			continue
		}
		pay := rp.Pay + (1-rp.Pay)*clamp01(w.payYears(gi))
		// Aims of social and religious change drive mass mobilisation
		// (Koufa's preaching); political aims seek influence more than
		// numbers.
		base := rp.Rate * w.yearFrac * pay * (0.5 + 0.5*g.Cohesion) * (0.5 + w.drive(gi)) * w.levers.settledRecruitment(w, gi)
		var kinW [NumCommunities]float64
		for k := range kinW {
			kinW[k] = rp.Outgroup
			if w.kin[gi][k] {
				kinW[k] = 1
			}
		}
		for c := range nc {
			if w.band[gi*nc+c] == 0 {
				continue
			}
			cm := &w.Communities[c]
			n := float64(w.band[gi*nc+c])
			// Groups draw on the same young men: the cap is on every group's
			// fighters within Map.LocalKm over the people present there, so
			// it binds alike at every resolution, and the groups of an area
			// compete for its recruits.
			present := 1.0
			if cm.Base > 0 {
				present = cm.Population / cm.Base
			}
			room := 1 - (w.inside[c]+w.outside[c])/(rp.MaxShare*w.popLocal[c]*present+1)
			if room <= 0 {
				continue
			}
			// A band recruits among the people of its local area: their
			// susceptibility and their support for the group, averaged over
			// it by population.
			susceptible, support, people := 0.0, 0.0, 0.0
			cells, wts := w.disc.of(c)
			for i, j := range cells {
				cj := &w.Communities[j]
				pop := float64(wts[i]) * cj.Population
				if pop <= 0 {
					continue
				}
				s := 0.0
				for k := range NumCommunities {
					if cj.Share[k] == 0 {
						continue
					}
					x := cj.Grievance[k] + rp.Stigma*cj.Stigma[k]
					if herder(k) {
						x += rp.Threat * cj.Militia // farmers' militias threaten herders
					}
					s += cj.Share[k] * kinW[k] * x
				}
				susceptible += pop * s
				support += pop * float64(cj.Support[gi])
				people += pop
			}
			if people == 0 {
				continue
			}
			susceptible /= people
			support /= people
			lambda := base * n * susceptible * math.Sqrt(w.popNorm[c]) * (0.5 + support) * room
			for k := w.poisson(lambda); k > 0; k-- {
				if w.addFighter(gi, c) {
					g.Recruits++
					w.Flows.Recruited++
				}
			}
		}
	}
}
