package acled_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

func TestPatternCounter(t *testing.T) {
	run := baselineRun(t)
	pc, err := acled.NewPatternCounter(run.Grid, acled.JNIMMembers(&run.Scenario.Params))
	if err != nil {
		t.Fatal(err)
	}
	clock := run.Clock
	mopti, gao := run.Grid.Locate(14.49, -4.2), run.Grid.Locate(16.27, -0.04)
	if mopti < 0 || gao < 0 {
		t.Fatal("test places are off the grid")
	}
	july2019 := clock.Step(sim.NewDate(2019, 7, 10))
	ev := func(step, cell int, typ agents.EventType, perp, label, against int8, fat int32) agents.Event {
		return agents.Event{Step: int32(step), Cell: int32(cell), Type: typ, Perpetrator: perp, Label: label, Against: against, Fatalities: fat}
	}
	tests := []struct {
		name  string
		e     agents.Event
		count bool
		label string
		class string
	}{
		{"attack named FLM", ev(10, mopti, agents.AttackCivilians, agents.FLM, agents.FLM, -1, 4), true, "flm", "vac_attack"},
		{"unknown perpetrator", ev(10, mopti, agents.AttackForces, agents.FLM, agents.LabelUnknown, -1, 2), false, "", ""},
		{"clash of an unknown group with ISGS", ev(10, gao, agents.Clash, agents.FLM, agents.LabelUnknown, agents.ISGS, 3), true, "isgs", "battle"},
		{"clash with a JNIM member", ev(10, gao, agents.Clash, agents.ISGS, agents.ISGS, agents.FLM, 3), true, "isgs", "battle"},
		{"operation against a group named JNIM", ev(10, gao, agents.Operation, agents.ActorForces, agents.LabelJNIM, agents.AnsarDine, 6), true, "jnim", "battle"},
		{"kidnapping", ev(10, mopti, agents.Kidnapping, agents.FLM, agents.LabelJNIM, -1, 0), true, "jnim", "vac_abduction"},
		{"explosive device", ev(10, gao, agents.Explosive, agents.AnsarDine, agents.AnsarDine, -1, 1), true, "ansar_dine", "remote"},
		{"reprisal by a militia", ev(10, mopti, agents.Reprisal, agents.ActorMilitia, agents.ActorNone, -1, 5), false, "", ""},
		{"defection", ev(10, mopti, agents.Defection, agents.FLM, agents.ActorNone, -1, 0), false, "", ""},
		{"after June 2019", ev(july2019, mopti, agents.AttackForces, agents.FLM, agents.FLM, -1, 2), false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c evidence.Counts
			if err := pc.Count([]agents.Event{tt.e}, clock, &c); err != nil {
				t.Fatal(err)
			}
			var n float64
			for _, v := range c.Events {
				n += v
			}
			if counted := n == 1; counted != tt.count {
				t.Fatalf("counted %v, want %v", counted, tt.count)
			}
			if !tt.count {
				return
			}
			var want evidence.Counts
			h, _ := evidence.HalfOf(clock.Date(int(tt.e.Step)).Time())
			region := run.Grid.Regions[run.Grid.Cells[tt.e.Cell].Region].Name
			want.Add(evidence.Coded{Half: h, Country: evidence.CountryIndex(countryName(run.Grid.Country(int(tt.e.Cell)))), Zone: evidence.ZoneOf(region),
				Label: evidence.LabelIndex(tt.label), Class: evidence.ClassIndex(tt.class), Fatalities: int(tt.e.Fatalities)})
			if c != want {
				t.Errorf("counted in another cell of the table than label %s, class %s", tt.label, tt.class)
			}
		})
	}
	// Niamey, outside the data's area, has cells only on finer grids.
	fine, err := geo.Build(0.125)
	if err != nil {
		t.Fatal(err)
	}
	niamey := fine.Locate(13.4375, 2.0625)
	if fine.Regions[fine.Cells[niamey].Region].Name != "Niamey" {
		t.Fatal("no cell of Niamey at 0.125°")
	}
	pcFine, err := acled.NewPatternCounter(fine, acled.JNIMMembers(&run.Scenario.Params))
	if err != nil {
		t.Fatal(err)
	}
	var c evidence.Counts
	if err := pcFine.Count([]agents.Event{ev(10, niamey, agents.AttackForces, agents.ISGS, agents.ISGS, -1, 2)}, clock, &c); err != nil || c != (evidence.Counts{}) {
		t.Errorf("an event in Niamey was counted (%v)", err)
	}
	bad := ev(10, mopti, agents.AttackForces, agents.FLM, agents.ActorForces, -1, 1)
	if err := pc.Count([]agents.Event{bad}, clock, &evidence.Counts{}); err == nil {
		t.Error("a violent event labelled with the forces was counted without error")
	}
}

func countryName(iso3 string) string {
	return map[string]string{"MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger"}[iso3]
}

// TestPatternCounterMatchesExport checks that the count of the training
// patterns is the count of the run's ACLED export: each replicate of a
// real run, exported to ACLED's layout, read back as a user's export and
// counted as the training data were counted, gives the same table as the
// PatternCounter on the replicate's events.
func TestPatternCounterMatchesExport(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2019, 9, 30)
	reps, err := runner.Run(context.Background(), sc, 11, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, 11, 2, outputs.Build{}, nil, time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := outputs.WriteRun(dir, false, m, reps); err != nil {
		t.Fatal(err)
	}
	run, err := acled.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := acled.NewPatternCounter(run.Grid, acled.JNIMMembers(&sc.Params))
	if err != nil {
		t.Fatal(err)
	}
	class, _ := acled.NewClassifier("")
	for i, rep := range reps {
		var b bytes.Buffer
		if _, err := acled.Export(&b, run, i); err != nil {
			t.Fatal(err)
		}
		evs, err := acled.ReadEvents(&b)
		if err != nil {
			t.Fatal(err)
		}
		var fromExport, fromEvents evidence.Counts
		n := 0
		for _, e := range evs.List {
			if acled.CountEvent(class, e, &fromExport) {
				n++
			}
		}
		if err := pc.Count(rep.Events, rep.Clock, &fromEvents); err != nil {
			t.Fatal(err)
		}
		if n < 100 {
			t.Errorf("replicate %d: only %d events counted", i, n)
		}
		if fromExport != fromEvents {
			t.Errorf("replicate %d: the pattern count differs from the count of its ACLED export", i)
		}
	}
	if !acled.Covers(reps[0].Clock) {
		t.Error("a run to September 2019 does not cover the training window")
	}
	short := sim.NewClock(sim.NewDate(2017, 1, 1), sim.NewDate(2019, 3, 31), 7)
	if acled.Covers(short) {
		t.Error("a run to March 2019 covers the training window")
	}
}
