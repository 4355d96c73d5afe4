package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/sim"

	"github.com/sahelsim/sahelsim/internal/input"
)

// pointsSweep writes the points file and the sweep file in a temporary
// directory and parses the sweep.
func pointsSweep(t *testing.T, sweep, points string) (*Sweep, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte(points), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sweep.toml")
	if err := os.WriteFile(path, []byte(sweep), 0o644); err != nil {
		t.Fatal(err)
	}
	return LoadSweep(path)
}

const pointsCSV = "particle,groups.flm.political,communities.reprisal_harm,groups.flm.fighters,weight\n" +
	"0,0.45,0.15,800,0\n" +
	"1,0.6,0.2,1000,1\n" +
	"2,0.725,0.3,1200,3\n"

func TestPointsDesign(t *testing.T) {
	sw, err := pointsSweep(t, "scenario = \"baseline\"\nreplicates = 2\npatterns = true\n[design]\nkind = \"points\"\nfile = \"points.csv\"\n", pointsCSV)
	if err != nil {
		t.Fatal(err)
	}
	if sw.NumDesignPoints() != 3 || len(sw.Parameters) != 3 || !sw.Patterns {
		t.Fatalf("%d points, %d parameters, patterns %v; want 3, 3, true", sw.NumDesignPoints(), len(sw.Parameters), sw.Patterns)
	}
	if p := sw.Parameters[2]; p.Path != "groups.flm.fighters" || p.Kind != KindInt || p.Min != int64(800) || p.Max != int64(1200) {
		t.Errorf("parameter 2: %+v", p)
	}
	sc, err := sw.PointScenario(2)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Groups.FLM.Political != 0.725 || sc.Communities.ReprisalHarm != 0.3 || sc.Groups.FLM.Fighters != 1200 {
		t.Errorf("point 2: political %v, reprisal %v, fighters %v", sc.Groups.FLM.Political, sc.Communities.ReprisalHarm, sc.Groups.FLM.Fighters)
	}
	// Common random numbers by default.
	if sw.Run(0).Seed != sw.Run(2).Seed || sw.Run(0).Seed == sw.Run(3).Seed {
		t.Error("common streams: replicate 0 of points 0 and 2 should share a seed, and differ from replicate 1")
	}
}

func TestPointsDraws(t *testing.T) {
	sw, err := pointsSweep(t, "scenario = \"baseline\"\nseed = 7\n[design]\nkind = \"points\"\nfile = \"points.csv\"\ndraws = 8\n", pointsCSV)
	if err != nil {
		t.Fatal(err)
	}
	// Weights 0, 1, 3: row 0 never, row 1 two times, row 2 six times.
	counts := map[float64]int{}
	prev := 0.0
	for p := range sw.NumDesignPoints() {
		r := sw.Point(p).Values[0].(float64)
		if r < prev {
			t.Errorf("draws out of the file's order: %v after %v", r, prev)
		}
		prev = r
		counts[r]++
	}
	if sw.NumDesignPoints() != 8 || counts[0.45] != 0 || counts[0.6] != 2 || counts[0.725] != 6 {
		t.Errorf("%d draws: %v; want row 1 twice, row 2 six times", sw.NumDesignPoints(), counts)
	}
	idx, err := systematic([]float64{1, 1, 1, 1}, 2, 0.99)
	if err != nil || idx[0] != 1 || idx[1] != 3 {
		t.Errorf("systematic: %v, %v", idx, err)
	}
	if _, err := systematic([]float64{0, 0}, 2, 0.5); err == nil {
		t.Error("weights of nothing: no error")
	}
}

func TestPointStreams(t *testing.T) {
	sw, err := pointsSweep(t, "scenarios = [\"baseline\", \"reintegration\"]\nreplicates = 2\n[design]\nkind = \"points\"\nfile = \"points.csv\"\nstreams = \"point\"\n",
		"recruitment.rate\n4\n5\n")
	if err != nil {
		t.Fatal(err)
	}
	// Points 0 and 1 are design points 0 and 1 of the baseline, 2 and 3 of
	// the reintegration scenario.
	r := func(point, rep int) uint64 { return sw.Run(rep*sw.NumPoints() + point).Seed }
	if r(0, 0) == r(1, 0) || r(0, 0) != r(2, 0) || r(1, 1) != r(3, 1) || r(0, 0) == r(0, 1) {
		t.Error("point streams: each design point its own, shared by the scenarios, new at each replicate")
	}
	if r(1, 1) != PointSeed(sw.Seed, 1, 1) || r(1, 1) > sim.MaxSeed {
		t.Errorf("seed %d, want PointSeed", r(1, 1))
	}
	grid, err := ParseSweep([]byte("scenario = \"baseline\"\n[design]\nstreams = \"point\"\n[parameters]\n\"recruitment.rate\" = [4, 5]\n"), "")
	if err != nil || grid.Run(0).Seed == grid.Run(1).Seed {
		t.Errorf("a grid with point streams: %v", err)
	}
}

func TestPointsErrors(t *testing.T) {
	const head = "scenario = \"baseline\"\n[design]\nkind = \"points\"\nfile = \"points.csv\"\n"
	tests := []struct {
		name, sweep, points string
		kind                error
		file                string // the file named in the error: "sweep" or "points"
		line                int
		in                  string
	}{
		{"unknown column", head, "recruitment.rat\n4\n", ErrUnknownKey, "points", 1, `did you mean "recruitment.rate"?`},
		{"bad value", head, "recruitment.rate\n4\nfour\n", ErrType, "points", 3, "want a number"},
		{"float for an integer", head, "groups.flm.fighters\n1000.5\n", ErrType, "points", 2, "want an integer"},
		{"out of range", head, "communities.reprisal_harm\n1.5\n", ErrRange, "points", 2, "want a value from 0 to 1"},
		{"not sweepable", head, "seed\n3\n", ErrInvalid, "points", 1, "not a sweep parameter"},
		{"no parameter", head, "weight\n1\n", ErrInvalid, "points", 1, "no column names a parameter"},
		{"negative weight", head, "recruitment.rate,weight\n4,-1\n", ErrType, "points", 2, "a weight"},
		{"no row", head, "recruitment.rate\n", ErrInvalid, "sweep", 4, "has no row"},
		{"short row", head, "recruitment.rate,weight\n4\n", ErrSyntax, "points", 2, "wrong number of fields"},
		{"parameters table", head + "[parameters]\n\"recruitment.rate\" = [4]\n", "recruitment.rate\n4\n", ErrInvalid, "sweep", 5, "from the columns of its file"},
		{"no file", "scenario = \"baseline\"\n[design]\nkind = \"points\"\n", "", ErrInvalid, "sweep", 3, "needs the file"},
		{"points key", head + "points = 3\n", "recruitment.rate\n4\n", ErrInvalid, "sweep", 5, "one point per row"},
		{"missing file", "scenario = \"baseline\"\n[design]\nkind = \"points\"\nfile = \"nowhere.csv\"\n", "", fs.ErrNotExist, "sweep", 4, "nowhere.csv"},
		{"file with a grid", "scenario = \"baseline\"\n[design]\nfile = \"points.csv\"\n[parameters]\n\"recruitment.rate\" = [4]\n", "", ErrInvalid, "sweep", 3, `file is for kind = "points"`},
		{"bad streams", "scenario = \"baseline\"\n[design]\nstreams = \"own\"\n[parameters]\n\"recruitment.rate\" = [4]\n", "", ErrRange, "sweep", 3, `want "common" or "point"`},
		{"patterns not a bool", "scenario = \"baseline\"\npatterns = \"yes\"\n[parameters]\n\"recruitment.rate\" = [4]\n", "", ErrType, "sweep", 2, "want true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pointsSweep(t, tt.sweep, tt.points)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			want := map[string]string{"sweep": "sweep.toml", "points": "points.csv"}[tt.file]
			if !errors.Is(err, tt.kind) || filepath.Base(e.File) != want || e.Line != tt.line || !strings.Contains(err.Error(), tt.in) {
				t.Errorf("error %q (file %s, line %d); want %v in %s line %d mentioning %q", err, e.File, e.Line, tt.kind, want, tt.line, tt.in)
			}
		})
	}
}

// TestPointsFileRefused checks that the points file is read through
// package input: a directory, or a record beyond input.MaxRecord, is
// refused with an error naming the sweep file's key and the file.
func TestPointsFileRefused(t *testing.T) {
	const sweep = "scenario = \"baseline\"\n[design]\nkind = \"points\"\nfile = \"points.csv\"\n"
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "points.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sweep.toml")
	if err := os.WriteFile(path, []byte(sweep), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadSweep(path)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, input.ErrNotRegular) || e.Line != 4 || !strings.Contains(err.Error(), "points.csv") {
		t.Errorf("a directory as the points file: %v; want input.ErrNotRegular at sweep.toml line 4", err)
	}
	_, err = pointsSweep(t, sweep, "recruitment.rate\n"+strings.Repeat("1", input.MaxRecord+1)+"\n")
	if !errors.Is(err, input.ErrRecordTooLong) || !errors.As(err, &e) || filepath.Base(e.File) != "points.csv" {
		t.Errorf("a record too long: %v; want input.ErrRecordTooLong in points.csv", err)
	}
}
