package outputs_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/outputs"
)

// TestAtomicFile checks each way an AtomicFile ends: committed over an
// old file, committed as a new file, refused as a new file over an
// existing one, discarded, and stopped by its context; none leaves a
// temporary file, and a file is in place whole or not at all.
func TestAtomicFile(t *testing.T) {
	tests := []struct {
		name    string
		old     string // content of the path before, "" for none
		cancel  bool   // cancel the context before committing
		end     func(*outputs.AtomicFile) error
		want    string // content of the path after, "" for none
		wantErr error
	}{
		{"commit", "old", false, (*outputs.AtomicFile).Commit, "new", nil},
		{"commit new", "", false, (*outputs.AtomicFile).CommitNew, "new", nil},
		{"commit new over a file", "old", false, (*outputs.AtomicFile).CommitNew, "old", fs.ErrExist},
		{"discard", "old", false, func(a *outputs.AtomicFile) error { a.Discard(); return nil }, "old", nil},
		{"cancelled", "old", true, (*outputs.AtomicFile).Commit, "old", context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.csv")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			a, err := outputs.CreateAtomic(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(a, "new"); err != nil {
				t.Fatal(err)
			}
			if tt.cancel {
				cancel()
			}
			if err := tt.end(a); !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			a.Discard() // harmless after the end
			got, err := os.ReadFile(path)
			if err != nil && tt.want != "" {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("content %q, want %q", got, tt.want)
			}
			if tt.want != "" {
				checkOnly(t, dir, "f.csv")
			} else {
				checkOnly(t, dir)
			}
			if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, want 0644", fi.Mode().Perm())
			}
		})
	}
}

// TestWriteFileAtomic checks that a failing writer leaves the old file,
// and that a path that is not a regular file is refused, not replaced.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.csv")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := outputs.WriteFileAtomic(context.Background(), path, write("one")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := outputs.WriteFileAtomic(context.Background(), path, func(w io.Writer) error { write("half")(w); return boom })
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Errorf("failing writer: error %v, want boom naming %s", err, path)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("after a failing writer the file holds %q, want the old %q", b, "one")
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := outputs.WriteFileAtomic(context.Background(), sub, write("x")); !errors.Is(err, outputs.ErrNotOurs) {
		t.Errorf("over a directory: error %v, want outputs.ErrNotOurs", err)
	}
	if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
		t.Errorf("the directory was replaced: %v", err)
	}
	checkOnly(t, dir, "f.csv", "sub")
}
