package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBench checks the bench command's contract: one line per case, each
// ending in agent-steps/s=<positive number>.
func TestBench(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"bench", "--model", "epstein", "--size", "40", "--steps", "20", "--workers", "2"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a single-core and an all-core line, got %q", out.String())
	}
	re := regexp.MustCompile(`workers=(\d+) .* agent-steps/s=(\d+)$`)
	for i, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q does not end in agent-steps/s=<number>", l)
		}
		if v, _ := strconv.ParseFloat(m[2], 64); v <= 0 {
			t.Errorf("line %q: no speed", l)
		}
		if want := []string{"1", "2"}[i]; m[1] != want {
			t.Errorf("line %q: workers %s, want %s", l, m[1], want)
		}
	}
	if code := run(context.Background(), []string{"bench", "--model", "mesa"}, &out, &errb); code != 2 {
		t.Errorf("unknown model: exit %d, want 2", code)
	}
}
