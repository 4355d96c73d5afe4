package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLoadOver lays the reintegration lever over the history: the result
// is the history's parameters and timeline with the lever's table, named
// after both, and the same as a file that extends the history and sets
// the lever's table.
func TestLoadOver(t *testing.T) {
	sc, err := LoadOver("reintegration", "history")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "reintegration_over_history" {
		t.Errorf("name %q", sc.Name)
	}
	hist, err := Load("history")
	if err != nil {
		t.Fatal(err)
	}
	if sc.End != hist.End || len(sc.Params.Timeline.Shocks) != len(hist.Params.Timeline.Shocks) || sc.Policy.Reintegration == nil {
		t.Fatalf("end %s, %d shocks, reintegration %v: want the history's and the lever", sc.End, len(sc.Params.Timeline.Shocks), sc.Policy.Reintegration)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "r.toml")
	os.WriteFile(file, []byte("extends = \"history\"\nname = \"reintegration_over_history\"\n[policy.reintegration]\nstart = 2018-01-01\nintensity = 1.0\n"), 0o644)
	want, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	sc.Description, want.Description = "", ""
	sc.Params.Timeline, want.Params.Timeline = hist.Params.Timeline, hist.Params.Timeline
	if !reflect.DeepEqual(sc.Params, want.Params) {
		t.Error("reintegration over history differs from a file extending history with the lever")
	}
	if b, err := LoadOver("baseline", "history"); err != nil || b.Name != "history" {
		t.Errorf("baseline over history: %v, %v", b, err)
	}
	// A scenario that does not extend the baseline cannot be laid over.
	if _, err := LoadOver("epstein", "history"); err == nil || !errors.Is(err, ErrExtends) || !strings.Contains(err.Error(), "does not extend the baseline") {
		t.Errorf("epstein over history: %v", err)
	}
}

// TestHistoryLeversSweep checks the shipped sweep of the six levers over
// the history: eight base scenarios, each over the history, with common
// random numbers.
func TestHistoryLeversSweep(t *testing.T) {
	sw, err := LoadSweep("history_levers")
	if err != nil {
		t.Fatal(err)
	}
	if sw.Over != "history" || len(sw.Scenarios) != 8 {
		t.Fatalf("over %q, %d scenarios", sw.Over, len(sw.Scenarios))
	}
	for i, sc := range sw.Scenarios {
		if len(sc.Params.Timeline.Shocks) == 0 || sc.End.Year() != 2025 {
			t.Errorf("%s: %d shocks, end %s: not over the history", sc.Name, len(sc.Params.Timeline.Shocks), sc.End)
		}
		if i > 0 && !strings.HasSuffix(sc.Name, "_over_history") {
			t.Errorf("scenario %d named %q", i, sc.Name)
		}
	}
	if a, b := sw.Run(1).Seed, sw.Run(2).Seed; a != b {
		t.Errorf("points 1 and 2 of replicate 0 draw different streams (%d, %d)", a, b)
	}
}
