package calibrate

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// This file is the sequential algorithm: adaptive population Monte Carlo
// ABC (APMC) with deterministic-mixture weights, on parameter vectors and
// distances, with no knowledge of the model. See the package
// documentation for its sources.

// A Prior is a uniform prior on a box: parameter k in [Low[k], High[k]].
// The algorithm works on the logit of each parameter's place in its range,
// z = logit((θ − Low)/(High − Low)), where the prior has the logistic
// density and the Gaussian perturbation kernel never leaves the box.
type Prior struct {
	Low, High []float64
}

// Dim returns the number of parameters.
func (p Prior) Dim() int { return len(p.Low) }

// check reports whether the prior is a box.
func (p Prior) check() error {
	if len(p.Low) == 0 || len(p.Low) != len(p.High) {
		return errors.New("calibrate: a prior needs one range per parameter")
	}
	for k := range p.Low {
		if !(p.Low[k] < p.High[k]) || math.IsInf(p.Low[k], 0) || math.IsInf(p.High[k], 0) {
			return fmt.Errorf("calibrate: parameter %d: range [%g, %g] is not a finite interval", k, p.Low[k], p.High[k])
		}
	}
	return nil
}

// unitEps keeps a parameter strictly inside its range before the logit.
const unitEps = 1e-12

// toZ returns the logit coordinates of theta.
func (p Prior) toZ(theta []float64) []float64 {
	z := make([]float64, len(theta))
	for k, t := range theta {
		u := (t - p.Low[k]) / (p.High[k] - p.Low[k])
		u = min(max(u, unitEps), 1-unitEps)
		z[k] = math.Log(u / (1 - u))
	}
	return z
}

// fromZ returns the parameters at the logit coordinates z.
func (p Prior) fromZ(z []float64) []float64 {
	theta := make([]float64, len(z))
	for k, v := range z {
		u := 1 / (1 + math.Exp(-v))
		theta[k] = p.Low[k] + u*(p.High[k]-p.Low[k])
	}
	return theta
}

// logPriorZ returns the log density of the uniform prior in logit
// coordinates, up to a constant: Σ log σ(z)(1 − σ(z)).
func logPriorZ(z []float64) float64 {
	s := 0.0
	for _, v := range z {
		a := math.Abs(v)
		s += -a - 2*math.Log1p(math.Exp(-a))
	}
	return s
}

// A Particle is one parameter set of a population and how it fared.
type Particle struct {
	ID         int       // number of the particle in the calibration: its generation's first ID + its index in the generation
	Generation int       // the generation that simulated it
	Theta      []float64 // the parameters, in their units
	Distance   float64   // to the targets
	// LogWeight is the log of the particle's importance weight: the
	// prior's density over the density of the mixture of every proposal
	// of the calibration so far (see Next).
	LogWeight float64

	z    []float64 // logit coordinates of Theta
	logS float64   // log Σ_g n_g·q_g(z) over the proposals so far
}

// A proposal is the density a generation drew its particles from: a
// mixture of Gaussian kernels around the weighted particles kept before it
// (the prior for generation 0), with the number of particles drawn.
type proposal struct {
	n       int
	logW    []float64   // log normalised weights of the centres
	centres [][]float64 // whitened: L⁻¹z of each kept particle
	l       mat.TriDense
	logNorm float64 // of the Gaussian kernel: −½(d·log 2π + log|Σ|)
}

// logDensity returns log q(z). Terms below e⁻⁴⁰ of the largest are left
// out of the sum.
func (q *proposal) logDensity(z []float64, terms []float64) float64 {
	x := whiten(&q.l, z)
	terms = terms[:len(q.centres)]
	best := math.Inf(-1)
	for j, c := range q.centres {
		ss := 0.0
		for k, v := range x {
			dv := v - c[k]
			ss += dv * dv
		}
		terms[j] = q.logW[j] - 0.5*ss
		best = max(best, terms[j])
	}
	sum := 0.0
	for _, t := range terms {
		if t-best > -40 {
			sum += math.Exp(t - best)
		}
	}
	return best + math.Log(sum) + q.logNorm
}

// whiten returns L⁻¹z.
func whiten(l *mat.TriDense, z []float64) []float64 {
	v := mat.NewVecDense(len(z), slices.Clone(z))
	if err := v.SolveVec(l, v); err != nil {
		panic(err) // L is triangular and not singular
	}
	return v.RawVector().Data
}

// A Population is the state of the algorithm after a generation: the
// particles kept, the tolerance they meet, and the perturbation kernel
// of the next generation.
type Population struct {
	Generation int
	Particles  []Particle // the kept particles, closest first
	Epsilon    float64    // the largest distance kept: the tolerance of the next generation
	Acceptance float64    // share of the generation's new particles within the previous tolerance (1 for generation 0)
	Simulated  int        // particles simulated in this generation
	Sigma      *mat.SymDense
	prior      Prior
	chol       mat.Cholesky
	history    []*proposal // the proposals of generations 1, 2, …
	n0         int         // particles drawn from the prior in generation 0
}

// Weights returns the particles' normalised importance weights.
func (pop *Population) Weights() []float64 {
	w := make([]float64, len(pop.Particles))
	for i, p := range pop.Particles {
		w[i] = p.LogWeight
	}
	m := floats.Max(w)
	for i := range w {
		w[i] = math.Exp(w[i] - m)
	}
	floats.Scale(1/floats.Sum(w), w)
	return w
}

// ESS returns the effective sample size of the population's weights,
// (Σw)²/Σw².
func (pop *Population) ESS() float64 {
	w := pop.Weights()
	return 1 / floats.Dot(w, w)
}

// Start returns the population of generation 0: the particles thetas,
// drawn from the prior (by a random or quasi-random design), with their
// distances dist; it keeps the keep closest (ties by order), whose largest
// distance is the first tolerance.
func Start(prior Prior, thetas [][]float64, dist []float64, keep int) (*Population, error) {
	if err := prior.check(); err != nil {
		return nil, err
	}
	if len(thetas) != len(dist) || len(thetas) == 0 {
		return nil, fmt.Errorf("calibrate: %d particles and %d distances", len(thetas), len(dist))
	}
	n := float64(len(thetas))
	all := make([]Particle, len(thetas))
	for i, th := range thetas {
		if len(th) != prior.Dim() {
			return nil, fmt.Errorf("calibrate: particle %d has %d parameters, the prior %d", i, len(th), prior.Dim())
		}
		z := prior.toZ(th)
		lp := logPriorZ(z)
		all[i] = Particle{ID: i, Theta: slices.Clone(th), z: z, Distance: dist[i], logS: math.Log(n) + lp}
		all[i].LogWeight = lp - all[i].logS
	}
	pop := &Population{prior: prior, n0: len(thetas)}
	return pop.next(0, all, keep, 1, len(thetas))
}

// next returns the population of generation gen: it keeps the keep
// closest of all and sets the kernel.
func (pop *Population) next(gen int, all []Particle, keep int, acceptance float64, simulated int) (*Population, error) {
	if keep < 2 || keep > len(all) {
		return nil, fmt.Errorf("calibrate: keep %d of %d particles: want at least 2 and at most all", keep, len(all))
	}
	slices.SortStableFunc(all, func(a, b Particle) int { return cmpDistance(a.Distance, b.Distance) })
	out := &Population{Generation: gen, Particles: all[:keep:keep], Acceptance: acceptance, Simulated: simulated,
		prior: pop.prior, history: pop.history, n0: pop.n0}
	out.Epsilon = out.Particles[keep-1].Distance
	if err := out.setKernel(); err != nil {
		return nil, err
	}
	return out, nil
}

// cmpDistance orders distances, NaN last.
func cmpDistance(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	}
	return cmp.Compare(a, b)
}

// setKernel sets the perturbation kernel: a Gaussian whose covariance is
// twice the weighted covariance of the kept particles in logit
// coordinates (Beaumont et al. 2009), with a small ridge if it is
// singular.
func (pop *Population) setKernel() error {
	d := pop.prior.Dim()
	w := pop.Weights()
	mean := make([]float64, d)
	for i, p := range pop.Particles {
		floats.AddScaled(mean, w[i], p.z)
	}
	cov := mat.NewSymDense(d, nil)
	diff := make([]float64, d)
	for i, p := range pop.Particles {
		floats.SubTo(diff, p.z, mean)
		for a := range d {
			for b := a; b < d; b++ {
				cov.SetSym(a, b, cov.At(a, b)+2*w[i]*diff[a]*diff[b])
			}
		}
	}
	ridge := 0.0
	for k := 0; ; k++ {
		s := mat.NewSymDense(d, nil)
		s.CopySym(cov)
		for a := range d {
			s.SetSym(a, a, s.At(a, a)+ridge)
		}
		if pop.chol.Factorize(s) {
			pop.Sigma = s
			return nil
		}
		if k == 30 {
			return errors.New("calibrate: the perturbation kernel is singular")
		}
		ridge = max(ridge*10, 1e-10*(1+mat.Trace(cov)/float64(d)))
	}
}

// Propose draws m new parameter sets for the next generation: each picks
// a kept particle with probability proportional to its weight and moves
// it by the Gaussian kernel, in logit coordinates. The draws depend only
// on pop and rng.
func (pop *Population) Propose(m int, rng *rand.Rand) [][]float64 {
	d := pop.prior.Dim()
	w := pop.Weights()
	cum := make([]float64, len(w))
	floats.CumSum(cum, w)
	var l mat.TriDense
	pop.chol.LTo(&l)
	out := make([][]float64, m)
	xi := mat.NewVecDense(d, nil)
	step := mat.NewVecDense(d, nil)
	for i := range m {
		u := rng.Float64() * cum[len(cum)-1]
		j := min(sortSearch(cum, u), len(cum)-1)
		for k := range d {
			xi.SetVec(k, rng.NormFloat64())
		}
		step.MulVec(&l, xi)
		z := slices.Clone(pop.Particles[j].z)
		floats.Add(z, step.RawVector().Data)
		out[i] = pop.prior.fromZ(z)
	}
	return out
}

// sortSearch returns the first index i with cum[i] > u.
func sortSearch(cum []float64, u float64) int {
	i, _ := slices.BinarySearchFunc(cum, u, func(c, u float64) int {
		if c <= u {
			return -1
		}
		return 1
	})
	return i
}

// proposal returns the proposal density of the next generation, of m
// particles: the mixture Propose draws from.
func (pop *Population) proposal(m int) *proposal {
	d := pop.prior.Dim()
	q := &proposal{n: m, logW: make([]float64, len(pop.Particles)), centres: make([][]float64, len(pop.Particles))}
	pop.chol.LTo(&q.l)
	q.logNorm = -0.5*float64(d)*math.Log(2*math.Pi) - 0.5*pop.chol.LogDet()
	for j, w := range pop.Weights() {
		q.logW[j] = math.Log(w)
		q.centres[j] = whiten(&q.l, pop.Particles[j].z)
	}
	return q
}

// Next returns the population after a generation in which the proposals
// thetas (drawn by Propose) were simulated, at distances dist. The kept
// and new particles together are cut to the keep closest, whose largest
// distance is the next tolerance, and the kernel is set from them
// (Lenormand, Jabot and Deffuant 2013); the acceptance is the share of new
// particles within the current tolerance.
//
// The weights: every particle, old or new, is weighted by the prior's
// density over the density of the mixture of all the proposals of the
// calibration, each weighing the number of particles drawn from it:
// w = π(z) / Σ_g n_g·q_g(z), with q_0 the prior (the "deterministic
// mixture" weights of adaptive multiple importance sampling, Cornuet,
// Marin, Mira and Robert 2012). Weighting each particle by its own
// proposal alone (π/q_g, as in Beaumont et al. 2009), as APMC does, leaves
// in many dimensions almost all the weight to the few draws of the prior
// still kept, whose proposal was the broad prior itself.
func (pop *Population) Next(thetas [][]float64, dist []float64, keep, firstID int) (*Population, error) {
	if len(thetas) != len(dist) || len(thetas) == 0 {
		return nil, fmt.Errorf("calibrate: %d particles and %d distances", len(thetas), len(dist))
	}
	d := pop.prior.Dim()
	q := pop.proposal(len(thetas))
	history := append(slices.Clip(pop.history), q)
	terms := make([]float64, len(pop.Particles))
	logN := math.Log(float64(q.n))
	all := make([]Particle, 0, len(pop.Particles)+len(thetas))
	for _, p := range pop.Particles {
		p.logS = logAddExp(p.logS, logN+q.logDensity(p.z, terms))
		p.LogWeight = logPriorZ(p.z) - p.logS
		all = append(all, p)
	}
	accepted := 0
	parts := make([]float64, len(history)+1)
	for i, th := range thetas {
		if len(th) != d {
			return nil, fmt.Errorf("calibrate: particle %d has %d parameters, the prior %d", i, len(th), d)
		}
		z := pop.prior.toZ(th)
		lp := logPriorZ(z)
		parts[0] = math.Log(float64(pop.n0)) + lp
		for g, h := range history {
			if len(terms) < len(h.centres) {
				terms = make([]float64, len(h.centres))
			}
			parts[g+1] = math.Log(float64(h.n)) + h.logDensity(z, terms)
		}
		p := Particle{ID: firstID + i, Generation: pop.Generation + 1, Theta: slices.Clone(th), z: z, Distance: dist[i],
			logS: floats.LogSumExp(parts)}
		p.LogWeight = lp - p.logS
		if dist[i] < pop.Epsilon {
			accepted++
		}
		all = append(all, p)
	}
	next := &Population{prior: pop.prior, history: history, n0: pop.n0}
	return next.next(pop.Generation+1, all, keep, float64(accepted)/float64(len(thetas)), len(thetas))
}

// logAddExp returns log(e^a + e^b).
func logAddExp(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// Quantile returns the weighted q-quantile of parameter k over the
// population.
func (pop *Population) Quantile(k int, q float64) float64 {
	w := pop.Weights()
	xs := make([]float64, len(pop.Particles))
	for i, p := range pop.Particles {
		xs[i] = p.Theta[k]
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	sx, sw := make([]float64, len(xs)), make([]float64, len(xs))
	for i, j := range idx {
		sx[i], sw[i] = xs[j], w[j]
	}
	return stat.Quantile(q, stat.Empirical, sx, sw)
}

// Mean returns the weighted mean of parameter k over the population.
func (pop *Population) Mean(k int) float64 {
	w := pop.Weights()
	m := 0.0
	for i, p := range pop.Particles {
		m += w[i] * p.Theta[k]
	}
	return m
}
