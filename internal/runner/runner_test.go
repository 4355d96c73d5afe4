package runner

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

func baseline(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestRun(t *testing.T) {
	sc := baseline(t)
	var calls []int
	reps, err := Run(context.Background(), sc, 7, 3, 2, func(done int) { calls = append(calls, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 3 {
		t.Fatalf("got %d replicates, want 3", len(reps))
	}
	for i, r := range reps {
		if r.Rep != i || r.Seed != sim.ReplicateSeed(7, i) || i == 0 && r.Seed != 7 {
			t.Errorf("replicate %d: Rep %d, Seed %d", i, r.Rep, r.Seed)
		}
		if r.Steps != r.Clock.Steps || len(r.Events) == 0 {
			t.Errorf("replicate %d: %d of %d steps, %d events", i, r.Steps, r.Clock.Steps, len(r.Events))
		}
	}
	if !slices.Equal(calls, []int{1, 2, 3}) {
		t.Errorf("progress calls %v, want [1 2 3]", calls)
	}
	// Replicates differ from each other but not from a rerun.
	if slices.Equal(reps[0].Events, reps[1].Events) {
		t.Error("replicates 0 and 1 have the same events")
	}
	again, err := Run(context.Background(), sc, 7, 1, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again[0].Events, reps[0].Events) {
		t.Error("replicate 0 differs between runs with 2 and 1 workers")
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, baseline(t), 1, 4, 2, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRunBadInput(t *testing.T) {
	unknown := baseline(t)
	unknown.Model = "netlogo" // the loader rejects it; Run must too
	tests := []struct {
		name string
		sc   *scenarios.Scenario
		reps int
		want error
	}{
		{"no replicates", baseline(t), 0, nil},
		{"unknown model", unknown, 1, ErrModel},
	}
	for _, tt := range tests {
		_, err := Run(context.Background(), tt.sc, 1, tt.reps, 1, nil)
		if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

// TestModels runs a short replicate of every model of the registry and
// checks that an unknown model is refused.
func TestModels(t *testing.T) {
	for name, m := range Models() {
		sc, err := scenarios.Load("baseline")
		if name == "epstein" {
			sc, err = scenarios.Load("epstein")
		}
		if err != nil {
			t.Fatal(err)
		}
		sc.End = sc.Start.AddDays(13)
		if NeedsGrid(sc) != m.Grid() {
			t.Errorf("%q: NeedsGrid %t, the model says %t", name, NeedsGrid(sc), m.Grid())
		}
		reps, err := Run(context.Background(), sc, 1, 1, 1, nil)
		if err != nil || len(reps) != 1 || len(reps[0].Columns) == 0 {
			t.Errorf("%q: %d replicates, %v", name, len(reps), err)
		}
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.Model = "third"
	if _, err := Run(context.Background(), sc, 1, 1, 1, nil); !errors.Is(err, ErrModel) {
		t.Errorf("an unknown model: %v, want ErrModel", err)
	}
}
