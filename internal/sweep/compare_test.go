package sweep_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// writeTable writes a sweep directory whose runs.csv holds rows, for a
// sweep of the given scenarios, design points per scenario and
// replicates, with one parameter x and the indicators a and b.
func writeTable(t *testing.T, scenarios []string, design, reps int, rows string) string {
	t.Helper()
	dir := t.TempDir()
	m := &sweep.Manifest{
		Format:     sweep.Format,
		Sweep:      "test",
		Points:     len(scenarios) * design,
		Replicates: reps,
		Runs:       len(scenarios) * design * reps,
		Seeds:      make([]uint64, reps),
		Parameters: []sweep.ManifestParam{{Path: "x", Kind: "float"}},
		Indicators: []string{"a", "b"},
	}
	for _, s := range scenarios {
		m.Scenarios = append(m.Scenarios, sweep.ManifestScenario{Name: s})
	}
	if err := outputs.WriteFile(filepath.Join(dir, sweep.ManifestFile), m.Write); err != nil {
		t.Fatal(err)
	}
	text := "run,scenario,point,replicate,seed,x,a,b\n" + strings.TrimSpace(rows) + "\n"
	if err := os.WriteFile(filepath.Join(dir, sweep.RunsCSV), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCompareKnownAnswer(t *testing.T) {
	// Two points, five replicates. Indicator a: reference 1…5, point
	// 2,4,3,6,5: paired differences 1,2,0,2,0, mean 1, standard deviation
	// 1, so the 95 % interval is 1 ± t(0.975, 4)/√5 = 1 ± 2.776445/√5.
	// Indicator b is undefined (NaN) in replicate 4 of the point: that
	// pair is left out, leaving 4 pairs with differences 10 each.
	dir := writeTable(t, []string{"s"}, 2, 5, `
0,s,0,0,1,0.5,1,10
1,s,1,0,1,1.5,2,20
2,s,0,1,2,0.5,2,10
3,s,1,1,2,1.5,4,20
4,s,0,2,3,0.5,3,10
5,s,1,2,3,1.5,3,20
6,s,0,3,4,0.5,4,10
7,s,1,3,4,1.5,6,20
8,s,0,4,5,0.5,5,10
9,s,1,4,5,1.5,5,
`)
	tab, err := sweep.ReadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := tab.References("")
	if err != nil {
		t.Fatal(err)
	}
	cs := tab.Compare(refs)
	if len(cs) != 2 {
		t.Fatalf("%d comparisons, want 2: %+v", len(cs), cs)
	}
	half := 2.7764451051977987 / math.Sqrt(5)
	a := cs[0]
	want := outputs.Comparison{Reference: 0, Scenario: "s", Point: 1, Indicator: "a", ReferenceMean: 3, Mean: 4, Difference: 1, Low: 1 - half, High: 1 + half, N: 5}
	if !closeTo(a, want) {
		t.Errorf("a: %+v\nwant %+v", a, want)
	}
	b := cs[1]
	want = outputs.Comparison{Reference: 0, Scenario: "s", Point: 1, Indicator: "b", ReferenceMean: 10, Mean: 20, Difference: 10, Low: 10, High: 10, N: 4}
	if !closeTo(b, want) {
		t.Errorf("b: %+v\nwant %+v", b, want)
	}

	var buf bytes.Buffer
	if err := outputs.WriteComparisons(&buf, cs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if lines[0] != "reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n" ||
		lines[2] != "0,s,1,b,10,20,10,10,10,4" {
		t.Errorf("compare.csv:\n%s", buf.String())
	}

	// The reader gives back what was written.
	if err := os.WriteFile(filepath.Join(dir, sweep.CompareCSV), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := outputs.ReadSweep(dir, outputs.ReadOptions{Summary: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Comparisons) != len(cs) {
		t.Fatalf("read %d comparisons, wrote %d", len(res.Comparisons), len(cs))
	}
	for i := range cs {
		if !closeTo(res.Comparisons[i], cs[i]) {
			t.Errorf("comparison %d read back as %+v, written as %+v", i, res.Comparisons[i], cs[i])
		}
	}
}

func closeTo(a, b outputs.Comparison) bool {
	eq := func(x, y float64) bool { return math.Abs(x-y) < 1e-12 || math.IsNaN(x) && math.IsNaN(y) }
	return a.Reference == b.Reference && a.Scenario == b.Scenario && a.Point == b.Point && a.Indicator == b.Indicator &&
		eq(a.ReferenceMean, b.ReferenceMean) && eq(a.Mean, b.Mean) && eq(a.Difference, b.Difference) && eq(a.Low, b.Low) && eq(a.High, b.High) && a.N == b.N
}

func TestReferences(t *testing.T) {
	// Scenarios base and lever, two design points each, one replicate.
	dir := writeTable(t, []string{"base", "lever"}, 2, 1, `
0,base,0,0,1,0.5,1,1
1,base,1,0,1,1.5,1,1
2,lever,2,0,1,0.5,1,1
3,lever,3,0,1,1.5,1,1
`)
	tab, err := sweep.ReadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ref  string
		want []int
		ok   bool
	}{
		{"", []int{-1, -1, 0, 1}, true},     // the first scenario, point by point
		{"base", []int{-1, -1, 0, 1}, true}, // the same, by name
		{"lever", []int{2, 3, -1, -1}, true},
		{"1", []int{1, -1, 1, 1}, true}, // one point for all
		{"4", nil, false},
		{"other", nil, false},
	}
	for _, tt := range tests {
		got, err := tab.References(tt.ref)
		if (err == nil) != tt.ok || tt.ok && !slices.Equal(got, tt.want) {
			t.Errorf("References(%q) = %v, %v; want %v", tt.ref, got, err, tt.want)
		}
	}
	if got := tab.Label(3); got != "point 3 (lever x=1.5)" {
		t.Errorf("Label(3) = %q", got)
	}
}

// TestCompareRuns compares two runs, replicate by replicate: a run with
// itself (every difference 0), two scenarios with the same seed (common
// random numbers) and with another (independent pairs).
func TestCompareRuns(t *testing.T) {
	dir := t.TempDir()
	write := func(name, scenario string, seed uint64, reps int) string {
		sc, err := scenarios.Load(filepath.Join("testdata", scenario))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := runner.Run(t.Context(), sc, seed, reps, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		m, err := outputs.NewManifest(sc, seed, reps, build, nil, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, name)
		if err := outputs.WriteRun(out, false, m, rs); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a := write("a", "short.toml", 3, 4)
	b := write("b", "short_reintegration.toml", 3, 3)
	c := write("c", "short_reintegration.toml", 4, 4)

	rc, err := sweep.CompareRuns(a, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, cmp := range rc.Comparisons {
		if cmp.N > 0 && (cmp.Difference != 0 || cmp.N > 1 && (cmp.Low != 0 || cmp.High != 0)) {
			t.Errorf("a run against itself: %+v", cmp)
		}
	}
	rc, err = sweep.CompareRuns(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !rc.Common || rc.Pairs != 3 || !strings.Contains(rc.Summary(""), "the first 3 are compared") {
		t.Errorf("same seed: common %t, %d pairs: %s", rc.Common, rc.Pairs, rc.Summary(""))
	}
	i := slices.IndexFunc(rc.Comparisons, func(c outputs.Comparison) bool { return c.Indicator == "events_total" })
	if i < 0 {
		t.Fatal("no events_total")
	}
	got := rc.Comparisons[i]
	ra, rb := readCSV(t, filepath.Join(a, outputs.SummaryFile)), readCSV(t, filepath.Join(b, outputs.SummaryFile))
	col := slices.Index(ra[0], "events_total")
	var sum float64
	for r := 1; r <= 3; r++ {
		x, _ := strconv.ParseFloat(ra[r][col], 64)
		y, _ := strconv.ParseFloat(rb[r][col], 64)
		sum += y - x
	}
	if math.Abs(got.Difference-sum/3) > 1e-9 || !(got.Low <= got.Difference && got.Difference <= got.High) || got.N != 3 || got.Scenario != "short_reintegration" {
		t.Errorf("events_total: %+v, want the mean paired difference %v", got, sum/3)
	}
	rc, err = sweep.CompareRuns(a, c)
	if err != nil {
		t.Fatal(err)
	}
	if rc.Common || !strings.Contains(rc.Summary(""), "independent") {
		t.Errorf("different seeds: %s", rc.Summary(""))
	}
	if _, err := sweep.CompareRuns(a, referenceDir(t)); err == nil || !strings.Contains(err.Error(), "sweep directory") {
		t.Errorf("a run against a sweep: %v", err)
	}
}
