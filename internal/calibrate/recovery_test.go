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
// a small budget. recruitment.rate sets how fast the groups grow, and so
// the events and fatalities of every half-year, country and zone and
// their growth: the training-window patterns identify it well.
// violence.civilians is the shared weight of civilians among a band's
// targets, and so the share of attacks on civilians in the event-class
// mix and the report's civilian shares: the patterns identify it only
// weakly, because the noise of a replicate in the class mix is as large
// as much of its effect.
//
// Measured on the second edition (32 particles keeping half, 256
// simulations; synthetic data the mean of 8 runs at seed S, calibration
// seed C) over six pairs (S, C) = (99, 11), (98, 12), …, (94, 16): the
// truth was inside both 90 % intervals in all six; recruitment.rate's
// interval spanned 11–32 % of its prior, violence.civilians's 39–92 %.
// Other second parameters did worse: violence.explosive's interval
// spanned 96–97 % of its prior, violence.kidnap's and violence.security's
// missed the truth or spanned most of the prior in half the pairs,
// violence.kill_civilians missed the truth in one pair of four; data of
// a single run (not a mean of 8) moved recruitment.rate's posterior off
// the truth in one pair of three. The test uses the first pair, and
// checks that both truths are recovered and that recruitment.rate's
// interval is narrower than half its prior; the weak identification of
// violence.civilians is a property of the patterns (agents/MODEL.md
// 3.6), not of the method.
const recoveryFile = `name = "recovery"
scenario = "short.toml"
replicates = 1
seed = 11
[design]
kind = "sobol"
points = 32
[parameters]
"recruitment.rate" = { min = 12.0, max = 48.0 }
"violence.civilians" = { min = 0.5, max = 3.0 }
`

// truth are the parameters of the synthetic data: the baseline's.
var truth = map[string]float64{"recruitment.rate": 24, "violence.civilians": 1.55}

// narrow is the largest share of its prior that a well-identified
// parameter's 90 % interval may span.
var narrow = map[string]float64{"recruitment.rate": 0.5, "violence.civilians": 1}

// syntheticTargets returns the pattern targets of the mean of n runs of
// sc from seed: the model's own data, with bands made as for ACLED's. A
// mean of several runs separates the method's error from the noise of
// one data set.
func syntheticTargets(t *testing.T, sc *scenarios.Scenario, seed uint64, n int) []evidence.Target {
	t.Helper()
	reps, err := runner.Run(context.Background(), sc, seed, n, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mean evidence.Counts
	for _, r := range reps {
		pc, err := acled.NewPatternCounter(r.Grid, acled.JNIMMembers(&sc.Params))
		if err != nil {
			t.Fatal(err)
		}
		var c evidence.Counts
		if err := pc.Count(r.Events, r.Clock, &c); err != nil {
			t.Fatal(err)
		}
		for i := range c.Events {
			mean.Events[i] += c.Events[i] / float64(n)
			mean.Fatalities[i] += c.Fatalities[i] / float64(n)
		}
		for i := range c.Sizes {
			for j := range c.Sizes[i] {
				mean.Sizes[i][j] += c.Sizes[i][j] / float64(n)
			}
		}
	}
	return evidence.PatternTargetsOf(&mean)
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
// the posterior holds the truth, within a narrow interval for the
// well-identified parameter (see recoveryFile). The
// particles keep half their number at each generation (Settings.Keep
// 0.5, not the default 0.75), so that the tolerance falls to the noise of
// a replicate within the budget: 32 particles, at most 256 simulations.
func TestParameterRecovery(t *testing.T) {
	sc, err := scenarios.Parse([]byte(shortScenario), "")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2019, 6, 30)
	targets := syntheticTargets(t, sc, 99, 8)
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
		if tr := truth[p.Path]; tr < p.P05 || tr > p.P95 || width > narrow[p.Path]*(p.PriorMax-p.PriorMin) {
			t.Errorf("%s: the truth %g is not recovered: 90%% interval %.4g–%.4g of a prior %g–%g", p.Path, tr, p.P05, p.P95, p.PriorMin, p.PriorMax)
		}
	}
	if err := c.WriteOutputs(t.Context(), res, 0); err != nil {
		t.Fatal(err)
	}
}
