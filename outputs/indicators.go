package outputs

import (
	"math"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

// An Indicator is a headline indicator of a replicate, a column of
// summary.csv. A Name with a pattern, <year>, <zone> or <group>, stands
// for one column per calendar year of the run, per zone of the scenario
// (World.ZoneIDs, "rest" included) or per group (agents.GroupIDs).
type Indicator struct {
	Name string
	Doc  string
	// Target is the id of the report's figure the indicator measures
	// (internal/evidence), or "".
	Target string
}

// OnsetEvents is the number of violent events by JNIM members in a zone
// within one calendar year that marks the onset of JNIM violence there
// (east_bf_onset_year, southwest_bf_onset_year): about one a month.
const OnsetEvents = 12

// Zones of the report named by the indicators. An indicator that needs a
// zone the scenario does not define is NaN.
const (
	ZoneCentralMali     = "central_mali"
	ZoneNorthernBurkina = "northern_burkina"
	ZoneNorthernMali    = "northern_mali"
	ZoneEastBurkina     = "eastern_burkina_niger"
	ZoneSouthwest       = "southwestern_burkina"
)

// flmAreas are the zones the report calls FLM-dominated.
var flmAreas = [...]string{ZoneCentralMali, ZoneNorthernBurkina}

// Start dates of the report's windows for FLM's civilian targeting.
func flmCivilianFrom() sim.Date     { return sim.NewDate(2018, 1, 1) }
func civilianAttacksFrom() sim.Date { return sim.NewDate(2018, 10, 1) }

// pattern is what an indicator's name is expanded over.
type pattern uint8

const (
	scalar pattern = iota
	perYear
	perZone
	perGroup
)

// indicatorDef defines an indicator: its documentation and how to compute
// it. k is the index of the year, zone or group for a pattern.
type indicatorDef struct {
	name  string
	over  pattern
	doc   string
	value func(t *tally, k int) float64
}

// indicatorTable returns the headline indicators in the order of the
// columns of summary.csv. It drives both their computation and Indicators.
func indicatorTable() []indicatorDef {
	flm := func(g int) bool { return g == agents.FLM }
	return []indicatorDef{
		{"events_total", scalar, "militant events (violent events by a group, and security operations against one: agents.Event.Militant)",
			func(t *tally, _ int) float64 { return t.sum(t.ev, nil, anyGroup, -1) }},
		{"fatalities_total", scalar, "fatalities of militant events",
			func(t *tally, _ int) float64 { return t.sum(t.fat, nil, anyGroup, -1) }},
		{"events_<year>", perYear, "militant events in the calendar year (by the first day of the step)",
			func(t *tally, y int) float64 { return t.sum(t.ev, nil, anyGroup, y) }},
		{"fatalities_<year>", perYear, "fatalities of militant events in the calendar year",
			func(t *tally, y int) float64 { return t.sum(t.fat, nil, anyGroup, y) }},
		{"events_<zone>", perZone, "militant events in the zone",
			func(t *tally, z int) float64 { return t.sum(t.ev, []int{z}, anyGroup, -1) }},
		{"fatalities_<zone>", perZone, "fatalities of militant events in the zone",
			func(t *tally, z int) float64 { return t.sum(t.fat, []int{z}, anyGroup, -1) }},
		{"jnim_share_events", scalar, "share of militant events whose true group is a JNIM member",
			func(t *tally, _ int) float64 {
				return ratio(t.sum(t.ev, nil, t.member, -1), t.sum(t.ev, nil, anyGroup, -1))
			}},
		{"jnim_share_events_observed", scalar, "share of militant events labelled \"JNIM\" or a JNIM member, over those with a known label (\"ambiguous\" counts as known, not as JNIM)",
			func(t *tally, _ int) float64 { return ratio(t.labelJNIMish, t.labelKnown) }},
		{"flm_share_jnim_events", scalar, "FLM's share of the militant events of JNIM members",
			func(t *tally, _ int) float64 { return ratio(t.sum(t.ev, nil, flm, -1), t.sum(t.ev, nil, t.member, -1)) }},
		{"flm_areas_share_jnim", scalar, "share of the militant events of JNIM members in central_mali and northern_burkina (the FLM areas)",
			func(t *tally, _ int) float64 {
				zs, ok := t.zoneIndices(flmAreas[:]...)
				return t.share(ok, t.sum(t.ev, zs, t.member, -1), t.sum(t.ev, nil, t.member, -1))
			}},
		{"flm_areas_share_jnim_fatalities", scalar, "share of the fatalities of JNIM members' militant events in central_mali and northern_burkina",
			func(t *tally, _ int) float64 {
				zs, ok := t.zoneIndices(flmAreas[:]...)
				return t.share(ok, t.sum(t.fat, zs, t.member, -1), t.sum(t.fat, nil, t.member, -1))
			}},
		{"civilian_share_<group>", perGroup, "share of the group's violent events that were attacks on civilians or targeted killings",
			func(t *tally, g int) float64 {
				is := func(h int) bool { return h == g }
				return ratio(t.sum(t.civ, nil, is, -1), t.sum(t.viol, nil, is, -1))
			}},
		{"civilian_share_<zone>", perZone, "share of JNIM members' violent events in the zone that were attacks on civilians or targeted killings",
			func(t *tally, z int) float64 {
				return ratio(t.sum(t.civ, []int{z}, t.member, -1), t.sum(t.viol, []int{z}, t.member, -1))
			}},
		{"flm_civilian_share", scalar, "share of FLM's violent events from 2018-01-01 that were attacks on civilians or targeted killings",
			func(t *tally, _ int) float64 { return ratio(t.flmCiv18, t.flmViol18) }},
		{"north_mali_civilian_share", scalar, "share of JNIM members' violent events in northern_mali that were attacks on civilians or targeted killings",
			func(t *tally, _ int) float64 {
				zs, ok := t.zoneIndices(ZoneNorthernMali)
				return t.share(ok, t.sum(t.civ, zs, t.member, -1), t.sum(t.viol, zs, t.member, -1))
			}},
		{"civilian_events_central_share", scalar, "share of JNIM members' attacks on civilians and targeted killings that took place in central_mali and northern_burkina",
			func(t *tally, _ int) float64 {
				zs, ok := t.zoneIndices(flmAreas[:]...)
				return t.share(ok, t.sum(t.civ, zs, t.member, -1), t.sum(t.civ, nil, t.member, -1))
			}},
		{"flm_share_civilian_attacks", scalar, "FLM's share of JNIM members' attacks on civilians and targeted killings from 2018-10-01",
			func(t *tally, _ int) float64 { return ratio(t.flmCiv1810, t.jnimCiv1810) }},
		{"events_first_year", scalar, "militant events in the first 365 days (the first round(365/step_days) steps)",
			func(t *tally, _ int) float64 { return t.first }},
		{"events_last_year", scalar, "militant events in the last 365 days (the last round(365/step_days) steps)",
			func(t *tally, _ int) float64 { return t.last }},
		{"surge_ratio", scalar, "events_last_year / events_first_year",
			func(t *tally, _ int) float64 { return ratio(t.last, t.first) }},
		{"revenue_<group>", perGroup, "the group's revenue from every source per year (USD): total over the run / years simulated",
			func(t *tally, g int) float64 { return t.groups[g].revenue / t.yearsRun }},
		{"jnim_revenue_usd", scalar, "JNIM members' joint revenue per year (USD)",
			func(t *tally, _ int) float64 {
				s := 0.0
				for g := range agents.NumGroups {
					if t.member(g) {
						s += t.groups[g].revenue
					}
				}
				return s / t.yearsRun
			}},
		{"fighters_<group>", perGroup, "the group's active fighters at the end",
			func(t *tally, g int) float64 { return float64(t.groups[g].active) }},
		{"fighters_total", scalar, "active fighters of every group at the end",
			func(t *tally, _ int) float64 {
				s := 0
				for _, g := range t.groups {
					s += g.active
				}
				return float64(s)
			}},
		{"defections", scalar, "fighters who left their group (every path out)",
			func(t *tally, _ int) float64 { return float64(t.flows.Defected) }},
		{"realigned", scalar, "defectors who joined another group",
			func(t *tally, _ int) float64 { return float64(t.flows.Realigned) }},
		{"criminal", scalar, "defectors who turned to crime",
			func(t *tally, _ int) float64 { return float64(t.flows.Criminal) }},
		{"in_programme", scalar, "defectors who entered a reintegration programme",
			func(t *tally, _ int) float64 { return float64(t.flows.Programme) }},
		{"reintegrated", scalar, "fighters who completed a programme and were accepted back",
			func(t *tally, _ int) float64 { return float64(t.flows.Reintegrated) }},
		{"recidivists", scalar, "fighters who returned to a group after leaving it",
			func(t *tally, _ int) float64 { return float64(t.flows.Recidivists) }},
		{"split", scalar, "hardliners who broke away after a settlement",
			func(t *tally, _ int) float64 { return float64(t.flows.Split) }},
		{"killed", scalar, "fighters killed",
			func(t *tally, _ int) float64 { return float64(t.flows.Killed) }},
		{"captured", scalar, "fighters captured",
			func(t *tally, _ int) float64 { return float64(t.flows.Captured) }},
		{"recruited", scalar, "fighters recruited",
			func(t *tally, _ int) float64 { return float64(t.flows.Recruited) }},
		{"displaced", scalar, "people displaced and not returned at the end",
			func(t *tally, _ int) float64 { return t.displaced }},
		{"sustained_presence_share", scalar, "share of populated cells with sustained government presence, mean over the last 365 days",
			func(t *tally, _ int) float64 { return t.sustained }},
		{"attribution_correct_share", scalar, "share of militant events labelled with their true component group",
			func(t *tally, _ int) float64 { return ratio(t.labelCorrect, t.militant) }},
		{"attribution_jnim_share", scalar, "share of militant events labelled \"JNIM\"",
			func(t *tally, _ int) float64 { return ratio(t.labelJNIM, t.militant) }},
		{"attribution_unknown_share", scalar, "share of militant events with an unknown perpetrator",
			func(t *tally, _ int) float64 { return ratio(t.labelUnknown, t.militant) }},
		{"attribution_ambiguous_share", scalar, "share of militant events labelled \"ambiguous\" (JNIM and/or ISGS: nobody claimed them where both operate)",
			func(t *tally, _ int) float64 { return ratio(t.labelAmbiguous, t.militant) }},
		{"attribution_component_share", scalar, "share of militant events labelled with a component group (any, right or wrong)",
			func(t *tally, _ int) float64 { return ratio(t.labelComponent, t.militant) }},
		{"east_bf_onset_year", scalar, "first calendar year with at least OnsetEvents (12) violent events by JNIM members in eastern_burkina_niger",
			func(t *tally, _ int) float64 { return t.onset(ZoneEastBurkina) }},
		{"southwest_bf_onset_year", scalar, "first calendar year with at least OnsetEvents (12) violent events by JNIM members in southwestern_burkina",
			func(t *tally, _ int) float64 { return t.onset(ZoneSouthwest) }},
		{"leaders_killed", scalar, "local leaders and imams killed by militants",
			func(t *tally, _ int) float64 { return float64(t.flows.LeadersKilled) }},
		{"civilians_killed_by_forces", scalar, "civilians killed in reprisals and blunt operations by security forces and militias",
			func(t *tally, _ int) float64 {
				return float64(t.flows.CiviliansKilledByForces + t.flows.CiviliansByMilitia)
			}},
	}
}

// Indicators returns the headline indicators in the order of the columns
// of summary.csv, with one line of documentation each. NaN (an empty
// field) marks a ratio whose denominator is zero, or an indicator whose
// zone the scenario does not define.
func Indicators() []Indicator {
	var out []Indicator
	for _, d := range indicatorTable() {
		out = append(out, Indicator{Name: d.name, Doc: d.doc, Target: reportTargets[d.name]})
	}
	return out
}

// reportTargets is the one table from indicator to the report's figure it
// measures (the id of a row of internal/evidence's targets). Two
// indicators measure flm_areas_share_jnim: the report speaks of the FLM
// areas' share of events and of fatalities.
var reportTargets = map[string]string{
	"jnim_share_events":               "jnim_share_events",
	"flm_share_jnim_events":           "flm_share_jnim_events",
	"flm_areas_share_jnim":            "flm_areas_share_jnim",
	"flm_areas_share_jnim_fatalities": "flm_areas_share_jnim",
	"flm_civilian_share":              "flm_civilian_share",
	"north_mali_civilian_share":       "north_mali_civilian_share",
	"civilian_events_central_share":   "civilian_events_central_share",
	"flm_share_civilian_attacks":      "flm_share_civilian_attacks",
	"surge_ratio":                     "surge_ratio",
	"events_last_year":                "events_last_year",
	"fatalities_total":                "fatalities",
	"jnim_revenue_usd":                "jnim_revenue_usd",
	"east_bf_onset_year":              "east_bf_onset_year",
	"southwest_bf_onset_year":         "southwest_bf_onset_year",
}

// TargetOf returns the id of the report's figure that indicator measures,
// or "".
func TargetOf(indicator string) string { return reportTargets[indicator] }

// Measuring returns the indicators that measure the report's figure
// target, in the order of the columns of summary.csv.
func Measuring(target string) []string {
	var out []string
	for _, d := range indicatorTable() {
		if reportTargets[d.name] == target {
			out = append(out, d.name)
		}
	}
	return out
}

// A column is one expanded indicator: its name and the year, zone or
// group index it is for.
type column struct {
	name string
	def  *indicatorDef
	k    int
}

// columns expands the indicator table for a run with the given zones and
// calendar years.
func columns(zones []string, years []int) []column {
	defs := indicatorTable()
	var out []column
	for i := range defs {
		d := &defs[i]
		base, _, _ := strings.Cut(d.name, "<")
		switch d.over {
		case scalar:
			out = append(out, column{d.name, d, 0})
		case perYear:
			for k, y := range years {
				out = append(out, column{base + strconv.Itoa(y), d, k})
			}
		case perZone:
			for k, z := range zones {
				out = append(out, column{base + z, d, k})
			}
		case perGroup:
			for k, g := range agents.GroupIDs {
				out = append(out, column{base + g, d, k})
			}
		}
	}
	return out
}

// A tally holds the counts the indicators are computed from.
type tally struct {
	zones    []string
	years    []int // calendar years of the run
	jnim     [agents.NumGroups]bool
	yearsRun float64 // years simulated

	// Militant events and their fatalities, by zone × group × year, at
	// index (z*NumGroups+g)*len(years)+y.
	ev, fat []float64
	// Violent events by perpetrator and those that targeted civilians, by
	// zone × group × year.
	viol, civ []float64

	flmViol18, flmCiv18     float64 // FLM's violent and civilian-targeting events from 2018-01-01
	jnimCiv1810, flmCiv1810 float64 // JNIM members' and FLM's civilian-targeting events from 2018-10-01
	first, last             float64 // militant events in the first and the last year

	militant                              float64 // militant events
	labelCorrect, labelJNIM, labelUnknown float64 // by their label
	labelAmbiguous, labelComponent        float64
	labelKnown, labelJNIMish              float64 // with a known label; labelled JNIM or a JNIM member

	flows     agents.Flows
	groups    [agents.NumGroups]groupEnd
	displaced float64 // at the end
	sustained float64 // mean share over the last year
}

// newTally counts what the indicators need from a Recorder's replicate.
func newTally(r *Recorder) *tally {
	rep := &r.rep
	clk := rep.Clock
	t := &tally{
		zones:    rep.Zones,
		jnim:     r.jnim,
		flows:    r.flows,
		groups:   r.groups,
		yearsRun: float64(rep.Steps) * clk.YearFraction(),
	}
	if rep.Steps > 0 {
		for y := clk.Start.Year(); y <= clk.Date(rep.Steps-1).Year(); y++ {
			t.years = append(t.years, y)
		}
	}
	n := len(rep.Zones) * agents.NumGroups * len(t.years)
	t.ev, t.fat = make([]float64, n), make([]float64, n)
	t.viol, t.civ = make([]float64, n), make([]float64, n)

	ny := yearSteps(clk)
	from18, from1810 := clk.Step(flmCivilianFrom()), clk.Step(civilianAttacksFrom())
	for i := range rep.Events {
		e := &rep.Events[i]
		s := int(e.Step)
		y := clk.Date(s).Year() - clk.Start.Year()
		z := rep.CellZone[e.Cell]
		if e.Type.Violent() && e.Perpetrator >= 0 && int(e.Perpetrator) < agents.NumGroups {
			g := int(e.Perpetrator)
			j := t.index(z, g, y)
			t.viol[j]++
			if e.Type.Civilian() {
				t.civ[j]++
				if s >= from1810 && t.jnim[g] {
					t.jnimCiv1810++
					if g == agents.FLM {
						t.flmCiv1810++
					}
				}
			}
			if g == agents.FLM && s >= from18 {
				t.flmViol18++
				if e.Type.Civilian() {
					t.flmCiv18++
				}
			}
		}
		g, ok := e.Militant()
		if !ok || g < 0 || g >= agents.NumGroups {
			continue
		}
		j := t.index(z, g, y)
		t.ev[j]++
		t.fat[j] += float64(e.Fatalities)
		t.militant++
		if s < ny {
			t.first++
		}
		if s >= clk.Steps-ny {
			t.last++
		}
		switch lb := labelColumn(e.Label); {
		case lb == g:
			t.labelCorrect++
		case lb == labelJNIM:
			t.labelJNIM++
		case lb == labelUnknown:
			t.labelUnknown++
		case lb == labelAmbiguous:
			t.labelAmbiguous++
		}
		if lb := labelColumn(e.Label); lb < agents.NumGroups {
			t.labelComponent++
		}
		switch lb := labelColumn(e.Label); {
		case lb == labelJNIM || lb < agents.NumGroups && t.jnim[lb]:
			t.labelJNIMish++
			t.labelKnown++
		case lb != labelUnknown:
			t.labelKnown++
		}
	}

	if rep.Steps > 0 {
		l := rep.layout
		nz := len(rep.Zones)
		t.displaced = rep.frame(rep.Steps - 1)[l.at(mDisplaced, nz, 0)]
		from := max(0, rep.Steps-ny)
		for s := from; s < rep.Steps; s++ {
			t.sustained += rep.frame(s)[l.at(mSustained, nz, 0)]
		}
		t.sustained /= float64(rep.Steps - from)
	} else {
		t.displaced, t.sustained = math.NaN(), math.NaN()
	}
	return t
}

// yearSteps returns the number of steps in 365 days, rounded.
func yearSteps(c sim.Clock) int { return max(1, int(math.Round(365/float64(c.StepDays)))) }

func (t *tally) index(z, g, y int) int { return (z*agents.NumGroups+g)*len(t.years) + y }

// member reports whether group g is a JNIM member.
func (t *tally) member(g int) bool { return t.jnim[g] }

func anyGroup(int) bool { return true }

// sum adds up a over the zones zs (every zone if nil), the groups for
// which group is true, and year y (every year if y < 0).
func (t *tally) sum(a []float64, zs []int, group func(int) bool, y int) float64 {
	s := 0.0
	add := func(z int) {
		for g := range agents.NumGroups {
			if !group(g) {
				continue
			}
			for yi := range t.years {
				if y < 0 || yi == y {
					s += a[t.index(z, g, yi)]
				}
			}
		}
	}
	if zs == nil {
		for z := range t.zones {
			add(z)
		}
	} else {
		for _, z := range zs {
			add(z)
		}
	}
	return s
}

// zoneIndices returns the indices of the zones ids, and false if the
// scenario lacks any of them.
func (t *tally) zoneIndices(ids ...string) ([]int, bool) {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		i := -1
		for j, z := range t.zones {
			if z == id {
				i = j
			}
		}
		if i < 0 {
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

// share returns a/b if the zones it needs exist (ok), else NaN.
func (t *tally) share(ok bool, a, b float64) float64 {
	if !ok {
		return math.NaN()
	}
	return ratio(a, b)
}

// onset returns the first calendar year in which the violent events JNIM
// members carried out in zone reach OnsetEvents (operations against them do
// not count: the report speaks of their attacks), or NaN if they never do
// or the zone does not exist.
func (t *tally) onset(zone string) float64 {
	zs, ok := t.zoneIndices(zone)
	if !ok {
		return math.NaN()
	}
	for yi, y := range t.years {
		if t.sum(t.viol, zs, t.member, yi) >= OnsetEvents {
			return float64(y)
		}
	}
	return math.NaN()
}
