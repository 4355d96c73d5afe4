package agents

import (
	"math"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// civilianShares returns, over the world's violent events from 2018 on,
// each group's share of attacks on civilians and targeted killings among
// its violent events, and the same for JNIM members' events by zone.
type civilianTally struct {
	group       [NumGroups][2]float64 // civilian, all
	zone        [][2]float64
	jnimByGroup [NumGroups]bool
}

func (ct *civilianTally) add(w *World, e *Event) {
	if !e.Type.Violent() || w.Clock.Date(int(e.Step)).Year() < 2018 {
		return
	}
	civ := 0.0
	if e.Type == AttackCivilians || e.Type == TargetedKilling {
		civ = 1
	}
	g := int(e.Perpetrator)
	ct.group[g][0] += civ
	ct.group[g][1]++
	if w.Groups[g].JNIM {
		z := w.CellZone[e.Cell]
		ct.zone[z][0] += civ
		ct.zone[z][1]++
	}
}

// TestEmergentTargeting checks that differences in targeting emerge from
// aims, control and contest: with every group's direct tactical
// propensities equal (the multipliers civilians, leaders, security,
// explosive, kidnap and rivals all set to 1, as the defaults are), FLM
// still targets civilians in a clearly larger share of its attacks than
// Ansar Dine (at least three times as large and ten points more), and
// civilian targeting by JNIM's members in northern Mali is the lowest of
// the report's zones.
func TestEmergentTargeting(t *testing.T) {
	def := Default()
	for gi, gp := range def.Groups.List() {
		if gp.Civilians != 1 || gp.Leaders != 1 || gp.Security != 1 || gp.Explosive != 1 || gp.Kidnap != 1 || gp.Rivals != 1 {
			t.Errorf("%s: shipped tactical multipliers are not all 1", GroupIDs[gi])
		}
	}
	p := baselineParams(t)
	for _, gp := range p.Groups.List() {
		gp.Civilians, gp.Leaders, gp.Security, gp.Explosive, gp.Kidnap, gp.Rivals = 1, 1, 1, 1, 1, 1
	}
	g := grid(t, p.Map.Resolution)
	ct := civilianTally{}
	for rep := range 8 {
		w := New(p, g, sim.NewRand(21, rep))
		if ct.zone == nil {
			ct.zone = make([][2]float64, len(w.ZoneIDs))
		}
		w.Run(func(w *World) error {
			for _, e := range w.Log.Events() {
				ct.add(w, &e)
			}
			return nil
		})
	}
	share := func(x [2]float64) float64 { return x[0] / x[1] }
	flm, ad := share(ct.group[FLM]), share(ct.group[AnsarDine])
	t.Logf("civilian share of violent events since 2018: FLM %.3f (%v events), Ansar Dine %.3f (%v events)", flm, ct.group[FLM][1], ad, ct.group[AnsarDine][1])
	if !(flm >= 3*ad && flm-ad >= 0.10) {
		t.Errorf("FLM's civilian share %.3f is not clearly larger than Ansar Dine's %.3f", flm, ad)
	}
	zones := testZones()
	north := -1
	w := New(p, g, sim.NewRand(21, 0))
	for zi, id := range w.ZoneIDs {
		if id == "northern_mali" {
			north = zi
		}
	}
	for zi, id := range w.ZoneIDs {
		if _, ok := zones[id]; !ok || ct.zone[zi][1] < 50 {
			continue
		}
		t.Logf("JNIM members' civilian share in %-22s %.3f (%v events)", id, share(ct.zone[zi]), ct.zone[zi][1])
		if zi != north && share(ct.zone[zi]) <= share(ct.zone[north]) {
			t.Errorf("civilian targeting in %s (%.3f) is not above northern Mali's (%.3f)", id, share(ct.zone[zi]), share(ct.zone[north]))
		}
	}
}

// labelShares returns the shares of militant events labelled with a
// component group, "JNIM", "ambiguous" and unknown.
func labelShares(ev []Event) (component, jnim, ambiguous, unknown float64) {
	n := 0.0
	for _, e := range ev {
		if _, ok := e.Militant(); !ok {
			continue
		}
		n++
		switch {
		case e.Label >= 0 && int(e.Label) < NumGroups:
			component++
		case e.Label == LabelJNIM:
			jnim++
		case e.Label == LabelAmbiguous:
			ambiguous++
		default:
			unknown++
		}
	}
	return component / n, jnim / n, ambiguous / n, unknown / n
}

// TestObserver checks that the label mix emerges from the observation
// process: with the disaggregation lever on (intelligence gathered and
// shared), the share of events naming a component group rises and the
// ambiguous and bare-coalition shares fall, replicate by replicate (common
// random numbers); with claims and local reporting switched off, nearly
// every event is ambiguous or unidentified (intelligence alone names a
// few).
func TestObserver(t *testing.T) {
	// One run of each world gives all three shares, by replicate (common
	// random numbers: replicate r of both worlds draws the same numbers).
	type three struct{ component, jnim, ambiguous []float64 }
	run := func(p *Params) three {
		r := three{make([]float64, leverReps), make([]float64, leverReps), make([]float64, leverReps)}
		g := grid(t, p.Map.Resolution)
		err := sim.Replicate(t.Context(), leverReps, 0, func(rep int) error {
			w := New(p, g, sim.NewRand(11, rep))
			var ev []Event
			err := w.Run(func(w *World) error {
				ev = append(ev, w.Log.Events()...)
				return nil
			})
			r.component[rep], r.jnim[rep], r.ambiguous[rep], _ = labelShares(ev)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	base := run(baselineParams(t))
	lever := run(withLever(t, func(p *Policy) { p.Disaggregation = new(Disaggregation); p.Disaggregation.SetDefaults() }))
	expect(t, "share of events naming a component", base.component, lever.component, +1)
	expect(t, "share of events labelled JNIM", base.jnim, lever.jnim, -1)
	expect(t, "share of events labelled ambiguous", base.ambiguous, lever.ambiguous, -1)

	blind := baselineParams(t)
	blind.Attribution.Claims, blind.Attribution.Reporting = false, false
	amb := measure(t, blind, 4, func(w *World, ev []Event) float64 {
		_, _, a, u := labelShares(ev)
		return a + u
	})
	t.Logf("claims and reporting off: ambiguous or unidentified %.3f", mean(amb))
	if mean(amb) < 0.85 {
		t.Errorf("with claims and reporting off, %.3f of events are ambiguous or unidentified, want nearly all (>= 0.85)", mean(amb))
	}
}

// TestProjection runs the baseline to the end of 2030 and checks that it
// stays bounded: no cell ever has more displaced people than its
// inhabitants, and every yearly indicator stays within the plausible
// bounds documented in MODEL.md (section 3.6): displaced at most 15 % of
// the study area's people, at most 10,000 militant events and 30,000
// fatalities a year, active fighters at most 0.15 % of the people (the
// recruitment cap).
func TestProjection(t *testing.T) {
	p := baselineParams(t)
	p.End = sim.NewDate(2030, 12, 31)
	g := grid(t, p.Map.Resolution)
	pop := 0.0
	for c := range g.Cells {
		pop += g.Cells[c].Population
	}
	for rep := range 3 {
		w := New(p, g, sim.NewRand(31, rep))
		var events, fat float64
		year := w.Date().Year()
		err := w.Run(func(w *World) error {
			displaced := 0.0
			for c := range w.Communities {
				cm := &w.Communities[c]
				if cm.Displaced > cm.Base+1e-6 || cm.Population < -1e-6 || math.Abs(cm.Displaced+cm.Population-cm.Base) > 1e-6*max(cm.Base, 1) {
					t.Fatalf("rep %d step %d cell %d: %.0f displaced, %.0f present of %.0f", rep, w.Step, c, cm.Displaced, cm.Population, cm.Base)
				}
				displaced += cm.Displaced
			}
			if displaced > 0.15*pop {
				t.Fatalf("rep %d %s: %.2f M displaced, over 15 %% of the %.1f M people", rep, w.Date(), displaced/1e6, pop/1e6)
			}
			active := 0
			for gi := range w.Groups {
				active += w.Groups[gi].Active
			}
			if float64(active) > w.P.Recruitment.MaxShare*pop {
				t.Fatalf("rep %d %s: %d active fighters, over the cap of %.0f", rep, w.Date(), active, w.P.Recruitment.MaxShare*pop)
			}
			for _, e := range w.Log.Events() {
				if _, ok := e.Militant(); ok {
					events++
					fat += float64(e.Fatalities)
				}
			}
			if y := w.Date().Year(); y != year || w.Done() {
				if events > 10000 || fat > 30000 {
					t.Fatalf("rep %d %d: %.0f militant events, %.0f fatalities (bounds 10,000 and 30,000)", rep, year, events, fat)
				}
				if rep == 0 {
					t.Logf("%d: %5.0f events %6.0f fatalities %6d fighters %5.2f M displaced, hostility %.2f", year, events, fat, active, displaced/1e6, w.Hostility)
				}
				events, fat, year = 0, 0, y
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
