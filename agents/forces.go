package agents

import (
	"math"
	"slices"
)

// Posture codes of units.
const (
	postureBlunt uint8 = iota
	postureDiscriminating
	postureProtective
)

func postureCode(s string) uint8 {
	switch s {
	case Discriminating:
		return postureDiscriminating
	case Protective:
		return postureProtective
	}
	return postureBlunt
}

// Force indices: the five tables of Forces, then the units the levers add.
const (
	ForceMaliArmy = iota
	ForceBurkinaArmy
	ForceNigerArmy
	ForceInternational
	ForceMilitias
	ForceCounterinsurgency   // added by the counterinsurgency lever
	ForceCommunityProtection // added by the community-protection lever
	NumForces
)

// ForceIDs are the output names of the forces, in index order.
var ForceIDs = [NumForces]string{"mali_army", "burkina_army", "niger_army", "international", "militias",
	"counterinsurgency", "community_protection"}

// A Unit is one security-force unit: a company of soldiers, or a militia.
type Unit struct {
	Force        int
	Actor        int8 // ActorForces, or ActorMilitia for auxiliaries and militias
	Cell         int32
	Strength     int
	Posture      uint8
	Intelligence float64
	Mobility     float64 // km a week
	Anchor       int32   // cell it holds (sustained presence), or -1 when mobile
	Target       int32   // cell it is heading to, or -1
	allowed      []bool  // cells it may operate in
	responded    int     // last step it responded to an event
	withdrawn    bool    // withdrawn by a shock of the timeline (Strength 0)
}

// forceList returns the force tables in index order.
func (f *Forces) list() [ForceMilitias + 1]*ForceParams {
	return [...]*ForceParams{&f.MaliArmy, &f.BurkinaArmy, &f.NigerArmy, &f.International, &f.Militias}
}

// initForces deploys each force's units: national armies in proportion to
// population (garrisons in towns), the others in proportion to population
// and to the militants nearby.
func (w *World) initForces() {
	nc := len(w.Grid.Cells)
	weights := make([]float64, nc)
	for fi, fp := range w.P.Forces.list() {
		allowed := w.allowedCells(fp.Countries, fp.Zones)
		sum := w.deployWeights(fp, allowed, weights)
		if sum == 0 {
			continue
		}
		for range fp.Units {
			c := pickWeighted(w.uniform()*sum, weights)
			w.Units = append(w.Units, newUnit(fi, fp, allowed, c))
		}
	}
}

// deployWeights sets weights[c] to the weight of cell c in the deployment
// of a unit of force fp, allowed in the cells allowed: a national army
// where people are, the others where people are and militants too; 0
// where no one lives or the force may not go. It returns their sum.
func (w *World) deployWeights(fp *ForceParams, allowed []bool, weights []float64) float64 {
	sum := 0.0
	for c := range weights {
		weights[c] = 0
		if !allowed[c] || w.Communities[c].Base == 0 {
			continue
		}
		p := w.Grid.Cells[c].Population
		if fp.Kind == National {
			weights[c] = p
		} else {
			weights[c] = math.Sqrt(p) * (w.P.Forces.Deploy + (w.inside[c]+w.outside[c])/w.P.Fighters.BandSize)
		}
		sum += weights[c]
	}
	return sum
}

// newUnit returns a new unit of force fi (parameters fp), allowed in the
// cells allowed, in cell c.
func newUnit(fi int, fp *ForceParams, allowed []bool, c int) Unit {
	actor := int8(ActorForces)
	if fp.Kind == Auxiliary {
		actor = ActorMilitia
	}
	return Unit{Force: fi, Actor: actor, Cell: int32(c), Strength: fp.Strength,
		Posture: postureCode(fp.Posture), Intelligence: fp.Intelligence, Mobility: fp.Mobility,
		Anchor: -1, Target: -1, allowed: allowed, responded: -1}
}

// allowedCells returns which cells lie in the given countries (ISO3; all
// if empty) and zones (all if empty).
func (w *World) allowedCells(countries, zones []string) []bool {
	ok := make([]bool, len(w.Grid.Cells))
	for c := range ok {
		ok[c] = (len(countries) == 0 || slices.Contains(countries, w.Grid.Country(c))) &&
			(len(zones) == 0 || slices.Contains(zones, w.ZoneIDs[w.CellZone[c]]))
	}
	return ok
}

// updatePresence recomputes government presence per cell (the state's
// soldiers within Map.LocalKm, over Forces.Presence) and how long it has
// been sustained.
func (w *World) updatePresence() {
	clear(w.presence)
	clear(w.protect)
	full := w.P.Forces.Presence
	for i := range w.Units {
		u := &w.Units[i]
		if u.Actor != ActorForces || u.Strength == 0 {
			continue // militias are not the state's presence
		}
		s := float64(u.Strength) / full
		cells, wts := w.disc.of(int(u.Cell))
		for i, j := range cells {
			w.presence[j] += s * float64(wts[i])
			if u.Posture == postureProtective {
				w.protect[j] += s * float64(wts[i])
			}
		}
	}
	level := w.P.Forces.SustainedLevel
	for c := range w.presence {
		if w.presence[c] >= level {
			w.sustained[c]++
		} else {
			w.sustained[c] = 0
		}
	}
}

// felt returns what fighters feel of the state in cell c when they choose
// where to go: its presence averaged over the local area (so that they
// cannot slip between the discs of the units at finer resolutions),
// computed the first time it is asked for in a step.
func (w *World) felt(c int) float64 {
	if w.feltAt[c] == int32(w.Step+1) {
		return w.presFelt[c]
	}
	s := 0.0
	cells, area := w.disc.ofArea(c)
	for i, j := range cells {
		s += w.presence[j] * area[i]
	}
	w.presFelt[c], w.feltAt[c] = s/w.disc.total[c], int32(w.Step+1)
	return w.presFelt[c]
}

// respond lets security forces answer this step's militant attacks. The
// nearest unit within reach answers once a step. If the event's label names
// a group, it mounts a targeted operation against that group's band; if the
// label is only "JNIM" or unknown, a blunt unit sweeps the area, harming the
// community, while a discriminating unit engages only the band it finds.
// Protective units answer only in the cell they hold.
func (w *World) respond() {
	events := w.Log.Events()
	n := len(events) // responses append to the log; answer only the attacks
	for i := 0; i < n; i++ {
		e := events[i]
		if !e.Type.Violent() || e.Type == Clash {
			continue
		}
		c := int(e.Cell)
		u := w.nearestUnit(c)
		if u == nil || !w.chance(w.P.Forces.Response) {
			continue
		}
		u.responded = w.Step
		if u.Anchor < 0 {
			u.Target = int32(c)
		}
		switch {
		case e.Label >= 0 && int(e.Label) < NumGroups:
			w.targeted(u, c, int(e.Label))
		case u.Posture == postureBlunt:
			w.sweep(u, c, e.Label)
		default:
			w.engage(u, c, e.Label)
		}
		events = w.Log.Events() // the log may have grown
	}
}

// nearestUnit returns the closest unit within reach of cell c that may
// operate there and has not answered yet this step.
func (w *World) nearestUnit(c int) *Unit {
	var best *Unit
	bestD := w.P.Forces.Reach
	for i := range w.Units {
		u := &w.Units[i]
		if u.responded == w.Step || u.Strength == 0 || !u.allowed[c] {
			continue
		}
		d := w.Grid.ApproxKm(c, int(u.Cell))
		if u.Posture == postureProtective && d > w.P.Map.LocalKm {
			continue // a protective unit holds its local area
		}
		if d <= bestD {
			best, bestD = u, d
		}
	}
	return best
}

// strengthFactor scales an operation's effect with the unit's size.
func (w *World) strengthFactor(u *Unit) float64 {
	return min(w.P.Forces.SizeCap, float64(u.Strength)/w.P.Forces.UnitSize)
}

// engaged returns the share of the n fighters within its local area that
// unit u can engage in one operation: all of them up to Forces.Engaged
// fighters for a unit of full size, a falling share beyond (a company can
// only fight so many at once).
func (w *World) engaged(u *Unit, n float64) float64 {
	limit := w.P.Forces.Engaged * w.strengthFactor(u)
	if n <= limit {
		return 1
	}
	return limit / n
}

// targeted mounts an operation against group gi's fighters within
// Map.LocalKm of cell c, or, if it has none there, around the nearby cell
// where it has most.
func (w *World) targeted(u *Unit, c, gi int) {
	if w.Local(gi, c) < 0.5 {
		at, most := -1, 0.5
		for _, nb := range w.Grid.Cells[c].Neighbours {
			if a := w.Local(gi, int(nb)); a > most {
				at, most = int(nb), a
			}
		}
		if at < 0 {
			return // the group has gone
		}
		c = at
	}
	fp := &w.P.Forces
	// Each fighter within Map.LocalKm is hit with the same probability (a
	// cell's fighters in the measure of its share in the local area), at
	// every resolution.
	p := clamp01(fp.Lethality * w.strengthFactor(u) * (fp.Blind + u.Intelligence) * w.engaged(u, w.Local(gi, c)))
	killed, captured := 0, 0
	cells, wts := w.disc.ofBands(c)
	for i, j := range cells {
		k, cp := w.hit(gi, int(j), w.binomial(w.available(gi, int(j)), p*float64(wts[i])), fp.Capture)
		killed += k
		captured += cp
	}
	w.afterOperation(gi, c, u.Intelligence, killed+captured)
	w.levers.targetedSettled(w, gi)
	w.emit(Event{Cell: int32(c), Type: Operation, Target: TargetMilitants, Perpetrator: u.Actor,
		Label: int8(gi), Against: int8(gi), Fatalities: int32(killed), Claimed: killed+captured > 0})
}

// sweep is a blunt operation against everyone within Map.LocalKm of cell
// c: it hits militants at a fraction of a targeted operation's rate, kills
// civilians, and leaves grievance and stigmatisation behind.
func (w *World) sweep(u *Unit, c int, label int8) {
	fp := &w.P.Forces
	p := clamp01(fp.Lethality * fp.Blunt * w.strengthFactor(u) * w.engaged(u, w.inside[c]+w.outside[c]))
	cells, wts := w.disc.ofBands(c)
	killed, most, against := 0, 0.0, -1
	for gi := range w.Groups {
		a := w.Local(gi, c)
		if a == 0 {
			continue
		}
		for i, j := range cells {
			k, _ := w.hit(gi, int(j), w.binomial(w.available(gi, int(j)), p*float64(wts[i])), fp.Capture)
			killed += k
		}
		if a > most {
			most, against = a, gi
		}
	}
	if against >= 0 {
		w.emit(Event{Cell: int32(c), Type: Operation, Target: TargetMilitants, Perpetrator: u.Actor,
			Label: label, Against: int8(against), Fatalities: int32(killed)})
	}
	w.reprisal(c, u.Actor, fp.Collateral)
}

// engage is a discriminating operation: the unit engages the group with
// the largest local force within Map.LocalKm of cell c, without harming
// the community.
func (w *World) engage(u *Unit, c int, label int8) {
	against, most := -1, 0.0
	for gi := range w.Groups {
		if a := w.Local(gi, c); a > most {
			against, most = gi, a
		}
	}
	if against < 0 {
		return
	}
	fp := &w.P.Forces
	p := clamp01(fp.Lethality * fp.Engage * w.strengthFactor(u) * (fp.Blind + u.Intelligence) * w.engaged(u, most))
	killed := 0
	cells, wts := w.disc.ofBands(c)
	for i, j := range cells {
		k, _ := w.hit(against, int(j), w.binomial(w.available(against, int(j)), p*float64(wts[i])), fp.Capture)
		killed += k
	}
	w.emit(Event{Cell: int32(c), Type: Operation, Target: TargetMilitants, Perpetrator: u.Actor,
		Label: label, Against: int8(against), Fatalities: int32(killed)})
}

// homeCell returns the cell closest to group gi's home (computed once).
func (w *World) homeCell(gi int) int {
	if w.homeCells[gi] < 0 {
		gp := w.Groups[gi].P
		c := w.Grid.Locate(gp.Home[0], gp.Home[1])
		if c < 0 {
			best := math.Inf(1)
			for i := range w.Grid.Cells {
				cell := &w.Grid.Cells[i]
				if d := math.Hypot(cell.Lat-gp.Home[0], cell.Lon-gp.Home[1]); d < best {
					best, c = d, i
				}
			}
		}
		w.homeCells[gi] = c
	}
	return w.homeCells[gi]
}

// moveUnits moves every mobile unit with a target towards it, up to its
// weekly range, through cells it may operate in.
func (w *World) moveUnits() {
	for i := range w.Units {
		u := &w.Units[i]
		if u.Anchor >= 0 || u.Target < 0 {
			continue
		}
		hops := u.Mobility * float64(w.P.StepDays) / 7 / w.cellKm
		n := int(hops)
		if w.uniform() < hops-float64(n) {
			n++
		}
		for ; n > 0 && u.Cell != u.Target; n-- {
			best, bestD := int(u.Cell), w.Grid.ApproxKm(int(u.Cell), int(u.Target))
			for _, nb := range w.Grid.Cells[u.Cell].Neighbours {
				if !u.allowed[nb] {
					continue
				}
				if d := w.Grid.ApproxKm(int(nb), int(u.Target)); d < bestD {
					best, bestD = int(nb), d
				}
			}
			if best == int(u.Cell) {
				break
			}
			u.Cell = int32(best)
		}
		if u.Cell == u.Target {
			u.Target = -1
		}
	}
}
