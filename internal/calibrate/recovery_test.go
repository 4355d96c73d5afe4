package calibrate_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// shortScenario is the baseline over the training window only.
const shortScenario = "extends = \"baseline\"\nname = \"short\"\nend = 2019-06-30\n"

// recoveryFile is a calibration of two parameters of shortScenario with
// a small budget.
const recoveryFile = `name = "recovery"
scenario = "short.toml"
replicates = 1
seed = 11
[design]
kind = "sobol"
points = 64
[parameters]
"groups.flm.tempo" = { min = 0.03, max = 0.2 }
"groups.isgs.recruit" = { min = 3.0, max = 18.0 }
`

// truth are the parameters of the synthetic data: the baseline's.
var truth = map[string]float64{"groups.flm.tempo": 0.08, "groups.isgs.recruit": 8.5}

// syntheticTargets returns the pattern targets of one run of sc at seed:
// the model's own data, with bands made as for ACLED's.
func syntheticTargets(t *testing.T, sc *scenarios.Scenario, seed uint64) []evidence.Target {
	t.Helper()
	reps, err := runner.Run(context.Background(), sc, seed, 1, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := acled.NewPatternCounter(reps[0].Grid, acled.JNIMMembers(&sc.Params))
	if err != nil {
		t.Fatal(err)
	}
	var c evidence.Counts
	if err := pc.Count(reps[0].Events, reps[0].Clock, &c); err != nil {
		t.Fatal(err)
	}
	return evidence.PatternTargetsOf(&c)
}

// calibration writes the files of a calibration into a new directory and
// opens it.
func calibration(t *testing.T, file string, settings calibrate.Settings, targets []evidence.Target) *calibrate.Calibration {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "short.toml"), []byte(shortScenario), 0o644)
	path := filepath.Join(dir, "calibration.toml")
	os.WriteFile(path, []byte(file), 0o644)
	sw, err := scenarios.LoadSweep(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := calibrate.Open(sw, filepath.Join(dir, "out"), targets, settings, outputs.Build{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestParameterRecovery calibrates two parameters of the model to the
// model's own data at known values, with a small budget, and checks that
// the posterior holds the truth and is narrower than the prior.
func TestParameterRecovery(t *testing.T) {
	sc, err := scenarios.Parse([]byte(shortScenario), "")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2019, 6, 30)
	targets := syntheticTargets(t, sc, 99)
	s := calibrate.DefaultSettings()
	s.Budget, s.Check = 256, 0
	c := calibration(t, recoveryFile, s, targets)
	res, err := c.Run(context.Background(), calibrate.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished || res.Simulations > s.Budget {
		t.Fatalf("finished %v after %d simulations (budget %d)", res.Finished, res.Simulations, s.Budget)
	}
	for _, p := range res.Summaries() {
		width := p.P95 - p.P05
		t.Logf("%s: true %g, posterior median %.4g, 90%% interval %.4g–%.4g (%.0f%% of the prior)", p.Path, truth[p.Path], p.Median, p.P05, p.P95, 100*width/(p.PriorMax-p.PriorMin))
		if tr := truth[p.Path]; tr < p.P05 || tr > p.P95 || width > 0.7*(p.PriorMax-p.PriorMin) {
			t.Errorf("%s: the truth %g is not recovered: 90%% interval %.4g–%.4g of a prior %g–%g", p.Path, tr, p.P05, p.P95, p.PriorMin, p.PriorMax)
		}
	}
	if err := c.WriteOutputs(t.Context(), res, 0); err != nil {
		t.Fatal(err)
	}
}
