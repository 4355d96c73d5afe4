package agents

import (
	"math"
	"slices"
)

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
	w.susStamp++
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
		pat := w.patOf[gi]
		support := func(j int) float64 { return float64(w.Communities[j].Support[gi]) }
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
			susceptible, supported, people := 0.0, 0.0, 0.0
			cells, wts := w.disc.of(c)
			for i, j := range cells {
				pop := float64(wts[i]) * w.Communities[j].Population
				if pop <= 0 {
					continue
				}
				susceptible += float64(wts[i]) * w.susceptibility(pat, int(j))
				supported += pop * support(int(j))
				people += pop
			}
			if people == 0 {
				continue
			}
			susceptible /= people
			supported /= people
			lambda := base * n * susceptible * math.Sqrt(w.popNorm[c]) * (0.5 + supported) * room
			for k := w.poisson(lambda); k > 0; k-- {
				if w.addFighter(gi, c) {
					g.Recruits++
					w.Flows.Recruited++
				}
			}
		}
	}
}

// susceptibility returns, for populated cell j and pattern of kin p, the
// sum over its peoples of people present × kin weight (1 for the
// pattern's peoples, Recruitment.Outgroup for the others) ×
// susceptibility (grievance + Recruitment.Stigma × stigmatisation, +
// Recruitment.Threat × militia for herders): what recruitment averages
// over a band's local area. It is computed for every pattern the first
// time a step asks for the cell (recruitment runs after the communities'
// update, so the step's state is final), so the cost follows the bands.
func (w *World) susceptibility(p, j int) float64 {
	if w.susAt[j] == w.susStamp {
		return w.susPat[p][j]
	}
	w.susAt[j] = w.susStamp
	rp := &w.P.Recruitment
	cm := &w.Communities[j]
	for p := range w.susPat {
		w.susPat[p][j] = 0
	}
	for k := range NumCommunities {
		if cm.Share[k] == 0 {
			continue
		}
		x := cm.Grievance[k] + rp.Stigma*cm.Stigma[k]
		if herder(k) {
			x += rp.Threat * cm.Militia // farmers' militias threaten herders
		}
		x *= cm.Population * cm.Share[k]
		for p, mask := range w.patterns {
			if mask[k] {
				w.susPat[p][j] += x
			} else {
				w.susPat[p][j] += rp.Outgroup * x
			}
		}
	}
	return w.susPat[p][j]
}

// initPatterns finds the distinct patterns of kin among the groups.
func (w *World) initPatterns() {
	for gi := range w.Groups {
		p := slices.Index(w.patterns, w.kin[gi])
		if p < 0 {
			p = len(w.patterns)
			w.patterns = append(w.patterns, w.kin[gi])
		}
		w.patOf[gi] = p
	}
	w.patPeoples = make([][]int, len(w.patterns))
	for p, mask := range w.patterns {
		for k, in := range mask {
			if in {
				w.patPeoples[p] = append(w.patPeoples[p], k)
			}
		}
	}
	nc := len(w.Grid.Cells)
	w.homeT = make([]float64, nc*NumGroups)
	for gi := range NumGroups {
		for c := range nc {
			w.homeT[c*NumGroups+gi] = w.home[gi*nc+c]
		}
	}
	w.susPat = make([][]float64, len(w.patterns))
	for p := range w.susPat {
		w.susPat[p] = make([]float64, len(w.Grid.Cells))
	}
	w.susAt = make([]int32, len(w.Grid.Cells))
}
