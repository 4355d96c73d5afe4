// Package calibrate fits uncertain parameters of a scenario to the
// report's figures by approximate Bayesian computation (rejection ABC) on
// the runs of a sweep.
//
// The sweep file is the calibration file: its base scenario, and its
// parameters with their ranges as uniform priors, sampled by a Latin
// hypercube or a Sobol design (`kind = "lhs"` or `"sobol"`, `points = N`),
// with a few replicates per point. Its runs are made by the sweep machinery
// (package sweep), so a calibration runs in parallel, resumes after an
// interruption and runs on Slurm as any sweep does.
//
// For each point, the simulated value of each target is the mean of its
// indicator over the point's replicates (common random numbers make the
// points comparable). The distance of a point to the targets is the root
// mean square of the standardised errors (simulated − target) / scale,
// where scale is half the target's tolerance band (one unit, a year, for an
// exact target such as an onset year; a tenth of its value if it has no
// band), and an undefined simulated value (an onset year that
// never comes) counts as an error of MissingError scales. The posterior
// is the Accept share of the points closest to the targets; the best fit is
// the closest point.
package calibrate

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

// MissingError is the standardised error of a target whose indicator is
// undefined at a point (in every replicate).
const MissingError = 3

// A Target is a figure to fit: the target, its tolerance band and the
// indicator (a column of runs.csv) that measures it.
type Target struct {
	ID, Indicator string
	Value, Scale  float64
	Low, High     float64 // NaN if the target has no band
}

// Targets returns the targets of ts that an indicator of the sweep
// measures; the others (such as gold_capacity_kg) are left out.
func Targets(ts []evidence.Target, indicators []string) []Target {
	var out []Target
	for _, t := range ts {
		ind := t.ID // a user's target may name an indicator
		if ms := outputs.Measuring(t.ID); len(ms) > 0 {
			ind = ms[0]
		}
		if !slices.Contains(indicators, ind) || math.IsNaN(t.Value) {
			continue
		}
		scale := (t.High - t.Low) / 2
		switch {
		case t.High == t.Low: // an exact target, such as an onset year: one unit
			scale = 1
		case !(scale > 0): // no band: a tenth of the value
			scale = math.Abs(t.Value) / 10
		}
		if !(scale > 0) {
			scale = 1
		}
		out = append(out, Target{ID: t.ID, Indicator: ind, Value: t.Value, Scale: scale, Low: t.Low, High: t.High})
	}
	return out
}

// A Fit is one point of the sweep and how close it comes to the targets.
type Fit struct {
	Point    int
	Params   []string  // the point's parameter values, formatted
	Means    []float64 // the mean of each target's indicator over the replicates (NaN if undefined)
	Distance float64
}

// Distances returns the fit of every point of t to the targets, in point
// order.
func Distances(t *sweep.Table, targets []Target) ([]Fit, error) {
	if len(targets) == 0 {
		return nil, errors.New("calibrate: no target is measured by the sweep's indicators")
	}
	cols := make([]int, len(targets))
	for i, tg := range targets {
		cols[i] = slices.Index(t.Indicators, tg.Indicator)
	}
	fits := make([]Fit, len(t.Values))
	for p, reps := range t.Values {
		f := Fit{Point: p, Params: t.Params[p], Means: make([]float64, len(targets))}
		var ss float64
		for i, tg := range targets {
			s, n := 0.0, 0
			for _, v := range reps {
				if v != nil && !math.IsNaN(v[cols[i]]) {
					s += v[cols[i]]
					n++
				}
			}
			e := float64(MissingError)
			f.Means[i] = math.NaN()
			if n > 0 {
				f.Means[i] = s / float64(n)
				e = (f.Means[i] - tg.Value) / tg.Scale
			}
			ss += e * e
		}
		f.Distance = math.Sqrt(ss / float64(len(targets)))
		fits[p] = f
	}
	return fits, nil
}

// Accept returns the share accept of fits closest to the targets (at least
// one), closest first: the ABC rejection sample of the posterior.
func Accept(fits []Fit, accept float64) ([]Fit, error) {
	if !(accept > 0 && accept <= 1) {
		return nil, fmt.Errorf("calibrate: accept %v: want a share in (0, 1]", accept)
	}
	sorted := slices.Clone(fits)
	slices.SortStableFunc(sorted, func(a, b Fit) int { return cmp.Compare(a.Distance, b.Distance) })
	n := max(1, int(math.Ceil(accept*float64(len(sorted)))))
	return sorted[:min(n, len(sorted))], nil
}
