package sweep_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// TestPatternsAndPointStreams runs a sweep of explicit points, each with
// its own random streams, that records the ACLED patterns of each run,
// and checks a run's patterns against the same run made alone.
func TestPatternsAndPointStreams(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "points.csv"), []byte("particle,recruitment.rate,end\n0,18,2019-06-30\n1,30,2019-06-30\n"), 0o644)
	file := filepath.Join(dir, "sweep.toml")
	os.WriteFile(file, []byte("scenario = \"baseline\"\nreplicates = 2\nseed = 5\npatterns = true\n[design]\nkind = \"points\"\nfile = \"points.csv\"\nstreams = \"point\"\n"), 0o644)
	sw, err := scenarios.LoadSweep(file)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runAll(t, out, sw, sweep.SeriesNone, sweep.Options{Workers: 2})
	tab, err := sweep.ReadTable(out)
	if err != nil {
		t.Fatal(err)
	}
	ids := evidence.PatternIDs()
	if !tab.Manifest.Patterns || !slices.Equal(tab.Indicators[len(tab.Indicators)-len(ids):], ids) {
		t.Fatalf("runs.csv does not end with the pattern columns")
	}
	runs := readCSV(t, filepath.Join(out, sweep.RunsCSV))
	// Run 3 is point 1, replicate 1.
	seed, _ := strconv.ParseUint(runs[4][4], 10, 64)
	if seed != scenarios.PointSeed(5, 1, 1) {
		t.Errorf("run 3 has seed %d, want PointSeed(5, 1, 1)", seed)
	}
	sc, err := sw.PointScenario(1)
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := runner.Simulate(t.Context(), sc, g, sim.NewRand(seed, 0))
	if err != nil {
		t.Fatal(err)
	}
	pc, err := acled.NewPatternCounter(g, acled.JNIMMembers(&sc.Params))
	if err != nil {
		t.Fatal(err)
	}
	var c evidence.Counts
	if err := pc.Count(rep.Events, rep.Clock, &c); err != nil {
		t.Fatal(err)
	}
	want := evidence.PatternValues(evidence.Patterns(), &c, nil)
	got := tab.Values[1][1][len(tab.Indicators)-len(ids):]
	for i := range want {
		if !(got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Errorf("%s = %v in runs.csv, %v when run alone", ids[i], got[i], want[i])
		}
	}
	if got[0] == 0 {
		t.Error("no event in the first half of 2017")
	}
	// Independent streams: the two points' first replicates have their
	// own seeds.
	if runs[1][4] == runs[2][4] {
		t.Error("points 0 and 1 share a seed")
	}
}
