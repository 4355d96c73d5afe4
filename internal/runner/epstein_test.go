package runner_test

import (
	"bytes"
	"testing"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// TestEpsteinRun runs the reference model through the same runner and
// writers as the Sahel model: one engine, two models.
func TestEpsteinRun(t *testing.T) {
	sc, err := scenarios.Load("epstein")
	if err != nil {
		t.Fatal(err)
	}
	sc.Epstein.Steps = 200
	series := func(workers int) []byte {
		reps, err := runner.Run(t.Context(), sc, 42, 3, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := outputs.WriteTimeSeries(&b, reps, outputs.SeriesFull); err != nil {
			t.Fatal(err)
		}
		if err := outputs.WriteSummary(&b, reps); err != nil {
			t.Fatal(err)
		}
		for _, r := range reps {
			if r.Steps != 200 || r.Value("jailed_mean") <= 0 || r.Value("active_peak") < r.Value("active_mean") {
				t.Errorf("replicate %d: %d steps, jailed %v, active peak %v mean %v", r.Rep, r.Steps,
					r.Value("jailed_mean"), r.Value("active_peak"), r.Value("active_mean"))
			}
		}
		return b.Bytes()
	}
	a, b := series(1), series(3)
	if !bytes.Equal(a, b) {
		t.Error("the Epstein model's outputs depend on the number of workers")
	}
	if !bytes.Contains(a, []byte("0,199,")) || !bytes.Contains(a, []byte(",all,all,active,")) {
		t.Errorf("time series lack the last step or the active counts:\n%.300s", a)
	}
}
