package calibrate_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// tinyFile is a calibration of two parameters over the first half of
// 2017, fast enough to run several times in a test.
const tinyFile = `name = "tiny"
scenario = "tiny.toml"
replicates = 1
seed = 3
[design]
kind = "sobol"
points = 16
[parameters]
"violence.tempo" = { min = 0.02, max = 0.08 }
"groups.flm.fighters" = { min = 200, max = 1200 }
`

const tinyScenario = "extends = \"baseline\"\nname = \"tiny\"\nend = 2017-06-30\n"

// tinySettings are small settings for tinyFile.
func tinySettings() calibrate.Settings {
	s := calibrate.DefaultSettings()
	s.Budget, s.Check = 48, 4
	return s
}

// tinySweep writes tinyFile into dir and loads it, with the pattern
// targets it fits.
func tinySweep(t *testing.T, dir string) (*scenarios.Sweep, []evidence.Target) {
	t.Helper()
	os.WriteFile(filepath.Join(dir, "tiny.toml"), []byte(tinyScenario), 0o644)
	path := filepath.Join(dir, "tiny-calibration.toml")
	os.WriteFile(path, []byte(tinyFile), 0o644)
	sw, err := scenarios.LoadSweep(path)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := evidence.PatternTargets()
	if err != nil {
		t.Fatal(err)
	}
	return sw, targets
}

// openTiny writes tinyFile into dir and opens its calibration into out.
func openTiny(t *testing.T, dir, out string) *calibrate.Calibration {
	t.Helper()
	sw, targets := tinySweep(t, dir)
	c, err := calibrate.Open(sw, out, targets, tinySettings(), outputs.Build{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// finish runs c to the end with o and writes its outputs.
func finish(t *testing.T, c *calibrate.Calibration, o calibrate.Options) *calibrate.Result {
	t.Helper()
	res, err := c.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished {
		t.Fatalf("not finished: pending %s", res.Pending)
	}
	if err := c.WriteOutputs(t.Context(), res, 0); err != nil {
		t.Fatal(err)
	}
	return res
}

// outputFiles are the files of a calibration that must not depend on
// workers, shards or interruptions.
var outputFiles = []string{"calibration/posterior.csv", "calibration/parameters.csv", "calibration/targets.csv",
	"calibration/generations.csv", "calibrated.toml", "calibration.json", "generations/002.csv", "check/runs.csv"}

func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	for _, f := range outputFiles {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v, %v", f, err1, err2)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs", f)
		}
	}
}

// TestReproducible runs the same calibration on one worker, on two, and
// stage by stage as on a cluster (each stage's sweep run in two shards
// from its own sweep file, then merged), and checks the outputs are the
// same bytes.
func TestReproducible(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one")
	res := finish(t, openTiny(t, dir, one), calibrate.Options{Workers: 1})
	if res.Simulations != 16+2*16+4 {
		t.Errorf("%d simulations, want 16 + 2 × 16 + 4 (budget 48, check 4)", res.Simulations)
	}
	two := filepath.Join(dir, "two")
	finish(t, openTiny(t, dir, two), calibrate.Options{Workers: 2})
	sameFiles(t, two, one)

	// Stage by stage, as the Slurm driver does.
	staged := filepath.Join(dir, "staged")
	stages := 0
	for {
		c := openTiny(t, dir, staged)
		res, err := c.Run(context.Background(), calibrate.Options{Next: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Finished {
			if err := c.WriteOutputs(t.Context(), res, 0); err != nil {
				t.Fatal(err)
			}
			break
		}
		stages++
		if stages > 10 {
			t.Fatal("no end")
		}
		// 'sahelsim sweep FILE --out DIR --shard i/2' twice, then 'merge'.
		file := res.Pending
		out := strings.TrimSuffix(file, ".toml")
		sw, err := scenarios.LoadSweep(file)
		if err != nil {
			t.Fatal(err)
		}
		m, err := sweep.NewManifest(sw, sweep.SeriesNone, outputs.Build{Version: "slurm"})
		if err != nil {
			t.Fatal(err)
		}
		if m, err = sweep.Prepare(out, m); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if _, err := sweep.Run(context.Background(), out, sw, m, sweep.Options{Workers: 1, Shard: sweep.Shard{Index: i, Count: 2}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := sweep.Merge(out); err != nil {
			t.Fatal(err)
		}
	}
	if stages != 4 {
		t.Errorf("%d stages run apart, want 4 (generations 0 to 2 and the check)", stages)
	}
	sameFiles(t, staged, one)

	// Another calibration in the same directory is refused.
	sw, _ := scenarios.LoadSweep(filepath.Join(dir, "tiny-calibration.toml"))
	s := tinySettings()
	s.Keep = 0.5
	if _, err := calibrate.Open(sw, one, nil, s, outputs.Build{}); !errors.Is(err, calibrate.ErrOtherCalibration) {
		t.Errorf("other settings in the same directory: %v, want ErrOtherCalibration", err)
	}
}

// TestOpenErrors checks that a calibration that cannot be run is the
// user's to fix: its error wraps ErrInput.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "tiny.toml"), []byte(tinyScenario), 0o644)
	for _, tt := range []struct {
		name, file string
		settings   func(*calibrate.Settings)
		in         string
	}{
		{"keep", tinyFile, func(s *calibrate.Settings) { s.Keep = 1.5 }, "keep 1.5"},
		{"budget", tinyFile, func(s *calibrate.Settings) { s.Budget = 10 }, "over the budget"},
		{"grid", strings.Replace(tinyFile, "kind = \"sobol\"\npoints = 16\n", "kind = \"grid\"\n", 1), func(*calibrate.Settings) {}, `design "grid"`},
		{"list", strings.Replace(tinyFile, "{ min = 200, max = 1200 }", "[200, 1200]", 1), func(*calibrate.Settings) {}, "needs a numeric range"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".toml")
			os.WriteFile(path, []byte(tt.file), 0o644)
			sw, err := scenarios.LoadSweep(path)
			if err != nil {
				t.Fatal(err)
			}
			s := tinySettings()
			tt.settings(&s)
			_, err = calibrate.Open(sw, filepath.Join(dir, "out-"+tt.name), nil, s, outputs.Build{})
			if !errors.Is(err, calibrate.ErrInput) || !strings.Contains(err.Error(), tt.in) {
				t.Errorf("%v; want ErrInput mentioning %q", err, tt.in)
			}
		})
	}
}
