package bench

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

func TestOptionsCheck(t *testing.T) {
	tests := []struct {
		o    Options
		want string // substring of the error, "" for none
	}{
		{Options{Steps: 1, Workers: 1}, ""},
		{Options{Model: "epstein", Size: 40, Steps: 5, Workers: 2}, ""},
		{Options{Model: "mesa", Steps: 1, Workers: 1}, `--model "mesa"`},
		{Options{Steps: 0, Workers: 1}, "--steps"},
		{Options{Steps: 1, Workers: 1025}, "--workers 1025"},
		{Options{Size: 4096, Steps: 1, Workers: 1}, "--size 4096: a grid of at most"},
		{Options{Size: 10, Steps: 1, Workers: 1}, "--size 10: epstein: width = 10"},
	}
	for _, tt := range tests {
		err := tt.o.Check()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: Check() = %v, want %q", tt.o, err, tt.want)
		}
	}
}

// TestRun checks a small Epstein case: a line per core count, ending in
// the speed.
func TestRun(t *testing.T) {
	var b bytes.Buffer
	if err := Run(context.Background(), &b, Options{Model: "epstein", Size: 20, Steps: 3, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^model=epstein size=20x20 agents=\d+ steps=3 workers=[12] seconds=[0-9.]+ agent-steps/s=\d+$`)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !re.MatchString(lines[0]) || !re.MatchString(lines[1]) {
		t.Errorf("Run wrote:\n%s", b.String())
	}
}
