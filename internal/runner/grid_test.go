package runner_test

import (
	"math"
	"testing"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// totalTolerance is the relative difference allowed between the event and
// fatality totals at 0.5° and at a finer grid (see TestGridInvariance).
const totalTolerance = 0.15

// gridShares are the headline shares the grid must not change by more
// than five points. The civilian shares of the small zones (southwestern
// Burkina Faso, the rest) and of the small groups rest on a few dozen
// events a replicate and are left out: their sampling noise alone is of
// the order of the tolerance.
var gridShares = []string{
	"jnim_share_events", "jnim_share_events_observed", "flm_share_jnim_events",
	"flm_areas_share_jnim", "flm_areas_share_jnim_fatalities",
	"flm_civilian_share", "north_mali_civilian_share", "civilian_events_central_share", "flm_share_civilian_attacks",
	"civilian_share_flm", "civilian_share_ansar_dine", "civilian_share_isgs",
	"civilian_share_central_mali", "civilian_share_northern_burkina", "civilian_share_northern_mali", "civilian_share_eastern_burkina_niger",
	"sustained_presence_share",
	"attribution_correct_share", "attribution_jnim_share", "attribution_unknown_share",
	"attribution_ambiguous_share", "attribution_component_share",
}

// TestGridInvariance checks that the baseline's headline indicators do not
// depend on the grid: at 0.25° and 0.125° (4 and 16 times as many cells)
// every headline share is within five points of its mean at 0.5° (20
// replicates each), and the event and fatality totals within 15 % (the
// issue's requirement). Rates are per person or per km², interactions
// happen within Map.LocalKm, not within a cell, and the density of people
// that drives growth is measured within Map.DensityKm, wider than a 0.5°
// cell (agents/MODEL.md, "Scales").
func TestGridInvariance(t *testing.T) {
	means := func(res float64) map[string]float64 {
		sc, err := scenarios.Load("baseline")
		if err != nil {
			t.Fatal(err)
		}
		sc.Map.Resolution = res
		reps, err := runner.Run(t.Context(), sc, 1, 20, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		return meanSummary(reps)
	}
	base := means(0.5)
	for _, res := range []float64{0.25, 0.125} {
		m := means(res)
		for _, k := range []string{"events_total", "fatalities_total"} {
			rel := m[k]/base[k] - 1
			t.Logf("%gdeg %-36s %10.4g vs %10.4g at 0.5deg (%+.1f %%)", res, k, m[k], base[k], 100*rel)
			if math.Abs(rel) > totalTolerance {
				t.Errorf("%g°: %s %.4g, %.1f %% from 0.5°'s %.4g (tolerance %.0f %%)", res, k, m[k], 100*rel, base[k], 100*totalTolerance)
			}
		}
		for _, k := range gridShares {
			d := m[k] - base[k]
			t.Logf("%gdeg %-36s %10.4f vs %10.4f at 0.5deg (%+.1f points)", res, k, m[k], base[k], 100*d)
			if math.IsNaN(d) || math.Abs(d) > 0.05 {
				t.Errorf("%g°: %s %.4f, %+.1f points from 0.5°'s %.4f (tolerance 5 points)", res, k, m[k], 100*d, base[k])
			}
		}
	}
}

// meanSummary returns the mean of every headline indicator over the
// replicates, leaving out replicates where it is undefined.
func meanSummary(reps []*outputs.Replicate) map[string]float64 {
	out := map[string]float64{}
	for _, c := range reps[0].Columns {
		s, n := 0.0, 0
		for _, r := range reps {
			if v := r.Value(c); !math.IsNaN(v) {
				s += v
				n++
			}
		}
		out[c] = s / float64(n)
	}
	return out
}
