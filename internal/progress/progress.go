// Package progress shows how far a long command has got: on a terminal,
// a bar with the count, the rate and the time left; elsewhere (a log
// file, the output of a Slurm job), a plain line at each tenth of the
// work and at least every minute, which a log keeps readable.
package progress

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// A Meter reports the progress of counted work ("runs") to a writer. Its
// methods must be called from one goroutine at a time; those of a nil
// Meter do nothing.
type Meter struct {
	w     io.Writer
	what  string // what the work is: "sweep levers"
	unit  string // what is counted: "runs"
	bar   *progressbar.ProgressBar
	tty   bool
	start time.Time
	first int // done before the first update; -1 until then
	total int

	lastTenth int
	lastLine  time.Time
}

// New returns a Meter of the work what, counted in unit, writing to w: a
// bar if w is a terminal, lines otherwise.
func New(w io.Writer, what, unit string) *Meter {
	return &Meter{w: w, what: what, unit: unit, tty: IsTerminal(w), first: -1}
}

// Bar returns a Meter that draws a bar if w is a terminal, and nil (no
// progress shown) otherwise.
func Bar(w io.Writer, what, unit string) *Meter {
	if !IsTerminal(w) {
		return nil
	}
	return New(w, what, unit)
}

// Counter returns a function that reports done of total, drawing the
// bar at 0 now; nil for a nil Meter.
func (m *Meter) Counter(total int) func(done int) {
	if m == nil {
		return nil
	}
	m.Update(0, total)
	return func(done int) { m.Update(done, total) }
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Update reports that done of total are done. The first call sets the
// start: the work done before it (a resumed sweep's) does not count in
// the rate.
func (m *Meter) Update(done, total int) {
	if m == nil {
		return
	}
	now := time.Now()
	if m.first < 0 {
		m.first, m.total, m.start, m.lastLine = done, total, now, now
		m.lastTenth = 10 * done / max(total, 1)
		if m.tty && done < total {
			m.bar = progressbar.NewOptions(total-done,
				progressbar.OptionSetWriter(m.w),
				progressbar.OptionSetDescription(fmt.Sprintf("%s: %s", m.what, m.unit)),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString(m.unit),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionFullWidth(),
				progressbar.OptionClearOnFinish(),
			)
			m.bar.RenderBlank()
		}
		return
	}
	if m.bar != nil {
		m.bar.Set(done - m.first)
		return
	}
	if m.tty {
		return
	}
	tenth := 10 * done / max(total, 1)
	if tenth == m.lastTenth && now.Sub(m.lastLine) < time.Minute {
		return
	}
	m.lastTenth, m.lastLine = tenth, now
	elapsed := now.Sub(m.start).Seconds()
	rate := float64(done-m.first) / elapsed
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	fmt.Fprintf(m.w, "%s: %d/%d %s (%d%%), %.2f %s/s, ETA %s\n", m.what, done, total, m.unit, 100*done/max(total, 1), rate, m.unit, eta)
}

// Finish ends the bar; stopped says whether the work stopped early, in
// which case the bar is kept as it stopped, on its own line.
func (m *Meter) Finish(stopped bool) {
	if m == nil || m.bar == nil {
		return
	}
	if stopped {
		m.bar.Exit()
		fmt.Fprintln(m.w)
	} else {
		m.bar.Finish()
	}
}

// Stages returns a function that reports the progress of work done in
// named stages one after another, drawing a Bar of each in turn (what and
// the stage's name: nothing if w is not a terminal), and a function that
// ends the last bar as Finish does.
func Stages(w io.Writer, what, unit string) (update func(stage string, done, total int), finish func(stopped bool)) {
	var m *Meter
	current, started := "", false
	update = func(stage string, done, total int) {
		if !started || stage != current {
			m.Finish(false)
			current, started, m = stage, true, Bar(w, what+" "+stage, unit)
		}
		m.Update(done, total)
	}
	return update, func(stopped bool) { m.Finish(stopped) }
}
