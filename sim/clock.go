package sim

import (
	"fmt"
	"time"
)

// A Date is a calendar day (no time of day, no zone). The zero Date is
// invalid; construct one with NewDate or ParseDate.
type Date struct{ t time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar day of t as read in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses an ISO 8601 date, 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// IsZero reports whether d is the zero (unset) date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC on d.
func (d Date) Time() time.Time { return d.t }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.t.Format(time.DateOnly) }

// Year returns d's year.
func (d Date) Year() int { return d.t.Year() }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// DaysSince returns the number of days from e to d, exactly, over the
// whole range of dates (years 0000 to 9999 and beyond): it counts whole
// days of Unix time, not a time.Duration, which overflows after 292
// years.
func (d Date) DaysSince(e Date) int { return int((d.t.Unix() - e.t.Unix()) / secondsPerDay) }

const secondsPerDay = 24 * 60 * 60

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// A Clock maps discrete steps to real dates. Step s covers the days
// [Start + s·StepDays, Start + (s+1)·StepDays).
type Clock struct {
	Start    Date
	StepDays int
	Steps    int // number of steps; the last one contains End
}

// NewClock returns a clock of stepDays-day steps covering start to end
// inclusive. It panics if stepDays < 1 or end is before start: scenarios
// are validated before a clock is made.
func NewClock(start, end Date, stepDays int) Clock {
	if stepDays < 1 || end.Before(start) {
		panic("sim: NewClock: invalid clock")
	}
	n := end.DaysSince(start)/stepDays + 1
	return Clock{Start: start, StepDays: stepDays, Steps: n}
}

// Date returns the first day of step s.
func (c Clock) Date(s int) Date { return c.Start.AddDays(s * c.StepDays) }

// Step returns the step that contains d (negative before the start).
func (c Clock) Step(d Date) int {
	days := d.DaysSince(c.Start)
	if days < 0 {
		return -1 - (-days-1)/c.StepDays
	}
	return days / c.StepDays
}

// YearFraction returns the length of one step in years (365.25 days).
func (c Clock) YearFraction() float64 { return float64(c.StepDays) / 365.25 }
