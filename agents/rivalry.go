package agents

// RivalryState is the state of relations between JNIM's members and ISGS.
type RivalryState uint8

// Rivalry states, by hostility: below 1/3, below 2/3, and above.
const (
	Cooperation  RivalryState = iota // the "Sahelian exception": they share areas and do not fight
	Tolerance                        // they keep apart and fight now and then
	OpenConflict                     // they fight over areas, recruits and revenue
)

var rivalryNames = [...]string{"cooperation", "tolerance", "open_conflict"}

// String returns the snake_case name used in output files.
func (s RivalryState) String() string {
	if int(s) < len(rivalryNames) {
		return rivalryNames[s]
	}
	return "invalid"
}

// Rivalry returns the state of relations between JNIM's members and ISGS.
func (w *World) Rivalry() RivalryState {
	switch {
	case w.Hostility >= 2.0/3:
		return OpenConflict
	case w.Hostility >= 1.0/3:
		return Tolerance
	}
	return Cooperation
}

// rivalWeight returns how much rivals count as enemies in the current
// state: fully in open conflict, Rivalry.Tolerance in tolerance, its
// square in cooperation. It weighs clashes and the push of rivals on
// movement.
func (w *World) rivalWeight() float64 {
	t := w.P.Rivalry.Tolerance
	switch w.Rivalry() {
	case OpenConflict:
		return 1
	case Tolerance:
		return t
	}
	return t * t
}

// rivals reports whether groups a and b are on opposite sides: a JNIM
// member and a group outside the coalition.
func (w *World) rivals(a, b int) bool {
	return a != b && w.Groups[a].JNIM != w.Groups[b].JNIM
}

// updateRivalry moves hostility with the competition between the two
// sides: the share of the smaller side's fighters that share a local area
// with the other's (for the same cells, recruits and revenue), plus what
// the step's clashes, realignments and network switches added
// (w.rivalryPush, set by those rules), less a slow calm. Talks between a
// JNIM member and a government raise it too (the settlement lever).
func (w *World) updateRivalry() {
	rp := &w.P.Rivalry
	var in, out, overlap float64
	nc := len(w.Grid.Cells)
	for c := range nc {
		j, i := w.inside[c], w.outside[c]
		if j == 0 || i == 0 {
			continue
		}
		// A local force counts the fighters within Map.LocalKm; weighting
		// by the cell's share of a local area's size counts each once.
		overlap += min(j, i) * w.Grid.Cells[c].AreaKm2 / w.localArea
	}
	for gi := range w.Groups {
		if w.Groups[gi].JNIM {
			in += float64(w.Groups[gi].Active)
		} else {
			out += float64(w.Groups[gi].Active)
		}
	}
	share := 0.0
	if smaller := min(in, out); smaller > 0 {
		share = min(1, overlap/smaller)
	}
	h := w.Hostility + rp.Competition*share - rp.Calm*w.Hostility + w.rivalryPush
	if w.levers.talksRaiseRivalry(w) {
		h += rp.Talks
	}
	w.Hostility = clamp01(h)
	w.rivalryPush = 0
}
