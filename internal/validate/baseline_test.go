package validate_test

import (
	"context"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/scenarios"
)

// Fit of the shipped baseline, as 'sahelsim validate --reps 50' (seed 1)
// measures it: the report's banded figures and the training-window
// patterns within their bands. Issue #13 asks for all 14 figures and 90 %
// of the patterns; the calibrated baseline meets fewer, and the misfits
// that remain are findings (agents/MODEL.md 3.6). These are the counts it
// meets today, so that a change that loses a target fails here and must
// say so in MODEL.md.
const (
	baselineReportMet   = 9
	baselinePatternsMet = 59
)

// TestBaselineFit validates the shipped baseline over 50 replicates and
// checks that it meets at least the figures and patterns it met when it
// was calibrated.
func TestBaselineFit(t *testing.T) {
	if testing.Short() {
		t.Skip("50 replicates of the baseline")
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	targets, err := validate.LoadTargets("", true)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), sc, 1, 50, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	results, err := validate.Check(sc, reps, targets, true)
	if err != nil {
		t.Fatal(err)
	}
	var report, patterns, judged int
	for _, kc := range validate.Count(results) {
		t.Logf("%-40s %3d of %3d met", evidence.KindTitle(kc.Kind), kc.Met, kc.Judged)
		if kc.Kind == evidence.KindReport {
			report = kc.Met
		} else {
			patterns += kc.Met
			judged += kc.Judged
		}
	}
	if report < baselineReportMet {
		t.Errorf("the baseline meets %d of the report's figures, fewer than the %d it met when calibrated", report, baselineReportMet)
	}
	if patterns < baselinePatternsMet {
		t.Errorf("the baseline meets %d of %d training-window patterns, fewer than the %d it met when calibrated", patterns, judged, baselinePatternsMet)
	}
}
