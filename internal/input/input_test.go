package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.toml")
	if err := os.WriteFile(small, []byte("name = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.toml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(small, 1024); err != nil || string(b) != "name = \"x\"\n" {
		t.Errorf("ReadFile(small) = %q, %v", b, err)
	}
	if b, err := ReadFile(empty, 1024); err != nil || len(b) != 0 {
		t.Errorf("ReadFile(empty) = %q, %v", b, err)
	}
	if _, err := ReadFile(big, 1024); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.toml") || !strings.Contains(err.Error(), "1 KiB") {
		t.Errorf("ReadFile(big): %v, want ErrTooLarge naming the file and the limit", err)
	}
	if _, err := ReadFile(dir, 1024); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("ReadFile(dir): %v, want ErrNotRegular", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none"), 1024); !errors.Is(err, os.ErrNotExist) || IsRefused(err) {
		t.Errorf("ReadFile(missing): %v, want ErrNotExist", err)
	}
}

// TestSpecialFiles checks that devices and FIFOs are refused at once: a
// FIFO with no writer would block an open, /dev/zero never ends.
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", "/dev/null", fifo} {
		done := make(chan error, 2)
		go func() {
			_, err := ReadFile(path, MaxTOML)
			done <- err
			_, err = Open(path, MaxData)
			done <- err
		}()
		for range 2 {
			select {
			case err := <-done:
				if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) {
					t.Errorf("%s: %v, want ErrNotRegular naming it", path, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: blocked", path)
			}
		}
	}
}

func TestOpenRecords(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	long := strings.Repeat("x", MaxRecord+1)
	tests := []struct {
		name, text string
		csv        bool
		max        int64
		err        error
		where      string
	}{
		{"ok.csv", "a,b\n1,2\n", true, MaxData, nil, ""},
		{"quoted.csv", "a,b\n\"1\n2\",3\n", true, MaxData, nil, ""},
		{"long.csv", "a,b\n" + long + "\n", true, MaxData, ErrRecordTooLong, "long.csv:2"},
		{"noeol.csv", long, false, MaxData, ErrRecordTooLong, "noeol.csv:1"},
		// A quote never closed: the record runs on over many short lines.
		{"open-quote.csv", "a,b\n\"" + strings.Repeat("x\n", MaxRecord/2+1), true, MaxData, ErrRecordTooLong, "open-quote.csv:2"},
		{"short-lines.txt", "a,b\n\"" + strings.Repeat("x\n", MaxRecord/2+1), false, MaxData, nil, ""},
		{"big.csv", "a,b\n1,2\n3,4\n", true, 8, ErrTooLarge, "big.csv"},
	}
	for _, tt := range tests {
		path := write(tt.name, tt.text)
		open := Open
		if tt.csv {
			open = OpenCSV
		}
		f, err := open(path, tt.max)
		if err == nil {
			_, err = io.Copy(io.Discard, f)
			f.Close()
		}
		if !errors.Is(err, tt.err) || tt.err == nil && err != nil {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tt.where) {
			t.Errorf("%s: %v does not say %s", tt.name, err, tt.where)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 1 << 20: "1 MiB", 1536: "1.5 KiB", MaxData: "1 TiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
