package acled

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

// ACLED's names of the actors (see the package documentation).
const (
	NameJNIM    = "JNIM: Group for Support of Islam and Muslims"
	NameFLM     = "Katiba Macina"
	NameAnsar   = "Ansar Dine"
	NameSerma   = "Katiba Serma"
	NameAnsarul = "Ansaroul Islam"
	NameAQIM    = "AQIM: Al Qaeda in the Islamic Maghreb"
	NameMourab  = "Al Mourabitoune"
	NameISGS    = "Islamic State (Greater Sahara)"
)

// ACLED's actor type codes (inter1, inter2).
const (
	interState    = 1
	interRebel    = 2
	interPolitMil = 3
	interIdentMil = 4
	interCivilian = 7
)

// groupName returns ACLED's name of group g (an index in agents.GroupIDs).
func groupName(g int) string {
	return [agents.NumGroups]string{
		agents.FLM:           NameFLM,
		agents.AnsarDine:     NameAnsar,
		agents.KatibaSerma:   NameSerma,
		agents.AnsaroulIslam: NameAnsarul,
		agents.AQIMSahara:    NameAQIM,
		agents.AlMourabitoun: NameMourab,
		agents.ISGS:          NameISGS,
	}[g]
}

// A country is what ACLED records of a study country.
type country struct {
	name string
	iso  int // ISO 3166-1 numeric
	// forces are the names of the state's forces, each used from its date
	// (ACLED names them by government).
	forces []dated
}

type dated struct {
	from sim.Date
	name string
}

// countryOf returns ACLED's record of the study country iso3.
func countryOf(iso3 string) (country, bool) {
	switch iso3 {
	case "MLI":
		return country{"Mali", 466, []dated{
			{sim.Date{}, "Military Forces of Mali (2013-2020)"},
			{sim.NewDate(2020, 8, 19), "Military Forces of Mali (2020-2021)"},
			{sim.NewDate(2021, 5, 25), "Military Forces of Mali (2021-)"},
		}}, true
	case "BFA":
		return country{"Burkina Faso", 854, []dated{
			{sim.Date{}, "Military Forces of Burkina Faso (2015-2022)"},
			{sim.NewDate(2022, 1, 24), "Military Forces of Burkina Faso (2022-)"},
		}}, true
	case "NER":
		return country{"Niger", 562, []dated{
			{sim.Date{}, "Military Forces of Niger (2011-2021)"},
			{sim.NewDate(2021, 4, 2), "Military Forces of Niger (2021-2023)"},
			{sim.NewDate(2023, 7, 26), "Military Forces of Niger (2023-)"},
		}}, true
	}
	return country{}, false
}

// forcesName returns the name of c's state forces on date d.
func (c country) forcesName(d sim.Date) string {
	name := c.forces[0].name
	for _, f := range c.forces[1:] {
		if !d.Before(f.from) {
			name = f.name
		}
	}
	return name
}

// An actor is one side of an event.
type actor struct {
	name  string
	inter int
}

// An Exporter turns the events of a run into ACLED events. It numbers
// event_id_cnty per country across everything it converts, so one
// Exporter serves one file.
type Exporter struct {
	run       *Run
	coder     coder
	seq       map[string]int // last number per ISO3 code
	town      []int          // nearest town (index in Grid.Places) of each cell, -1 before it is looked up
	timestamp int64
}

// NewExporter returns an Exporter of the events of run. The rows'
// timestamp is the end of the run, from its manifest, so exporting the
// same run twice gives the same file.
func NewExporter(run *Run) *Exporter {
	x := &Exporter{run: run, coder: coder{jnim: run.JNIM}, seq: map[string]int{}, town: make([]int, len(run.Grid.Cells))}
	for i := range x.town {
		x.town[i] = -1
	}
	if run.Manifest != nil && !run.Manifest.End.IsZero() {
		x.timestamp = run.Manifest.End.Unix()
	}
	return x
}

// Event converts the run's event re into e. It returns false, leaving e
// as it was, for events that are not ACLED events (defections,
// displacements), and an error for an event it cannot place or name.
func (x *Exporter) Event(rep int, re *agents.Event, e *Event) (bool, error) {
	typ, step, cell := re.Type, int(re.Step), int(re.Cell)
	if typ == agents.Defection || typ == agents.Displacement {
		return false, nil
	}
	g := x.run.Grid
	if cell < 0 || cell >= len(g.Cells) {
		return false, fmt.Errorf("%w: rep %d step %d: cell %d is not on the run's grid (%d cells)", ErrRunFile, rep, step, cell, len(g.Cells))
	}
	iso3 := g.Country(cell)
	c, ok := countryOf(iso3)
	if !ok {
		return false, fmt.Errorf("rep %d step %d: no ACLED record of country %s", rep, step, iso3)
	}
	date := x.run.Clock.Date(step)
	cd, _, err := x.coder.code(typ, re.Label, re.Perpetrator, re.Against, c, date)
	if err != nil {
		return false, fmt.Errorf("%w: rep %d step %d: %w", ErrRunFile, rep, step, err)
	}
	gc := &g.Cells[cell]
	*e = Event{
		Date: date, Year: date.Year(), TimePrecision: 2, DisorderType: "Political violence",
		EventType: cd.eventType, SubEventType: cd.subEventType, CivilianTargeting: cd.civilianTargeting,
		ISO: c.iso, Region: "Western Africa", Country: c.name, Admin1: g.Regions[gc.Region].Name,
		Location: x.location(cell), Latitude: gc.Lat, Longitude: gc.Lon, GeoPrecision: 2,
		Source: "sahelsim (simulated)", SourceScale: "Other", Fatalities: int(re.Fatalities), Timestamp: x.timestamp,
	}
	e.Actor1, e.Inter1 = cd.a1.name, strconv.Itoa(cd.a1.inter)
	e.Actor2, e.Inter2 = cd.a2.name, strconv.Itoa(cd.a2.inter)
	e.Interaction = strconv.Itoa(10*min(cd.a1.inter, cd.a2.inter) + max(cd.a1.inter, cd.a2.inter))
	e.Notes = fmt.Sprintf("sahelsim rep %d, step %d: %s", rep, step, cd.what)
	if re.Claimed && typ != agents.Operation {
		e.Notes += ", claimed"
	}
	x.seq[iso3]++
	e.ID = iso3 + strconv.Itoa(x.seq[iso3])
	return true, nil
}

// A coder codes simulated events as ACLED records them: the one mapping
// of event types and labels onto ACLED's event types and actors, shared
// by the export and by the count of the training patterns
// (PatternCounter).
type coder struct {
	// jnim says which groups (by index in agents.GroupIDs) belong to the
	// JNIM coalition.
	jnim [agents.NumGroups]bool
}

// A coding is how ACLED records one event: its event type and sub-event
// type, its two sides, whether it targeted civilians, and what happened
// in words, for the notes.
type coding struct {
	eventType, subEventType string
	a1, a2                  actor
	civilianTargeting       bool
	what                    string
}

// code returns how ACLED records an event of type typ (not a defection or
// a displacement) with the observed label label (a group index,
// agents.LabelJNIM, LabelAmbiguous or LabelUnknown), carried out by
// perpetrator (agents.ActorForces, ActorMilitia, ActorCriminal or a group
// index) against the group against (a group index, or anything else for
// none), in country c on date d. ok is false for the types ACLED does not
// record.
func (k *coder) code(typ agents.EventType, label, perpetrator, against int8, c country, d sim.Date) (cd coding, ok bool, err error) {
	if typ == agents.Defection || typ == agents.Displacement || typ >= agents.NumEventTypes {
		return coding{}, false, nil
	}
	var labelled actor // the group the observers named, for events linked to one
	if typ != agents.Reprisal {
		if labelled, err = labelActor(label, c); err != nil {
			return coding{}, false, err
		}
	}
	state := actor{c.forcesName(d), interState}
	civilians := actor{"Civilians (" + c.name + ")", interCivilian}
	perp := state
	if perpetrator == agents.ActorMilitia {
		perp = actor{"Unidentified Communal Militia (" + c.name + ")", interIdentMil}
	}
	switch typ {
	case agents.AttackForces:
		cd = coding{"Battles", "Armed clash", labelled, state, false, "attack on security forces"}
	case agents.AttackCivilians:
		cd = coding{"Violence against civilians", "Attack", labelled, civilians, true, "attack on civilians"}
	case agents.TargetedKilling:
		cd = coding{"Violence against civilians", "Attack", labelled, civilians, true, "killing of a local leader or imam"}
	case agents.Explosive:
		cd = coding{"Explosions/Remote violence", "Remote explosive/landmine/IED", labelled, state, false, "explosive device against security forces"}
	case agents.Kidnapping:
		cd = coding{"Violence against civilians", "Abduction/forced disappearance", labelled, civilians, true, "kidnapping for ransom"}
	case agents.Clash:
		cd = coding{"Battles", "Armed clash", labelled, k.rivalActor(against, c), false, "clash between militant groups"}
	case agents.Operation:
		cd = coding{"Battles", "Armed clash", perp, labelled, false, "security operation against militants"}
	case agents.Reprisal:
		cd = coding{"Violence against civilians", "Attack", perp, civilians, true, "reprisal against a community"}
	case agents.Banditry:
		cd = coding{"Violence against civilians", "Attack", labelled, civilians, true, "criminal attack (banditry, cattle theft)"}
	}
	return cd, true, nil
}

// labelActor returns the actor an observed label names: a component group
// by ACLED's name, the coalition, ACLED's ambiguous "JNIM and/or ISGS"
// actor, or an unidentified armed group of the country.
func labelActor(label int8, c country) (actor, error) {
	switch {
	case label == agents.LabelJNIM:
		return actor{NameJNIM, interRebel}, nil
	case label == agents.LabelAmbiguous:
		return actor{NameAmbiguous, interRebel}, nil
	case label == agents.LabelUnknown:
		return actor{"Unidentified Armed Group (" + c.name + ")", interPolitMil}, nil
	case agents.IsGroup(label):
		return actor{groupName(int(label)), interRebel}, nil
	}
	return actor{}, fmt.Errorf("label %q names no group", agents.ActorID(label))
}

// rivalActor returns the other side of a clash: observers tell the
// coalitions apart (each claims its fights), not the components, so the
// rival is named by its coalition, JNIM for a member and the group's own
// name otherwise.
func (k *coder) rivalActor(against int8, c country) actor {
	g := int(against)
	switch {
	case !agents.IsGroup(against):
		return actor{"Unidentified Armed Group (" + c.name + ")", interPolitMil}
	case k.jnim[g]:
		return actor{NameJNIM, interRebel}
	}
	return actor{groupName(g), interRebel}
}

// location returns the name of the town nearest to cell i, in its
// country if it has one.
func (x *Exporter) location(i int) string {
	g := x.run.Grid
	if x.town[i] < 0 {
		c := &g.Cells[i]
		iso3 := g.Country(i)
		best, bestD, sameCountry := -1, math.Inf(1), false
		for j, p := range g.Places {
			if p.Kind != "town" {
				continue
			}
			d := sim.Haversine(c.Lat, c.Lon, p.Lat, p.Lon)
			same := p.ISO3 == iso3
			if best < 0 || same && !sameCountry || same == sameCountry && d < bestD {
				best, bestD, sameCountry = j, d, same
			}
		}
		x.town[i] = best
	}
	if x.town[i] < 0 {
		return ""
	}
	return g.Places[x.town[i]].Name
}

// Export writes the run's events in ACLED's layout to w: every replicate
// if rep < 0, else replicate rep only. It returns the number of events
// written.
func Export(w io.Writer, run *Run, rep int) (int, error) {
	x := NewExporter(run)
	aw := NewWriter(w)
	if err := aw.WriteHeader(); err != nil {
		return 0, err
	}
	events, err := run.events()
	if err != nil {
		return 0, err
	}
	n := 0
	var e Event
	for r, evs := range events {
		if rep >= 0 && r != rep {
			continue
		}
		for i := range evs {
			ok, err := x.Event(r, &evs[i], &e)
			if err != nil {
				return n, err
			}
			if !ok {
				continue
			}
			n++
			if err := aw.Write(&e); err != nil {
				return n, err
			}
		}
	}
	return n, aw.Flush()
}
