package figures

import (
	"slices"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
)

// The kinds of output directories and the types of their tables, as
// package outputs reads them.
type (
	Kind       = outputs.Kind
	Summary    = outputs.Summary
	Run        = outputs.SweepRun
	Point      = outputs.Point
	Comparison = outputs.Comparison
)

// Kinds of output directories.
const (
	RunDir   = outputs.RunDir
	SweepDir = outputs.SweepDir
)

// Files of a sweep directory, beside timeseries.csv and manifest.json.
const (
	RunsFile    = outputs.RunsFile
	CompareFile = outputs.CompareFile
)

// Data is what Load reads from an output directory: everything the
// figures and the report draw on.
type Data struct {
	*outputs.Results
	events *eventStats // the tallies of a run's events; nil in a sweep
}

// Detect returns the kind of output directory dir is (outputs.Detect).
func Detect(dir string) (Kind, error) { return outputs.Detect(dir) }

// Load reads the output directory dir, a run or a sweep (see Detect),
// with outputs.Read: its tables, the time series the figures draw on
// (totals over zones or over groups, not the zone × group detail) and,
// for a run, its events, tallied by cell, group, year, label and target.
func Load(dir string) (*Data, error) {
	r, err := outputs.Read(dir, outputs.ReadOptions{Summary: true, Events: true, Series: keepSeries})
	if err != nil {
		return nil, err
	}
	d := &Data{Results: r}
	if r.Kind == RunDir {
		d.events = tally(r)
	}
	return d, nil
}

// keepSeries reports whether the figures draw on a time series: totals
// over zones or over groups, not the zone × group detail.
func keepSeries(zone, group string) bool { return zone == outputs.All || group == outputs.All }

// Observed label columns: the groups, then "JNIM", "unknown" and
// "ambiguous" (JNIM and/or ISGS), as in timeseries.csv.
const (
	labelJNIM      = agents.NumGroups
	labelUnknown   = agents.NumGroups + 1
	labelAmbiguous = agents.NumGroups + 2
	numLabels      = agents.NumGroups + 3
)

// labelColumn returns the observed-label column of label code a.
func labelColumn(a int8) int {
	switch {
	case agents.IsGroup(a):
		return int(a)
	case a == agents.LabelJNIM:
		return labelJNIM
	case a == agents.LabelAmbiguous:
		return labelAmbiguous
	}
	return labelUnknown
}

// eventStats are the tallies of a run's events the figures draw: sums
// over replicates.
type eventStats struct {
	reps  int // replicates
	cells int // cells (the largest cell seen + 1)

	// By cell: militant events (violent events by a group and operations
	// against one, as agents.Event.Militant), their fatalities, and
	// attacks on civilians and targeted killings.
	events, fatalities, civilian []float64
	byGroup                      [agents.NumGroups][]float64 // militant events by cell and true group
	byYear                       map[int][]float64           // militant events by calendar year and cell

	// Violent events by perpetrator and observed label column, and by
	// perpetrator and target.
	labels  [agents.NumGroups][numLabels]float64
	targets [agents.NumGroups][agents.NumTargets]float64

	// perRep[rep][0][g] counts militant events by true group g,
	// perRep[rep][1][l] by observed label column l.
	perRep [][2][numLabels]float64
}

// tally adds up the militant events of r.
func tally(r *outputs.Results) *eventStats {
	es := &eventStats{byYear: map[int][]float64{}, reps: len(r.Events), perRep: make([][2][numLabels]float64, len(r.Events))}
	for rep, events := range r.Events {
		for i := range events {
			e := &events[i]
			g, ok := e.Militant()
			if !ok || !agents.IsGroup(int8(g)) {
				continue
			}
			cell := int(e.Cell)
			year := r.Clock.Date(int(e.Step)).Year()
			lb := labelColumn(e.Label)
			es.cells = max(es.cells, cell+1)
			es.events = grow(es.events, cell)
			es.events[cell]++
			es.fatalities = grow(es.fatalities, cell)
			es.fatalities[cell] += float64(e.Fatalities)
			if e.Type.Civilian() {
				es.civilian = grow(es.civilian, cell)
				es.civilian[cell]++
			}
			es.byGroup[g] = grow(es.byGroup[g], cell)
			es.byGroup[g][cell]++
			y := grow(es.byYear[year], cell)
			y[cell]++
			es.byYear[year] = y
			es.perRep[rep][0][g]++
			es.perRep[rep][1][lb]++
			if e.Type.Violent() {
				es.labels[g][lb]++
				es.targets[g][e.Target]++
			}
		}
	}
	return es
}

// grow returns s extended with zeros to hold index i.
func grow(s []float64, i int) []float64 {
	if i < len(s) {
		return s
	}
	return append(s, make([]float64, i+1-len(s))...)
}

// cellValues returns v extended with zeros to n cells (v may be short: the
// tallies grow with the cells seen).
func cellValues(v []float64, n int) []float64 {
	if len(v) >= n {
		return v[:n]
	}
	return append(slices.Clone(v), make([]float64, n-len(v))...)
}

// seriesKey returns the key of the series of metric in zone for group.
func seriesKey(zone, group, metric string) outputs.SeriesKey {
	return outputs.SeriesKey{Zone: zone, Group: group, Metric: metric}
}
