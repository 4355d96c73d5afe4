package agents

// stepCriminal is the week of a fighter who struck out on his own in
// crime: he may be arrested where the state is present, recruited back by
// a group with fighters nearby, or he robs, steals cattle and kidnaps
// (banditry events, which observers may take for militant ones).
func (w *World) stepCriminal(f *Fighter) {
	cp := &w.P.Crime
	c := int(f.Cell)
	if w.chance(cp.Arrest * min(w.presence[c], 1)) {
		f.Status, f.Since = Captured, int32(w.Step)
		w.Flows.Arrested++
		return
	}
	if w.chance(cp.RecruitBack) {
		if to := w.strongestNear(c); to >= 0 {
			f.Group = int8(to)
			w.setStatus(f, Returned)
			w.Flows.RecruitedBack++
			return
		}
	}
	for k := w.poisson(cp.Rate * w.yearFrac); k > 0; k-- {
		w.crime(c)
	}
}

// strongestNear returns the group with the largest local force around
// cell c (at least one fighter), or -1: who recruits a criminal back.
func (w *World) strongestNear(c int) int {
	best, most := -1, 1.0
	for gi := range w.Groups {
		if w.Groups[gi].Leaderless {
			continue
		}
		if n := w.Local(gi, c); n >= most {
			best, most = gi, n
		}
	}
	return best
}

// crime is one criminal attack in cell c: a robbery, a cattle theft or a
// kidnapping, which frightens the local area a little.
func (w *World) crime(c int) {
	cp := &w.P.Crime
	e := Event{Cell: int32(c), Type: Banditry, Target: TargetCivilians, Perpetrator: ActorCriminal, Against: -1,
		Fatalities: int32(w.poisson(cp.Kill * w.Rand.ExpFloat64()))}
	w.frighten(c, cp.Fear*w.P.Communities.AttackFear)
	w.labelCrime(&e)
	w.Flows.CriminalEvents++
	w.emit(e)
}
