package epstein

import (
	"context"
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// The statistical tests run replicates 0 … reps-1 of this seed.
const (
	statSeed = 2002
	reps     = 10
)

// actives runs reps replicates of p for steps steps, setting the
// legitimacy to legit(step) before each step if legit is not nil, and
// returns the series of active citizens of each replicate.
func actives(t *testing.T, p Params, steps int, legit func(step int) float64) [][]int {
	t.Helper()
	out := make([][]int, reps)
	err := sim.Replicate(context.Background(), reps, 0, func(rep int) error {
		m := New(&p, sim.NewRand(statSeed, rep))
		s := make([]int, steps)
		for i := range s {
			if legit != nil {
				m.SetLegitimacy(legit(i))
			}
			m.Step()
			_, s[i], _ = m.Counts()
		}
		out[rep] = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outbursts counts the separate outbursts in s: excursions to at least hi
// actives, each starting after the count was at most lo.
func outbursts(s []int, hi, lo int) int {
	n, armed := 0, true
	for _, v := range s {
		switch {
		case armed && v >= hi:
			n++
			armed = false
		case v <= lo:
			armed = true
		}
	}
	return n
}

func median(s []int) int {
	s = slices.Clone(s)
	slices.Sort(s)
	return s[len(s)/2]
}

func meanOf(s []int) float64 {
	t := 0
	for _, v := range s {
		t += v
	}
	return float64(t) / float64(len(s))
}

func TestOutbursts(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical test")
	}
	for _, tc := range []struct {
		name       string
		edit       func(*Params)
		punctuated bool
	}{
		// Epstein's punctuated equilibrium: long quiet spells, broken by
		// separate outbursts far above the typical level.
		{"defaults", func(*Params) {}, true},
		// Controls for the criterion: without cops half the citizens rebel
		// for good, and under full legitimacy nobody ever does.
		{"no cops", func(p *Params) { p.CopDensity = 0 }, false},
		{"full legitimacy", func(p *Params) { p.Legitimacy = 1 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Default()
			tc.edit(&p)
			series := actives(t, p, 500, nil)
			bursts, quiet, peaked := 0, 0, 0
			for _, s := range series {
				bursts += outbursts(s, 5, 1)
				if med := median(s); med <= 1 {
					quiet++
				}
				if slices.Max(s) >= 5*(median(s)+1) {
					peaked++
				}
			}
			t.Logf("%d outbursts of 5 or more actives; %d of %d replicates mostly quiet, %d with a peak ≥ 5 × (median+1)", bursts, quiet, reps, peaked)
			ok := bursts >= 10 && quiet >= reps*8/10 && peaked >= reps/2
			if ok != tc.punctuated {
				t.Errorf("punctuated = %v, want %v", ok, tc.punctuated)
			}
		})
	}
}

// TestLegitimacyDrop compares, replicate by replicate, a sudden drop of
// legitimacy from 0.8 to 0.5 at step 100 with the same drop spread over 60
// steps: the sudden drop must bring the larger outburst.
func TestLegitimacyDrop(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical test")
	}
	const start, ramp, from, to = 100, 60, 0.8, 0.5
	sudden := actives(t, Default(), 300, func(step int) float64 {
		if step < start {
			return from
		}
		return to
	})
	gradual := actives(t, Default(), 300, func(step int) float64 {
		if step < start {
			return from
		}
		return max(to, from-(from-to)*float64(step-start+1)/ramp)
	})
	var ps, pg []int
	wins := 0
	for r := range reps {
		ps = append(ps, slices.Max(sudden[r][start:]))
		pg = append(pg, slices.Max(gradual[r][start:]))
		if ps[r] > pg[r] {
			wins++
		}
	}
	t.Logf("peak actives after the drop: sudden %v (mean %.1f), gradual %v (mean %.1f)", ps, meanOf(ps), pg, meanOf(pg))
	if wins < reps*8/10 || meanOf(ps) < 2*meanOf(pg) {
		t.Errorf("sudden drop larger in %d of %d replicates, mean peak %.1f vs %.1f; want ≥ %d and at least twice",
			wins, reps, meanOf(ps), meanOf(pg), reps*8/10)
	}
}

// TestFewerCops compares peak actives with cop densities of 0.04 and the
// default 0.074.
func TestFewerCops(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical test")
	}
	few := Default()
	few.CopDensity = 0.04
	a, b := actives(t, few, 500, nil), actives(t, Default(), 500, nil)
	var pa, pb []int
	wins := 0
	for r := range reps {
		pa = append(pa, slices.Max(a[r]))
		pb = append(pb, slices.Max(b[r]))
		if pa[r] > pb[r] {
			wins++
		}
	}
	t.Logf("peak actives: cop density 0.04 %v (mean %.1f), 0.074 %v (mean %.1f)", pa, meanOf(pa), pb, meanOf(pb))
	if wins < reps*8/10 || meanOf(pa) < 2*meanOf(pb) {
		t.Errorf("fewer cops gave the larger peak in %d of %d replicates, mean %.1f vs %.1f; want ≥ %d and at least twice",
			wins, reps, meanOf(pa), meanOf(pb), reps*8/10)
	}
}
