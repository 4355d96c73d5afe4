package calibrate_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/outputs"
)

// TestDirectoryGuard checks that a calibration directory has the guard of
// every output directory: a directory sahelsim did not write is refused
// and left untouched; a second process is refused while one holds the
// lock; what killed processes left (outputs.TempPrefix) is removed; the
// outputs replace only what the calibration wrote before; and nothing
// temporary, nor the lock, is left behind.
func TestDirectoryGuard(t *testing.T) {
	dir := t.TempDir()
	sw, targets := tinySweep(t, dir)
	open := func(out string) (*calibrate.Calibration, error) {
		return calibrate.Open(sw, out, targets, tinySettings(), outputs.Build{Version: "test"})
	}

	// A folder of the user's: refused, untouched.
	thesis := filepath.Join(dir, "thesis")
	os.Mkdir(thesis, 0o755)
	os.WriteFile(filepath.Join(thesis, "chapter1.tex"), []byte("mine"), 0o644)
	if _, err := open(thesis); !errors.Is(err, outputs.ErrNotOurs) || !strings.Contains(err.Error(), "chapter1.tex") {
		t.Errorf("a folder of the user's: %v; want outputs.ErrNotOurs naming chapter1.tex", err)
	}
	if entries, _ := os.ReadDir(thesis); len(entries) != 1 {
		t.Errorf("the user's folder was written: %d entries", len(entries))
	}
	// A file in the way.
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("mine"), 0o644)
	if _, err := open(file); !errors.Is(err, outputs.ErrNotOurs) {
		t.Errorf("a file as the directory: %v; want outputs.ErrNotOurs", err)
	}

	// Another process holds the lock: refused at once, nothing written.
	out := filepath.Join(dir, "out")
	other, err := outputs.LockDir(out, outputs.LockOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(t.Context(), calibrate.Options{Workers: 2}); !errors.Is(err, outputs.ErrLocked) {
		t.Errorf("a locked directory: %v; want outputs.ErrLocked", err)
	}
	if _, err := os.Stat(filepath.Join(out, calibrate.ManifestFile)); err == nil {
		t.Error("a calibration wrote into a directory another process holds")
	}
	other.Unlock()

	// A calibration, then what a killed process leaves and the user's own
	// files: the next run removes the one and keeps the other.
	finish(t, c, calibrate.Options{Workers: 2})
	leftovers := []string{
		filepath.Join(out, outputs.TempPrefix+"calibrated.toml-123"),
		filepath.Join(out, calibrate.OutputDir, outputs.TempPrefix+"draw-456", "posterior.csv"),
		filepath.Join(out, calibrate.GenerationsDir, outputs.TempPrefix+"001.csv-789"),
	}
	mine := []string{filepath.Join(out, "notes.txt"), filepath.Join(out, calibrate.OutputDir, "notes.txt"),
		filepath.Join(out, calibrate.OutputDir, "figures", "my_figure.pdf")}
	for _, f := range append(leftovers, mine...) {
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, []byte("x"), 0o644)
	}
	c, err = open(out)
	if err != nil {
		t.Fatalf("a calibration's own directory with the user's notes: %v", err)
	}
	finish(t, c, calibrate.Options{Workers: 2})
	for _, f := range mine {
		if b, err := os.ReadFile(f); err != nil || string(b) != "x" {
			t.Errorf("the user's %s: %q, %v; want it untouched", f, b, err)
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.HasPrefix(d.Name(), outputs.TempPrefix) || d.Name() == outputs.LockFile) {
			t.Errorf("%s left behind", p)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(out, calibrate.OutputDir, "figures", "parameters.pdf")); err != nil {
		t.Errorf("the calibration's figures: %v", err)
	}
}
