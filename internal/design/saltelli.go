package design

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// MinSaltelliPoints is the fewest base points of a Saltelli design that
// sweeps accept: below it the estimators' variance is such that indices
// of several units, far outside [0, 1], are the rule (Saltelli et al.
// 2010 use hundreds to thousands).
const MinSaltelliPoints = 64

// A Sampler fills batch with points of the unit hypercube, one per row.
// It has the method set of gonum's samplemv.Sampler.
type Sampler interface {
	Sample(batch *mat.Dense)
}

// A PointsFunc is a Sampler made of a function returning the first n
// points of a d-dimensional sequence in the unit hypercube, one slice per
// point: an adapter for generators written without gonum's matrices (a
// sweep's scrambled Sobol' sequence, say).
type PointsFunc func(n, d int) [][]float64

// Sample fills batch with f's points.
func (f PointsFunc) Sample(batch *mat.Dense) {
	n, d := batch.Dims()
	for i, p := range f(n, d) {
		batch.SetRow(i, p[:d])
	}
}

// Halton returns the default base sampler of SaltelliDesign: the Halton
// sequence (dimension j in the radical inverse of the j-th prime) with
// random digit permutations, one permutation of the digits per dimension
// and digit position, drawn from the PCG stream (seed, 0) (Matoušek 1998;
// Owen 2017, the scrambling of gonum's samplemv.Halton). The scrambling
// removes the correlations of the plain sequence between dimensions and
// keeps its evenness. The same seed gives the same points; Sample starts
// from the first point of the sequence each time.
func Halton(seed uint64) Sampler {
	return haltonSampler{seed}
}

type haltonSampler struct{ seed uint64 }

func (h haltonSampler) Sample(batch *mat.Dense) {
	rng := rand.New(rand.NewPCG(h.seed, 0))
	n, d := batch.Dims()
	for j := range d {
		b := nthPrime(j)
		inv := 1 / float64(b)
		// Digit positions until b^-pos no longer changes a float64 near 1.
		for scale, div := inv, 1; 1-scale < 1; scale, div = scale*inv, div*b {
			perm := rng.Perm(b)
			for i := range n {
				if div == 1 {
					batch.Set(i, j, 0)
				}
				digit := (i / div) % b
				batch.Set(i, j, batch.At(i, j)+float64(perm[digit])*scale)
			}
			if div > math.MaxInt/b {
				break
			}
		}
	}
}

// nthPrime returns the j-th prime, from 0 (2, 3, 5, …).
func nthPrime(j int) int {
	for p, found := 2, 0; ; p++ {
		prime := true
		for q := 2; q*q <= p; q++ {
			if p%q == 0 {
				prime = false
				break
			}
		}
		if prime {
			if found == j {
				return p
			}
			found++
		}
	}
}

// Uniform returns a base sampler of independent uniform draws over the
// unit hypercube from the PCG stream (seed, 0): plain Monte Carlo, for
// comparison with the quasi-random default.
func Uniform(seed uint64) Sampler {
	return uniformSampler{seed}
}

type uniformSampler struct{ seed uint64 }

func (s uniformSampler) Sample(batch *mat.Dense) {
	rng := rand.New(rand.NewPCG(s.seed, 0))
	r, c := batch.Dims()
	for i := range r {
		for j := range c {
			batch.Set(i, j, rng.Float64())
		}
	}
}

// SaltelliDesign returns the n(k+2) runs of a Saltelli design over the k
// factors: the n rows of A, the n rows of B, then for each factor i the n
// rows of AB_i (A with column i from B), one column per factor, in the
// factors' units. A and B come from n points of base in the unit
// hypercube of 2k dimensions, which must lie in [0, 1]; base nil means
// Halton(0). Use n a power of two, at least 2.
func SaltelliDesign(factors []Factor, n int, base Sampler) (*mat.Dense, error) {
	if err := CheckFactors(factors); err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, fmt.Errorf("design: %d base points: want at least 2", n)
	}
	if base == nil {
		base = Halton(0)
	}
	k := len(factors)
	pts := mat.NewDense(n, 2*k, nil)
	base.Sample(pts)
	for i := range n {
		for j := range 2 * k {
			if v := pts.At(i, j); !(v >= 0 && v <= 1) {
				return nil, fmt.Errorf("design: base sampler gave %g at point %d, coordinate %d: want [0, 1]", v, i, j)
			}
		}
	}
	x := mat.NewDense(n*(k+2), k, nil)
	for j := range n {
		a, b := pts.RawRowView(j)[:k], pts.RawRowView(j)[k:]
		setUnitRow(x, j, a, factors)
		setUnitRow(x, n+j, b, factors)
		ab := make([]float64, k)
		for i := range k {
			copy(ab, a)
			ab[i] = b[i]
			setUnitRow(x, (2+i)*n+j, ab, factors)
		}
	}
	return x, nil
}
