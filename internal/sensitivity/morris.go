package sensitivity

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// An Effect is the Morris screening of one factor: the statistics of its
// elementary effects over the trajectories, in units of the indicator per
// whole range of the factor.
type Effect struct {
	Factor string
	Mu     float64 // mean elementary effect
	MuStar float64 // mean absolute elementary effect: the factor's importance
	Sigma  float64 // standard deviation of the elementary effects: non-linearity and interactions
	N      int     // elementary effects counted (trajectories whose two runs have a value)
}

// Morris computes the elementary effects of the factors from runs along
// Morris trajectories: x holds the runs' parameter values, one row per
// run, trajectory after trajectory (r trajectories of k+1 rows, as
// MorrisDesign makes them), and y the indicator's value in each run. The
// step between consecutive rows of a trajectory must change exactly one
// factor; any design with that structure is accepted (levels and step
// sizes may vary), and an error names the first row (from 0) that breaks
// it. A
// step whose two runs do not both have a value (NaN) is not counted.
// The effects come back in the order of factors.
func Morris(x *mat.Dense, y []float64, factors []Factor) ([]Effect, error) {
	rows, err := checkRuns(x, y, factors)
	if err != nil {
		return nil, err
	}
	k := len(factors)
	if rows%(k+1) != 0 {
		return nil, fmt.Errorf("sensitivity: Morris: %d runs is not a whole number of trajectories of %d runs", rows, k+1)
	}
	ee := make([][]float64, k)
	for t := 0; t < rows; t += k + 1 {
		changed := make([]bool, k)
		for s := t; s < t+k; s++ {
			i, d, err := step(x, s, factors)
			if err != nil {
				return nil, err
			}
			if changed[i] {
				return nil, fmt.Errorf("sensitivity: Morris: row %d changes factor %q a second time in its trajectory", s+1, factors[i].Name)
			}
			changed[i] = true
			if dy := y[s+1] - y[s]; !math.IsNaN(dy) {
				ee[i] = append(ee[i], dy/d)
			}
		}
	}
	out := make([]Effect, k)
	for i, e := range ee {
		out[i] = Effect{Factor: factors[i].Name, N: len(e), Mu: math.NaN(), MuStar: math.NaN(), Sigma: math.NaN()}
		if len(e) == 0 {
			continue
		}
		out[i].Mu = stat.Mean(e, nil)
		abs := 0.0
		for _, v := range e {
			abs += math.Abs(v)
		}
		out[i].MuStar = abs / float64(len(e))
		if len(e) > 1 {
			out[i].Sigma = stat.StdDev(e, nil)
		}
	}
	return out, nil
}

// step returns the factor that changes between runs s and s+1 of x and
// the signed change in units of its range.
func step(x *mat.Dense, s int, factors []Factor) (int, float64, error) {
	which, d := -1, 0.0
	for i, f := range factors {
		a, b := x.At(s, i), x.At(s+1, i)
		if same(a, b, f) {
			continue
		}
		if which >= 0 {
			return 0, 0, fmt.Errorf("sensitivity: Morris: rows %d and %d differ in %q and %q: want one factor per step",
				s, s+1, factors[which].Name, f.Name)
		}
		which, d = i, (b-a)/f.Width()
	}
	if which < 0 {
		return 0, 0, fmt.Errorf("sensitivity: Morris: rows %d and %d have the same parameters: want one factor changed per step", s, s+1)
	}
	return which, d, nil
}
