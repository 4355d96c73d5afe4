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

// This file is the sequential algorithm, adaptive ABC-SMC with MCMC moves,
// on parameter vectors and distances, with no knowledge of the model. See
// the package documentation for its sources.

// A Prior is a uniform prior on a box: parameter k in [Low[k], High[k]].
// The algorithm works on the logit of each parameter's place in its range,
// z = logit((θ − Low)/(High − Low)), where the prior has the logistic
// density and the Gaussian move kernel never leaves the box.
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

	z []float64 // logit coordinates of Theta
}

// A Population is the state of the algorithm after a generation: N
// particles of equal weight, each a draw of the ABC posterior at the
// tolerance of the generation (a particle whose move was refused is kept
// again, so copies share an ID), and what the next generation moves: the
// keep closest, within the next tolerance, and the kernel.
type Population struct {
	Generation int
	Particles  []Particle // closest first
	// Epsilon is the next tolerance: the distance of the keep-th
	// closest particle, which the next generation's moves must meet.
	Epsilon    float64
	Acceptance float64 // share of the generation's moves accepted (1 for generation 0)
	Simulated  int     // particles simulated in this generation
	Sigma      *mat.SymDense
	prior      Prior
	keep       int // particles alive for the next generation: the keep closest
	chol       mat.Cholesky
}

// Weights returns the particles' normalised weights: all equal.
func (pop *Population) Weights() []float64 {
	w := make([]float64, len(pop.Particles))
	for i := range w {
		w[i] = 1 / float64(len(w))
	}
	return w
}

// Distinct returns the number of distinct particles of the population.
func (pop *Population) Distinct() int {
	seen := make(map[int]bool, len(pop.Particles))
	for _, p := range pop.Particles {
		seen[p.ID] = true
	}
	return len(seen)
}

// Start returns the population of generation 0: the particles thetas,
// drawn from the prior (by a random or quasi-random design), with their
// distances dist. The next generation moves the keep closest (ties by
// order), whose largest distance is the first tolerance.
func Start(prior Prior, thetas [][]float64, dist []float64, keep int) (*Population, error) {
	if err := prior.check(); err != nil {
		return nil, err
	}
	if len(thetas) != len(dist) || len(thetas) == 0 {
		return nil, fmt.Errorf("calibrate: %d particles and %d distances", len(thetas), len(dist))
	}
	all := make([]Particle, len(thetas))
	for i, th := range thetas {
		if len(th) != prior.Dim() {
			return nil, fmt.Errorf("calibrate: particle %d has %d parameters, the prior %d", i, len(th), prior.Dim())
		}
		all[i] = Particle{ID: i, Theta: slices.Clone(th), z: prior.toZ(th), Distance: dist[i]}
	}
	return newPopulation(prior, 0, all, keep, 1, len(thetas))
}

// newPopulation returns the population of generation gen, all, and
// prepares the next generation: the keep closest particles, the next
// tolerance and the kernel.
func newPopulation(prior Prior, gen int, all []Particle, keep int, acceptance float64, simulated int) (*Population, error) {
	if keep < 2 || keep > len(all) {
		return nil, fmt.Errorf("calibrate: keep %d of %d particles: want at least 2 and at most all", keep, len(all))
	}
	slices.SortStableFunc(all, func(a, b Particle) int { return cmpDistance(a.Distance, b.Distance) })
	pop := &Population{Generation: gen, Particles: all, Acceptance: acceptance, Simulated: simulated, prior: prior, keep: keep}
	pop.Epsilon = all[keep-1].Distance
	if err := pop.setKernel(); err != nil {
		return nil, err
	}
	return pop, nil
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

// setKernel sets the move kernel: a Gaussian random walk whose covariance
// is 2.38²/d times the covariance of the keep closest particles in logit
// coordinates (the scaling of random-walk Metropolis in d dimensions of
// Roberts, Gelman and Gilks 1997), with a small ridge if it is singular.
func (pop *Population) setKernel() error {
	d := pop.prior.Dim()
	alive := pop.Particles[:pop.keep]
	w := 1 / float64(len(alive))
	scale := 2.38 * 2.38 / float64(d)
	mean := make([]float64, d)
	for _, p := range alive {
		floats.AddScaled(mean, w, p.z)
	}
	cov := mat.NewSymDense(d, nil)
	diff := make([]float64, d)
	for _, p := range alive {
		floats.SubTo(diff, p.z, mean)
		for a := range d {
			for b := a; b < d; b++ {
				cov.SetSym(a, b, cov.At(a, b)+scale*w*diff[a]*diff[b])
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
			return errors.New("calibrate: the move kernel is singular")
		}
		ridge = max(ridge*10, 1e-10*(1+mat.Trace(cov)/float64(d)))
	}
}

// Proposals are the moves of a generation: for each, the particle it
// starts from (an index among the keep closest), the parameters it
// proposes, and the uniform number of its Metropolis–Hastings test.
type Proposals struct {
	Thetas  [][]float64
	parents []int
	u       []float64
}

// Propose draws the moves of the next generation, one per particle of the
// population: each resamples one of the keep closest particles uniformly
// at random and proposes a step of the Gaussian kernel from it, in logit
// coordinates. The draws depend only on pop and rng.
func (pop *Population) Propose(rng *rand.Rand) *Proposals {
	d := pop.prior.Dim()
	m := len(pop.Particles)
	var l mat.TriDense
	pop.chol.LTo(&l)
	out := &Proposals{Thetas: make([][]float64, m), parents: make([]int, m), u: make([]float64, m)}
	xi := mat.NewVecDense(d, nil)
	step := mat.NewVecDense(d, nil)
	for i := range m {
		j := rng.IntN(pop.keep)
		for k := range d {
			xi.SetVec(k, rng.NormFloat64())
		}
		step.MulVec(&l, xi)
		z := slices.Clone(pop.Particles[j].z)
		floats.Add(z, step.RawVector().Data)
		out.Thetas[i], out.parents[i], out.u[i] = pop.prior.fromZ(z), j, rng.Float64()
	}
	return out
}

// Next returns the population after a generation in which the moves props
// (drawn by Propose) were simulated, at distances dist: a move is accepted
// if its run is within the tolerance pop.Epsilon and it passes the
// Metropolis–Hastings test of the prior, u < π(z′)/π(z) (the kernel being
// symmetric), the ABC-MCMC move that leaves the ABC posterior at that
// tolerance invariant; a refused move leaves the particle it started from.
// The acceptance is the share of moves accepted.
func (pop *Population) Next(props *Proposals, dist []float64, firstID int) (*Population, error) {
	if len(props.Thetas) != len(dist) || len(dist) == 0 {
		return nil, fmt.Errorf("calibrate: %d moves and %d distances", len(props.Thetas), len(dist))
	}
	d := pop.prior.Dim()
	all := make([]Particle, len(dist))
	accepted := 0
	for i, th := range props.Thetas {
		if len(th) != d {
			return nil, fmt.Errorf("calibrate: move %d has %d parameters, the prior %d", i, len(th), d)
		}
		parent := pop.Particles[props.parents[i]]
		z := pop.prior.toZ(th)
		if dist[i] <= pop.Epsilon && math.Log(props.u[i]) < logPriorZ(z)-logPriorZ(parent.z) {
			all[i] = Particle{ID: firstID + i, Generation: pop.Generation + 1, Theta: slices.Clone(th), z: z, Distance: dist[i]}
			accepted++
			continue
		}
		all[i] = parent
	}
	return newPopulation(pop.prior, pop.Generation+1, all, pop.keep, float64(accepted)/float64(len(dist)), len(dist))
}

// Quantile returns the q-quantile of parameter k over the population.
func (pop *Population) Quantile(k int, q float64) float64 {
	xs := make([]float64, len(pop.Particles))
	for i, p := range pop.Particles {
		xs[i] = p.Theta[k]
	}
	slices.Sort(xs)
	return stat.Quantile(q, stat.Empirical, xs, nil)
}

// Mean returns the mean of parameter k over the population.
func (pop *Population) Mean(k int) float64 {
	m := 0.0
	for _, p := range pop.Particles {
		m += p.Theta[k]
	}
	return m / float64(len(pop.Particles))
}
