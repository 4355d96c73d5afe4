package agents

import (
	"cmp"
	"slices"
)

// Lever indices, in the order of Policy's fields.
const (
	LeverDisaggregation = iota
	LeverCounterinsurgency
	LeverIllicitNetworks
	LeverCommunityProtection
	LeverPoliticalSettlement
	LeverReintegration
	NumLevers
)

// LeverIDs are the scenario ids of the levers, in index order.
var LeverIDs = [NumLevers]string{"disaggregation", "counterinsurgency", "illicit_networks",
	"community_protection", "political_settlement", "reintegration"}

// levers returns each lever's shared settings, nil where the lever is off.
func (p *Policy) levers() [NumLevers]*Lever {
	var l [NumLevers]*Lever
	if p.Disaggregation != nil {
		l[LeverDisaggregation] = &p.Disaggregation.Lever
	}
	if p.Counterinsurgency != nil {
		l[LeverCounterinsurgency] = &p.Counterinsurgency.Lever
	}
	if p.IllicitNetworks != nil {
		l[LeverIllicitNetworks] = &p.IllicitNetworks.Lever
	}
	if p.CommunityProtection != nil {
		l[LeverCommunityProtection] = &p.CommunityProtection.Lever
	}
	if p.PoliticalSettlement != nil {
		l[LeverPoliticalSettlement] = &p.PoliticalSettlement.Lever
	}
	if p.Reintegration != nil {
		l[LeverReintegration] = &p.Reintegration.Lever
	}
	return l
}

// leverState is the levers' state in one world: which act this step, where
// and on whom, and what they have set up. Each lever acts only through the
// rules of the other mechanisms, which ask it through these methods.
type leverState struct {
	lever     [NumLevers]*Lever
	on        [NumLevers]bool
	started   [NumLevers]bool
	zones     [NumLevers][]bool // by zone index; nil means everywhere
	groups    [NumLevers][NumGroups]bool
	allGroups [NumLevers]bool
	p         *Policy

	inProgramme int   // fighters in reintegration programmes
	spawned     []int // indices of the units the levers added
}

func (s *leverState) init(w *World) {
	s.p = &w.P.Policy
	s.lever = s.p.levers()
	for li, l := range s.lever {
		if l == nil {
			continue
		}
		if len(l.Zones) > 0 {
			s.zones[li] = make([]bool, len(w.ZoneIDs))
			for _, z := range l.Zones {
				if zi := w.Zone(z); zi >= 0 {
					s.zones[li][zi] = true
				}
			}
		}
		s.allGroups[li] = len(l.Groups) == 0
		for _, id := range l.Groups {
			if gi := GroupIndex(id); gi >= 0 {
				s.groups[li][gi] = true
			}
		}
	}
}

// update switches levers on and off by date and sets up what a lever needs
// when it starts: the units of counterinsurgency and community protection,
// and the regularisation of artisanal mining.
func (s *leverState) update(w *World) {
	today := w.Date()
	for li, l := range s.lever {
		if l == nil {
			continue
		}
		on := !today.Before(l.Start) && (l.End.IsZero() || !today.After(l.End))
		if on && !s.started[li] {
			s.started[li] = true
			s.start(w, li)
		}
		if !on && s.on[li] {
			s.stop(w, li)
		}
		s.on[li] = on
	}
}

// applies reports whether lever li is on and covers cell c.
func (s *leverState) applies(w *World, li, c int) bool {
	return s.on[li] && (s.zones[li] == nil || s.zones[li][w.CellZone[c]])
}

// targets reports whether lever li is on and covers group gi.
func (s *leverState) targets(li, gi int) bool {
	return s.on[li] && (s.allGroups[li] || s.groups[li][gi])
}

func (s *leverState) intensity(li int) float64 { return s.lever[li].Intensity }

func (s *leverState) start(w *World, li int) {
	switch li {
	case LeverCounterinsurgency:
		ci := s.p.Counterinsurgency
		if !ci.Mechanisms.Presence {
			return
		}
		posture := postureBlunt
		if ci.Mechanisms.Posture {
			posture = postureCode(ci.Posture)
		}
		s.deploy(w, li, ForceCounterinsurgency, ci.Units, ci.Strength, posture, ci.Intelligence,
			func(c int) float64 {
				return w.inside[c] + w.outside[c] + w.P.Forces.DeployPeople*w.popNorm[c]
			})
	case LeverCommunityProtection:
		cp := s.p.CommunityProtection
		if cp.Mechanisms.Units {
			s.deploy(w, li, ForceCommunityProtection, cp.Units, cp.Strength, postureProtective, cp.Intelligence,
				func(c int) float64 {
					cm := &w.Communities[c]
					near := 0.0
					w.within(c, w.P.Forces.DeployReach*w.P.Map.LocalKm, func(j int) { near += w.inside[j] + w.outside[j] })
					present := cm.Population / cm.Base
					return w.popLocal[c] * present / 1e4 * (w.P.Forces.Deploy + near/w.P.Fighters.BandSize + cm.Fear)
				})
		}
		if cp.Mechanisms.RegulariseMining {
			for c := range w.Communities {
				if s.zones[li] == nil || s.zones[li][w.CellZone[c]] {
					w.Communities[c].Regularised = w.Communities[c].Base > 0
				}
			}
		}
	}
}

func (s *leverState) stop(w *World, li int) {
	for _, i := range s.spawned {
		if u := &w.Units[i]; (li == LeverCounterinsurgency && u.Force == ForceCounterinsurgency) ||
			(li == LeverCommunityProtection && u.Force == ForceCommunityProtection) {
			u.Strength = 0
		}
	}
	if li == LeverCommunityProtection {
		for c := range w.Communities {
			w.Communities[c].Regularised = false
		}
	}
}

// deploy adds round(units × intensity) anchored units of a lever in the
// populated cells of its zones that score highest, the highest first, no
// two within Map.LocalKm of each other while there is room (sustained
// presence in key locations, spread alike at every resolution).
func (s *leverState) deploy(w *World, li, force, units, strength int, posture uint8, intel float64, score func(c int) float64) {
	n := int(float64(units)*s.intensity(li) + 0.5)
	var cells []int
	for c := range w.Grid.Cells {
		if w.Communities[c].Base > 0 && (s.zones[li] == nil || s.zones[li][w.CellZone[c]]) {
			cells = append(cells, c)
		}
	}
	if len(cells) == 0 || n == 0 {
		return
	}
	scores := make([]float64, len(w.Grid.Cells))
	for _, c := range cells {
		scores[c] = score(c)
	}
	slices.SortStableFunc(cells, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	allowed := make([]bool, len(w.Grid.Cells))
	for _, c := range cells {
		allowed[c] = true
	}
	// Spread the units: take the best cells no two of which share a local
	// area; once those are used up, go round them again.
	taken := make([]bool, len(w.Grid.Cells))
	var spots []int
	for _, c := range cells {
		if len(spots) == n {
			break
		}
		if taken[c] {
			continue
		}
		spots = append(spots, c)
		cells, _ := w.disc.of(c)
		for _, j := range cells {
			taken[j] = true
		}
	}
	for k := range n {
		c := spots[k%len(spots)]
		s.spawned = append(s.spawned, len(w.Units))
		w.Units = append(w.Units, Unit{Force: force, Actor: ActorForces, Cell: int32(c), Strength: strength,
			Posture: posture, Intelligence: intel, Anchor: int32(c), Target: -1, allowed: allowed, responded: -1})
	}
}

// intelligence returns the intelligence gathering and sharing the
// disaggregation lever adds in cell c.
func (s *leverState) intelligence(w *World, c int) (gather, share float64) {
	if !s.applies(w, LeverDisaggregation, c) {
		return 0, 0
	}
	d := s.p.Disaggregation
	if d.Mechanisms.Gathering {
		gather = d.Gathering * d.Intensity
	}
	if d.Mechanisms.Sharing {
		share = d.Sharing * d.Intensity
	}
	return gather, share
}

// interdicted reports whether counterinsurgency stops a move from cell a
// to cell b: between two of its zones, or into or out of a cut-off zone.
func (s *leverState) interdicted(w *World, a, b int) bool {
	ci := s.p.Counterinsurgency
	if !s.on[LeverCounterinsurgency] || !ci.Mechanisms.Interdiction {
		return false
	}
	za, zb := w.CellZone[a], w.CellZone[b]
	if za == zb {
		return false
	}
	z := s.zones[LeverCounterinsurgency]
	between := z != nil && z[za] && z[zb]
	cut := slices.Contains(ci.CutOff, w.ZoneIDs[za]) || slices.Contains(ci.CutOff, w.ZoneIDs[zb])
	return (between || cut) && w.chance(ci.Interdiction*ci.Intensity)
}

// enforcement returns the health network n loses this step to law
// enforcement against the illicit networks of the targeted groups, and
// costs the allied leader standing.
func (s *leverState) enforcement(w *World, n *Network) float64 {
	if !s.targets(LeverIllicitNetworks, int(n.Ally)) {
		return 0
	}
	if s.zones[LeverIllicitNetworks] != nil {
		in := false
		for _, c := range n.Cells {
			in = in || s.zones[LeverIllicitNetworks][w.CellZone[c]]
		}
		if !in {
			return 0
		}
	}
	il := s.p.IllicitNetworks
	if il.Mechanisms.Standing {
		g := &w.Groups[n.Ally]
		g.Standing = clamp01(g.Standing - il.Standing*il.Intensity*n.Health)
	}
	if !il.Mechanisms.Enforcement {
		return 0
	}
	return il.Enforcement * il.Intensity
}

// regularised returns the share of militant mining revenue lost where
// mining has been regularised.
func (s *leverState) regularised(w *World) float64 {
	if !s.on[LeverCommunityProtection] {
		return 0
	}
	cp := s.p.CommunityProtection
	return cp.Regularise * cp.Intensity
}

// guardLeader reports whether an attack on a local leader in cell c is
// foiled by the protection of local leaders.
func (s *leverState) guardLeader(w *World, c int) bool {
	if !s.applies(w, LeverCommunityProtection, c) {
		return false
	}
	cp := s.p.CommunityProtection
	return cp.Mechanisms.LeaderGuard && w.chance(cp.LeaderGuard*cp.Intensity)
}

// ceasefire returns the factor by which group gi's violence against the
// state and civilians is reduced by a deal: the full ceasefire under a
// settlement, half of it under a partial deal.
func (s *leverState) ceasefire(w *World, gi int) float64 {
	ps := s.p.PoliticalSettlement
	if ps == nil || !ps.Mechanisms.Ceasefire {
		return 1
	}
	switch w.Groups[gi].Talks {
	case Settled:
		return 1 - ps.Ceasefire
	case Partial:
		return 1 - ps.PartialCeasefire*ps.Ceasefire
	}
	return 1
}

// settledRecruitment returns the recruitment of group gi relative to one
// that has not settled.
func (s *leverState) settledRecruitment(w *World, gi int) float64 {
	ps := s.p.PoliticalSettlement
	if ps == nil || !ps.Mechanisms.Recruits || !w.Groups[gi].Settled() {
		return 1
	}
	return w.P.Recruitment.Settled
}

// talksRaiseRivalry reports whether a JNIM member is in talks (or under a
// partial deal) this step: negotiations with a government sour JNIM's
// relations with ISGS.
func (s *leverState) talksRaiseRivalry(w *World) bool {
	ps := s.p.PoliticalSettlement
	if ps == nil || !ps.Mechanisms.Rivalry {
		return false
	}
	for gi := range w.Groups {
		if g := &w.Groups[gi]; g.JNIM && (g.Talks == Talking || g.Talks == Partial) {
			return true
		}
	}
	return false
}

// leaderDied lets a deal made by group gi's leader break down when he
// dies.
func (s *leverState) leaderDied(w *World, gi int) {
	ps := s.p.PoliticalSettlement
	g := &w.Groups[gi]
	if ps != nil && (g.Talks == Settled || g.Talks == Partial) && w.chance(ps.Breakdown) {
		w.collapse(gi)
	}
}

// targetedSettled lets a deal with group gi break down when the state
// mounts a targeted operation against it.
func (s *leverState) targetedSettled(w *World, gi int) {
	ps := s.p.PoliticalSettlement
	g := &w.Groups[gi]
	if ps != nil && (g.Talks == Settled || g.Talks == Partial) && w.chance(ps.Breakdown) {
		w.collapse(gi)
	}
}

// amnesty returns the factor by which the reintegration lever raises
// defection of group gi's fighters in cell c, and whether a programme is
// open to them there.
func (s *leverState) amnesty(w *World, gi, c int) (float64, bool) {
	if !s.applies(w, LeverReintegration, c) || !s.targets(LeverReintegration, gi) {
		return 1, false
	}
	r := s.p.Reintegration
	f := 1.0
	if r.Mechanisms.Amnesty {
		f += r.Amnesty * r.Intensity
	}
	return f, r.Mechanisms.Programmes
}

// deterred reports whether a would-be material recruit of group gi in
// cell c takes the programme's other options instead.
func (s *leverState) deterred(w *World, gi, c int) bool {
	if !s.applies(w, LeverReintegration, c) || !s.targets(LeverReintegration, gi) {
		return false
	}
	r := s.p.Reintegration
	return r.Mechanisms.Deterrence && w.chance(r.Deterrence*r.Intensity)
}

// admit takes a defector into a programme if a place is free.
func (s *leverState) admit(w *World) bool {
	r := s.p.Reintegration
	if s.inProgramme >= int(float64(r.Capacity)*r.Intensity+0.5) {
		return false
	}
	s.inProgramme++
	return true
}

// release frees a programme place.
func (s *leverState) release() { s.inProgramme = max(0, s.inProgramme-1) }

// programme returns the programme's length in weeks and the community's
// acceptance.
func (s *leverState) programme() (weeks int, acceptance float64) {
	r := s.p.Reintegration
	return r.Weeks, r.Acceptance
}
