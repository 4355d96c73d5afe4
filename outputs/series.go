package outputs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
)

// A SeriesLevel says which rows of the time series a run or a sweep writes
// to timeseries.csv, from the fewest to the most: SeriesOverall, a run's
// default, keeps each metric over every zone and group, and each group's
// fighters; SeriesTotals, a sweep's default, adds the totals by zone and
// by group; SeriesFull keeps every breakdown. The counts of a run's
// militant events by zone, group and observed label, which SeriesOverall
// leaves out, are sums of its events.csv: ReadRun derives those the file
// lacks.
type SeriesLevel int

// Levels of time series. The values are those sweeps have recorded since
// the first levels (totals, full, none).
const (
	// SeriesTotals keeps, for the metrics by zone × group, the rows of
	// zone "all" (one per group) and of group "all" (one per zone); for
	// the events by observed label, the rows of zone "all" (one per
	// label); the metrics by group or by zone whole.
	SeriesTotals SeriesLevel = iota
	// SeriesFull keeps every row: every zone × group and zone × label.
	SeriesFull
	// SeriesNone keeps no row.
	SeriesNone
	// SeriesOverall keeps the rows of zone "all" and group "all", one
	// per metric and step (the events by observed label have no such
	// row), and the fighters of each group: what no sum of events gives
	// and the figure of fighters by group needs, in a tenth of the
	// totals' rows.
	SeriesOverall
)

var seriesNames = [...]string{"totals", "full", "none", "overall"}

// SeriesLevels lists the names of the levels, from the fewest rows to
// the most.
func SeriesLevels() []string { return []string{"none", "overall", "totals", "full"} }

// String returns the name of s: overall, totals, full or none.
func (s SeriesLevel) String() string {
	if s < 0 || int(s) >= len(seriesNames) {
		return "SeriesLevel(" + strconv.Itoa(int(s)) + ")"
	}
	return seriesNames[s]
}

// ParseSeries returns the Series named s.
func ParseSeries(s string) (SeriesLevel, error) {
	if i := slices.Index(seriesNames[:], s); i >= 0 {
		return SeriesLevel(i), nil
	}
	return 0, fmt.Errorf("time series %q: want one of %s", s, strings.Join(SeriesLevels(), ", "))
}

// fightersMetric is the name of the metric of active fighters.
const fightersMetric = "fighters"

// keeps reports whether level s keeps the row of metric md for zone and
// group (or label).
func (s SeriesLevel) keeps(md metricDef, zone, group string) bool {
	switch s {
	case SeriesNone:
		return false
	case SeriesOverall:
		return zone == All && (group == All || md.name == fightersMetric)
	case SeriesTotals:
		switch md.by {
		case byZoneGroup:
			return zone == All || group == All
		case byZoneLabel:
			return zone == All
		}
	}
	return true
}

// Counted reports whether metric is a count of events, which ReadRun
// derives from a run's events where timeseries.csv lacks it.
func Counted(metric string) bool {
	t := metricTable()
	for m := range mObserved + 1 {
		if t[m].name == metric {
			return true
		}
	}
	return false
}

// countEvents adds the militant events (agents.Event.Militant) of one
// step to the count metrics of frame f: events, fatalities and civilian
// events by zone (cellZone of the event's cell) and true group, events by
// zone and observed label, with their totals over zones and groups. f
// holds zeros for those metrics before the call. The Recorder counts a
// step with it, and ReadRun the events of a file.
func (l *layout) countEvents(f []float64, events []agents.Event, cellZone []int) {
	nz := len(l.zones) - 1
	ng := agents.NumGroups
	for i := range events {
		e := &events[i]
		g, ok := e.Militant()
		if !ok || g < 0 || g >= ng {
			continue
		}
		z := cellZone[e.Cell]
		f[l.at(mEvents, z, g)]++
		f[l.at(mFatalities, z, g)] += float64(e.Fatalities)
		if e.Type.Civilian() {
			f[l.at(mCivilian, z, g)]++
		}
		f[l.at(mObserved, z, labelColumn(e.Label))]++
	}
	// Totals over zones and groups.
	for _, m := range [...]int{mEvents, mFatalities, mCivilian} {
		for z := range nz {
			for g := range ng {
				v := f[l.at(m, z, g)]
				f[l.at(m, z, ng)] += v
				f[l.at(m, nz, g)] += v
				f[l.at(m, nz, ng)] += v
			}
		}
	}
	for z := range nz {
		for lb := range numLabels {
			f[l.at(mObserved, nz, lb)] += f[l.at(mObserved, z, lb)]
		}
	}
}

// deriveCounts adds to d.Series the series of counts of militant events
// (the metrics Counted names) that keep asks for and timeseries.csv does
// not hold, summed from d.Events with the Recorder's own rule
// (layout.countEvents), and lists the run's zones as SeriesZones.
func (d *Results) deriveCounts(keep func(zone, group string) bool) {
	if d.Grid == nil || d.bounds.steps == 0 {
		return
	}
	if d.Series == nil {
		d.Series = map[SeriesKey]*Series{}
	}
	l := newLayout(d.Zones.IDs)
	steps := d.bounds.steps
	counted := l.offset[mObserved+1] // the count metrics come first in a frame
	type target struct {
		s *Series
		i int // index in a frame
	}
	var targets []target
	for m := range mObserved + 1 {
		md := l.metrics[m]
		zs, gs := l.dims(md.by)
		for zi, z := range zs {
			for gi, g := range gs {
				k := SeriesKey{z, g, md.name}
				if !keep(z, g) || d.Series[k] != nil {
					continue
				}
				s := &Series{Values: make([][]float64, len(d.Events))}
				d.Series[k] = s
				targets = append(targets, target{s, l.at(m, zi, gi)})
			}
		}
	}
	if len(targets) == 0 {
		return
	}
	frames := make([]float64, steps*counted)
	for rep, events := range d.Events {
		clear(frames)
		for i := 0; i < len(events); {
			j := i
			for j < len(events) && events[j].Step == events[i].Step {
				j++
			}
			st := int(events[i].Step)
			l.countEvents(frames[st*counted:(st+1)*counted], events[i:j], d.Zones.Cell)
			i = j
		}
		for _, t := range targets {
			vals := make([]float64, steps)
			for st := range steps {
				vals[st] = frames[st*counted+t.i]
			}
			t.s.Values[rep] = vals
		}
	}
	if len(d.Dates) == 0 {
		for st := range steps {
			d.Dates = append(d.Dates, d.Clock.Date(st))
		}
		d.StepDays = d.Clock.StepDays
	}
	if len(d.SeriesZones) == 0 {
		d.SeriesZones = slices.Clone(d.Zones.IDs)
	}
}
