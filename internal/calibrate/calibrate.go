package calibrate

import (
	"math"
	"slices"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/sweep"
)

// MissingError is the standardised error of a target whose indicator is
// undefined at a point (in every replicate): an onset year that never
// comes, a share of nothing.
const MissingError = 3

// A Target is a figure to fit: a target of the report or a pattern of the
// training window, the column of runs.csv that measures it, and the
// centre and half-width of its tolerance band. A simulated mean m is
// within the band when |e| ≤ 1, with e = (m − Centre)/Scale.
type Target struct {
	ID        string // the measure's id, as validate names it
	Kind      string // evidence.KindReport or a kind of pattern
	Indicator string // the column of runs.csv
	Value     float64
	Low, High float64
	Centre    float64
	Scale     float64 // half the band's width; 0.5 for an exact target (an onset year)

	Panel, Item string // where figures draw a pattern (evidence.Target)
}

// Error returns the standardised error of a simulated mean: MissingError
// if it is undefined.
func (t *Target) Error(mean float64) float64 {
	if math.IsNaN(mean) {
		return MissingError
	}
	return (mean - t.Centre) / t.Scale
}

// Within reports whether a simulated mean lies in the band, as validate
// judges it: ends included.
func (t *Target) Within(mean float64) bool { return mean >= t.Low && mean <= t.High }

// reportColumns returns the columns of runs.csv that measure the report's
// target id, as package validate measures it (validate.DefaultMeasures;
// a test checks they agree): the target's own column, but fatalities
// (fatalities_total) and flm_areas_share_jnim (its events and, as a second
// measure, its fatalities). gold_capacity_kg, measured from the events
// alone, has no band and is not fitted.
func reportColumns(id string) []string {
	switch id {
	case "fatalities":
		return []string{"fatalities_total"}
	case "flm_areas_share_jnim":
		return []string{"flm_areas_share_jnim", "flm_areas_share_jnim_fatalities"}
	}
	return []string{id}
}

// Targets returns the targets of ts with a tolerance band that a column of
// indicators measures, in the order of ts; the others are left out.
func Targets(ts []evidence.Target, indicators []string) []Target {
	var out []Target
	for _, t := range ts {
		if math.IsNaN(t.Low) || math.IsNaN(t.High) || math.IsNaN(t.Value) {
			continue
		}
		kind := t.Kind
		if kind == "" {
			kind = evidence.KindReport
		}
		cols := []string{t.ID}
		if kind == evidence.KindReport {
			cols = reportColumns(t.ID)
		}
		for _, c := range cols {
			if !slices.Contains(indicators, c) {
				continue
			}
			id := t.ID
			if c != cols[0] {
				id = c
			}
			tg := Target{ID: id, Kind: kind, Indicator: c, Value: t.Value, Low: t.Low, High: t.High,
				Centre: (t.Low + t.High) / 2, Scale: (t.High - t.Low) / 2, Panel: t.Panel, Item: t.Item}
			if !(tg.Scale > 0) {
				tg.Scale = 0.5
			}
			out = append(out, tg)
		}
	}
	return out
}

// A Distance measures how far a point's simulated means are from the
// targets: the root of the weighted mean of the squared standardised
// errors, each kind of target weighing the same in all (the report's
// figures as much as, say, the label mix), the targets of a kind equally
// within it.
type Distance struct {
	Targets []Target
	Kinds   []string  // the kinds of Targets, in the order of evidence.Kinds
	weight  []float64 // of each target
}

// NewDistance returns the distance to targets.
func NewDistance(targets []Target) *Distance {
	d := &Distance{Targets: targets, weight: make([]float64, len(targets))}
	count := map[string]int{}
	for _, t := range targets {
		count[t.Kind]++
	}
	for _, k := range evidence.Kinds() {
		if count[k] > 0 {
			d.Kinds = append(d.Kinds, k)
		}
	}
	for i, t := range targets {
		d.weight[i] = 1 / float64(len(d.Kinds)*count[t.Kind])
	}
	return d
}

// Of returns the distance of the means (one per target).
func (d *Distance) Of(means []float64) float64 {
	s := 0.0
	for i := range d.Targets {
		e := d.Targets[i].Error(means[i])
		s += d.weight[i] * e * e
	}
	return math.Sqrt(s)
}

// OfKind returns the distance over the targets of one kind only.
func (d *Distance) OfKind(means []float64, kind string) float64 {
	s, n := 0.0, 0
	for i := range d.Targets {
		if d.Targets[i].Kind == kind {
			e := d.Targets[i].Error(means[i])
			s += e * e
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Sqrt(s / float64(n))
}

// Means returns, for each point of the sweep table t, the mean over its
// replicates of each target's indicator (NaN where undefined in every
// replicate).
func Means(t *sweep.Table, targets []Target) [][]float64 {
	cols := make([]int, len(targets))
	for i, tg := range targets {
		cols[i] = slices.Index(t.Indicators, tg.Indicator)
	}
	out := make([][]float64, len(t.Values))
	for p, reps := range t.Values {
		out[p] = make([]float64, len(targets))
		for i, c := range cols {
			s, n := 0.0, 0
			for _, v := range reps {
				if v != nil && c >= 0 && !math.IsNaN(v[c]) {
					s += v[c]
					n++
				}
			}
			out[p][i] = math.NaN()
			if n > 0 {
				out[p][i] = s / float64(n)
			}
		}
	}
	return out
}
