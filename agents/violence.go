package agents

// Mean fatalities of one event of each type by a band at full striking
// capacity (assumptions calibrated to the report's total; see MODEL.md).
var meanFatalities = [NumEventTypes]float64{
	AttackForces: 6.0, AttackCivilians: 5.5, TargetedKilling: 1.2, Explosive: 2.5, Kidnapping: 0.1, Clash: 7.0,
}

// stepBands lets every band (the active fighters of one group in one
// cell) choose how many attacks to make this step and against whom.
func (w *World) stepBands() {
	nc := len(w.Grid.Cells)
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Active == 0 {
			continue
		}
		mood := 0.5 + 0.5*g.Cohesion
		if g.inChurn() {
			mood *= 0.7
		}
		if g.Treasury <= 0 {
			mood *= 0.7
		}
		for c := range nc {
			n := w.available(gi, c)
			if n == 0 {
				continue
			}
			var wt [Clash + 1]float64
			total := w.targetWeights(gi, c, &wt)
			rate := g.P.Tempo * float64(n) * w.yearFrac * mood * total
			for k := w.poisson(rate); k > 0 && w.available(gi, c) > 0; k-- {
				w.attack(gi, c, w.pickType(&wt, total))
			}
		}
	}
}

// targetWeights fills wt with how much each kind of attack tempts group gi
// in cell c, and returns their sum. Tactics (the group's propensities) meet
// circumstances: people, opposition, soldiers, roads and rivals.
func (w *World) targetWeights(gi, c int, wt *[Clash + 1]float64) float64 {
	gp := w.Groups[gi].P
	cell := &w.Grid.Cells[c]
	cm := &w.Communities[c]
	people := w.people[c]
	pres := w.presence[c]
	oppose := cm.Militia + max(0, cm.SupportState-float64(cm.Support[gi]))
	settled := w.levers.ceasefire(w, gi)

	wt[AttackCivilians] = gp.Civilians * people * (0.3 + w.P.Communities.Resistance*oppose) * settled
	wt[TargetedKilling] = gp.Leaders * people * min(1, cm.Leaders/5) * (0.5 + cm.SupportState) * (0.5 + gp.Governance) * settled
	// Where there is gold to control, the soldiers guarding it are targets.
	wt[AttackForces] = gp.Security * (0.15 + pres + 0.5*cell.Transit + 0.5*cell.Gold) * settled
	wt[Explosive] = gp.Explosive * (0.1 + 0.5*pres + cell.Transit) * settled
	wt[Kidnapping] = gp.Kidnap * 0.3 * people
	rivals := 0
	for rj := range w.Groups {
		if w.rivals(gi, rj) {
			rivals += w.available(rj, c)
		}
	}
	if rivals > 0 {
		bs := w.P.Fighters.BandSize
		wt[Clash] = gp.Rivals * w.levers.rivalry(w, gi) * float64(rivals) / (float64(rivals) + bs) * (0.5 + cell.Gold + cell.Transit)
	} else {
		wt[Clash] = 0
	}
	sum := 0.0
	for _, v := range wt {
		sum += v
	}
	return sum
}

// pickType draws an event type in proportion to the weights.
func (w *World) pickType(wt *[Clash + 1]float64, total float64) EventType {
	x := w.Rand.Float64() * total
	for t, v := range wt {
		x -= v
		if x < 0 {
			return EventType(t)
		}
	}
	return AttackForces
}

// attack carries out one attack of type t by group gi's band in cell c.
func (w *World) attack(gi, c int, t EventType) {
	g := &w.Groups[gi]
	cm := &w.Communities[c]
	n := w.available(gi, c)
	bs := w.P.Fighters.BandSize
	size := 0.3 + 1.4*float64(n)/(float64(n)+bs)
	fat := w.poisson(meanFatalities[t] * g.P.Lethality * size * w.Rand.ExpFloat64())
	e := Event{Cell: int32(c), Type: t, Perpetrator: int8(gi), Against: -1}
	switch t {
	case AttackForces, Explosive:
		// Militants die too when they attack soldiers.
		if t == AttackForces && fat > 0 {
			w.hit(gi, c, w.binomial(fat, 0.3), 0)
		}
	case AttackCivilians:
		cm.Fear = clamp01(cm.Fear + w.P.Communities.AttackFear)
		cm.Support[gi] = float32(clamp01(float64(cm.Support[gi]) - 0.05))
		w.Flows.CiviliansByMilit += fat
	case TargetedKilling:
		if w.levers.guardLeader(w, c) {
			fat = 0 // foiled by protection
		} else {
			fat = max(fat, 1)
			killed := min(cm.Leaders, 1)
			cm.Leaders -= killed
			cm.LeadersKilled++
			w.Flows.LeadersKilled++
			cm.Fear = clamp01(cm.Fear + w.P.Communities.AttackFear/2)
			cm.SupportState = clamp01(cm.SupportState - 0.05)
		}
		e.Target = TargetLeader
	case Kidnapping:
		if w.chance(0.3) {
			r := g.P.Ransom * w.Rand.ExpFloat64()
			g.Treasury += r
			g.Revenue[RevenueRansom] += r
		}
	case Clash:
		rival, most := -1, 0
		for rj := range w.Groups {
			if w.rivals(gi, rj) {
				if a := w.available(rj, c); a > most {
					rival, most = rj, a
				}
			}
		}
		if rival < 0 {
			return
		}
		e.Against = int8(rival)
		fat = max(fat, 1)
		share := float64(n) / float64(n+most) // the stronger side loses fewer
		k1, c1 := w.hit(gi, c, w.binomial(fat, 1-share), 0.1)
		k2, c2 := w.hit(rival, c, fat-k1-c1, 0.1)
		fat = k1 + k2
		_ = c2
	}
	e.Target = targetOf(t)
	e.Fatalities = int32(fat)
	w.label(&e)
	w.emit(e)
}

// targetOf returns who an event type hits.
func targetOf(t EventType) Target {
	switch t {
	case AttackForces, Explosive:
		return TargetForces
	case AttackCivilians, Kidnapping, Reprisal:
		return TargetCivilians
	case TargetedKilling:
		return TargetLeader
	case Clash, Operation:
		return TargetMilitants
	}
	return TargetNone
}
