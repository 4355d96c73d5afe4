package sim

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// MaxSeed is the largest seed: 2^53 − 1. Every seed sahelsim takes or
// writes is at most MaxSeed, so that every tool reads it exactly, even
// one that reads integers as doubles (R's readr, JSON readers,
// spreadsheets).
const MaxSeed = 1<<53 - 1

// ReplicateSeed returns the seed of replicate rep of a run seeded with
// seed: seed itself for replicate 0, and for rep >= 1 a SplitMix64 hash of
// (seed, rep) cut to 53 bits. Replicate rep draws from
// Stream(ReplicateSeed(seed, rep)), so a run seeded with a replicate's
// seed reproduces that replicate as its replicate 0, and the replicates
// of runs with different seeds do not overlap (but by a hash collision).
func ReplicateSeed(seed uint64, rep int) uint64 {
	if rep == 0 {
		return seed
	}
	return Mix(Mix(seed)^Mix(uint64(rep)+0x5eed)) & MaxSeed
}

// Stream returns the random stream of a replicate whose own seed is seed
// (see ReplicateSeed): a PCG generator seeded by a SplitMix64 mixing of
// seed. A *rand.Rand must be used by one goroutine at a time.
func Stream(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(Mix(seed), Mix(seed^Mix(0x9e3779b97f4a7c15))))
}

// NewRand returns the random stream of replicate rep of a run seeded with
// seed: Stream(ReplicateSeed(seed, rep)). It depends only on (seed, rep),
// so a replicate can be rerun alone and goroutine scheduling never
// changes results.
func NewRand(seed uint64, rep int) *rand.Rand { return Stream(ReplicateSeed(seed, rep)) }

// Mix is the SplitMix64 finaliser: a bijective mixing of x, used to derive
// independent-looking seeds from structured inputs such as (seed, rep).
func Mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Poisson draws from a Poisson distribution with mean lambda (0 when
// lambda <= 0). It uses inversion for small means and a rounded normal
// approximation above 30, which is accurate enough for event counts.
func Poisson(r *rand.Rand, lambda float64) int {
	switch {
	case !(lambda > 0):
		return 0
	case lambda < 30:
		var l float64
		if lambda < 0.05 {
			// exp(-λ) by its series: the error, below λ⁵/120 < 3e-9, is far
			// under the resolution of the draw, and most calls are here.
			l = 1 - lambda*(1-lambda/2*(1-lambda/3*(1-lambda/4)))
		} else {
			l = math.Exp(-lambda)
		}
		k, p := 0, r.Float64()
		for p > l {
			p *= r.Float64()
			k++
		}
		return k
	default:
		n := int(math.Round(lambda + math.Sqrt(lambda)*r.NormFloat64()))
		if n < 0 {
			return 0
		}
		return n
	}
}

// Binomial draws the number of successes in n trials of probability p.
// Small n are simulated trial by trial; larger ones use a Poisson or normal
// approximation, clamped to [0, n].
func Binomial(r *rand.Rand, n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case n <= 24:
		k := 0
		for range n {
			if r.Float64() < p {
				k++
			}
		}
		return k
	}
	mean := float64(n) * p
	var k int
	if mean < 10 || float64(n)*(1-p) < 10 {
		if p <= 0.5 {
			k = Poisson(r, mean)
		} else {
			k = n - Poisson(r, float64(n)*(1-p))
		}
	} else {
		k = int(math.Round(mean + math.Sqrt(mean*(1-p))*r.NormFloat64()))
	}
	return max(0, min(n, k))
}

// Bernoulli reports true with probability p.
func Bernoulli(r *rand.Rand, p float64) bool { return r.Float64() < p }

// Geometric draws the number of failures before the first success in
// independent trials of probability p (by inversion): a pass over n
// agents that each act with probability p can skip from one acting agent
// to the next instead of drawing for every one. It returns math.MaxInt32
// when p <= 0 and 0 when p >= 1.
func Geometric(r *rand.Rand, p float64) int { return NewSkip(p).Next(r) }

// A Skip draws geometric counts of one probability p, its logarithm
// computed once.
type Skip struct {
	p, logq float64 // p and log(1 − p)
}

// NewSkip returns the geometric draws of probability p.
func NewSkip(p float64) Skip { return Skip{p: p, logq: math.Log1p(-min(max(p, 0), 1))} }

// Next draws the number of failures before the first success.
func (s Skip) Next(r *rand.Rand) int {
	switch {
	case !(s.p > 0):
		return math.MaxInt32
	case s.p >= 1:
		return 0
	}
	// 1 − Float64() is in (0, 1]: the logarithm is finite.
	k := math.Log(1-r.Float64()) / s.logq
	if k >= math.MaxInt32 {
		return math.MaxInt32
	}
	return int(k)
}

// A Fast is a small, fast generator of uniform 64-bit numbers (wyrand: a
// Weyl sequence mixed by a 128-bit multiplication; Wang Yi, 2019), for the
// hot loops of a model: one addition and one multiplication a draw, and
// the Float64 method inlines. It passes BigCrush and PractRand and has
// period 2⁶⁴ (about 10¹⁹ draws, far beyond a replicate's). It implements
// rand.Source, so rand.New(f) draws from the same stream.
type Fast struct{ s uint64 }

// NewFast returns a generator seeded from r.
func NewFast(r *rand.Rand) *Fast { return &Fast{s: r.Uint64()} }

// Uint64 returns the next number of the stream.
func (f *Fast) Uint64() uint64 {
	f.s += 0xa0761d6478bd642f
	hi, lo := bits.Mul64(f.s, f.s^0xe7037ed1a0b428db)
	return hi ^ lo
}

// Float64 returns a uniform number in [0, 1), as rand.Rand.Float64 does.
func (f *Fast) Float64() float64 { return float64(f.Uint64()<<11>>11) / (1 << 53) }
