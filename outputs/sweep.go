package outputs

import (
	"maps"
	"slices"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

// This file serves parameter sweeps (package internal/sweep): the columns
// of the headline indicators known before a run, a reduced time series,
// and the list of main indicators.

// IndicatorColumns returns the names of the headline indicators of runs
// of the given parameters, as Replicate.Columns will hold them after the
// run: for one set of parameters, exactly those columns; for several, the
// columns for the union of their zones (sorted, with "rest" last, as
// World.ZoneIDs) and of their calendar years (from the earliest to the
// latest), in the order of summary.csv. A sweep uses it to give every run
// the same columns whatever its scenario.
func IndicatorColumns(ps ...*agents.Params) []string {
	zones := map[string]bool{}
	first, last := 0, -1
	for _, p := range ps {
		for id := range p.Zones {
			zones[id] = true
		}
		c := sim.NewClock(p.Start, p.End, p.StepDays)
		y0, y1 := c.Start.Year(), c.Date(c.Steps-1).Year()
		if last < first {
			first, last = y0, y1
		}
		first, last = min(first, y0), max(last, y1)
	}
	ids := append(slices.Sorted(maps.Keys(zones)), agents.RestZone)
	var years []int
	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	cols := columns(ids, years)
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// A SeriesKey names one row of a step of timeseries.csv.
type SeriesKey struct {
	Zone, Group, Metric string
}

// SeriesKeys returns the rows of each step of r's time series that level
// keeps, in the order of timeseries.csv within a step (metric, zone,
// group).
func (r *Replicate) SeriesKeys(level SeriesLevel) []SeriesKey {
	var out []SeriesKey
	r.eachSeries(level, func(_ int, z, g, m string) { out = append(out, SeriesKey{z, g, m}) })
	return out
}

// SeriesStep appends to dst the values of step s of r's time series, for
// the rows of SeriesKeys(level) in the same order, and returns it.
func (r *Replicate) SeriesStep(s int, level SeriesLevel, dst []float64) []float64 {
	f := r.frame(s)
	r.eachSeries(level, func(i int, _, _, _ string) { dst = append(dst, f[i]) })
	return dst
}

// eachSeries calls fn with the index in a frame and the key of every row
// of a step that level keeps, in the order of timeseries.csv.
func (r *Replicate) eachSeries(level SeriesLevel, fn func(i int, zone, group, metric string)) {
	l := r.layout
	for m, md := range l.metrics {
		zs, gs := l.dims(md.by)
		for zi, z := range zs {
			for gi, g := range gs {
				if level.keeps(md, z, g) {
					fn(l.at(m, zi, gi), z, g, md.name)
				}
			}
		}
	}
}
