package outputs

import (
	"fmt"
	"math"
	"slices"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

// All is the zone or group of a time-series row that totals every zone or
// every group.
const All = "all"

// A Metric is one time series of timeseries.csv: its name, what it
// measures and over what it is broken down.
type Metric struct {
	Name string
	Doc  string
	By   string // "zone × group", "zone × label", "group" or "zone"
}

// breakdown is what a metric is broken down by.
type breakdown uint8

const (
	byZoneGroup breakdown = iota // every zone and "all" × every group and "all"
	byZoneLabel                  // every zone and "all" × every observed label
	byGroup                      // zone "all" × every group and "all"
	byZone                       // every zone and "all" × group "all"
	byTotal                      // zone "all" × group "all": a model without zones or groups
)

var breakdownNames = [...]string{"zone × group", "zone × label", "group", "zone", "total"}

// Indices of the metrics in a frame, in the order of metricTable.
const (
	mEvents = iota
	mFatalities
	mCivilian
	mObserved
	mFighters
	mTreasury
	mRevenue
	mDisplaced
	mSustained
	mGrievance
	mMilitia
	numMetrics
)

// metricDef defines one metric.
type metricDef struct {
	name string
	by   breakdown
	doc  string
}

// metricTable returns the metrics of timeseries.csv, in the order of the
// rows of a step.
func metricTable() [numMetrics]metricDef {
	return [numMetrics]metricDef{
		{"events", byZoneGroup, "militant events this step (violent events by the group, and security operations against it: agents.Event.Militant), by zone of the event and true group"},
		{"fatalities", byZoneGroup, "fatalities of those militant events"},
		{"civilian_events", byZoneGroup, "attacks on civilians and targeted killings of local leaders this step, by zone and perpetrator"},
		{"events_observed", byZoneLabel, "militant events this step by zone and observed label: a group id, \"JNIM\", \"ambiguous\" (JNIM and/or ISGS) or \"unknown\""},
		{"fighters", byGroup, "active fighters at the end of the step"},
		{"treasury", byGroup, "money held at the end of the step (USD)"},
		{"revenue", byGroup, "revenue earned during the step, every source (USD)"},
		{"displaced", byZone, "people displaced and not yet returned, at the end of the step"},
		{"sustained_presence", byZone, "share of populated cells with sustained government presence"},
		{"grievance", byZone, "mean grievance against the state (0..1), weighted by the cells' inhabitants at the start"},
		{"militia", byZone, "mean strength of self-defence militias (0..1), weighted by the cells' inhabitants at the start"},
	}
}

// Metrics returns the metrics of timeseries.csv in the order of its rows
// within a step. Within a metric, rows run over zones (World.ZoneIDs, then
// "all"), then over groups (agents.GroupIDs, then "all") or observed labels
// (agents.GroupIDs, then "JNIM", "ambiguous" and "unknown").
func Metrics() []Metric {
	var out []Metric
	for _, m := range metricTable() {
		out = append(out, Metric{Name: m.name, Doc: m.doc, By: breakdownNames[m.by]})
	}
	return out
}

// Observed label columns beyond the group indices.
const (
	labelJNIM      = agents.NumGroups
	labelAmbiguous = agents.NumGroups + 1
	labelUnknown   = agents.NumGroups + 2
	numLabels      = agents.NumGroups + 3
)

// A layout places the values of one step's rows in a frame.
type layout struct {
	metrics []metricDef
	zones   []string // zone ids then "all"
	groups  []string // group ids then "all"
	labels  []string // group ids, "JNIM", "ambiguous", "unknown"
	offset  []int    // per metric, then the frame size
	width   []int    // groups (or labels) per zone row, per metric
}

// FrameValues returns the number of values a Recorder keeps for each step
// of a replicate of the Sahel model with zones zones (the zone rest
// included), and EpsteinFrameValues those of Epstein's model: what the
// runner's memory estimate counts.
func FrameValues(zones int) int { return newLayout(make([]string, zones)).size() }

// EpsteinFrameValues returns the number of values an EpsteinRecorder
// keeps for each step.
func EpsteinFrameValues() int { return newLayoutOf(epsteinMetrics(), nil).size() }

// newLayout returns the layout of the Sahel model's series for the zones.
func newLayout(zoneIDs []string) *layout {
	m := metricTable()
	return newLayoutOf(m[:], zoneIDs)
}

// newLayoutOf returns the layout of the given metrics over the zones.
func newLayoutOf(metrics []metricDef, zoneIDs []string) *layout {
	l := &layout{metrics: metrics, zones: append(slices.Clip(zoneIDs), All)}
	l.groups = append(l.groups, agents.GroupIDs[:]...)
	l.labels = append(slices.Clip(l.groups), agents.NameJNIM, agents.NameAmbiguous, agents.NameUnknown)
	l.groups = append(l.groups, All)
	l.offset = make([]int, len(metrics)+1)
	l.width = make([]int, len(metrics))
	off := 0
	for i, m := range metrics {
		l.offset[i] = off
		zs, gs := l.dims(m.by)
		l.width[i] = len(gs)
		off += len(zs) * len(gs)
	}
	l.offset[len(metrics)] = off
	return l
}

// dims returns the zones and groups (or labels) a breakdown runs over.
func (l *layout) dims(b breakdown) (zones, groups []string) {
	all := l.zones[len(l.zones)-1:]
	allg := l.groups[len(l.groups)-1:]
	switch b {
	case byZoneGroup:
		return l.zones, l.groups
	case byZoneLabel:
		return l.zones, l.labels
	case byGroup:
		return all, l.groups
	case byTotal:
		return all, allg
	}
	return l.zones, allg
}

// size is the number of values in one step's frame.
func (l *layout) size() int { return l.offset[len(l.metrics)] }

// at returns the index in a frame of metric m, zone row z and group column g.
func (l *layout) at(m, z, g int) int { return l.offset[m] + z*l.width[m] + g }

// A Replicate is what a [Recorder] keeps of one replicate: its events, its
// time series and its headline indicators.
type Replicate struct {
	Rep int // replicate index, from 0
	// Seed is the replicate's own seed, sim.ReplicateSeed(base seed,
	// Rep): it draws from sim.Stream(Seed), and a run with this seed
	// reproduces it as its replicate 0.
	Seed uint64

	Clock sim.Clock
	Steps int       // steps observed
	Zones []string  // zone ids, as World.ZoneIDs ("rest" last)
	Grid  *sim.Grid // the grid the replicate ran on (shared, read-only)

	// CellZone is the zone index of each cell, as World.CellZone.
	CellZone []int

	// Events are every event of the run, in the order they happened.
	Events []agents.Event

	// Columns are the names of the headline indicators and Summary their
	// values, in the order of summary.csv; NaN where undefined.
	Columns []string
	Summary []float64

	layout *layout
	series []float64 // Clock.Steps frames of layout.size() values
}

// Value returns the value of the headline indicator name, or NaN if the
// replicate has no such indicator.
func (r *Replicate) Value(name string) float64 {
	if i := slices.Index(r.Columns, name); i >= 0 {
		return r.Summary[i]
	}
	return math.NaN()
}

// frame returns the values of step s.
func (r *Replicate) frame(s int) []float64 {
	n := r.layout.size()
	return r.series[s*n : (s+1)*n]
}

// A Recorder observes one replicate. Create it with [NewRecorder] before
// the run, pass its Observe method to [agents.World.Run], then take its
// Result. A Recorder is used by one goroutine.
type Recorder struct {
	rep    Replicate
	jnim   [agents.NumGroups]bool
	flows  agents.Flows
	groups [agents.NumGroups]groupEnd

	prevRevenue [agents.NumGroups]float64
	populated   []int32   // cells with inhabitants at the start
	zoneCells   []float64 // populated cells per zone, then all zones
	zoneBase    []float64 // inhabitants at the start per zone, then all zones
	acc         [4][]float64
}

// groupEnd is the state of a group at the last step observed.
type groupEnd struct {
	active  int
	revenue float64 // since the start, every source
}

// NewRecorder returns a Recorder for the replicate w, which has not been
// stepped yet. It allocates everything the run needs but the events.
func NewRecorder(w *agents.World) *Recorder {
	l := newLayout(w.ZoneIDs)
	nz := len(w.ZoneIDs)
	r := &Recorder{
		rep: Replicate{
			Clock:    w.Clock,
			Zones:    slices.Clone(w.ZoneIDs),
			Grid:     w.Grid,
			CellZone: slices.Clone(w.CellZone),
			Events:   make([]agents.Event, 0, 32*w.Clock.Steps),
			layout:   l,
			series:   make([]float64, w.Clock.Steps*l.size()),
		},
		zoneCells: make([]float64, nz+1),
		zoneBase:  make([]float64, nz+1),
	}
	for i := range r.acc {
		r.acc[i] = make([]float64, nz+1)
	}
	for gi := range w.Groups {
		r.jnim[gi] = w.Groups[gi].JNIM
		r.prevRevenue[gi] = w.Groups[gi].TotalRevenue()
	}
	for c := range w.Communities {
		if b := w.Communities[c].Base; b > 0 {
			r.populated = append(r.populated, int32(c))
			z := w.CellZone[c]
			r.zoneCells[z]++
			r.zoneCells[nz]++
			r.zoneBase[z] += b
			r.zoneBase[nz] += b
		}
	}
	return r
}

// Observe records the step of w that has just run: its events, which are
// valid only during the call, and the state of groups and communities. It
// is meant to be called by [agents.World.Run] after each step.
func (r *Recorder) Observe(w *agents.World) error {
	s := w.Step - 1
	if s < 0 || s >= r.rep.Clock.Steps {
		return fmt.Errorf("outputs: observe step %d of a %d-step run", s, r.rep.Clock.Steps)
	}
	l := r.rep.layout
	f := r.rep.frame(s)
	clear(f)
	nz := len(r.rep.Zones)
	ng := agents.NumGroups

	events := w.Log.Events()
	r.rep.Events = append(r.rep.Events, events...)
	l.countEvents(f, events, r.rep.CellZone)

	for gi := range w.Groups {
		g := &w.Groups[gi]
		rev := g.TotalRevenue()
		r.groups[gi] = groupEnd{active: g.Active, revenue: rev}
		for _, mv := range [...]struct {
			m int
			v float64
		}{{mFighters, float64(g.Active)}, {mTreasury, g.Treasury}, {mRevenue, rev - r.prevRevenue[gi]}} {
			f[l.at(mv.m, 0, gi)] = mv.v
			f[l.at(mv.m, 0, ng)] += mv.v
		}
		r.prevRevenue[gi] = rev
	}

	displaced, sustained, grievance, militia := r.acc[0], r.acc[1], r.acc[2], r.acc[3]
	for i := range r.acc {
		clear(r.acc[i])
	}
	for _, c := range r.populated {
		cm := &w.Communities[c]
		z := r.rep.CellZone[c]
		displaced[z] += cm.Displaced
		if w.Sustained(int(c)) {
			sustained[z]++
		}
		grievance[z] += cm.MeanGrievance() * cm.Base
		militia[z] += cm.Militia * cm.Base
	}
	for z := range nz {
		displaced[nz] += displaced[z]
		sustained[nz] += sustained[z]
		grievance[nz] += grievance[z]
		militia[nz] += militia[z]
	}
	for z := range nz + 1 {
		f[l.at(mDisplaced, z, 0)] = displaced[z]
		f[l.at(mSustained, z, 0)] = ratio(sustained[z], r.zoneCells[z])
		f[l.at(mGrievance, z, 0)] = ratio(grievance[z], r.zoneBase[z])
		f[l.at(mMilitia, z, 0)] = ratio(militia[z], r.zoneBase[z])
	}

	r.flows = w.Flows
	r.rep.Steps = s + 1
	return nil
}

// Result returns what the Recorder kept of the replicate, with its
// headline indicators computed. Call it once, after the run; the Recorder
// must not be used afterwards.
func (r *Recorder) Result() *Replicate {
	rep := &r.rep
	t := newTally(r)
	cols := columns(rep.Zones, t.years)
	rep.Columns = make([]string, len(cols))
	rep.Summary = make([]float64, len(cols))
	for i, c := range cols {
		rep.Columns[i] = c.name
		rep.Summary[i] = c.def.value(t, c.k)
	}
	return rep
}

// labelColumn returns the observed-label column of label code a: the group
// index, or the JNIM, ambiguous or unknown column (for any code that names
// no group).
func labelColumn(a int8) int {
	switch {
	case a >= 0 && int(a) < agents.NumGroups:
		return int(a)
	case a == agents.LabelJNIM:
		return labelJNIM
	case a == agents.LabelAmbiguous:
		return labelAmbiguous
	}
	return labelUnknown
}

// ratio returns a/b, or NaN if b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
