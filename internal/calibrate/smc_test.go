package calibrate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSMCGaussian runs the algorithm on a model whose posterior is
// known: two parameters θ with a uniform prior on [−5, 5]², data the mean
// of n draws of N(θ, I), observed at y; the distance is the Euclidean
// distance between simulated and observed means. As the tolerance falls,
// the posterior tends to N(y, I/n) (the prior is flat around y).
func TestSMCGaussian(t *testing.T) {
	const n = 25
	y := []float64{1.2, -0.7}
	prior := Prior{Low: []float64{-5, -5}, High: []float64{5, 5}}
	rng := rand.New(rand.NewPCG(1, 2))
	simulate := func(th []float64) float64 {
		s := 0.0
		for k := range th {
			m := th[k] + rng.NormFloat64()/math.Sqrt(n)
			s += (m - y[k]) * (m - y[k])
		}
		return math.Sqrt(s)
	}
	const N, keep = 600, 450
	thetas := make([][]float64, N)
	dist := make([]float64, N)
	for i := range thetas {
		thetas[i] = []float64{-5 + 10*rng.Float64(), -5 + 10*rng.Float64()}
		dist[i] = simulate(thetas[i])
	}
	pop, err := Start(prior, thetas, dist, keep)
	if err != nil {
		t.Fatal(err)
	}
	id := N
	for pop.Acceptance > 0.1 && pop.Generation < 60 {
		props := pop.Propose(rng)
		ds := make([]float64, len(props.Thetas))
		for i, th := range props.Thetas {
			ds[i] = simulate(th)
		}
		if pop, err = pop.Next(props, ds, id); err != nil {
			t.Fatal(err)
		}
		id += len(ds)
	}
	t.Logf("%d generations, tolerance %.3f, acceptance %.3f, %d distinct particles", pop.Generation, pop.Epsilon, pop.Acceptance, pop.Distinct())
	sd := 1 / math.Sqrt(n)
	for k := range 2 {
		m := pop.Mean(k)
		lo, hi := pop.Quantile(k, 0.05), pop.Quantile(k, 0.95)
		// The 90 % interval of N(y, 1/n) is y ± 1.645·0.2; ABC at a
		// positive tolerance is a little wider.
		if math.Abs(m-y[k]) > 0.06 || (hi-lo) < 2*1.645*sd*0.8 || (hi-lo) > 2*1.645*sd*1.35 {
			t.Errorf("θ%d: mean %.3f, 90%% interval %.3f–%.3f (width %.3f); want about %.2f and width %.3f", k, m, lo, hi, hi-lo, y[k], 2*1.645*sd)
		}
	}
	if pop.Distinct() < N/5 {
		t.Errorf("%d distinct particles of %d: the population collapsed", pop.Distinct(), N)
	}
}

func TestPriorTransform(t *testing.T) {
	p := Prior{Low: []float64{2, -1}, High: []float64{4, 1}}
	th := []float64{3.5, -0.25}
	back := p.fromZ(p.toZ(th))
	for k := range th {
		if math.Abs(back[k]-th[k]) > 1e-12 {
			t.Errorf("parameter %d: %v back as %v", k, th[k], back[k])
		}
	}
	// The logistic density integrates to 1 in each coordinate.
	s := 0.0
	for z := -40.0; z < 40; z += 0.001 {
		s += math.Exp(logPriorZ([]float64{z})) * 0.001
	}
	if math.Abs(s-1) > 1e-6 {
		t.Errorf("the prior density in logit coordinates integrates to %v", s)
	}
	if err := (Prior{Low: []float64{1}, High: []float64{1}}).check(); err == nil {
		t.Error("an empty range is a prior")
	}
}
