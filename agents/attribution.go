package agents

// label sets e's observed label and whether it was claimed: the report's
// central thesis. A claimed event by a JNIM member is claimed in the
// coalition's name ("JNIM"); an unclaimed one is traced to its component
// group with a probability that rises with the intelligence of the forces
// within reach and how much of it is shared; an untraced one gets the name
// of the coalition that dominates the area, or stays unknown.
func (w *World) label(e *Event) {
	gi := int(e.Perpetrator)
	g := &w.Groups[gi]
	c := int(e.Cell)
	if w.chance(g.P.Claims) {
		e.Claimed = true
		if g.JNIM {
			e.Label = LabelJNIM
		} else {
			e.Label = int8(gi)
		}
		return
	}
	if w.chance(w.traceProbability(c)) {
		e.Label = int8(gi)
		if !w.chance(w.P.Attribution.Accuracy) {
			e.Label = int8(w.strongestOther(gi, c))
		}
		return
	}
	e.Label = LabelUnknown
	if w.chance(w.P.Attribution.Generic) {
		if w.inside[c] >= w.outside[c] {
			e.Label = LabelJNIM
		} else {
			e.Label = int8(ISGS)
		}
	}
}

// traceProbability is the chance that an unclaimed event in cell c is
// traced to its component group: the base rate plus the best intelligence
// of the forces within reach, as far as it is shared.
func (w *World) traceProbability(c int) float64 {
	a := &w.P.Attribution
	intel := 0.0
	reach := w.P.Forces.Reach
	for i := range w.Units {
		u := &w.Units[i]
		if u.Strength == 0 {
			continue
		}
		if d := w.Grid.ApproxKm(c, int(u.Cell)); d <= reach {
			intel = max(intel, u.Intelligence*(1-0.5*d/max(reach, 1)))
		}
	}
	gather, share := w.levers.intelligence(w, c)
	intel = clamp01(intel + gather)
	return clamp01(a.Base + (1-a.Base)*intel*clamp01(a.Sharing+share))
}

// strongestOther returns the group other than gi with the most fighters in
// or next to cell c (gi itself if there is none): who observers blame when
// they trace an event wrongly.
func (w *World) strongestOther(gi, c int) int {
	best, most := gi, 0
	for gj := range w.Groups {
		if gj == gi {
			continue
		}
		n := w.Band(gj, c)
		for _, nb := range w.Grid.Cells[c].Neighbours {
			n += w.Band(gj, int(nb))
		}
		if n > most {
			best, most = gj, n
		}
	}
	return best
}
