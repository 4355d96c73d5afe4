package validate_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// TestTargetTable checks the one table from indicator to the report's
// figure: every figure of the report is measured by a default measure,
// every indicator's target is a figure of the report, and the measures
// follow the table.
func TestTargetTable(t *testing.T) {
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), shortScenario(t, sc), 1, 1, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := validate.DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if len(ms[tg.ID]) == 0 {
			t.Errorf("the report's figure %s has no measure", tg.ID)
		}
		for _, name := range outputs.Measuring(tg.ID) {
			if !slices.ContainsFunc(ms[tg.ID], func(m validate.Measure) bool { return m.Indicator == name }) {
				t.Errorf("%s measures %s in the table, not in DefaultMeasures", name, tg.ID)
			}
		}
	}
	for _, in := range outputs.Indicators() {
		if in.Target != "" && !slices.ContainsFunc(targets, func(tg evidence.Target) bool { return tg.ID == in.Target }) {
			t.Errorf("indicator %s measures %q, which is not a figure of the report", in.Name, in.Target)
		}
	}
}

// shortScenario returns sc cut to its first three months.
func shortScenario(t *testing.T, sc *scenarios.Scenario) *scenarios.Scenario {
	t.Helper()
	s := sc.Clone()
	s.End = s.Start.AddDays(90)
	return s
}

// TestHeadline checks that the headline table is a view of the
// validation: the same targets, and the same fit as validate's.
func TestHeadline(t *testing.T) {
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), sc, 1, 2, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := validate.DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		t.Fatal(err)
	}
	results, err := validate.Validate(reps, targets, ms)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := validate.Headline(&buf, reps, results); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"indicator", "90% interval", "jnim_share_events", "0.55 – 0.73", "fatalities_total", "6500 – 9500", "26.5M", "sustained_presence_share"} {
		if !strings.Contains(out, want) {
			t.Errorf("headline lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")[1:]
	names := outputs.HeadlineIndicators()
	if len(lines) != len(names) {
		t.Fatalf("%d headline indicators, Headline prints %d rows", len(names), len(lines))
	}
	for i, name := range names {
		f := strings.Fields(lines[i])
		if f[0] != name {
			t.Errorf("row %d is %s, want %s", i, f[0], name)
		}
		if !slices.Contains(reps[0].Columns, name) {
			t.Errorf("%s is not an indicator column", name)
		}
		for _, r := range results {
			if r.Indicator == name && r.Fit.Short() != "" && f[len(f)-1] != r.Fit.Short() {
				t.Errorf("%s: the headline's fit is %q, validate's %q", name, f[len(f)-1], r.Fit.Short())
			}
		}
	}
}
