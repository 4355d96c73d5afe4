package outputs

import (
	"math"

	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/sim"
)

// OutburstActive is the number of active citizens above which the Epstein
// model is in an outburst of rebellion (epstein_outbursts counts how often
// it rises above it), the threshold used by the model's tests.
const OutburstActive = 5

// epsteinMetrics are the series of the Epstein model: counts of citizens
// by state, with no zones or groups.
func epsteinMetrics() []metricDef {
	return []metricDef{
		{"quiescent", byTotal, "quiescent citizens at the end of the step"},
		{"active", byTotal, "active (rebelling) citizens at the end of the step"},
		{"jailed", byTotal, "jailed citizens at the end of the step"},
	}
}

// EpsteinColumns returns the headline indicators of an Epstein run, the
// columns of its summary.csv (and of a sweep's runs.csv).
func EpsteinColumns() []string {
	return []string{"active_mean", "active_peak", "active_peak_share", "jailed_mean", "outbursts", "quiet_share"}
}

// EpsteinRecorder observes one replicate of Epstein's civil violence model
// (package agents/epstein): the counts of citizens by state at every step,
// and the headline indicators of EpsteinColumns. Dates count steps from
// the scenario's start in steps of its step_days.
type EpsteinRecorder struct {
	rep      Replicate
	citizens int
}

// NewEpsteinRecorder returns a recorder for replicate rep (of base seed
// seed) of m, whose steps are dated by clock.
func NewEpsteinRecorder(m *epstein.Model, clock sim.Clock, rep int, seed uint64) *EpsteinRecorder {
	l := newLayoutOf(epsteinMetrics(), nil)
	q, a, j := m.Counts()
	r := &EpsteinRecorder{citizens: q + a + j}
	r.rep = Replicate{Rep: rep, Seed: seed, Clock: clock, Columns: EpsteinColumns(), layout: l}
	r.rep.series = make([]float64, 0, clock.Steps*l.size())
	return r
}

// Observe records the counts after a step of m.
func (r *EpsteinRecorder) Observe(m *epstein.Model) {
	q, a, j := m.Counts()
	r.rep.series = append(r.rep.series, float64(q), float64(a), float64(j))
	r.rep.Steps++
}

// Result returns the replicate with its headline indicators.
func (r *EpsteinRecorder) Result() *Replicate {
	rep := &r.rep
	var sumA, sumJ, peak float64
	outbursts, quiet := 0, 0
	above := false
	for s := range rep.Steps {
		f := rep.frame(s)
		a, j := f[1], f[2]
		sumA += a
		sumJ += j
		peak = max(peak, a)
		if a > OutburstActive && !above {
			outbursts++
		}
		above = a > OutburstActive
		if a == 0 {
			quiet++
		}
	}
	n := float64(rep.Steps)
	share := math.NaN()
	if r.citizens > 0 {
		share = peak / float64(r.citizens)
	}
	rep.Summary = []float64{sumA / n, peak, share, sumJ / n, float64(outbursts), float64(quiet) / n}
	return rep
}
