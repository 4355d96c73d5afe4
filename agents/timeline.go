package agents

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/sim"
)

// Timeline holds a scenario's dated shocks: exogenous events (a coup, a
// withdrawal of foreign forces, a law arming volunteers) that change some
// of the parameters from a given date on. Package scenarios resolves the
// [timeline.<id>] tables of a scenario file into it. A world without
// shocks runs exactly as before the timeline existed.
type Timeline struct {
	Shocks []Shock
}

// A Shock is one dated change of parameters.
type Shock struct {
	ID     string   // the id of its [timeline.<id>] table, snake_case
	Date   sim.Date // it applies at the first step whose first day is on or after Date
	Note   string   // what happened, in a few words
	Source string   // a public source for the event and its date
	Keys   []string // dotted paths of the keys it changes, e.g. "forces.international.units"
	Change Change   // how it changes them
}

// A Change changes some keys of a Params in place: it sets them or scales
// them. It may change only the keys that CanChange accepts; it must not
// share memory with p's other keys.
type Change interface {
	ApplyTo(p *Params) error
}

// ShockStep returns the step at which a shock dated d applies under clock
// c: the first step whose first day is on or after d (c.Steps if none).
func ShockStep(c sim.Clock, d sim.Date) int {
	days := d.DaysSince(c.Start)
	if days <= 0 {
		return 0
	}
	s := (days + c.StepDays - 1) / c.StepDays
	return min(s, c.Steps)
}

// Ordered returns the shocks of t in the order they apply: by date, and
// in the order of t.Shocks for equal dates (package scenarios lists them
// by id, so shocks of the same date apply in alphabetical order of id).
func (t Timeline) Ordered() []Shock {
	out := slices.Clone(t.Shocks)
	slices.SortStableFunc(out, func(a, b Shock) int { return a.Date.DaysSince(b.Date) })
	return out
}

// Buildtime keys are read only when the world is built: a shock cannot
// change them. Forces' units, strength, posture, intelligence, mobility,
// countries and zones are read when the world is built too, but a shock
// that changes them redeploys the force's units (World.adjustForce).
var buildtime = map[string]string{
	"start": "the calendar", "end": "the calendar", "step_days": "the calendar", "seed": "the random streams",
	"map": "the grid", "zones": "the zones", "timeline": "the timeline itself",
	"fighters.start_home": "the placing of fighters at the start", "fighters.start_people": "the placing of fighters at the start",
	"fighters.mobility":       "the displacement distribution, computed once",
	"movement.cover":          "the static opportunity of cells, computed once",
	"movement.far":            "the static opportunity of cells, computed once",
	"movement.far_km":         "the static opportunity of cells, computed once",
	"movement.gold":           "the static opportunity of cells, computed once",
	"movement.people":         "the static opportunity of cells, computed once",
	"movement.transit":        "the static opportunity of cells, computed once",
	"movement.area_floor":     "the closeness of cells to each group's home, computed once",
	"movement.lure_km":        "the reach of illicit networks, computed once",
	"movement.lure_value":     "the reach of illicit networks, computed once",
	"violence.crowd":          "the people of each cell, computed once",
	"rivalry.start":           "the hostility at the start",
	"communities.group_start": "the communities at the start", "communities.leaders_per": "the communities at the start",
	"communities.mining_share": "the communities' livelihoods, set at the start", "communities.trade_share": "the communities' livelihoods, set at the start",
	"communities.state_start": "the communities at the start",
	"illicit.trafficking":     "the illicit networks, built once", "illicit.road": "the illicit networks, built once",
	"illicit.gold_kg": "the illicit networks, built once", "illicit.gold_price": "the illicit networks, built once",
	"illicit.route_km": "the illicit networks, built once", "illicit.mining_km": "the illicit networks, built once",
}

// buildtimeGroup are the keys of a group read only when the world is built.
var buildtimeGroup = map[string]string{
	"label": "the group's name", "coalition": "the coalitions, fixed at the start (change rivalry's drivers instead)",
	"fighters": "the fighters at the start", "leader": "the leader's name", "areas": "the group's historical area",
	"home": "the group's historical area", "home_km": "the group's historical area", "kin": "the group's kin networks",
	"treasury": "the money at the start",
}

// Force keys a shock may change: setting them redeploys the force.
var forceKeys = []string{"units", "strength", "posture", "intelligence", "mobility", "countries", "zones"}

// Lever keys read when the lever is set up (at the world's start or the
// lever's), which a shock cannot change.
var leverFixed = []string{"start", "end", "zones", "groups", "units", "strength", "posture", "intelligence", "cut_off", "enabled"}

// CanChange reports whether a shock may change the key at the dotted path
// (a key of the schema of Params), and if not why, with what can change.
func CanChange(path string) (ok bool, why string) {
	parts := strings.Split(path, ".")
	for n := len(parts); n > 0; n-- {
		if what, ok := buildtime[strings.Join(parts[:n], ".")]; ok {
			return false, fmt.Sprintf("%s is read only when the world is built (%s)", path, what)
		}
	}
	switch parts[0] {
	case "groups":
		if len(parts) == 3 {
			if what, ok := buildtimeGroup[parts[2]]; ok {
				return false, fmt.Sprintf("%s is read only when the world is built (%s)", path, what)
			}
		}
	case "forces":
		if len(parts) == 3 && !slices.Contains(forceKeys, parts[2]) {
			return false, fmt.Sprintf("%s is read only when the world is built: of a force, a shock can change %s (its units are redeployed)", path, strings.Join(forceKeys, ", "))
		}
	case "policy":
		if len(parts) >= 3 && slices.Contains(leverFixed, parts[2]) {
			return false, fmt.Sprintf("%s is read when the lever is set up: a lever's timing, reach and units are set in its own table (start, end, zones, groups); a shock can change its other keys", path)
		}
	}
	return true, ""
}

// ChangeableTables names, for error messages, what a shock can change.
const ChangeableTables = "groups' aims, tactics, leaders' fate (leader_killed, succession) and money; forces' units, strength, posture, intelligence and mobility (redeployed), and their shared rules; the rules of fighters, movement, violence, recruitment, leadership, rivalry, crime, communities (militias, arming, displacement), attribution and illicit networks, and levers that are on (not their start, end, zones, groups or units)"

// timelineState is a world's schedule of shocks.
type timelineState struct {
	shocks []Shock
	steps  []int    // step at which each shock applies
	params []Params // parameters from each shock on
	next   int      // index of the next shock to apply
	weight []float64
	cells  [][][]bool // by shock and force: the cells the force may operate in from then on, if the shock changes them
}

// ownParams returns a copy of p that a world can change: the same values,
// with its own lever tables (the other tables it shares hold only values a
// shock never changes in place).
func ownParams(p *Params) *Params {
	cp := *p
	cp.Policy = clonePolicy(&p.Policy)
	return &cp
}

func clonePolicy(p *Policy) Policy {
	c := *p
	if p.Disaggregation != nil {
		v := *p.Disaggregation
		c.Disaggregation = &v
	}
	if p.Counterinsurgency != nil {
		v := *p.Counterinsurgency
		c.Counterinsurgency = &v
	}
	if p.IllicitNetworks != nil {
		v := *p.IllicitNetworks
		c.IllicitNetworks = &v
	}
	if p.CommunityProtection != nil {
		v := *p.CommunityProtection
		c.CommunityProtection = &v
	}
	if p.PoliticalSettlement != nil {
		v := *p.PoliticalSettlement
		c.PoliticalSettlement = &v
	}
	if p.Reintegration != nil {
		v := *p.Reintegration
		c.Reintegration = &v
	}
	return c
}

// Resolve returns the parameters in force after each shock of t, applied
// in order (Ordered) from p, and the shocks in that order. It fails if a
// shock's change fails. p is not changed.
func (t Timeline) Resolve(p *Params) ([]Shock, []Params, error) {
	shocks := t.Ordered()
	out := make([]Params, len(shocks))
	cur := ownParams(p)
	for i, s := range shocks {
		if s.Change != nil {
			if err := s.Change.ApplyTo(cur); err != nil {
				return nil, nil, fmt.Errorf("timeline.%s: %w", s.ID, err)
			}
		}
		out[i] = *cur
		cur = ownParams(cur)
	}
	return shocks, out, nil
}

// initTimeline schedules the world's shocks and reserves what deploying
// units at a shock needs, so that the steps allocate nothing.
func (w *World) initTimeline() {
	shocks, params, err := w.P.Timeline.Resolve(w.P)
	if err != nil {
		// The loader applies every shock when it validates a scenario:
		// failing here is a bug, not bad input.
		panic(fmt.Sprintf("agents: %v", err))
	}
	t := &w.timeline
	t.shocks, t.params = shocks, params
	t.steps = make([]int, len(shocks))
	extra := 0
	prev := w.P.Forces.list()
	t.cells = make([][][]bool, len(shocks))
	for i, s := range shocks {
		t.steps[i] = ShockStep(w.Clock, s.Date)
		cur := params[i].Forces.list()
		for fi := range cur {
			extra += max(0, cur[fi].Units-prev[fi].Units)
			if !slices.Equal(cur[fi].Countries, prev[fi].Countries) || !slices.Equal(cur[fi].Zones, prev[fi].Zones) {
				if t.cells[i] == nil {
					t.cells[i] = make([][]bool, len(cur))
				}
				t.cells[i][fi] = w.allowedCells(cur[fi].Countries, cur[fi].Zones)
				extra += cur[fi].Units // in the worst case, every unit redeploys
			}
		}
		prev = cur
	}
	if extra > 0 {
		w.Units = slices.Grow(w.Units, extra)
		t.weight = make([]float64, len(w.Grid.Cells))
	}
	w.forceCells = make([][]bool, len(prev))
	for i := range w.Units {
		u := &w.Units[i]
		if u.Force < len(w.forceCells) {
			w.forceCells[u.Force] = u.allowed
		}
	}
	for fi, fp := range w.P.Forces.list() {
		if w.forceCells[fi] == nil {
			w.forceCells[fi] = w.allowedCells(fp.Countries, fp.Zones)
		}
	}
}

// applyShocks applies the shocks due at the current step, in order.
func (w *World) applyShocks() {
	t := &w.timeline
	for t.next < len(t.shocks) && t.steps[t.next] <= w.Step {
		old := w.P.Forces
		var killed [NumGroups]sim.Date
		for gi := range w.Groups {
			killed[gi] = w.Groups[gi].P.LeaderKilled
		}
		setParams(w.P, &t.params[t.next])
		cur := w.P.Forces.list()
		for fi, o := range old.list() {
			var cells []bool
			if t.cells[t.next] != nil {
				cells = t.cells[t.next][fi]
			}
			if cells != nil || forceChanged(o, cur[fi]) {
				w.adjustForce(fi, cur[fi], cells)
			}
		}
		// A leader's death dated before this step (the shock's date falls
		// within the step before) happens now: updateLeadership looks only
		// at the step that contains the date.
		for gi := range w.Groups {
			if d := w.Groups[gi].P.LeaderKilled; d != killed[gi] && !d.IsZero() && w.Clock.Step(d) < w.Step {
				w.killLeader(gi)
			}
		}
		t.next++
	}
}

// setParams sets *dst to *src, keeping dst's own lever tables (copying
// their values) so that the levers' state keeps pointing at them.
func setParams(dst, src *Params) {
	pol := dst.Policy
	*dst = *src
	dst.Policy = pol
	copyLever(pol.Disaggregation, src.Policy.Disaggregation)
	copyLever(pol.Counterinsurgency, src.Policy.Counterinsurgency)
	copyLever(pol.IllicitNetworks, src.Policy.IllicitNetworks)
	copyLever(pol.CommunityProtection, src.Policy.CommunityProtection)
	copyLever(pol.PoliticalSettlement, src.Policy.PoliticalSettlement)
	copyLever(pol.Reintegration, src.Policy.Reintegration)
}

func copyLever[T any](dst, src *T) {
	if dst != nil && src != nil {
		*dst = *src
	}
}

func forceChanged(a, b *ForceParams) bool {
	return a.Units != b.Units || a.Strength != b.Strength || a.Posture != b.Posture ||
		a.Intelligence != b.Intelligence || a.Mobility != b.Mobility
}

// adjustForce brings force fi's units in line with fp: if cells is not
// nil, the force may operate only there from now on (its countries or
// zones changed) and its units elsewhere are withdrawn; the units in
// service take its strength, posture, intelligence and mobility; the most
// recently deployed are withdrawn if there are more than fp.Units, and
// new ones deploy (where militants are, as at the start) if fewer.
func (w *World) adjustForce(fi int, fp *ForceParams, cells []bool) {
	if cells != nil {
		w.forceCells[fi] = cells
	}
	active := 0
	for i := range w.Units {
		u := &w.Units[i]
		if u.Force != fi || u.withdrawn {
			continue
		}
		if cells != nil {
			u.allowed = cells
			if !cells[u.Cell] {
				u.withdrawn, u.Strength, u.Anchor, u.Target = true, 0, -1, -1
				continue
			}
		}
		active++
		u.Strength, u.Posture, u.Intelligence, u.Mobility = fp.Strength, postureCode(fp.Posture), fp.Intelligence, fp.Mobility
	}
	for i := len(w.Units) - 1; i >= 0 && active > fp.Units; i-- {
		if u := &w.Units[i]; u.Force == fi && !u.withdrawn {
			u.withdrawn, u.Strength, u.Anchor, u.Target = true, 0, -1, -1
			active--
		}
	}
	if active < fp.Units {
		w.deployForce(fi, fp, fp.Units-active)
	}
}

// deployForce deploys n more units of force fi as initForces places them,
// reusing withdrawn units of the force before adding new ones.
func (w *World) deployForce(fi int, fp *ForceParams, n int) {
	allowed := w.forceCells[fi]
	weights := w.timeline.weight
	sum := w.deployWeights(fp, allowed, weights)
	if sum == 0 {
		return
	}
	reuse := 0
	for range n {
		c := pickWeighted(w.uniform()*sum, weights)
		u := newUnit(fi, fp, allowed, c)
		for ; reuse < len(w.Units); reuse++ {
			if v := &w.Units[reuse]; v.Force == fi && v.withdrawn {
				break
			}
		}
		if reuse < len(w.Units) {
			w.Units[reuse] = u
			continue
		}
		w.Units = append(w.Units, u)
	}
}

// Shocks returns the world's shocks in the order they apply, with the
// step at which each applies.
func (w *World) Shocks() ([]Shock, []int) { return w.timeline.shocks, w.timeline.steps }
