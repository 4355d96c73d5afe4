package progress

import (
	"bytes"
	"strings"
	"testing"
)

// TestLines checks the plain lines of a writer that is not a terminal:
// one at each tenth of the work, the last at 100 %, none before the first
// update's work counts.
func TestLines(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, "sweep s", "runs")
	m.Update(5, 25) // resumed: 5 done before
	for done := 6; done <= 25; done++ {
		m.Update(done, 25)
	}
	m.Finish(false)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) < 7 || len(lines) > 9 {
		t.Errorf("%d lines, want one a tenth from 20 %%:\n%s", len(lines), b.String())
	}
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "sweep s: 25/25 runs (100%), ") || !strings.Contains(last, " runs/s, ETA 0s") {
		t.Errorf("last line %q", last)
	}
}

// TestStages checks that the meter of stages draws nothing where the
// writer is not a terminal (a log keeps the command's own lines).
func TestStages(t *testing.T) {
	var b bytes.Buffer
	update, finish := Stages(&b, "calibration c", "runs")
	for _, stage := range []string{"screening", "generation 0"} {
		for done := range 11 {
			update(stage, done, 10)
		}
	}
	finish(false)
	if b.Len() != 0 {
		t.Errorf("Stages wrote %q to a writer that is not a terminal", b.String())
	}
}
