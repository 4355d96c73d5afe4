package acled

import (
	"fmt"
	"sync"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/sim"
)

// A PatternCounter counts the events of simulated runs into the table of
// the training patterns (evidence.Counts) as ACLED counts real events, so
// that the simulated patterns and the real ones are measured by one rule.
// Each event is coded as the export codes it (the same mapping of event
// types and observed labels onto ACLED's event types and actors), then
// kept and labelled by the Classifier of DefaultActors, the filter of the
// training data, and classed by Class:
//
//   - only political violence linked to a militant Islamist actor that
//     the record names is counted: attacks, explosive devices, kidnappings
//     and clashes, and security operations, whose observed label names a
//     group, JNIM, or "JNIM and/or ISGS". An event with an unknown
//     perpetrator is an "Unidentified Armed Group" event, which ACLED's
//     files of militant Islamist events do not hold; a clash of an
//     unknown group with ISGS counts as ISGS's, read from the second
//     side, as ACLED's would. Reprisals by forces and militias name no
//     militant actor; defections and displacements are not ACLED events;
//   - within the area of the data: cells of Mali and Burkina Faso, and of
//     Niger's Tillabéri and Tahoua regions (not Niamey);
//   - within the training window, by the date of the event's step;
//   - in the country and the zone of the data (evidence.ZoneOf) of the
//     cell's admin-1 region, whatever zones the scenario defines.
//
// A PatternCounter may be used by several goroutines at once: the
// codings it has worked out are shared.
type PatternCounter struct {
	coder coder
	class *Classifier
	cells []patternCell

	mu   sync.RWMutex
	memo map[codeKey]codeResult
}

// A patternCell is where a cell counts.
type patternCell struct {
	country, zone int8 // indices of evidence.Countries (the order of countryOf) and evidence.Zones
	in            bool // in the area of the data
}

// A codeKey is everything that decides how an event is coded.
type codeKey struct {
	typ                   agents.EventType
	label, perp, against  int8
	country, forcesPeriod int8
}

// A codeResult is how an event is counted: whether it is, its label and
// its class in the training data.
type codeResult struct {
	keep         bool
	label, class int8
}

// NewPatternCounter returns a PatternCounter of the events of runs on the
// grid g, whose coalition JNIM has the members jnim (by index in
// agents.GroupIDs; see JNIMMembers).
func NewPatternCounter(g *sim.Grid, jnim [agents.NumGroups]bool) (*PatternCounter, error) {
	class, err := NewClassifier("")
	if err != nil {
		return nil, err
	}
	pc := &PatternCounter{coder: coder{jnim: jnim}, class: class, cells: make([]patternCell, len(g.Cells)), memo: map[codeKey]codeResult{}}
	regions := make([]patternCell, len(g.Regions))
	for r, reg := range g.Regions {
		iso3 := g.Countries[reg.Country].ISO3
		c, ok := countryOf(iso3)
		if !ok {
			return nil, fmt.Errorf("acled: region %s: no ACLED record of country %s", reg.Name, iso3)
		}
		regions[r] = patternCell{country: int8(evidence.CountryIndex(c.name)), zone: int8(evidence.ZoneOf(reg.Name)),
			in: evidence.InArea(c.name, reg.Name)}
	}
	for i := range g.Cells {
		pc.cells[i] = regions[g.Cells[i].Region]
	}
	return pc, nil
}

// JNIMMembers returns which groups belong to the JNIM coalition in p.
func JNIMMembers(p *agents.Params) (m [agents.NumGroups]bool) {
	for g, gp := range p.Groups.List() {
		m[g] = gp.Coalition == "JNIM"
	}
	return m
}

// Covers reports whether a run on clock covers the whole training window:
// a run that does not counts only part of it.
func Covers(clock sim.Clock) bool {
	last := clock.Date(clock.Steps - 1).AddDays(clock.StepDays - 1)
	return !clock.Start.Time().After(evidence.WindowStart()) && !last.Time().Before(evidence.WindowEnd())
}

// Count adds the events of one run, whose steps are dated by clock, to c.
// It fails only for an event it cannot code (a violent event labelled
// with something that names no group, or a cell off the grid).
func (pc *PatternCounter) Count(events []agents.Event, clock sim.Clock, c *evidence.Counts) error {
	for i := range events {
		e := &events[i]
		if e.Type == agents.Defection || e.Type == agents.Displacement {
			continue
		}
		d := clock.Date(int(e.Step))
		h, ok := evidence.HalfOf(d.Time())
		if !ok {
			continue
		}
		if e.Cell < 0 || int(e.Cell) >= len(pc.cells) {
			return fmt.Errorf("acled: event of step %d in cell %d, off the grid of %d cells", e.Step, e.Cell, len(pc.cells))
		}
		cell := pc.cells[e.Cell]
		if !cell.in {
			continue
		}
		r, err := pc.code(e, cell, d)
		if err != nil {
			return err
		}
		if r.keep {
			c.Add(evidence.Coded{Half: h, Country: int(cell.country), Zone: int(cell.zone), Label: int(r.label), Class: int(r.class), Fatalities: int(e.Fatalities)})
		}
	}
	return nil
}

// code returns how event e, in a cell of cell's country, on date d, is
// counted.
func (pc *PatternCounter) code(e *agents.Event, cell patternCell, d sim.Date) (codeResult, error) {
	c, _ := countryOf([...]string{"MLI", "BFA", "NER"}[cell.country])
	period := 0
	for i, f := range c.forces[1:] {
		if !d.Before(f.from) {
			period = i + 1
		}
	}
	// Only what the coding reads: the perpetrator of operations and
	// reprisals (forces or militia), the rival of clashes.
	k := codeKey{typ: e.Type, label: e.Label, perp: -1, against: -1, country: cell.country, forcesPeriod: int8(period)}
	switch e.Type {
	case agents.Operation, agents.Reprisal:
		k.perp = e.Perpetrator
	case agents.Clash:
		k.against = e.Against
	}
	pc.mu.RLock()
	r, ok := pc.memo[k]
	pc.mu.RUnlock()
	if ok {
		return r, nil
	}
	cd, ok, err := pc.coder.code(e.Type, e.Label, k.perp, k.against, c, d)
	if err != nil {
		return codeResult{}, fmt.Errorf("acled: %s event of step %d: %w", e.Type, e.Step, err)
	}
	if ok {
		ev := Event{EventType: cd.eventType, SubEventType: cd.subEventType, Actor1: cd.a1.name, Actor2: cd.a2.name}
		if l, militant := pc.class.Label(&ev); militant && l != LabelUnknown {
			class, _ := Class(cd.eventType, cd.subEventType)
			r = codeResult{keep: true, label: int8(evidenceLabel(l)), class: int8(class)}
		}
	}
	pc.mu.Lock()
	pc.memo[k] = r
	pc.mu.Unlock()
	return r, nil
}

// CountEvent adds e, an event of an ACLED file, to c if the training data
// would count it, and reports whether it did: a militant Islamist event
// that class keeps and whose record names a group, JNIM or "JNIM and/or
// ISGS" (not an unknown one), dated within the training window, in the
// area of the data by its country and admin1 columns; its zone comes
// from admin1 (evidence.ZoneOf) and its class from its event and
// sub-event types (Class). This is how the shipped data were counted
// from ACLED's exports.
func CountEvent(class *Classifier, e *Event, c *evidence.Counts) bool {
	l, ok := class.Label(e)
	if !ok || l == LabelUnknown {
		return false
	}
	h, ok := evidence.HalfOf(e.Date.Time())
	co := evidence.CountryIndex(e.Country)
	if !ok || co < 0 || !evidence.InArea(e.Country, e.Admin1) {
		return false
	}
	k, _ := Class(e.EventType, e.SubEventType)
	c.Add(evidence.Coded{Half: h, Country: co, Zone: evidence.ZoneOf(e.Admin1), Label: evidenceLabel(l), Class: k, Fatalities: e.Fatalities})
	return true
}
