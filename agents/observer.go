package agents

// The observer codes every event the way ACLED does, from what it can
// know: a claim or a reliable local report names the component group
// (intelligence shared by the forces too, the disaggregation lever);
// otherwise reporting at least says which coalitions operate in the area:
// the coalition's name "JNIM" where only JNIM's members do, the ambiguous
// label ("JNIM and/or ISGS") where both JNIM and ISGS do, ISGS where only
// it does; otherwise the event is an unidentified armed group's.

// label sets e's observed label and whether it was claimed.
func (w *World) label(e *Event) {
	ap := &w.P.Attribution
	gi := int(e.Perpetrator)
	g := &w.Groups[gi]
	c := int(e.Cell)
	if ap.Claims && w.chance(g.P.Claims) {
		e.Claimed = true
		e.Label = int8(gi)
		if g.JNIM && w.chance(ap.Coalition) {
			e.Label = LabelJNIM // claimed in the coalition's name
		}
		w.Flows.Claimed++
		return
	}
	if w.identified(gi, c) {
		e.Label = int8(gi)
		if !w.chance(ap.Accuracy) {
			e.Label = int8(w.strongestOther(gi, c))
		}
		return
	}
	e.Label = w.areaLabel(c)
	if e.Type == Clash && e.Label == LabelAmbiguous {
		// A clash between the two sides is known to involve both: the
		// record names the side that attacked.
		e.Label = LabelJNIM
		if !g.JNIM {
			e.Label = int8(gi)
		}
	}
}

// identified reports whether an unclaimed event by group gi in cell c is
// identified: by local reporting, which names a group the more readily
// the more of the local militant force it holds, or by intelligence
// traced and shared (the forces within reach, the disaggregation lever).
func (w *World) identified(gi, c int) bool {
	ap := &w.P.Attribution
	if ap.Reporting {
		all := w.inside[c] + w.outside[c]
		if all > 0 && w.chance(ap.Report*w.Local(gi, c)/all) {
			return true
		}
	}
	return w.chance(w.traceProbability(c))
}

// areaLabel returns the label of an event nobody identified in cell c:
// with probability Attribution.Generic (if reporting reaches the record)
// the coalitions known to operate within Attribution.AreaKm name it,
// otherwise an unidentified armed group.
func (w *World) areaLabel(c int) int8 {
	ap := &w.P.Attribution
	if !ap.Reporting || !w.chance(ap.Generic) {
		return LabelUnknown
	}
	var jnim, other float64
	w.within(c, ap.AreaKm, func(j int) {
		nc := len(w.Grid.Cells)
		for gi := range w.Groups {
			if n := float64(w.band[gi*nc+j]); n > 0 {
				if w.Groups[gi].JNIM {
					jnim += n
				} else {
					other += n
				}
			}
		}
	})
	j, i := jnim >= ap.Operates, other >= ap.Operates
	switch {
	case j && i:
		return LabelAmbiguous
	case j:
		return LabelJNIM
	case i:
		return int8(ISGS)
	}
	return LabelUnknown
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
			intel = max(intel, u.Intelligence*(1-a.Falloff*d/max(reach, 1)))
		}
	}
	gather, share := w.levers.intelligence(w, c)
	intel = clamp01(intel + gather)
	return clamp01(a.Base + (1-a.Base)*intel*clamp01(a.Sharing+share))
}

// strongestOther returns the group other than gi with the largest local
// force around cell c (gi itself if there is none): who observers blame
// when they trace an event wrongly.
func (w *World) strongestOther(gi, c int) int {
	best, most := gi, 0.0
	for gj := range w.Groups {
		if gj == gi {
			continue
		}
		if n := w.Local(gj, c); n > most {
			best, most = gj, n
		}
	}
	return best
}

// labelCrime sets the label of a criminal attack in cell c: recognised as
// crime (an unidentified armed group) with probability Attribution.Crime,
// otherwise labelled like an unidentified militant event, by the
// coalitions that operate in the area: criminal violence swells JNIM's
// record.
func (w *World) labelCrime(e *Event) {
	e.Label = LabelUnknown
	if !w.chance(w.P.Attribution.Crime) {
		e.Label = w.areaLabel(int(e.Cell))
	}
}
