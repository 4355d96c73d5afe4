package agents

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

// testZones are the report's analysis zones, as scenarios/baseline.toml
// sets them (package scenarios cannot be imported here).
func testZones() map[string]*Zone {
	return map[string]*Zone{
		"northern_mali":         {Label: "Northern Mali", Regions: []string{"Tombouctou", "Gao", "Kidal"}},
		"central_mali":          {Label: "Central Mali", Regions: []string{"Mopti", "Ségou"}},
		"northern_burkina":      {Label: "Northern Burkina Faso", Regions: []string{"Sahel", "Nord", "Centre-Nord"}},
		"eastern_burkina_niger": {Label: "Eastern", Regions: []string{"Est", "Centre-Est", "Tillabéri", "Tahoua"}},
		"southwestern_burkina":  {Label: "SW", Regions: []string{"Sud-Ouest", "Cascades", "Hauts-Bassins"}},
	}
}

// baselineParams returns the default parameters with the report's zones,
// as scenarios/baseline.toml sets them.
func baselineParams(t testing.TB) *Params {
	t.Helper()
	p := Default()
	p.Zones = testZones()
	if err := Validate(&p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func grid(t testing.TB, res float64) *sim.Grid {
	t.Helper()
	g, err := geo.Build(res)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func runEvents(p *Params, g *sim.Grid, seed uint64, rep int) []Event {
	w := New(p, g, sim.NewRand(seed, rep))
	var all []Event
	w.Run(func(w *World) error {
		all = append(all, w.Log.Events()...)
		return nil
	})
	return all
}

func TestDeterministic(t *testing.T) {
	p, g := baselineParams(t), grid(t, 0.5)
	a := runEvents(p, g, 7, 3)
	b := runEvents(p, g, 7, 3)
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed and replicate gave different event logs (%d vs %d events)", len(a), len(b))
	}
	c := runEvents(p, g, 7, 4)
	if reflect.DeepEqual(a, c) {
		t.Fatal("replicates 3 and 4 gave the same event log")
	}
}

// TestInvariants checks the bookkeeping the rules rely on after every
// step: band counts match the fighters, group totals match the bands,
// attitudes stay in [0, 1], and every event is well formed.
func TestInvariants(t *testing.T) {
	p, g := baselineParams(t), grid(t, 0.5)
	p.Policy.Reintegration = new(Reintegration)
	p.Policy.Reintegration.SetDefaults()
	p.Policy.PoliticalSettlement = new(PoliticalSettlement)
	p.Policy.PoliticalSettlement.SetDefaults()
	w := New(p, g, sim.NewRand(1, 0))
	nc := len(g.Cells)
	err := w.Run(func(w *World) error {
		band := make([]int32, NumGroups*nc)
		var active [NumGroups]int
		for _, f := range w.Fighters {
			if f.Status.Fights() {
				band[int(f.Group)*nc+int(f.Cell)]++
				active[f.Group]++
			}
		}
		// Fighters hit this step are settled in the next pass.
		for k := range band {
			pend := w.pendKill[k] + w.pendCap[k]
			band[k] -= pend
			active[k/nc] -= int(pend)
		}
		if !reflect.DeepEqual(band, w.band) {
			t.Fatalf("step %d: band counts drifted from the fighters", w.Step)
		}
		for gi := range w.Groups {
			if w.Groups[gi].Active != active[gi] {
				t.Fatalf("step %d: %s active %d, fighters say %d", w.Step, GroupIDs[gi], w.Groups[gi].Active, active[gi])
			}
			if c := w.Groups[gi].Cohesion; c < 0 || c > 1 {
				t.Fatalf("step %d: cohesion %v", w.Step, c)
			}
		}
		for c := range w.Communities {
			cm := &w.Communities[c]
			for _, v := range append(append([]float64{cm.Fear, cm.SupportState, cm.Militia}, cm.Grievance[:]...), cm.Stigma[:]...) {
				if v < 0 || v > 1 {
					t.Fatalf("step %d cell %d: attitude %v out of [0,1]", w.Step, c, v)
				}
			}
			if cm.Population < 0 || cm.Displaced < 0 {
				t.Fatalf("step %d cell %d: population %v displaced %v", w.Step, c, cm.Population, cm.Displaced)
			}
		}
		for _, e := range w.Log.Events() {
			if int(e.Step) != w.Step-1 || e.Cell < 0 || int(e.Cell) >= nc || e.Fatalities < 0 || e.Type >= NumEventTypes {
				t.Fatalf("malformed event %+v at step %d", e, w.Step)
			}
			if e.Type.Violent() && (e.Perpetrator < 0 || e.Perpetrator >= NumGroups) {
				t.Fatalf("violent event without a group: %+v", e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if w.Flows.Programme == 0 || w.Flows.Defected == 0 {
		t.Errorf("flows did not move: %+v", w.Flows)
	}
}

// BenchmarkReplicate runs one baseline replicate (2017-01 to 2020-09,
// weekly) at each resolution; the grid is built and the world prepared
// once outside the loop, as a run's replicates share them.
func BenchmarkReplicate(b *testing.B) {
	for _, res := range []struct {
		name string
		deg  float64
	}{{"0.5deg", 0.5}, {"0.25deg", 0.25}, {"0.125deg", 0.125}} {
		b.Run(res.name, func(b *testing.B) {
			p, g := baselineParams(b), grid(b, res.deg)
			pr := Prepare(p, g) // once a run, as the runner does
			b.ReportAllocs()
			rep := 0
			for b.Loop() {
				w := pr.New(sim.NewRand(1, rep))
				w.Run(nil)
				rep++
			}
			b.ReportMetric(float64(len(g.Cells)), "cells")
		})
	}
}

// BenchmarkStep measures one warm step of a world projected to 2030, the
// step loop whose allocations must be zero.
func BenchmarkStep(b *testing.B) {
	p, g := baselineParams(b), grid(b, 0.5)
	p.End = sim.NewDate(2030, 12, 31)
	w := New(p, g, sim.NewRand(1, 0))
	for range 150 { // warm: slices at their working size
		w.Log.Reset()
		w.Advance()
	}
	b.ReportAllocs()
	for b.Loop() {
		if w.Done() {
			b.StopTimer()
			w = New(p, g, rand.New(rand.NewPCG(2, uint64(w.Step))))
			for range 150 {
				w.Log.Reset()
				w.Advance()
			}
			b.StartTimer()
		}
		w.Log.Reset()
		w.Advance()
	}
}

// TestPrepared checks that worlds built from one Prepare, stepped in turn,
// run exactly as worlds built alone by New: they share only what no rule
// writes.
func TestPrepared(t *testing.T) {
	p, g := baselineParams(t), grid(t, 0.5)
	p.End = sim.NewDate(2018, 6, 30)
	pr := Prepare(p, g)
	a, b := pr.New(sim.NewRand(3, 0)), pr.New(sim.NewRand(3, 1))
	var evA, evB []Event
	for !a.Done() {
		a.Log.Reset()
		b.Log.Reset()
		a.Advance()
		b.Advance()
		evA = append(evA, a.Log.Events()...)
		evB = append(evB, b.Log.Events()...)
	}
	for i, want := range []struct {
		got []Event
		w   *World
	}{{evA, New(p, g, sim.NewRand(3, 0))}, {evB, New(p, g, sim.NewRand(3, 1))}} {
		var ev []Event
		for !want.w.Done() {
			want.w.Log.Reset()
			want.w.Advance()
			ev = append(ev, want.w.Log.Events()...)
		}
		if len(ev) == 0 || !slices.Equal(ev, want.got) {
			t.Errorf("replicate %d: %d events from the prepared world, %d from New, or they differ", i, len(want.got), len(ev))
		}
	}
}

// TestOccupied checks that the count of every cell's active fighters,
// which recruitment reads to skip empty cells, stays the sum of the bands
// through every rule that moves, adds, removes or realigns a fighter: a
// world with every lever on (programmes, settlements, realignment), run
// to 2022, checked after each step.
func TestOccupied(t *testing.T) {
	p := withLever(t, func(p *Policy) {
		p.Disaggregation, p.Counterinsurgency, p.IllicitNetworks = new(Disaggregation), new(Counterinsurgency), new(IllicitNetworks)
		p.CommunityProtection, p.PoliticalSettlement, p.Reintegration = new(CommunityProtection), new(PoliticalSettlement), new(Reintegration)
		p.Disaggregation.SetDefaults()
		p.Counterinsurgency.SetDefaults()
		p.IllicitNetworks.SetDefaults()
		p.CommunityProtection.SetDefaults()
		p.PoliticalSettlement.SetDefaults()
		p.Reintegration.SetDefaults()
	})
	p.End = sim.NewDate(2022, 12, 31)
	g := grid(t, 0.5)
	w := New(p, g, sim.NewRand(7, 0))
	nc := len(g.Cells)
	for !w.Done() {
		w.Log.Reset()
		w.Advance()
		for c := range nc {
			sum := int32(0)
			for gi := range NumGroups {
				sum += w.band[gi*nc+c]
			}
			if w.occupied[c] != sum {
				t.Fatalf("step %d, cell %d: occupied %d, bands %d", w.Step, c, w.occupied[c], sum)
			}
		}
	}
	if w.Flows.Programme == 0 || w.Flows.Realigned == 0 || w.Flows.Criminal == 0 {
		t.Errorf("a path of fighters was not exercised: %+v", w.Flows)
	}
}
