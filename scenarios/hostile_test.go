package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/input"
)

// TestHostileFiles feeds the loaders files a careful adversary would:
// devices, FIFOs, directories and huge files as scenarios, extends
// parents and sweeps, and keys nested deeper than any schema needs. Each
// is refused at once with an *Error naming the file and what is wrong.
func TestHostileFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := write("huge.toml", "# "+strings.Repeat("x", input.MaxTOML)+"\n")
	extendsZero := write("zero-parent.toml", "extends = \"/dev/zero\"\n")
	extendsFIFO := write("fifo-parent.toml", "extends = \"fifo.toml\"\n")
	extendsHuge := write("huge-parent.toml", "extends = \"huge.toml\"\n")
	sweepZero := write("sweep-zero.toml", "scenario = \"/dev/zero\"\n")
	deepHeader := write("deep-header.toml", "["+strings.Repeat("a.", 20000)+"a]\nx = 1\n")
	deepKey := write("deep-key.toml", strings.Repeat("a.", 20000)+"a = 1\n")
	deepInline := write("deep-inline.toml", "a = "+strings.Repeat("{a = ", 20000)+"1"+strings.Repeat("}", 20000)+"\n")
	deepArray := write("deep-array.toml", "a = "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n")

	tests := []struct {
		name string
		load func() error
		want []string // substrings of the error
		kind error
	}{
		{"/dev/zero", func() error { _, err := Load("/dev/zero"); return err }, []string{"/dev/zero", "a device"}, input.ErrNotRegular},
		{"FIFO", func() error { _, err := Load(fifo); return err }, []string{"fifo.toml", "named pipe"}, input.ErrNotRegular},
		{"directory", func() error { _, err := Load(dir + "/"); return err }, []string{"a directory"}, input.ErrNotRegular},
		{"huge", func() error { _, err := Load(huge); return err }, []string{"huge.toml", "larger than 1 MiB"}, input.ErrTooLarge},
		{"extends /dev/zero", func() error { _, err := Load(extendsZero); return err }, []string{"zero-parent.toml:1", "extends", "a device"}, input.ErrNotRegular},
		{"extends FIFO", func() error { _, err := Load(extendsFIFO); return err }, []string{"fifo-parent.toml:1", "named pipe"}, input.ErrNotRegular},
		{"extends huge", func() error { _, err := Load(extendsHuge); return err }, []string{"huge-parent.toml:1", "larger than 1 MiB"}, input.ErrTooLarge},
		{"sweep /dev/zero", func() error { _, err := LoadSweep("/dev/zero"); return err }, []string{"/dev/zero", "a device"}, input.ErrNotRegular},
		{"sweep FIFO", func() error { _, err := LoadSweep(fifo); return err }, []string{"fifo.toml", "named pipe"}, input.ErrNotRegular},
		{"sweep of /dev/zero", func() error { _, err := LoadSweep(sweepZero); return err }, []string{"sweep-zero.toml:1", "a device"}, input.ErrNotRegular},
		{"deep header", func() error { _, err := Load(deepHeader); return err }, []string{"deep-header.toml:1", "nested 20001 deep", "at most 32"}, ErrSyntax},
		{"deep dotted key", func() error { _, err := Load(deepKey); return err }, []string{"deep-key.toml:1", "at most 32"}, ErrSyntax},
		{"deep inline tables", func() error { _, err := Load(deepInline); return err }, []string{"deep-inline.toml:1", "at most 32"}, ErrSyntax},
		{"deep arrays", func() error { _, err := Load(deepArray); return err }, []string{"deep-array.toml:1", "at most 32"}, ErrSyntax},
		{"deep sweep", func() error { _, err := LoadSweep(deepKey); return err }, []string{"deep-key.toml:1", "at most 32"}, ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- tt.load() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("blocked")
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tt.kind) {
				t.Fatalf("error %v (%T), want an *Error wrapping %v", err, err, tt.kind)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
}

// TestNestingOfShippedFiles checks that the nesting bound leaves room
// for every shipped scenario and sweep.
func TestNestingOfShippedFiles(t *testing.T) {
	for _, info := range List() {
		data, _ := Builtin(info.Name)
		if _, d := nesting(string(data)); d > MaxNesting/4 {
			t.Errorf("%s nests %d deep", info.Name, d)
		}
	}
	for _, info := range ListSweeps() {
		data, _ := BuiltinSweep(info.Name)
		if _, d := nesting(string(data)); d > MaxNesting/4 {
			t.Errorf("sweep %s nests %d deep", info.Name, d)
		}
	}
}
