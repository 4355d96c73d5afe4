package scenarios

import (
	"errors"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestPosteriorSweep(t *testing.T) {
	sw, err := pointsSweep(t, "scenarios = [\"baseline\", \"reintegration\"]\nreplicates = 2\nseed = 4\n[posterior]\nfile = \"points.csv\"\ndraws = 6\n", pointsCSV)
	if err != nil {
		t.Fatal(err)
	}
	if !sw.Design.Posterior || sw.Design.Kind != Points || sw.Design.Streams != StreamsPoint || sw.NumDesignPoints() != 6 || sw.NumPoints() != 12 || len(sw.Parameters) != 3 {
		t.Fatalf("design %+v: %d draws, %d points, %d parameters; want a posterior of 6 draws, 12 points, 3 parameters",
			sw.Design, sw.NumDesignPoints(), sw.NumPoints(), len(sw.Parameters))
	}
	// Every draw runs in both scenarios with the same values and the same
	// random numbers; each draw its own.
	for d := range 6 {
		a, b := sw.Point(d), sw.Point(6+d)
		for j := range a.Values {
			if a.Values[j] != b.Values[j] {
				t.Errorf("draw %d: %v in baseline, %v in reintegration", d, a.Values, b.Values)
			}
		}
		if sw.Run(d).Seed != sw.Run(6+d).Seed || (d > 0) == (sw.Run(d).Seed == sw.Run(0).Seed) {
			t.Errorf("draw %d: seeds differ across scenarios, or are the same across draws", d)
		}
	}
	// The weight-0 row is never drawn.
	for d := range 6 {
		if sw.Point(d).Values[0].(float64) == 0.45 {
			t.Errorf("draw %d is the row of weight 0", d)
		}
	}
}

// TestPosteriorBuiltin loads the shipped sample, as a built-in sweep
// would, whatever its values: every column is a parameter of baseline.
func TestPosteriorBuiltin(t *testing.T) {
	sw, err := ParseSweep([]byte("scenarios = [\"baseline\", \"combined\"]\n[posterior]\nfile = \"baseline\"\ndraws = 3\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if sw.NumDesignPoints() != 3 || sw.Design.Draws != 3 || sw.Design.File != "baseline" || len(sw.Parameters) == 0 {
		t.Errorf("design %+v, %d parameters", sw.Design, len(sw.Parameters))
	}
	samples := PosteriorSamples()
	if len(samples) == 0 || samples[0].Name != "baseline" || !strings.Contains(samples[0].Description, "parameters") {
		t.Errorf("samples %+v", samples)
	}
	sw, err = ParseSweep([]byte("scenarios = [\"baseline\", \"combined\"]\n[posterior]\nfile = \"baseline\"\n"), "")
	if err != nil || sw.Design.Draws != DefaultPosteriorDraws {
		t.Errorf("no draws: %v, %d draws, want %d", err, sw.Design.Draws, DefaultPosteriorDraws)
	}
	sw, err = ParseSweep([]byte("scenarios = [\"baseline\", \"combined\"]\n[design]\nstreams = \"common\"\n[posterior]\nfile = \"baseline\"\ndraws = 2\n"), "")
	if err != nil || sw.Design.Streams != "" || sw.Run(0).Seed != sw.Run(1).Seed {
		t.Errorf("streams = \"common\": %v, %+v", err, sw.Design)
	}
}

// TestPosteriorErrors checks that bad [posterior] input names the file,
// the line and the key.
func TestPosteriorErrors(t *testing.T) {
	const head = "scenarios = [\"baseline\", \"reintegration\"]\n"
	tests := []struct {
		name, sweep, points string
		file                string // the file the error names: "sweep.toml" or "points.csv"
		line                int
		key                 string
		is                  error
	}{
		{"missing file", head + "[posterior]\nfile = \"nothere.csv\"\n", pointsCSV, "sweep.toml", 3, "posterior.file", fs.ErrNotExist},
		{"no built-in", head + "[posterior]\nfile = \"basline\"\n", pointsCSV, "sweep.toml", 3, "posterior.file", fs.ErrNotExist},
		{"no file key", head + "[posterior]\ndraws = 3\n", pointsCSV, "sweep.toml", 2, "posterior.file", ErrInvalid},
		{"file not a string", head + "[posterior]\nfile = 3\n", pointsCSV, "sweep.toml", 3, "posterior.file", ErrType},
		{"draws 0", head + "[posterior]\nfile = \"points.csv\"\ndraws = 0\n", pointsCSV, "sweep.toml", 4, "posterior.draws", ErrRange},
		{"draws negative", head + "[posterior]\nfile = \"points.csv\"\ndraws = -5\n", pointsCSV, "sweep.toml", 4, "posterior.draws", ErrRange},
		{"draws float", head + "[posterior]\nfile = \"points.csv\"\ndraws = 2.5\n", pointsCSV, "sweep.toml", 4, "posterior.draws", ErrType},
		{"unknown key", head + "[posterior]\nfile = \"points.csv\"\ndrawz = 5\n", pointsCSV, "sweep.toml", 4, "posterior.drawz", ErrUnknownKey},
		{"not a table", head + "posterior = \"baseline\"\n", pointsCSV, "sweep.toml", 2, "posterior", ErrType},
		{"assumption a list", head + "[posterior]\nfile = \"points.csv\"\n[parameters]\n\"forces.collateral\" = [1.0, 2.0]\n", pointsCSV, "sweep.toml", 5, "forces.collateral", ErrInvalid},
		{"assumption a column", head + "[posterior]\nfile = \"points.csv\"\n[parameters]\n\"communities.reprisal_harm\" = { min = 0.1, max = 0.4 }\n", pointsCSV, "sweep.toml", 5, "communities.reprisal_harm", ErrInvalid},
		{"assumption out of range", head + "[posterior]\nfile = \"points.csv\"\n[parameters]\n\"forces.collateral\" = { min = -1.0, max = 2.0 }\n", pointsCSV, "sweep.toml", 5, "forces.collateral", ErrRange},
		{"with a design", head + "[design]\nkind = \"lhs\"\npoints = 4\n[posterior]\nfile = \"points.csv\"\n", pointsCSV, "sweep.toml", 3, "design.kind", ErrInvalid},
		{"unknown column", head + "[posterior]\nfile = \"points.csv\"\n", "draw,weight,groups.flm.fightrs\n0,1,800\n", "points.csv", 1, "groups.flm.fightrs", ErrUnknownKey},
		{"bad value", head + "[posterior]\nfile = \"points.csv\"\n", "draw,weight,groups.flm.fighters\n0,1,800\n1,1,many\n", "points.csv", 3, "groups.flm.fighters", ErrType},
		{"bad weight", head + "[posterior]\nfile = \"points.csv\"\n", "draw,weight,groups.flm.fighters\n0,-1,800\n", "points.csv", 2, "weight", ErrType},
		{"no parameter column", head + "[posterior]\nfile = \"points.csv\"\n", "draw,weight,distance\n0,1,0.5\n", "points.csv", 1, "", ErrInvalid},
		{"ragged row", head + "[posterior]\nfile = \"points.csv\"\n", "draw,weight,groups.flm.fighters\n0,1\n", "points.csv", 2, "", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pointsSweep(t, tt.sweep, tt.points)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if !strings.HasSuffix(e.File, tt.file) || e.Line != tt.line || e.Key != tt.key || !errors.Is(err, tt.is) {
				t.Errorf("got %s (file %s, line %d, key %q), want %s:%d key %q, %v", err, e.File, e.Line, e.Key, tt.file, tt.line, tt.key, tt.is)
			}
		})
	}
}

// TestPosteriorAssumptions checks the assumptions of a posterior sweep:
// ranges the sample does not hold, drawn by a Latin hypercube over the
// draws, the same at a draw in every scenario.
func TestPosteriorAssumptions(t *testing.T) {
	const file = "scenarios = [\"baseline\", \"reintegration\"]\nreplicates = 2\nseed = 4\n[posterior]\nfile = \"points.csv\"\ndraws = 6\n" +
		"[parameters]\n\"forces.collateral\" = { min = 1.0, max = 3.0 }\n"
	sw, err := pointsSweep(t, file, pointsCSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(sw.Parameters) != 4 || sw.Parameters[3].Path != "forces.collateral" || sw.Parameters[3].Min != 1.0 || sw.Parameters[3].Max != 3.0 {
		t.Fatalf("parameters %+v: want the sample's three, then forces.collateral over [1, 3]", sw.Parameters)
	}
	strata := make([]bool, 6)
	for d := range 6 {
		a, b := sw.Point(d), sw.Point(6+d)
		if len(a.Values) != 4 || a.Values[3] != b.Values[3] || a.Values[0] != b.Values[0] {
			t.Fatalf("draw %d: %v in baseline, %v in reintegration", d, a.Values, b.Values)
		}
		x := a.Values[3].(float64)
		if x < 1 || x >= 3 {
			t.Fatalf("draw %d: collateral %g outside [1, 3)", d, x)
		}
		strata[int((x-1)/2*6)] = true
		sc, err := sw.PointScenario(d)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := sc.Get("forces.collateral"); got != x {
			t.Errorf("draw %d: the scenario has collateral %v, the point %g", d, got, x)
		}
	}
	if slices.Contains(strata, false) {
		t.Errorf("the draws of collateral fill strata %v, want one in each sixth", strata)
	}
	again, err := pointsSweep(t, file, pointsCSV)
	if err != nil || !reflect.DeepEqual(again.Point(3), sw.Point(3)) {
		t.Errorf("the same sweep draws differently: %v, %v against %v", err, again.Point(3), sw.Point(3))
	}
}
