package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// An Index holds the Sobol indices of one factor, with their bootstrap
// confidence intervals (NaN when no bootstrap was asked for).
type Index struct {
	Factor string
	S1     float64  // first-order index: share of the variance the factor explains alone
	ST     float64  // total index: share of the variance the factor takes part in
	S1CI   Interval // confidence interval of S1
	STCI   Interval // confidence interval of ST
}

// Unstable says why x's estimates cannot be read as Sobol indices, or
// returns "" if they can: an index outside [0, 1] by more than 0.05 (the
// estimators are not bounded, and such values come from too few points
// for the indicator's noise), or a 95 % interval wider than the whole
// range [0, 1]. The tables mark these, and the command warns.
func (x Index) Unstable() string {
	const slack = 0.05
	out := func(v float64) bool { return v < -slack || v > 1+slack }
	wide := func(ci Interval) bool { return ci.High-ci.Low > 1 }
	switch {
	case out(x.S1) || out(x.ST):
		return fmt.Sprintf("unstable: S1 = %.3g, ST = %.3g, outside [0, 1]: too few points for this indicator's noise (more points or replicates)", x.S1, x.ST)
	case wide(x.S1CI) || wide(x.STCI):
		return "unstable: a 95 % interval wider than [0, 1]: too few points for this indicator's noise (more points or replicates)"
	}
	return ""
}

// An Interval is a confidence interval.
type Interval struct{ Low, High float64 }

// nanInterval is the interval of an estimate without a bootstrap.
func nanInterval() Interval { return Interval{math.NaN(), math.NaN()} }

// A Bootstrap says how to compute the confidence intervals of Sobol
// indices: Resamples resamplings of the n base points with replacement,
// and the percentile interval at Level. Draws come from Src.
type Bootstrap struct {
	Resamples int         // 0 means 1000
	Level     float64     // 0 means 0.95
	Src       rand.Source // nil means rand.NewPCG(0, 0), so results are reproducible
}

// Sobol estimates the first-order and total Sobol indices of the factors
// from the runs of a Saltelli design: x holds the runs' parameter values,
// one row per run in the order of SaltelliDesign, and y the indicator's
// value in each run. It checks that every AB_i row is its A row with
// factor i from its B row, and fails on the first that is not, or on a
// run without a value (NaN). With boot nil no confidence interval is
// computed (the intervals are NaN); use &Bootstrap{} for the defaults.
// The indices come back in the order of factors. If the indicator does
// not vary at all, the indices are NaN.
func Sobol(x *mat.Dense, y []float64, factors []Factor, boot *Bootstrap) ([]Index, error) {
	rows, err := checkRuns(x, y, factors)
	if err != nil {
		return nil, err
	}
	k := len(factors)
	if rows%(k+2) != 0 || rows < 2*(k+2) {
		return nil, fmt.Errorf("sensitivity: Sobol: %d runs is not n(k+2) = n×%d with n ≥ 2", rows, k+2)
	}
	n := rows / (k + 2)
	for j := range n {
		for i := range k {
			r := (2+i)*n + j
			for c, f := range factors {
				src := j // from A
				if c == i {
					src = n + j // from B
				}
				if !same(x.At(r, c), x.At(src, c), f) {
					return nil, fmt.Errorf("sensitivity: Sobol: row %d (AB_%d, point %d): %s = %g, want %g from row %d: runs out of design order",
						r, i+1, j, f.Name, x.At(r, c), x.At(src, c), src)
				}
			}
		}
	}
	if i := slices.IndexFunc(y, math.IsNaN); i >= 0 {
		return nil, fmt.Errorf("sensitivity: Sobol: run %d has no value (NaN): every run of a Saltelli design needs one", i)
	}

	e := estimator{n: n, k: k, y: y}
	idx := make([]int, n)
	for j := range idx {
		idx[j] = j
	}
	s1, st := e.indices(idx)
	out := make([]Index, k)
	for i := range out {
		out[i] = Index{Factor: factors[i].Name, S1: s1[i], ST: st[i], S1CI: nanInterval(), STCI: nanInterval()}
	}
	if boot == nil {
		return out, nil
	}
	b := *boot
	if b.Resamples == 0 {
		b.Resamples = 1000
	}
	if b.Level == 0 {
		b.Level = 0.95
	}
	if b.Src == nil {
		b.Src = rand.NewPCG(0, 0)
	}
	if b.Resamples < 2 || !(b.Level > 0 && b.Level < 1) {
		return nil, fmt.Errorf("sensitivity: bootstrap of %d resamples at level %g: want at least 2 and a level in (0, 1)", b.Resamples, b.Level)
	}
	rng := rand.New(b.Src)
	bs1 := make([][]float64, k)
	bst := make([][]float64, k)
	for range b.Resamples {
		for j := range idx {
			idx[j] = rng.IntN(n)
		}
		s1, st := e.indices(idx)
		for i := range k {
			bs1[i] = append(bs1[i], s1[i])
			bst[i] = append(bst[i], st[i])
		}
	}
	lo, hi := (1-b.Level)/2, (1+b.Level)/2
	for i := range out {
		out[i].S1CI = percentiles(bs1[i], lo, hi)
		out[i].STCI = percentiles(bst[i], lo, hi)
	}
	return out, nil
}

// An estimator computes Sobol indices from the values y of a Saltelli
// design with n base points and k factors.
type estimator struct {
	n, k int
	y    []float64
}

func (e *estimator) a(j int) float64     { return e.y[j] }
func (e *estimator) b(j int) float64     { return e.y[e.n+j] }
func (e *estimator) ab(i, j int) float64 { return e.y[(2+i)*e.n+j] }

// indices returns S1 and ST over the base points idx (repeats allowed).
func (e *estimator) indices(idx []int) (s1, st []float64) {
	// Pooled variance of f_A and f_B, in two passes for accuracy.
	m := 0.0
	for _, j := range idx {
		m += e.a(j) + e.b(j)
	}
	m /= float64(2 * len(idx))
	v := 0.0
	for _, j := range idx {
		da, db := e.a(j)-m, e.b(j)-m
		v += da*da + db*db
	}
	v /= float64(2*len(idx) - 1)

	s1, st = make([]float64, e.k), make([]float64, e.k)
	for i := range e.k {
		var first, total float64
		for _, j := range idx {
			d := e.ab(i, j) - e.a(j)
			first += e.b(j) * d
			total += d * d
		}
		first /= float64(len(idx))
		total /= 2 * float64(len(idx))
		if v > 0 {
			s1[i], st[i] = first/v, total/v
		} else {
			s1[i], st[i] = math.NaN(), math.NaN()
		}
	}
	return s1, st
}

// percentiles returns the lo and hi empirical quantiles of v, NaNs left
// out (a resample in which the indicator did not vary).
func percentiles(v []float64, lo, hi float64) Interval {
	v = slices.DeleteFunc(v, math.IsNaN)
	if len(v) == 0 {
		return nanInterval()
	}
	slices.Sort(v)
	return Interval{stat.Quantile(lo, stat.Empirical, v, nil), stat.Quantile(hi, stat.Empirical, v, nil)}
}
