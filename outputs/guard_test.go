package outputs

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReplaceFiles draws twice into a directory and checks that the
// second drawing replaces the files of the first, removes those it no
// longer draws, and touches nothing else, even when DrawnFile lists
// files a drawing never writes.
func TestReplaceFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	draw := func(files ...string) {
		t.Helper()
		err := ReplaceFiles(context.Background(), dir, func(stage string) ([]string, error) {
			for _, f := range files {
				p := filepath.Join(stage, f)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte("new "+f), 0o644); err != nil {
					return nil, err
				}
			}
			return files, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write("summary.csv", "data")
	write("figures/mine.png", "mine")
	draw("figures/a.svg", "figures/b.svg", "report.html")
	// A damaged record: it lists the run's data and a path outside.
	write(DrawnFile, "figures/a.svg\nfigures/b.svg\nreport.html\nsummary.csv\n../outside\nfigures/../summary.csv\n")
	write("../outside", "outside")
	draw("figures/a.svg", "report.html")
	for f, want := range map[string]string{"summary.csv": "data", "figures/mine.png": "mine", "figures/a.svg": "new figures/a.svg", "../outside": "outside"} {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", f, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "figures/b.svg")); err == nil {
		t.Error("figures/b.svg, no longer drawn, is still there")
	}
	got, err := readDrawn(dir)
	if err != nil || !slices.Equal(got, []string{"figures/a.svg", "report.html"}) {
		t.Errorf("DrawnFile lists %q, %v", got, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isTemp(e.Name()) {
			t.Errorf("%s left", e.Name())
		}
	}
}

// TestLockDir checks the lock of an output directory: one process (here,
// one Lock) alone, or shards together; a directory the lock created and
// nothing filled is removed again.
func TestLockDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	a, err := LockDir(dir, LockOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockDir(dir, LockOptions{Create: true}); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid") {
		t.Errorf("a second lock: %v, want ErrLocked naming the holder's pid", err)
	}
	if _, err := LockDir(dir, LockOptions{Shared: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("a shared lock of a directory held alone: %v, want ErrLocked", err)
	}
	a.Unlock()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the directory the lock made, never filled, is still there: %v", err)
	}

	s1, err := LockDir(dir, LockOptions{Create: true, Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := LockDir(dir, LockOptions{Shared: true})
	if err != nil {
		t.Fatalf("two shards: %v", err)
	}
	if _, err := LockDir(dir, LockOptions{}); !errors.Is(err, ErrLocked) {
		t.Errorf("locking alone a directory the shards hold: %v, want ErrLocked", err)
	}
	os.WriteFile(filepath.Join(dir, "part"), nil, 0o644)
	s1.Unlock()
	s2.Unlock()
	b, err := LockDir(dir, LockOptions{})
	if err != nil {
		t.Fatalf("once the shards are done: %v", err)
	}
	b.Unlock()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "part" {
		t.Errorf("left in the directory: %v", entries)
	}
	if _, err := LockDir(filepath.Join(parent, "none"), LockOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("locking a missing directory without Create: %v", err)
	}
}
