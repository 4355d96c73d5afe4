package design

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// MorrisLevels is the number of levels of the Morris designs of sweeps.
const MorrisLevels = 4

// MorrisDesign returns r Morris trajectories over factors with the given
// number of levels (even, at least 2; 4 is usual): a matrix of r(k+1)
// rows, trajectory after trajectory, and one column per factor, in the
// factors' units. Consecutive rows of a trajectory differ in one factor,
// each factor changing once per trajectory (see the package
// documentation). The trajectories are drawn from rng, so a design is
// reproduced by the same seed.
func MorrisDesign(factors []Factor, r, levels int, rng *rand.Rand) (*mat.Dense, error) {
	if err := CheckFactors(factors); err != nil {
		return nil, err
	}
	switch {
	case r < 2:
		return nil, fmt.Errorf("design: %d trajectories: want at least 2", r)
	case levels < 2 || levels%2 != 0:
		return nil, fmt.Errorf("design: %d levels: want an even number, at least 2", levels)
	case rng == nil:
		return nil, errors.New("design: MorrisDesign: nil random generator")
	}
	k := len(factors)
	delta := morrisDelta(levels)
	x := mat.NewDense(r*(k+1), k, nil)
	u := make([]float64, k)
	for t := range r {
		for i := range u {
			u[i] = float64(rng.IntN(levels)) / float64(levels-1)
		}
		row := t * (k + 1)
		setUnitRow(x, row, u, factors)
		for j, i := range rng.Perm(k) {
			if u[i]+delta <= 1+1e-12 {
				u[i] += delta
			} else {
				u[i] -= delta
			}
			u[i] = max(0, min(1, u[i]))
			setUnitRow(x, row+j+1, u, factors)
		}
	}
	return x, nil
}

// morrisDelta returns the step of a Morris design with p levels.
func morrisDelta(p int) float64 { return float64(p) / (2 * float64(p-1)) }

// setUnitRow sets row i of x to the factors' values at the unit point u.
func setUnitRow(x *mat.Dense, i int, u []float64, factors []Factor) {
	for j, f := range factors {
		x.Set(i, j, f.At(u[j]))
	}
}
