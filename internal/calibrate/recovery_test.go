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
// a small budget: two the training-window patterns identify, each through
// patterns of its own, so that neither can stand in for the other.
// recruitment.rate sets how fast the groups grow, and so the events and
// fatalities of every half-year, country and zone and their growth;
// violence.explosive is the weight of explosive devices among the targets
// a band chooses, and so the share of remote violence in the event-class
// mix of every zone. Measured when they were chosen (one replicate at a
// time, baseline at seed 1–4, against one run at seed 99): halving or
// doubling recruitment.rate raises the distance from 0.62 to 1.09 and
// 1.75, violence.explosive to 0.74 and 0.73; other pairs do worse:
// violence.tempo and recruitment.rate are both identified (1.11 and 1.43
// for tempo) but trade off against each other in the event counts, so
// that their posterior lies along a ridge as wide as the prior, and the
// observation parameters (attribution.coalition, attribution.sharing,
// attribution.base) and many others do not move the distance beyond the
// noise of a replicate. Across six pairs of seeds (synthetic data,
// calibration) the truth was inside both 90 % intervals in all six and
// both intervals within 70 % of the prior in five (explosive's 72 % in
// the sixth); the test uses the first pair.
const recoveryFile = `name = "recovery"
scenario = "short.toml"
replicates = 1
seed = 11
[design]
kind = "sobol"
points = 32
[parameters]
"recruitment.rate" = { min = 12.0, max = 48.0 }
"violence.explosive" = { min = 1.0, max = 8.0 }
`

// truth are the parameters of the synthetic data: the baseline's.
var truth = map[string]float64{"recruitment.rate": 24, "violence.explosive": 4}

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
// the posterior holds the truth and is narrower than the prior. The
// particles keep half their number at each generation (Settings.Keep
// 0.5, not the default 0.75), so that the tolerance falls to the noise of
// a replicate within the budget: 32 particles, at most 256 simulations.
func TestParameterRecovery(t *testing.T) {
	sc, err := scenarios.Parse([]byte(shortScenario), "")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2019, 6, 30)
	targets := syntheticTargets(t, sc, 99)
	s := calibrate.DefaultSettings()
	s.Budget, s.Check, s.Keep = 256, 0, 0.5
	c := calibration(t, recoveryFile, s, targets)
	res, err := c.Run(context.Background(), calibrate.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished || res.Simulations > s.Budget {
		t.Fatalf("finished %v after %d simulations (budget %d)", res.Finished, res.Simulations, s.Budget)
	}
	for _, st := range res.Stages {
		t.Logf("%s: %d runs, tolerance %.3g, acceptance %.2f, %d distinct", st.Name, st.Runs, st.Epsilon, st.Acceptance, st.Distinct)
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
