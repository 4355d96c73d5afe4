package agents

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

// The tests of this file pin single rules: each builds a real world, sets
// the few state variables the rule reads (bands, units, attitudes), and
// calls the rule once, with its probabilities at 0 or 1 where the outcome
// must be certain.

// Places of the rules' tests (latitude, longitude).
var (
	mopti    = [2]float64{14.49, -4.19} // central Mali: FLM's home
	kidal    = [2]float64{18.44, 1.41}  // northern Mali: Ansar Dine's
	niamey   = [2]float64{13.51, 2.11}  // far from both
	timbuktu = [2]float64{16.77, -3.01}
)

// ruleWorld returns a baseline world at 0.5° with no fighter, unit or
// attitude left from its initial state: the rules' tests place what they
// need.
func ruleWorld(t *testing.T, edit func(p *Params)) *World {
	t.Helper()
	p := baselineParams(t)
	if edit != nil {
		edit(p)
	}
	g, err := geo.Build(p.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	w := New(p, g, sim.NewRand(5, 0))
	clear(w.band)
	for gi := range w.Groups {
		w.Groups[gi].Active = 0
	}
	w.Fighters = w.Fighters[:0]
	w.Units = w.Units[:0]
	w.updateLocal()
	w.updatePresence()
	w.Log.Reset()
	return w
}

// cellOf returns the cell holding a place.
func cellOf(t *testing.T, w *World, at [2]float64) int {
	t.Helper()
	c := w.Grid.Locate(at[0], at[1])
	if c < 0 {
		t.Fatalf("%v is in no study cell", at)
	}
	return c
}

// place puts a band of n active fighters of group gi in cell c (band
// counts and group totals, as the rules read them) and recounts the local
// forces.
func place(w *World, gi, c, n int) {
	for range n {
		w.Fighters = append(w.Fighters, Fighter{Cell: int32(c), Group: int8(gi), Origin: int8(gi), Status: Active, Commitment: 0.3})
	}
	w.band[gi*len(w.Grid.Cells)+c] += int32(n)
	w.Groups[gi].Active += n
	w.updateLocal()
}

// TestObserverLabels pins the observer's labelling of one event: a claim
// names the group (or the coalition), local reporting and intelligence
// name it, and otherwise the label says who operates in the area, or
// nothing.
func TestObserverLabels(t *testing.T) {
	tests := []struct {
		name    string
		attr    AttributionParams // claims of every group set by claims
		claims  float64
		jnim    bool // JNIM's FLM operates around the event
		isgs    bool // ISGS operates around it
		by      int  // perpetrator
		typ     EventType
		want    int8
		claimed bool
	}{
		{"claimed by the group", AttributionParams{Claims: true, Reporting: true}, 1, true, false, FLM, AttackForces, FLM, true},
		{"claimed in the coalition's name", AttributionParams{Claims: true, Reporting: true, Coalition: 1}, 1, true, false, FLM, AttackForces, LabelJNIM, true},
		{"ISGS claims in its own name", AttributionParams{Claims: true, Reporting: true, Coalition: 1}, 1, false, true, ISGS, AttackForces, ISGS, true},
		{"claims do not reach the record", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 1, true, false, FLM, AttackForces, LabelJNIM, false},
		{"local reporting names the group", AttributionParams{Claims: true, Reporting: true, Report: 1, Accuracy: 1}, 0, true, false, FLM, AttackForces, FLM, false},
		{"a wrong trace names the strongest other group", AttributionParams{Reporting: true, Report: 1, Accuracy: 0}, 0, true, true, FLM, AttackForces, ISGS, false},
		{"only JNIM operates: the coalition", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 0, true, false, FLM, AttackCivilians, LabelJNIM, false},
		{"both operate: ambiguous", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 0, true, true, FLM, AttackCivilians, LabelAmbiguous, false},
		{"only ISGS operates", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 0, false, true, ISGS, AttackCivilians, ISGS, false},
		{"a clash is never ambiguous: JNIM's side", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 0, true, true, FLM, Clash, LabelJNIM, false},
		{"a clash is never ambiguous: ISGS's side", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 10}, 0, true, true, ISGS, Clash, ISGS, false},
		{"too few to be known", AttributionParams{Reporting: true, Generic: 1, AreaKm: 75, Operates: 1000}, 0, true, true, FLM, AttackForces, LabelUnknown, false},
		{"reporting does not reach the record", AttributionParams{Generic: 1, AreaKm: 75, Operates: 10}, 0, true, true, FLM, AttackForces, LabelUnknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ruleWorld(t, func(p *Params) {
				p.Attribution = tt.attr
				for _, gp := range p.Groups.List() {
					gp.Claims = tt.claims
				}
			})
			c := cellOf(t, w, mopti)
			if tt.jnim {
				place(w, FLM, c, 40)
			}
			if tt.isgs {
				place(w, ISGS, c, 30)
			}
			e := Event{Cell: int32(c), Type: tt.typ, Perpetrator: int8(tt.by), Against: -1}
			w.label(&e)
			if e.Label != tt.want || e.Claimed != tt.claimed {
				t.Errorf("label %s claimed %v, want %s claimed %v", ActorID(e.Label), e.Claimed, ActorID(tt.want), tt.claimed)
			}
		})
	}
}

// TestForcesResponse pins the security forces' answer to one event: a
// label naming a group brings a targeted operation against it; "JNIM",
// ambiguous or unknown labels bring a blunt sweep that harms the
// community (a reprisal) from a blunt unit, and an operation against the
// strongest group without harm from a discriminating one; a protective
// unit answers only within its local area; clashes draw no answer.
func TestForcesResponse(t *testing.T) {
	tests := []struct {
		name     string
		label    int8
		typ      EventType
		posture  uint8
		unitAt   [2]float64
		respond  bool // an operation follows
		against  int8
		reprisal bool
	}{
		{"a named group: targeted", FLM, AttackForces, postureBlunt, mopti, true, FLM, false},
		{"a named group, by a discriminating unit: targeted", ISGS, AttackForces, postureDiscriminating, mopti, true, ISGS, false},
		{"the coalition's name, blunt unit: a sweep and a reprisal", LabelJNIM, AttackForces, postureBlunt, mopti, true, FLM, true},
		{"ambiguous, blunt unit: a sweep and a reprisal", LabelAmbiguous, AttackCivilians, postureBlunt, mopti, true, FLM, true},
		{"unknown, discriminating unit: the strongest group, no harm", LabelUnknown, AttackForces, postureDiscriminating, mopti, true, FLM, false},
		{"a protective unit far away does not answer", LabelJNIM, AttackForces, postureProtective, timbuktu, false, -1, false},
		{"a protective unit in its area answers", LabelUnknown, AttackForces, postureProtective, mopti, true, FLM, false},
		{"a clash draws no answer", FLM, Clash, postureBlunt, mopti, false, -1, false},
		{"no unit within reach", FLM, AttackForces, postureBlunt, kidal, false, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ruleWorld(t, func(p *Params) {
				p.Forces.Response = 1
				p.Forces.Reach = 150
			})
			c := cellOf(t, w, mopti)
			place(w, FLM, c, 60)
			place(w, ISGS, c, 20)
			allowed := make([]bool, len(w.Grid.Cells))
			for i := range allowed {
				allowed[i] = true
			}
			w.Units = append(w.Units, Unit{Force: ForceMaliArmy, Actor: ActorForces, Cell: int32(cellOf(t, w, tt.unitAt)),
				Strength: 150, Posture: tt.posture, Intelligence: 0.3, Mobility: 40, Anchor: -1, Target: -1,
				allowed: allowed, responded: -1})
			w.updatePresence()
			before := w.Communities[c].MeanGrievance()
			w.emit(Event{Cell: int32(c), Type: tt.typ, Perpetrator: FLM, Label: tt.label, Against: -1})
			w.respond()
			var ops, reprisals int
			against := int8(-1)
			for _, e := range w.Log.Events()[1:] {
				switch e.Type {
				case Operation:
					ops++
					against = e.Against
				case Reprisal:
					reprisals++
				}
			}
			if got := ops > 0; got != tt.respond || against != tt.against {
				t.Errorf("operations %d against %s, want answered %v against %s", ops, ActorID(against), tt.respond, ActorID(tt.against))
			}
			if got := reprisals > 0; got != tt.reprisal {
				t.Errorf("reprisals %d, want %v", reprisals, tt.reprisal)
			}
			if after := w.Communities[c].MeanGrievance(); tt.reprisal != (after > before) {
				t.Errorf("grievance %.4f → %.4f; a reprisal %v", before, after, tt.reprisal)
			}
		})
	}
}

// TestTargetChoice pins how a band weighs its targets: civilians where it
// lacks control and the people stand against it, restrained by political
// aims; leaders where it controls the area, driven by religious and social
// aims; soldiers where they are; clashes only with rivals nearby; a
// ceasefire under a settlement lowers the attacks on the state and
// civilians. And the thinning of attacks relies on weightBound being an
// upper bound of the weights.
func TestTargetChoice(t *testing.T) {
	weights := func(w *World, gi, c int) [Clash + 1]float64 {
		var wt [Clash + 1]float64
		w.targetWeights(gi, c, &wt)
		return wt
	}
	t.Run("contested areas draw indiscriminate violence, controlled ones selective", func(t *testing.T) {
		w := ruleWorld(t, nil)
		c := cellOf(t, w, mopti)
		place(w, FLM, c, 5)
		w.Communities[c].Militia = 0.5
		contested := weights(w, FLM, c)
		place(w, FLM, c, 400)
		controlled := weights(w, FLM, c)
		if !(contested[AttackCivilians] > controlled[AttackCivilians]) {
			t.Errorf("civilians: contested %.4f, controlled %.4f", contested[AttackCivilians], controlled[AttackCivilians])
		}
		if !(controlled[TargetedKilling] > contested[TargetedKilling]) {
			t.Errorf("leaders: contested %.4f, controlled %.4f", contested[TargetedKilling], controlled[TargetedKilling])
		}
	})
	t.Run("political aims restrain attacks on civilians and leaders", func(t *testing.T) {
		for _, pol := range []float64{0, 1} {
			w := ruleWorld(t, func(p *Params) { p.Groups.FLM.Political = pol })
			c := cellOf(t, w, mopti)
			place(w, FLM, c, 20)
			wt := weights(w, FLM, c)
			if civ := wt[AttackCivilians]; (pol == 1) != (civ == 0) || (pol == 1) != (wt[TargetedKilling] == 0) {
				t.Errorf("political %g: civilians %.4f, leaders %.4f", pol, civ, wt[TargetedKilling])
			}
		}
	})
	t.Run("soldiers present draw attacks on forces", func(t *testing.T) {
		w := ruleWorld(t, nil)
		c := cellOf(t, w, mopti)
		place(w, FLM, c, 20)
		none := weights(w, FLM, c)
		w.Units = append(w.Units, Unit{Actor: ActorForces, Cell: int32(c), Strength: 300, Anchor: int32(c), Target: -1, responded: -1})
		w.updatePresence()
		held := weights(w, FLM, c)
		if !(held[AttackForces] > none[AttackForces]) || !(held[Explosive] > none[Explosive]) {
			t.Errorf("forces %.3f → %.3f, devices %.3f → %.3f", none[AttackForces], held[AttackForces], none[Explosive], held[Explosive])
		}
	})
	t.Run("clashes need rivals nearby and grow with hostility", func(t *testing.T) {
		w := ruleWorld(t, nil)
		c := cellOf(t, w, mopti)
		place(w, FLM, c, 20)
		if wt := weights(w, FLM, c); wt[Clash] != 0 {
			t.Errorf("no rival: clash weight %.4f", wt[Clash])
		}
		place(w, ISGS, c, 20)
		w.Hostility = 0.1
		calm := weights(w, FLM, c)[Clash]
		w.Hostility = 0.9
		open := weights(w, FLM, c)[Clash]
		if !(calm > 0 && open > calm) {
			t.Errorf("clash weight in cooperation %.4f, in open conflict %.4f", calm, open)
		}
		if wt := weights(w, AnsarDine, c); wt[Clash] == 0 {
			t.Error("JNIM's other members do not see ISGS as a rival")
		}
	})
	t.Run("a settlement's ceasefire", func(t *testing.T) {
		w := ruleWorld(t, func(p *Params) {
			p.Policy.PoliticalSettlement = new(PoliticalSettlement)
			p.Policy.PoliticalSettlement.SetDefaults()
		})
		c := cellOf(t, w, kidal)
		place(w, AnsarDine, c, 20)
		before := weights(w, AnsarDine, c)
		w.Groups[AnsarDine].Talks = Settled
		after := weights(w, AnsarDine, c)
		ceasefire := 1 - w.P.Policy.PoliticalSettlement.Ceasefire
		for _, k := range []EventType{AttackForces, Explosive, AttackCivilians, TargetedKilling} {
			if d := after[k] - ceasefire*before[k]; d > 1e-12 || d < -1e-12 {
				t.Errorf("%s: %.4f under a settlement, want %.4f", k, after[k], ceasefire*before[k])
			}
		}
		if after[Kidnapping] != before[Kidnapping] {
			t.Errorf("kidnappings %.4f → %.4f: the ceasefire is with the state and civilians", before[Kidnapping], after[Kidnapping])
		}
	})
	t.Run("weightBound bounds the weights", func(t *testing.T) {
		w := ruleWorld(t, nil)
		r := rand.New(rand.NewPCG(1, 2))
		for range 300 {
			c := r.IntN(len(w.Grid.Cells))
			if w.Communities[c].Base == 0 {
				continue
			}
			gi := r.IntN(NumGroups)
			place(w, gi, c, 1+r.IntN(80))
			place(w, ISGS, c, r.IntN(30))
			cm := &w.Communities[c]
			cm.Militia, cm.SupportState, cm.Threatened = r.Float64(), r.Float64(), r.Float64()
			for k := range cm.Support {
				cm.Support[k] = float32(r.Float64())
			}
			w.Hostility = r.Float64()
			w.Step++ // a new step: what bands sense is recomputed
			var wt, bt [Clash + 1]float64
			if total, bound := w.targetWeights(gi, c, &wt), w.weightBound(gi, c, &bt); total > bound*(1+1e-12) {
				t.Fatalf("%s in cell %d: weights %.6f above their bound %.6f", GroupIDs[gi], c, total, bound)
			}
		}
	})
}

// TestPlaceUnits checks the tests' own helpers: a band placed in a cell is
// counted there and in its local area.
func TestPlaceUnits(t *testing.T) {
	w := ruleWorld(t, nil)
	c := cellOf(t, w, niamey)
	place(w, ISGS, c, 25)
	if w.Band(ISGS, c) != 25 || w.Groups[ISGS].Active != 25 || w.Local(ISGS, c) < 20 {
		t.Errorf("band %d, active %d, local %.1f", w.Band(ISGS, c), w.Groups[ISGS].Active, w.Local(ISGS, c))
	}
}

// TestClamp01 checks clamp01 against the built-ins it stands for, at the
// edges: NaN stays NaN, −0 gives +0.
func TestClamp01(t *testing.T) {
	for _, x := range []float64{math.Inf(-1), -2, -1e-300, math.Copysign(0, -1), 0, 5e-324, 0.3, 1 - 1e-16, 1, 1 + 1e-15, 7, math.Inf(1), math.NaN()} {
		got, want := clamp01(x), max(0, min(1, x))
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("clamp01(%v) = %v (bits %x), want %v (bits %x)", x, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
}
