package agents

import "math"

// stepBands lets every band (the active fighters of one group in one
// cell) choose how many attacks to make this step and against whom.
//
// Most bands make no attack in a week, and weighing every target is the
// costly part, so the count is drawn by thinning: a Poisson count at an
// upper bound of the rate (the exact weights of attacks on forces,
// devices, kidnappings and clashes, and a bound on those on civilians and
// leaders), each candidate kept with probability rate/bound. The weights
// are computed only for the bands with a candidate; the attacks have the
// same distribution as a Poisson count at the exact rate.
func (w *World) stepBands() {
	nc := len(w.Grid.Cells)
	vp := &w.P.Violence
	for gi := range w.Groups {
		g := &w.Groups[gi]
		g.spoiled = 0
		if g.Active == 0 {
			continue
		}
		mood := vp.Mood + (1-vp.Mood)*g.Cohesion
		if g.inChurn() {
			mood *= vp.Churn
		}
		if g.Treasury <= 0 {
			mood *= vp.Broke
		}
		for c := range nc {
			n := w.available(gi, c)
			if n == 0 {
				continue
			}
			var wt [Clash + 1]float64
			bound := w.weightBound(gi, c, &wt)
			k := w.poisson(vp.Tempo * float64(n) * w.yearFrac * mood * bound)
			if k == 0 {
				continue
			}
			total := w.targetWeights(gi, c, &wt)
			for ; k > 0 && w.available(gi, c) > 0; k-- {
				if w.uniform()*bound < total {
					w.attack(gi, c, w.pickType(&wt, total))
				}
			}
		}
	}
}

// control returns group gi's control of the local area of cell c: its
// share of the armed force there (its fighters, hostile rivals, soldiers,
// militiamen), with a band's worth of the unknown in the denominator so
// that a handful of fighters alone does not control an area (Kalyvas:
// control is what an armed actor holds against the others).
func (w *World) control(gi, c int) float64 {
	own := w.Local(gi, c)
	others := w.rivalWeight()*w.rivalForce(gi, c) + w.presence[c]*w.P.Forces.Presence + w.militiamen(c)
	return own / (own + others + w.P.Fighters.BandSize)
}

// militiamen returns the armed members of the militias within the local
// area of cell c: a full militia arms one farmer in a hundred.
func (w *World) militiamen(c int) float64 {
	cm := &w.Communities[c]
	return cm.Militia * cm.farmers() * w.popLocal[c] * w.P.Communities.Armed
}

// hostility returns how much the people of cell c stand against group gi:
// local resistance (a militia, support for the state over support for the
// group) and the share of people not of its kin, whom it sees as siding
// with its enemies.
func (w *World) hostility(gi, c int) float64 {
	vp := &w.P.Violence
	s := w.sensed(c)
	resist := s.militia + max(0, s.supportState-w.localSupport(gi, c))
	return vp.Resistance*resist + vp.Outgroup*(1-w.kinShare[gi*len(w.Grid.Cells)+c])
}

// A sense is what a band senses of the people of its local area: their
// means, weighted by the people present, so that it does not sharpen with
// the resolution (at 0.5° a local area is mostly one cell, at 0.125° about
// fifteen).
type sense struct {
	militia      float64 // farmers' militia strength × farmers' share
	supportState float64 // support for the state
	threatened   float64 // threat to the local leaders
	leadersLeft  float64 // leaders present over leaders at the start (all cells together)
	at           int32   // step (+1) it was computed for
}

// localSupport returns the support for group gi of the people within
// Map.LocalKm of cell c, weighted by the people present.
func (w *World) localSupport(gi, c int) float64 {
	var s, pop float64
	cells, wts := w.disc.of(c)
	for i, j := range cells {
		cm := &w.Communities[j]
		p := float64(wts[i]) * cm.Population
		s += p * float64(cm.Support[gi])
		pop += p
	}
	if pop <= 0 {
		return 0
	}
	return s / pop
}

// sensed returns what a band in cell c senses of its local area this
// step, computed the first time it is asked for.
func (w *World) sensed(c int) *sense {
	s := &w.senses[c]
	if s.at == int32(w.Step+1) {
		return s
	}
	*s = sense{at: int32(w.Step + 1)}
	var pop, leaders, start float64
	cells, wts := w.disc.of(c)
	for i, j := range cells {
		cm := &w.Communities[j]
		wt := float64(wts[i])
		leaders += wt * cm.Leaders
		start += wt * cm.LeadersStart
		p := wt * cm.Population
		if p <= 0 {
			continue
		}
		pop += p
		s.militia += p * cm.Militia * cm.farmers()
		s.supportState += p * cm.SupportState
		s.threatened += p * cm.Threatened
	}
	if pop > 0 {
		s.militia /= pop
		s.supportState /= pop
		s.threatened /= pop
	}
	if start > 0 {
		s.leadersLeft = leaders / start
	}
	return s
}

// targetWeights fills wt with how much each kind of attack tempts group gi
// in cell c, and returns their sum. The weights are the same for every
// group (times its tactical multipliers, all 1 by default); what differs
// is the group's aims and its situation:
//
//   - indiscriminate violence against civilians where the group lacks
//     control and the people stand against it (Kalyvas), restrained by
//     political aims;
//   - selective violence against local leaders and imams who refuse its
//     authority where it holds control, the more for religious and social
//     aims (Koufa's killings of imams and traditional leaders);
//   - attacks on soldiers where they are, and explosive devices on the
//     roads they use;
//   - kidnappings where people and traffic are;
//   - clashes with rivals nearby, in the measure of their hostility.
func (w *World) targetWeights(gi, c int, wt *[Clash + 1]float64) float64 {
	g := &w.Groups[gi]
	gp := g.P
	vp := &w.P.Violence
	people := w.people[c]
	ctrl := w.control(gi, c)
	restraint := 1 - vp.Restraint*gp.Political
	settled := w.levers.ceasefire(w, gi)

	sum := w.plainWeights(gi, c, wt)
	wt[AttackCivilians] = vp.Civilians * gp.Civilians * people * (1 - ctrl) * w.hostility(gi, c) * restraint * settled
	sn := w.sensed(c)
	leaders := min(1, vp.LeadersLeft*sn.leadersLeft)
	defiance := sn.supportState + sn.threatened
	wt[TargetedKilling] = vp.Leaders * gp.Leaders * people * leaders * ctrl * defiance * w.drive(gi) * restraint * settled
	return sum + wt[AttackCivilians] + wt[TargetedKilling]
}

// plainWeights fills the weights of attacks on forces, explosive devices,
// kidnappings and clashes (targetWeights) and returns their sum: the
// weights that need nothing of the people around.
func (w *World) plainWeights(gi, c int, wt *[Clash + 1]float64) float64 {
	gp := w.Groups[gi].P
	vp := &w.P.Violence
	pres := w.presence[c]
	settled := w.levers.ceasefire(w, gi)
	// Where there is gold to control, the soldiers guarding it are targets.
	pres = min(pres, vp.PresenceCap)
	wt[AttackForces] = vp.Security * gp.Security * (vp.Base + pres + vp.Guarded*w.transit[c] + vp.Guarded*w.gold[c]) * settled
	wt[Explosive] = vp.Explosive * gp.Explosive * (vp.Base + vp.Patrols*pres) * (vp.Roads + w.transit[c]) * settled
	wt[Kidnapping] = vp.Kidnap * gp.Kidnap * w.people[c] * (vp.Travellers + w.transit[c])
	if r := w.rivalForce(gi, c); r >= 0.5 {
		bs := w.P.Fighters.BandSize
		wt[Clash] = vp.Rivals * gp.Rivals * w.rivalWeight() * r / (r + bs) * (vp.Stakes + w.gold[c] + w.transit[c])
	} else {
		wt[Clash] = 0
	}
	return wt[AttackForces] + wt[Explosive] + wt[Kidnapping] + wt[Clash]
}

// weightBound returns an upper bound on the sum of group gi's target
// weights in cell c (targetWeights), cheap to compute: the plain weights
// exactly (filled into wt), and the weights of attacks on civilians and
// leaders at their largest (no control for the one, full control for the
// other, the largest hostility, leaders and defiance).
func (w *World) weightBound(gi, c int, wt *[Clash + 1]float64) float64 {
	gp := w.Groups[gi].P
	vp := &w.P.Violence
	people := w.people[c]
	restraint := 1 - vp.Restraint*gp.Political
	settled := w.levers.ceasefire(w, gi)
	// hostility ≤ resistance × (1 + 1) + outgroup × (1 − kin share).
	hostile := 2*vp.Resistance + vp.Outgroup*(1-w.kinShare[gi*len(w.Grid.Cells)+c])
	civilians := vp.Civilians * gp.Civilians * people * hostile * restraint * settled
	leaders := vp.Leaders * gp.Leaders * people * 2 * w.drive(gi) * restraint * settled
	return w.plainWeights(gi, c, wt) + civilians + leaders
}

// pickType draws an event type in proportion to the weights.
func (w *World) pickType(wt *[Clash + 1]float64, total float64) EventType {
	x := w.uniform() * total
	for t, v := range wt {
		x -= v
		if x < 0 {
			return EventType(t)
		}
	}
	return AttackForces
}

// committed returns the fighters group gi commits to an attack in cell c:
// a heavy-tailed number of mean Violence.Commit (half the square of an
// exponential draw: most attacks are raids by a few men, a few are
// massed assaults), at least one and at most all of its fighters within
// Map.LocalKm: only where a group has massed its fighters can it make a
// large attack (an assault on a base, a massacre).
func (w *World) committed(gi, c int) float64 {
	e := w.Rand.ExpFloat64()
	return max(1, min(w.Local(gi, c), w.P.Violence.Commit*e*e/2))
}

// attack carries out one attack of type t by group gi's band in cell c.
// Its fatalities are a Poisson count whose mean is the committed force
// times the fatalities per fighter of the type.
func (w *World) attack(gi, c int, t EventType) {
	g := &w.Groups[gi]
	cm := &w.Communities[c]
	vp := &w.P.Violence
	e := Event{Cell: int32(c), Type: t, Perpetrator: int8(gi), Against: -1}
	fat := 0
	switch t {
	case AttackForces:
		k := w.committed(gi, c)
		fat = w.poisson(vp.KillForces * k)
		// Militants die too when they attack soldiers.
		if fat > 0 {
			w.hit(gi, c, w.binomial(fat, vp.AttackLoss), 0)
		}
		g.spoiled++
	case Explosive:
		fat = w.poisson(vp.KillIED * w.Rand.ExpFloat64())
		g.spoiled++
	case AttackCivilians:
		fat = w.poisson(vp.KillCivil * w.committed(gi, c))
		w.frighten(c, w.P.Communities.AttackFear)
		w.stigmatise(gi, c, w.P.Communities.StigmaAttack)
		cm.Support[gi] = float32(clamp01(float64(cm.Support[gi]) - vp.SupportLoss))
		w.Flows.CiviliansByMilit += fat
		g.spoiled++
	case TargetedKilling:
		if w.levers.guardLeader(w, c) {
			fat = 0 // foiled by protection
		} else {
			fat = 1 + w.poisson(vp.KillLeader)
			cm.Leaders = max(0, cm.Leaders-1)
			cm.LeadersKilled++
			w.Flows.LeadersKilled++
			w.frighten(c, vp.LeaderShock*w.P.Communities.AttackFear)
			w.stigmatise(gi, c, vp.LeaderShock*w.P.Communities.StigmaAttack)
			cm.SupportState = clamp01(cm.SupportState - vp.SupportLoss)
		}
		g.spoiled++
	case Kidnapping:
		fat = w.poisson(vp.KillKidnap)
		if w.chance(vp.RansomPaid) {
			r := g.P.Ransom * w.Rand.ExpFloat64()
			g.Treasury += r
			g.Revenue[RevenueRansom] += r
		}
	case Clash:
		fat = w.clash(gi, c, &e)
		if e.Against < 0 {
			return
		}
	}
	e.Target = targetOf(t)
	e.Fatalities = int32(fat)
	w.label(&e)
	w.emit(e)
}

// clash fights the rival with most fighters around cell c, met where it
// has most within the local area; each side commits its force, and the
// stronger side loses fewer. It returns the fatalities and sets e.Against
// (left at -1 if no rival is there).
func (w *World) clash(gi, c int, e *Event) int {
	rival, most := -1, 0.0
	for rj := range w.Groups {
		if w.rivals(gi, rj) {
			if a := w.Local(rj, c); a > most {
				rival, most = rj, a
			}
		}
	}
	if rival < 0 {
		return 0
	}
	at, there := c, 0
	cells, _ := w.disc.of(c)
	for _, j := range cells {
		if a := w.available(rival, int(j)); a > there {
			at, there = int(j), a
		}
	}
	e.Against = int8(rival)
	mine, theirs := w.committed(gi, c), w.committed(rival, at)
	fat := max(1, w.poisson(w.P.Violence.KillClash*math.Sqrt(mine*theirs)))
	share := mine / (mine + theirs) // the stronger side loses fewer
	k1, c1 := w.hit(gi, c, w.binomial(fat, 1-share), w.P.Violence.ClashCapture)
	k2, _ := w.hit(rival, at, fat-k1-c1, w.P.Violence.ClashCapture)
	w.rivalryPush += w.P.Rivalry.Clash
	return k1 + k2
}

// targetOf returns who an event type hits.
func targetOf(t EventType) Target {
	switch t {
	case AttackForces, Explosive:
		return TargetForces
	case AttackCivilians, Kidnapping, Reprisal, Banditry:
		return TargetCivilians
	case TargetedKilling:
		return TargetLeader
	case Clash, Operation:
		return TargetMilitants
	}
	return TargetNone
}
