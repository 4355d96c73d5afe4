package agents

import (
	"math"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// measure runs reps replicates of p (seed 11, replicates 0…reps-1, the
// same streams for every scenario: common random numbers) and returns f of
// each finished world and its militant events.
func measure(t *testing.T, p *Params, reps int, f func(w *World, events []Event) float64) []float64 {
	t.Helper()
	g := grid(t, p.Map.Resolution)
	out := make([]float64, reps)
	err := sim.Replicate(t.Context(), reps, 0, func(rep int) error {
		w := New(p, g, sim.NewRand(11, rep))
		var ev []Event
		if err := w.Run(func(w *World) error {
			for _, e := range w.Log.Events() {
				if _, ok := e.Militant(); ok {
					ev = append(ev, e)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		out[rep] = f(w, ev)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pairedDiff returns the mean of b−a and its standard error.
func pairedDiff(a, b []float64) (mean, se float64) {
	n := float64(len(a))
	for i := range a {
		mean += b[i] - a[i]
	}
	mean /= n
	var ss float64
	for i := range a {
		d := b[i] - a[i] - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / (n - 1) / n)
}

// expect asserts that the lever moved the indicator in the direction its
// mechanism says (sign +1 up, −1 down), by at least two standard errors of
// the paired difference.
func expect(t *testing.T, what string, base, lever []float64, sign float64) {
	t.Helper()
	m, se := pairedDiff(base, lever)
	t.Logf("%s: baseline mean %.4g, lever mean %.4g, paired difference %.4g ± %.2g (se)", what, mean(base), mean(lever), m, se)
	if sign*m <= 2*se {
		t.Errorf("%s moved by %.4g ± %.2g, want %+.0f direction beyond two standard errors", what, m, se, sign)
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

const leverReps = 8

func withLever(t *testing.T, set func(p *Policy)) *Params {
	p := baselineParams(t)
	set(&p.Policy)
	if err := Validate(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLeverDisaggregation(t *testing.T) {
	correct := func(w *World, ev []Event) float64 {
		n, ok := 0, 0
		for _, e := range ev {
			if e.Type.Violent() {
				n++
				if e.Label == e.Perpetrator {
					ok++
				}
			}
		}
		return float64(ok) / float64(n)
	}
	base := measure(t, baselineParams(t), leverReps, correct)
	lever := measure(t, withLever(t, func(p *Policy) { p.Disaggregation = new(Disaggregation); p.Disaggregation.SetDefaults() }), leverReps, correct)
	expect(t, "share of violent events labelled with their true group", base, lever, +1)
}

func TestPostureBluntVersusDiscriminating(t *testing.T) {
	recruits := func(w *World, ev []Event) float64 { return float64(w.Flows.Recruited) }
	grievance := func(w *World, ev []Event) float64 {
		var s, n float64
		for c := range w.Communities {
			cm := &w.Communities[c]
			s += cm.MeanGrievance() * cm.Base
			n += cm.Base
		}
		return s / n
	}
	blunt := baselineParams(t)
	disc := baselineParams(t)
	for _, f := range disc.Forces.list() {
		f.Posture = Discriminating
	}
	// The discriminating world is the "lever": both indicators must fall.
	expect(t, "recruits (discriminating − blunt)", measure(t, blunt, leverReps, recruits), measure(t, disc, leverReps, recruits), -1)
	expect(t, "mean grievance (discriminating − blunt)", measure(t, blunt, leverReps, grievance), measure(t, disc, leverReps, grievance), -1)
}

func TestLeverIllicitNetworks(t *testing.T) {
	adRevenue := func(w *World, ev []Event) float64 { return w.Groups[AnsarDine].TotalRevenue() }
	base := measure(t, baselineParams(t), leverReps, adRevenue)
	lever := measure(t, withLever(t, func(p *Policy) { p.IllicitNetworks = new(IllicitNetworks); p.IllicitNetworks.SetDefaults() }), leverReps, adRevenue)
	expect(t, "Ansar Dine revenue", base, lever, -1)
}

func TestLeverCommunityProtection(t *testing.T) {
	sustained := func(w *World, ev []Event) float64 {
		n, s := 0, 0
		for c := range w.Communities {
			if w.Communities[c].Base > 0 {
				n++
				if w.Sustained(c) {
					s++
				}
			}
		}
		return float64(s) / float64(n)
	}
	base := measure(t, baselineParams(t), leverReps, sustained)
	lever := measure(t, withLever(t, func(p *Policy) {
		p.CommunityProtection = new(CommunityProtection)
		p.CommunityProtection.SetDefaults()
	}), leverReps, sustained)
	expect(t, "share of populated cells with sustained presence", base, lever, +1)
}

func TestLeverReintegration(t *testing.T) {
	active := func(w *World, ev []Event) float64 {
		n := 0
		for gi := range w.Groups {
			n += w.Groups[gi].Active
		}
		return float64(n)
	}
	p := withLever(t, func(p *Policy) { p.Reintegration = new(Reintegration); p.Reintegration.SetDefaults() })
	expect(t, "active fighters at the end", measure(t, baselineParams(t), 2*leverReps, active), measure(t, p, 2*leverReps, active), -1)
	// Recidivism is measured: some who went through a programme return.
	rec := measure(t, p, leverReps, func(w *World, ev []Event) float64 {
		if w.Flows.Programme == 0 {
			return math.NaN()
		}
		return float64(w.Flows.Reintegrated) / float64(w.Flows.Programme)
	})
	for i, r := range rec {
		if math.IsNaN(r) || r <= 0 || r >= 1 {
			t.Errorf("replicate %d: reintegrated share of programme entrants %v, want in (0, 1)", i, r)
		}
	}
}

func TestLeverPoliticalSettlement(t *testing.T) {
	adViolence := func(w *World, ev []Event) float64 {
		n := 0
		for _, e := range ev {
			if e.Type.Violent() && e.Perpetrator == AnsarDine {
				n++
			}
		}
		return float64(n)
	}
	p := withLever(t, func(p *Policy) {
		p.PoliticalSettlement = new(PoliticalSettlement)
		p.PoliticalSettlement.SetDefaults()
	})
	expect(t, "violent events by Ansar Dine", measure(t, baselineParams(t), leverReps, adViolence), measure(t, p, leverReps, adViolence), -1)
	split := measure(t, p, leverReps, func(w *World, ev []Event) float64 { return float64(w.Flows.Split) })
	if mean(split) <= 0 {
		t.Errorf("no hardliner broke away after settlements (mean split %v)", mean(split))
	}
}
