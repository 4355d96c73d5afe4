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
// social and religious change (0.5 + drive, drive = 1 − political). The
// fighters of all groups together cannot exceed a small share of the
// people of their local area. Cells are taken in order, and the bands of a
// cell share one pass over its local area.
func (w *World) recruit() {
	nc := len(w.Grid.Cells)
	rp := &w.P.Recruitment
	w.susStamp++
	var base [NumGroups]float64 // 0 for the groups that do not recruit
	recruiting := false
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Active == 0 || g.Leaderless {
			continue
		}
		pay := rp.Pay + (1-rp.Pay)*clamp01(w.payYears(gi))
		// Aims of social and religious change drive mass mobilisation
		// (Koufa's preaching); political aims seek influence more than
		// numbers.
		base[gi] = rp.Rate * w.yearFrac * pay * (rp.Mood + (1-rp.Mood)*g.Cohesion) * (rp.Aims + w.drive(gi)) * w.levers.settledRecruitment(w, gi)
		recruiting = recruiting || base[gi] > 0
	}
	if !recruiting {
		return
	}
	w.kinWeights()
	for c := range nc {
		if w.occupied[c] == 0 {
			continue
		}
		var here [NumGroups]int8 // the recruiting groups with a band in c
		var pats [NumGroups]int8 // and their patterns of kin, each once
		nh, npat := 0, 0
		for gi := range NumGroups {
			if base[gi] > 0 && w.band[gi*nc+c] > 0 {
				here[nh] = int8(gi)
				nh++
				if p := int8(w.patOf[gi]); !slices.Contains(pats[:npat], p) {
					pats[npat] = p
					npat++
				}
			}
		}
		if nh == 0 {
			continue
		}
		groups := here[:nh]
		cm := &w.Communities[c]
		// Groups draw on the same young men: the cap is on every group's
		// fighters within Map.LocalKm over the people present there, so it
		// binds alike at every resolution, and the groups of an area compete
		// for its recruits.
		present := 1.0
		if cm.Base > 0 {
			present = cm.Population / cm.Base
		}
		room := 1 - (w.inside[c]+w.outside[c])/(rp.MaxShare*w.popLocal[c]*present+1)
		if room <= 0 {
			continue
		}
		// A band recruits among the people of its local area: their
		// susceptibility and their support for the group, averaged over it
		// by population.
		cells, wts := w.disc.of(c)
		for _, j := range cells {
			if w.susAt[j] != w.susStamp { // once a step
				w.susceptibility(int(j))
			}
		}
		// One sum a pass, in a register. Cells with no one present add 0.
		people := 0.0
		for i, j := range cells {
			people += float64(wts[i]) * w.Communities[j].Population
		}
		var sus [NumGroups]float64 // by pattern of kin
		for _, p := range pats[:npat] {
			s := 0.0
			for i, j := range cells {
				s += float64(wts[i]) * w.susPat[j][p]
			}
			sus[p] = s
		}
		var sup [NumGroups]float64 // by band of groups
		for b, gi := range groups {
			u := 0.0
			for i, j := range cells {
				cj := &w.Communities[j]
				u += float64(wts[i]) * cj.Population * float64(cj.Support[gi])
			}
			sup[b] = u
		}
		if people == 0 {
			continue
		}
		dens := math.Sqrt(w.popNorm[c])
		for b, g := range groups {
			gi := int(g)
			m := float64(w.band[gi*nc+c])
			lambda := base[gi] * m * sus[w.patOf[gi]] / people * dens * (rp.Welcome + sup[b]/people) * room
			for k := w.poisson(lambda); k > 0; k-- {
				if w.addFighter(gi, c) {
					w.Groups[gi].Recruits++
					w.Flows.Recruited++
				}
			}
		}
	}
}

// susceptibility computes w.susPat[j]: for populated cell j and each
// pattern of kin p (indexed by p, the first len(w.patterns)), the sum over
// its peoples of people present × kin weight (1 for the pattern's peoples,
// Recruitment.Outgroup for the others) × susceptibility (grievance +
// Recruitment.Stigma × stigmatisation, + Recruitment.Threat × militia for
// herders): what recruitment averages over a band's local area.
// Recruitment computes it the first time a step needs the cell
// (w.susAt[j] != w.susStamp; it runs after the communities' update, so the
// step's state is final), so the cost follows the bands.
func (w *World) susceptibility(j int) {
	sp := &w.susPat[j]
	w.susAt[j] = w.susStamp
	rp := &w.P.Recruitment
	cm := &w.Communities[j]
	*sp = [NumGroups]float64{}
	np := len(w.patterns)
	for k := range NumCommunities {
		if cm.Share[k] == 0 {
			continue
		}
		x := cm.Grievance[k] + rp.Stigma*cm.Stigma[k]
		if herder(k) {
			x += rp.Threat * cm.Militia // farmers' militias threaten herders
		}
		x *= cm.Population * cm.Share[k]
		for p, kw := range w.kinW[:np] {
			sp[p] += kw[k] * x // 1 × x is x: the same sums as with branches
		}
	}
}

// kinWeights sets, for each pattern of kin and each people, the weight of
// the people's susceptibility in the recruitment of the pattern's groups:
// 1 for the pattern's peoples, Recruitment.Outgroup for the others (read
// each step, as a timeline may change it).
func (w *World) kinWeights() {
	for p, mask := range w.patterns {
		for k, in := range mask {
			w.kinW[p][k] = w.P.Recruitment.Outgroup
			if in {
				w.kinW[p][k] = 1
			}
		}
	}
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
	w.susPat = make([][NumGroups]float64, len(w.Grid.Cells))
	w.susAt = make([]int32, len(w.Grid.Cells))
}
