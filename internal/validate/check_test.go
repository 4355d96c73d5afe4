package validate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

func TestLoadTargets(t *testing.T) {
	report, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	patterns, err := evidence.PatternTargets()
	if err != nil {
		t.Fatal(err)
	}
	all, err := validate.LoadTargets("", true)
	if err != nil || len(all) != len(report)+len(patterns) || all[0].ID != report[0].ID || all[len(report)].ID != patterns[0].ID {
		t.Errorf("the report's figures, then the patterns: %d targets, %v", len(all), err)
	}
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.csv")
	os.WriteFile(mine, []byte("id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\nx,X,1,0,2,,,\n"), 0o644)
	if got, err := validate.LoadTargets(mine, false); err != nil || len(got) != 1 || got[0].ID != "x" {
		t.Errorf("a user's file: %v, %v", got, err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,what\n"), 0o644)
	for _, tt := range []struct {
		path string
		also error
	}{
		{bad, nil},
		{filepath.Join(dir, "none.csv"), os.ErrNotExist},
		{dir, input.ErrNotRegular},
	} {
		_, err := validate.LoadTargets(tt.path, true)
		if !errors.Is(err, validate.ErrTargets) || tt.also != nil && !errors.Is(err, tt.also) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("%s: %v; want ErrTargets (and %v) naming the file", tt.path, err, tt.also)
		}
	}
}

// TestCheck checks the one path of run's headline and validate: the
// report's figures as DefaultMeasures measures them, and the patterns
// after them when asked for.
func TestCheck(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2017, 12, 31)
	reps, err := runner.Run(context.Background(), sc, 5, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	report, _ := validate.LoadTargets("", false)
	ms, err := validate.DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		t.Fatal(err)
	}
	want, err := validate.Validate(reps, report, ms)
	if err != nil {
		t.Fatal(err)
	}
	got, err := validate.Check(sc, reps, report, false)
	if err != nil || !reflect.DeepEqual(fmtResults(got), fmtResults(want)) {
		t.Errorf("Check without patterns differs from Validate with DefaultMeasures: %v", err)
	}
	all, _ := validate.LoadTargets("", true)
	withPatterns, err := validate.Check(sc, reps, all, true)
	if err != nil {
		t.Fatal(err)
	}
	npat := len(all) - len(report)
	if !reflect.DeepEqual(fmtResults(withPatterns[:len(want)]), fmtResults(want)) || len(withPatterns) != len(want)+npat {
		t.Fatalf("Check with patterns: %d results, want the report's %d then %d patterns", len(withPatterns), len(want), npat)
	}
	for _, r := range withPatterns[len(want):] {
		if r.Fit == validate.NotSimulated || r.Kind == evidence.KindReport {
			t.Errorf("%s: kind %s, fit %v; want a pattern, measured", r.ID, r.Kind, r.Fit)
		}
	}
	if r := withPatterns[len(want)]; !strings.Contains(r.Note, "partial") {
		t.Errorf("%s: note %q; want counts noted partial (the run stops in 2017)", r.ID, r.Note)
	}
	if _, err := validate.Check(sc, nil, report, false); err == nil {
		t.Error("no replicate: no error")
	}
}

// fmtResults returns the results as text, NaN equal to NaN.
func fmtResults(rs []validate.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s|%v|%v %v %v %v %v", r.ID, r.Fit, r.Mean, r.CILow, r.CIHigh, r.P05, r.P95))
	}
	return out
}
