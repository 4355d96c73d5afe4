package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// sweepFile is the name sweep texts are parsed under in tests: relative
// scenario paths are resolved in testdata.
var sweepFile = filepath.Join("testdata", "sweep.toml")

func TestSweepErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind error
		key  string
		line int
		in   string // also in the message
	}{
		{"unknown path", "scenario = \"reintegration\"\n[parameters]\n\"policy.reintegration.intensty\" = [0.5]\n",
			ErrUnknownKey, "policy.reintegration.intensty", 3, `did you mean "policy.reintegration.intensity"?`},
		{"unknown group", "scenario = \"baseline\"\n[parameters]\n\"groups.flmm.fighters\" = [1000]\n",
			ErrUnknownKey, "groups.flmm.fighters", 3, `did you mean "groups.flm.fighters"?`},
		{"out of range", "scenario = \"reintegration\"\n\n[parameters]\n\"policy.reintegration.intensity\" = [0.25, 1.5]\n",
			ErrRange, "policy.reintegration.intensity", 4, "value 2 (1.5): want a value from 0 to 1, got 1.5"},
		{"range out of range", "scenario = \"baseline\"\n[design]\nkind = \"lhs\"\npoints = 8\n[parameters]\n\"groups.flm.fighters\" = { min = 100, max = 200000 }\n",
			ErrRange, "groups.flm.fighters", 6, "max: want a value from 0 to 100000, got 200000"},
		{"wrong type", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = [1000, \"many\"]\n",
			ErrType, "groups.flm.fighters", 3, `want an integer, got string "many"`},
		{"float for an integer", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = [1000.5]\n",
			ErrType, "groups.flm.fighters", 3, "want an integer"},
		{"bad date", "scenario = \"reintegration\"\n[parameters]\n\"policy.reintegration.start\" = [\"2018-13-01\"]\n",
			ErrType, "policy.reintegration.start", 3, "want a TOML date, written without quotes as YYYY-MM-DD"},
		{"dates out of order", "scenario = \"baseline\"\n[parameters]\nend = [2016-06-30]\n",
			ErrInvalid, "end", 3, "point 0 (end = 2016-06-30): end 2016-06-30 is before start 2017-01-01"},
		{"scalar", "scenario = \"baseline\"\n[parameters]\nseed_x = 3\n",
			ErrUnknownKey, "seed_x", 3, "unknown key"},
		{"scalar value", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = 3\n",
			ErrType, "groups.flm.fighters", 3, "write [3] for a single value"},
		{"not sweepable", "scenario = \"baseline\"\n[parameters]\nseed = [1, 2]\n",
			ErrInvalid, "seed", 3, "the sweep's seed sets the seeds of the runs"},
		{"list key", "scenario = \"reintegration\"\n[parameters]\n\"policy.reintegration.zones\" = [[\"central_mali\"]]\n",
			ErrInvalid, "policy.reintegration.zones", 3, "only keys with a single value"},
		{"duplicate value", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = [1000, 1000]\n",
			ErrInvalid, "groups.flm.fighters", 3, "listed twice"},
		{"empty list", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = []\n",
			ErrInvalid, "groups.flm.fighters", 3, "no values"},
		{"range min above max", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = { min = 2000, max = 1000, steps = 3 }\n",
			ErrInvalid, "groups.flm.fighters", 3, "min 2000 is not below max 1000"},
		{"range of strings", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.label\" = { min = \"a\", max = \"b\", steps = 2 }\n",
			ErrType, "groups.flm.label", 3, "a range needs numbers or dates"},
		{"range key", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = { min = 1, max = 2, step = 2 }\n",
			ErrUnknownKey, "groups.flm.fighters", 3, `did you mean "steps"?`},
		{"range without max", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = { min = 1 }\n",
			ErrInvalid, "groups.flm.fighters", 3, "needs both min and max"},
		{"steps in lhs", "scenario = \"baseline\"\n[design]\nkind = \"lhs\"\npoints = 4\n[parameters]\n\"groups.flm.fighters\" = { min = 1, max = 2, steps = 2 }\n",
			ErrInvalid, "groups.flm.fighters", 6, "steps is for grids"},
		{"one steps", "scenario = \"baseline\"\n[parameters]\n\"groups.flm.fighters\" = { min = 1, max = 2, steps = 1 }\n",
			ErrRange, "groups.flm.fighters", 3, "steps: want a value from 2"},
		{"unknown sweep key", "scenario = \"baseline\"\nreplicate = 3\n",
			ErrUnknownKey, "replicate", 2, `did you mean "replicates"?`},
		{"zero replicates", "scenario = \"baseline\"\nreplicates = 0\n",
			ErrRange, "replicates", 2, "want a value from 1"},
		{"replicates type", "scenario = \"baseline\"\nreplicates = \"ten\"\n",
			ErrType, "replicates", 2, "want an integer"},
		{"negative seed", "scenario = \"baseline\"\nseed = -1\n",
			ErrRange, "seed", 2, "want an integer from 0 to 9007199254740991"},
		{"unknown kind", "scenario = \"baseline\"\n[design]\nkind = \"sobal\"\n",
			ErrRange, "design.kind", 3, `did you mean "sobol"?`},
		{"lhs without points", "scenario = \"baseline\"\n[design]\nkind = \"lhs\"\n[parameters]\nend = [2018-01-01]\n",
			ErrInvalid, "design.points", 3, "needs the number of points"},
		{"grid with points", "scenario = \"baseline\"\n[design]\nkind = \"grid\"\npoints = 5\n",
			ErrInvalid, "design.points", 4, "points is for lhs, sobol, morris"},
		{"sobol without parameters", "scenario = \"baseline\"\n[design]\nkind = \"sobol\"\npoints = 8\n",
			ErrInvalid, "design.kind", 3, "has none"},
		{"unknown design key", "scenario = \"baseline\"\n[design]\nkinds = \"grid\"\n",
			ErrUnknownKey, "design.kinds", 3, `did you mean "kind"?`},
		{"missing built-in", "scenario = \"baselin\"\n",
			fs.ErrNotExist, "scenario", 1, `no built-in scenario "baselin" (did you mean "baseline"?)`},
		{"missing file", "replicates = 2\nscenario = \"nowhere.toml\"\n",
			fs.ErrNotExist, "scenario", 2, filepath.Join("testdata", "nowhere.toml")},
		{"both forms", "scenario = \"baseline\"\nscenarios = [\"baseline\"]\n",
			ErrInvalid, "scenarios", 2, "not both"},
		{"no scenario", "replicates = 2\n",
			ErrInvalid, "", 0, "no scenario"},
		{"scenario listed twice", "scenarios = [\"baseline\", \"baseline\"]\n",
			ErrInvalid, "scenarios", 1, "listed twice"},
		{"syntax", "scenario = \"baseline\"\nreplicates = = 3\n",
			ErrSyntax, "", 2, "syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sw, err := ParseSweep([]byte(tt.text), sweepFile)
			if err == nil {
				t.Fatalf("ParseSweep = %d points, want an error", sw.NumPoints())
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %q is %T, not *Error", err, err)
			}
			if e.File != sweepFile || !strings.HasPrefix(err.Error(), sweepFile+":") {
				t.Errorf("message %q does not name the file %s", err, sweepFile)
			}
			if e.Key != tt.key {
				t.Errorf("Key = %q, want %q (%v)", e.Key, tt.key, err)
			}
			if e.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", e.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("message %q does not contain %q", err, tt.in)
			}
		})
	}
}

// An error inside a scenario file that a sweep names is reported in that
// file.
func TestSweepScenarioFileError(t *testing.T) {
	_, err := ParseSweep([]byte("scenario = \"unknown_key.toml\"\n"), sweepFile)
	var e *Error
	if !errors.As(err, &e) || e.File != filepath.Join("testdata", "unknown_key.toml") || e.Line != 7 || !errors.Is(err, ErrUnknownKey) {
		t.Errorf("error %v, want the scenario file's own", err)
	}
}

// The form of the issue: a grid of a list and a range without steps.
func TestSweepIssueForm(t *testing.T) {
	text := `scenario = "reintegration"          # built-in name or a path relative to this file
replicates = 10
seed = 1
[design]
kind = "grid"                       # grid | lhs | sobol (lhs and sobol take points = N)
[parameters]
"policy.reintegration.intensity" = [0.25, 0.5, 1.0]
"groups.flm.fighters" = { min = 1000, max = 4000 }   # a range, for lhs and sobol
`
	sw, err := ParseSweep([]byte(text), sweepFile)
	if err != nil {
		t.Fatal(err)
	}
	if sw.Name != "sweep" || sw.Replicates != 10 || sw.Seed != 1 || len(sw.Scenarios) != 1 || sw.Scenarios[0].Name != "reintegration" {
		t.Errorf("sweep %q: %d replicates, seed %d, scenarios %v", sw.Name, sw.Replicates, sw.Seed, sw.Refs)
	}
	// A range in a grid takes DefaultSteps values; the first parameter
	// varies slowest.
	if sw.NumPoints() != 3*DefaultSteps || sw.NumRuns() != 150 {
		t.Fatalf("%d points, %d runs", sw.NumPoints(), sw.NumRuns())
	}
	var got []string
	for p := range 6 {
		got = append(got, sw.Describe(p))
	}
	want := []string{
		"policy.reintegration.intensity = 0.25, groups.flm.fighters = 1000",
		"policy.reintegration.intensity = 0.25, groups.flm.fighters = 1750",
		"policy.reintegration.intensity = 0.25, groups.flm.fighters = 2500",
		"policy.reintegration.intensity = 0.25, groups.flm.fighters = 3250",
		"policy.reintegration.intensity = 0.25, groups.flm.fighters = 4000",
		"policy.reintegration.intensity = 0.5, groups.flm.fighters = 1000",
	}
	if !slices.Equal(got, want) {
		t.Errorf("points:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	sc, err := sw.PointScenario(7)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Policy.Reintegration.Intensity != 0.5 || sc.Groups.FLM.Fighters != 2500 || sc.Name != "reintegration" {
		t.Errorf("point 7: intensity %v, fighters %d", sc.Policy.Reintegration.Intensity, sc.Groups.FLM.Fighters)
	}
	// The base scenario is not changed.
	if sw.Scenarios[0].Groups.FLM.Fighters == 2500 {
		t.Error("PointScenario changed the base scenario")
	}
}

// Parameters may be written as quoted dotted paths or as dotted keys, and
// a list of dates sweeps a date.
func TestSweepForms(t *testing.T) {
	quoted := "scenarios = [\"baseline\", \"reintegration\"]\n[parameters]\n\"policy.reintegration.start\" = [2018-01-01, \"2019-01-01\"]\n\"groups.isgs.fighters\" = [300, 600.0]\n"
	dotted := "scenarios = [\"baseline\", \"reintegration\"]\n[parameters]\npolicy.reintegration.start = [2018-01-01, 2019-01-01]\ngroups.isgs.fighters = [300, 600]\n"
	var descs [2][]string
	for i, text := range []string{quoted, dotted} {
		sw, err := ParseSweep([]byte(text), "")
		if err != nil {
			t.Fatal(err)
		}
		if sw.NumPoints() != 8 || sw.Parameters[0].Kind != KindDate || sw.Parameters[1].Kind != KindInt {
			t.Fatalf("form %d: %d points, kinds %s %s", i, sw.NumPoints(), sw.Parameters[0].Kind, sw.Parameters[1].Kind)
		}
		for p := range sw.NumPoints() {
			descs[i] = append(descs[i], sw.Describe(p))
		}
		// Scenarios vary slowest, so each sees the same design points.
		if pt := sw.Point(5); pt.Scenario != 1 || pt.Values[0] != sim.NewDate(2018, 1, 1) || pt.Values[1] != int64(600) {
			t.Errorf("form %d: point 5 = %+v", i, pt)
		}
		sc, err := sw.PointScenario(6)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Name != "reintegration" || sc.Policy.Reintegration.Start != sim.NewDate(2019, 1, 1) || sc.Groups.ISGS.Fighters != 300 {
			t.Errorf("form %d: point 6 is %s from %s with %d ISGS fighters", i, sc.Name, sc.Policy.Reintegration.Start, sc.Groups.ISGS.Fighters)
		}
	}
	if !slices.Equal(descs[0], descs[1]) {
		t.Errorf("the two forms differ:\n%v\n%v", descs[0], descs[1])
	}
	if descs[0][0] != "baseline, policy.reintegration.start = 2018-01-01, groups.isgs.fighters = 300" {
		t.Errorf("point 0: %s", descs[0][0])
	}
}

func TestSweepRangeValues(t *testing.T) {
	text := `scenario = "reintegration"
[parameters]
"policy.reintegration.intensity" = { min = 0, max = 1, steps = 3 }
"groups.flm.fighters" = { min = 1000, max = 1001, steps = 3 }
"policy.reintegration.start" = { min = 2018-01-01, max = 2018-01-04, steps = 3 }
`
	sw, err := ParseSweep([]byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	var got [3][]string
	for _, i := range []int{0, 13, 26} { // all first, all middle, all last
		for j, v := range sw.Point(i).Values {
			got[j] = append(got[j], FormatValue(v))
		}
	}
	want := [3][]string{{"0", "0.5", "1"}, {"1000", "1001", "1001"}, {"2018-01-01", "2018-01-03", "2018-01-04"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grid values %v, want %v (integers and dates rounded)", got, want)
	}
}

// In a random design every value of an integer or date range is reached,
// and list values are strata.
func TestSweepUnitValues(t *testing.T) {
	for _, kind := range []string{LHS, Sobol} {
		text := fmt.Sprintf(`scenario = "reintegration"
[design]
kind = %q
points = 64
[parameters]
"groups.flm.fighters" = { min = 1000, max = 1003 }
"policy.reintegration.start" = { min = 2018-01-01, max = 2018-01-02 }
"policy.reintegration.intensity" = [0.25, 0.5, 1.0, 0.75]
"groups.isgs.fighters" = { min = 100.0, max = 200.0 }
`, kind)
		// groups.isgs.fighters is an integer key: a float range is rounded.
		sw, err := ParseSweep([]byte(text), "")
		if err != nil {
			t.Fatal(err)
		}
		counts := make([]map[string]int, len(sw.Parameters))
		for i := range counts {
			counts[i] = map[string]int{}
		}
		for p := range sw.NumPoints() {
			for j, v := range sw.Point(p).Values {
				counts[j][FormatValue(v)]++
			}
		}
		// Stratified designs of 64 points: each of 4 values exactly 16 times,
		// each of 2 dates 32 times.
		for j, want := range []map[string]int{
			{"1000": 16, "1001": 16, "1002": 16, "1003": 16},
			{"2018-01-01": 32, "2018-01-02": 32},
			{"0.25": 16, "0.5": 16, "1": 16, "0.75": 16},
		} {
			if fmt.Sprint(counts[j]) != fmt.Sprint(want) {
				t.Errorf("%s: %s values %v, want %v", kind, sw.Parameters[j].Path, counts[j], want)
			}
		}
		for v := range counts[3] {
			if len(v) != 3 || v < "100" || v > "200" {
				t.Errorf("%s: groups.isgs.fighters = %s", kind, v)
			}
		}
	}
}

func TestRunSeed(t *testing.T) {
	sw, err := ParseSweep([]byte("scenarios = [\"baseline\", \"reintegration\"]\nreplicates = 3\nseed = 5\n[parameters]\nend = [2018-01-01, 2019-01-01]\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[uint64]bool{}
	for id := range sw.NumRuns() {
		r := sw.Run(id)
		if r.Point != id%4 || r.Replicate != id/4 {
			t.Errorf("run %d is point %d, replicate %d", id, r.Point, r.Replicate)
		}
		// Common random numbers: a replicate's seed is the same at every point.
		// And the same as replicate r of a run seeded with the sweep's seed.
		if r.Seed != sim.ReplicateSeed(5, r.Replicate) || r.Seed > sim.MaxSeed || r.Replicate == 0 && r.Seed != 5 {
			t.Errorf("run %d: seed %d", id, r.Seed)
		}
		seeds[r.Seed] = true
	}
	if len(seeds) != 3 {
		t.Errorf("%d distinct seeds for 3 replicates", len(seeds))
	}
	if sim.ReplicateSeed(5, 1) == sim.ReplicateSeed(6, 1) {
		t.Error("the sweep seed does not change the run seeds")
	}
}

func TestShippedSweeps(t *testing.T) {
	list := ListSweeps()
	if len(list) < 7 {
		t.Fatalf("%d built-in sweeps", len(list))
	}
	for _, info := range list {
		sw, err := LoadSweep(info.Name)
		if err != nil {
			t.Errorf("%s: %v", info.Name, err)
			continue
		}
		if info.Description == "" || sw.Description != info.Description || sw.Name != info.Name {
			t.Errorf("%s: name %q, description %q", info.Name, sw.Name, info.Description)
		}
		if lever, ok := strings.CutSuffix(info.Name, "_intensity"); ok {
			path := "policy." + lever + ".intensity"
			if sw.NumPoints() != 5 || sw.Parameters[0].Path != path || sw.Scenarios[0].Name != lever {
				t.Errorf("%s: %d points of %v on %s", info.Name, sw.NumPoints(), sw.Parameters, sw.Refs)
			}
		}
	}
	levers, err := LoadSweep("levers")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range levers.Scenarios {
		names = append(names, s.Name)
	}
	for _, s := range List() {
		if s.Name == "epstein" || s.Name == "history" {
			continue // the reference model, and the history (history_levers compares the levers over it): not levers
		}
		if !slices.Contains(names, s.Name) {
			t.Errorf("levers does not compare %s", s.Name)
		}
	}
	if names[0] != "baseline" {
		t.Errorf("levers compares with %s first, want the baseline", names[0])
	}
	if _, err := LoadSweep("levrs"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), `did you mean "levers"?`) {
		t.Errorf("unknown built-in sweep: %v", err)
	}
}

// TestSensitivityDesigns checks the sizes of the Morris and Saltelli
// designs, and that a Morris trajectory moves one parameter at a time.
func TestSensitivityDesigns(t *testing.T) {
	for _, tt := range []struct {
		kind       string
		points     int
		wantPoints int
	}{
		{Morris, 5, 5 * 3}, {Saltelli, 64, 64 * 4},
	} {
		text := fmt.Sprintf("scenario = \"baseline\"\nreplicates = 1\nseed = 9\n[design]\nkind = %q\npoints = %d\n[parameters]\n\"recruitment.rate\" = { min = 15.0, max = 30.0 }\n\"communities.reprisal_harm\" = { min = 0.1, max = 0.3 }\n", tt.kind, tt.points)
		sw, err := ParseSweep([]byte(text), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		if sw.NumPoints() != tt.wantPoints {
			t.Errorf("%s: %d points, want %d", tt.kind, sw.NumPoints(), tt.wantPoints)
		}
		if tt.kind != Morris {
			continue
		}
		for traj := range tt.points {
			for s := range 2 {
				a, b := sw.Point(traj*3+s).Values, sw.Point(traj*3+s+1).Values
				changed := 0
				for j := range a {
					if a[j] != b[j] {
						changed++
					}
				}
				if changed != 1 {
					t.Errorf("trajectory %d step %d changes %d parameters, want 1", traj, s, changed)
				}
			}
		}
	}
}
