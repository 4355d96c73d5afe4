package agents

// stepActive is an active fighter's week: he may defect or, if not, move.
// One uniform draw u decides which (u < p defect; p ≤ u < p + pMove
// consider a move) and, rescaled, which displacement he considers. Most
// fighters do neither: the pass calls it only for those whose draw is
// below the group's bound (w.pIdle).
func (w *World) stepActive(f *Fighter, u float64) {
	gi := int(f.Group)
	c := int(f.Cell)
	p := w.pDefect[gi] * (1 - float64(f.Commitment)) * (1 + w.P.Fighters.Pressure*w.presence[c])
	amnesty, programme := 1.0, false
	if w.levers.on[LeverReintegration] {
		amnesty, programme = w.levers.amnesty(w, gi, c)
		p *= amnesty
	}
	switch {
	case u < p:
		w.defect(f, programme)
	case u < p+w.pMove[gi]:
		w.maybeMove(f, (u-p)/w.pMove[gi])
	}
}

// defect: an active fighter leaves his group. Defection is likelier
// for materially motivated fighters, in incohesive or leaderless groups,
// under security pressure and where an amnesty is credible. A defector
// enters a reintegration programme if one has a place for him, or joins
// another group present (realignment), or turns to crime near routes and
// mines, or blends back into a community. It reports whether f stopped
// fighting for his group.
func (w *World) defect(f *Fighter, programme bool) {
	gi := int(f.Group)
	c := int(f.Cell)
	fp := &w.P.Fighters
	w.Flows.Defected++
	w.emit(Event{Cell: int32(c), Type: Defection, Target: TargetNone, Perpetrator: int8(gi), Label: int8(gi), Against: -1})
	switch {
	case programme && w.levers.admit(w):
		w.setStatus(f, InProgramme)
		w.Flows.Programme++
		return
	case w.chance(w.realignShare(gi)):
		if to := w.realignTarget(gi, c); to >= 0 {
			w.switchGroup(f, to)
			w.Flows.Realigned++
			return
		}
	}
	if float64(f.Commitment) < fp.Committed && w.gold[c]+w.transit[c] > fp.Opportunity && w.chance(fp.Criminal) {
		w.setStatus(f, Criminal)
		w.Flows.Criminal++
		return
	}
	w.setStatus(f, Defected)
	w.Flows.Blended++
}

// realignShare returns the share of group gi's defectors who join another
// group: Fighters.Realign, or Fighters.ChurnRealign while the group has no
// effective leader (its remnants join others: Ansaroul Islam's
// reintegrated with FLM after Ibrahim Dicko's death).
func (w *World) realignShare(gi int) float64 {
	if w.Groups[gi].LeaderAlive {
		return w.P.Fighters.Realign
	}
	return w.P.Fighters.ChurnRealign
}

// realignTarget returns the group a defector from gi in cell c would join:
// among the other groups with fighters in his local area, the most
// cohesive, a group of his kin counting double; or -1.
func (w *World) realignTarget(gi, c int) int {
	best, bestC := -1, 0.0
	for gj := range w.Groups {
		if gj == gi || w.Local(gj, c) < 1 || w.Groups[gj].Leaderless {
			continue
		}
		co := w.Groups[gj].Cohesion
		if w.sameKin(gi, gj) {
			co *= w.P.Fighters.RealignKin
		}
		if co > bestC {
			best, bestC = gj, co
		}
	}
	return best
}

// sameKin reports whether groups a and b share a people of their kin.
func (w *World) sameKin(a, b int) bool {
	for k := range NumCommunities {
		if w.kin[a][k] && w.kin[b][k] {
			return true
		}
	}
	return false
}

// stepProgramme ends a fighter's reintegration programme after its length:
// the community accepts him (reintegrated) with a probability that falls
// with its stigmatisation, or he returns to his group.
func (w *World) stepProgramme(f *Fighter) {
	weeks, acceptance := w.levers.programme()
	if int(f.Since)+max(1, weeks*7/w.P.StepDays) > w.Step {
		return
	}
	w.levers.release()
	cm := &w.Communities[f.Cell]
	if w.chance(acceptance * (1 - w.P.Fighters.Stigmatised*cm.MeanStigma())) {
		w.setStatus(f, Reintegrated)
		w.Flows.Reintegrated++
		return
	}
	// Not accepted: some go straight back to their network, the others
	// stay in the community, at risk of going back later.
	if w.chance(w.P.Fighters.Programme) {
		w.returnToFight(f)
		return
	}
	w.setStatus(f, Defected)
	w.Flows.Blended++
}

// maybeRecidivate lets a fighter who left go back to his jihadist network:
// likelier where grievance and stigmatisation are high, much less likely
// after a completed programme. u is his uniform draw (the pass calls it
// only for the fighters whose draw fell below w.pRec).
func (w *World) maybeRecidivate(f *Fighter, u float64) {
	cm := &w.Communities[f.Cell]
	p := w.P.Fighters.Recidivism * (w.P.Fighters.Relapse + cm.MeanGrievance() + cm.MeanStigma())
	if f.Status == Reintegrated {
		p *= w.P.Fighters.Reaccepted
	}
	if u < p {
		w.returnToFight(f)
	}
}

// returnToFight sends a fighter back to his last group, or to the group
// with most fighters where he is if that one has withered.
func (w *World) returnToFight(f *Fighter) {
	if w.Groups[f.Group].Leaderless {
		if to := w.realignTarget(int(f.Group), int(f.Cell)); to >= 0 {
			f.Group = int8(to)
		}
	}
	w.setStatus(f, Returned)
	w.Flows.Recidivists++
}
