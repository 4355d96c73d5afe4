package calibrate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/internal/sweep"
)

// A Screening is the Morris screening of a calibration's parameters: the
// elementary effects of each on the distance to the targets, overall and
// for each kind of target, and the parameters kept for the sequential
// method.
type Screening struct {
	Factors []sensitivity.Factor // the parameters screened, with their ranges
	// Effects are the Morris effects of each parameter on the distance,
	// in the order of Factors.
	Effects []sensitivity.Effect
	// KindMuStar[k][j] is μ* of parameter j on the distance over the
	// targets of kind Kinds[k] alone.
	Kinds      []string
	KindMuStar [][]float64
	// NoiseFloor is the μ* that noise alone gives a parameter that does
	// nothing but change the random course of the runs (NaN with one
	// replicate per point: then it is not estimated).
	NoiseFloor float64
	// Kept are the indices of the parameters kept, by decreasing μ*.
	Kept []int
}

// NoiseFactor is how many times the noise floor a parameter's μ* must
// reach to be kept: once, so that a parameter goes on when its μ* exceeds
// what noise alone gives on average. The floor is conservative (see
// Screen), and a parameter kept that does nothing costs the sequential
// method only a dimension whose posterior stays at its prior. Measured on
// the second edition's calibrate_baseline (288 parameters, 10
// trajectories, 3 replicates a point): the floor was 0.83, 2 parameters
// reached twice it and 14 reached it, led by communities.grievance
// (2.70), leadership.cohesion (2.34), recruitment.rate (1.15),
// recruitment.max_share and recruitment.stigma (1.13); with a factor of 2
// the sequential method would have fitted two parameters.
const NoiseFactor = 1

// Screen computes the Morris effects of the parameters of the screening
// sweep t (a morris design) on the distance d and on each kind's
// distance, and keeps the parameters whose μ* on the distance is at least
// share of the largest and NoiseFactor times the noise floor, at most max
// of them (the largest μ* first; ties by order). Each point's distance is
// that of its replicates' means.
//
// The noise floor: a run is stochastic, so even with common random
// numbers a parameter that changes the course of a run moves the distance
// by chance. With R ≥ 2 replicates per point, s² is the mean over the
// points of the variance of the distance of one replicate, divided by R
// (the variance of a point's mean); an elementary effect of pure noise is
// then about N(0, 2s²)/Δ, with Δ = 2/3 the Morris step, whose mean
// absolute value √(2/π)·√2·s/Δ is the floor. It is conservative: common
// random numbers make the noise of two neighbouring points partly the
// same.
func Screen(t *sweep.Table, d *Distance, share float64, max int) (*Screening, error) {
	m := t.Manifest
	s := &Screening{Kinds: d.Kinds}
	for _, p := range m.Parameters {
		lo, err1 := strconv.ParseFloat(p.Min, 64)
		hi, err2 := strconv.ParseFloat(p.Max, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("calibrate: screening: parameter %s needs a numeric range", p.Path)
		}
		s.Factors = append(s.Factors, sensitivity.Factor{Name: p.Path, Low: lo, High: hi})
	}
	x := mat.NewDense(len(t.Params), len(s.Factors), nil)
	for i, row := range t.Params {
		for j, v := range row {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("calibrate: screening: point %d: %s = %q is not a number", i, s.Factors[j].Name, v)
			}
			x.Set(i, j, f)
		}
	}
	means := Means(t, d.Targets)
	y := make([]float64, len(means))
	for p := range means {
		y[p] = d.Of(means[p])
	}
	s.NoiseFloor = noiseFloor(t, d)
	var err error
	if s.Effects, err = sensitivity.Morris(x, y, s.Factors); err != nil {
		return nil, fmt.Errorf("calibrate: screening: %w", err)
	}
	for _, k := range d.Kinds {
		for p := range means {
			y[p] = d.OfKind(means[p], k)
		}
		eff, err := sensitivity.Morris(x, y, s.Factors)
		if err != nil {
			return nil, fmt.Errorf("calibrate: screening: %w", err)
		}
		mu := make([]float64, len(eff))
		for j, e := range eff {
			mu[j] = e.MuStar
		}
		s.KindMuStar = append(s.KindMuStar, mu)
	}
	order := make([]int, len(s.Effects))
	for j := range order {
		order[j] = j
	}
	mu := func(j int) float64 {
		if v := s.Effects[j].MuStar; !math.IsNaN(v) {
			return v
		}
		return -1
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(mu(b), mu(a)) })
	top := mu(order[0])
	for _, j := range order {
		if len(s.Kept) == max || mu(j) < share*top || mu(j) <= 0 || mu(j) < NoiseFactor*s.NoiseFloor {
			break
		}
		s.Kept = append(s.Kept, j)
	}
	if len(s.Kept) == 0 {
		return nil, fmt.Errorf("calibrate: screening: no parameter moves the distance to the targets more than noise (floor %.3g)", s.NoiseFloor)
	}
	return s, nil
}

// noiseFloor returns the μ* of pure noise in the table t (see Screen), or
// NaN without replicates.
func noiseFloor(t *sweep.Table, d *Distance) float64 {
	cols := make([]int, len(d.Targets))
	for i, tg := range d.Targets {
		cols[i] = slices.Index(t.Indicators, tg.Indicator)
	}
	var vars []float64 // of each point's mean distance
	one := make([]float64, len(d.Targets))
	for _, reps := range t.Values {
		var ds []float64
		for _, v := range reps {
			if v == nil {
				continue
			}
			for i, c := range cols {
				one[i] = math.NaN()
				if c >= 0 {
					one[i] = v[c]
				}
			}
			ds = append(ds, d.Of(one))
		}
		if len(ds) >= 2 {
			vars = append(vars, stat.Variance(ds, nil)/float64(len(ds)))
		}
	}
	if len(vars) == 0 {
		return math.NaN()
	}
	s := math.Sqrt(stat.Mean(vars, nil))
	const delta = 2.0 / 3
	return math.Sqrt(2/math.Pi) * math.Sqrt2 * s / delta
}

// IsKept reports whether parameter j was kept.
func (s *Screening) IsKept(j int) bool { return slices.Contains(s.Kept, j) }
