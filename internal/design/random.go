package design

import (
	"math/bits"
	"math/rand/v2"

	"github.com/sahelsim/sahelsim/sim"
)

// This file makes the random designs of sweeps: Latin hypercubes and
// Sobol' points, in [0, 1)^d, from the sweep seed alone.

// MaxSobolDimensions is the most parameters of a Sobol' design: the
// dimensions of the direction numbers below.
const MaxSobolDimensions = 32

// Tags that separate the design's random stream from the runs' streams.
const (
	lhsTag   = 0x4c4843 // "LHC"
	sobolTag = 0x534f42 // "SOB"
)

// Rand returns the random stream of a design of the given kind (tag) for
// a sweep seeded with seed: a stream apart from the runs' streams and from
// other kinds' (each kind has its own tag).
func Rand(seed, tag uint64) *rand.Rand {
	return rand.New(rand.NewPCG(sim.Mix(seed^sim.Mix(tag)), sim.Mix(tag^0xd1b54a32d192ed03)))
}

// LatinHypercube returns n points in [0, 1)^d with one point in each of
// the n strata [k/n, (k+1)/n) of every dimension: for each dimension, a
// random permutation of the strata, and a uniform position within each.
func LatinHypercube(n, d int, seed uint64) [][]float64 {
	r := Rand(seed, lhsTag)
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, d)
	}
	for j := range d {
		perm := r.Perm(n)
		for i := range n {
			pts[i][j] = (float64(perm[i]) + r.Float64()) / float64(n)
		}
	}
	return pts
}

// SobolPoints returns the first n points of the d-dimensional Sobol'
// sequence (d ≤ MaxSobolDimensions) with the direction numbers of Joe and
// Kuo (new-joe-kuo-6.21201), in Gray-code order, each dimension
// scrambled by a random digital shift: an exclusive or with a random
// 32-bit number from the sweep seed. A digital shift keeps the net
// structure of the sequence, so that for n = 2^m each dimension has
// exactly one point in each of the n intervals [k/n, (k+1)/n), and the
// first two dimensions form a (0, m, 2)-net; it also moves the first point
// away from the corner (0, …, 0).
func SobolPoints(n, d int, seed uint64) [][]float64 {
	r := Rand(seed, sobolTag)
	shift := make([]uint32, d)
	for j := range shift {
		shift[j] = r.Uint32()
	}
	return sobolShifted(n, d, shift)
}

// sobolShifted is SobolPoints with the given digital shifts (zero: the
// unscrambled sequence).
func sobolShifted(n, d int, shift []uint32) [][]float64 {
	v := make([][32]uint32, d)
	for j := range d {
		v[j] = sobolDirections(j)
	}
	x := make([]uint32, d)
	pts := make([][]float64, n)
	for i := range n {
		if i > 0 {
			c := bits.TrailingZeros(uint(i))
			for j := range d {
				x[j] ^= v[j][c]
			}
		}
		pts[i] = make([]float64, d)
		for j := range d {
			pts[i][j] = float64(x[j]^shift[j]) / (1 << 32)
		}
	}
	return pts
}

// sobolDirections returns the 32 direction numbers of dimension j (from
// 0), scaled to 32 bits: V[k] = m_{k+1} · 2^(31-k).
func sobolDirections(j int) [32]uint32 {
	var v [32]uint32
	if j == 0 {
		for k := range v {
			v[k] = 1 << (31 - k)
		}
		return v
	}
	jk := joeKuo[j-1]
	s, a := int(jk.s), jk.a
	for k := range s {
		v[k] = jk.m[k] << (31 - k)
	}
	for k := s; k < 32; k++ {
		v[k] = v[k-s] ^ (v[k-s] >> s)
		for l := 1; l < s; l++ {
			if (a>>(s-1-l))&1 == 1 {
				v[k] ^= v[k-l]
			}
		}
	}
	return v
}

// joeKuo are the rows d = 2 … 32 of the table new-joe-kuo-6.21201 of
// S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
// two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654:
// the degree s of the primitive polynomial, its coefficients a, and the
// initial direction numbers m_1 … m_s. Dimension 1 is van der Corput's.
var joeKuo = [MaxSobolDimensions - 1]struct {
	s uint8
	a uint32
	m []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
}
