package effects_test

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/effects"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// TestVarianceSplit checks the law of total variance on a toy model whose
// components are known: each draw's true effect μ_d ~ N(3, between), its
// replicates μ_d + N(0, within). The uncorrected variance of the draws'
// means, between + within/R, would miss Between by within/R = 1.8.
func TestVarianceSplit(t *testing.T) {
	tests := []struct {
		between, within float64
		draws, reps     int
	}{
		{4, 9, 2000, 5},
		{0, 9, 2000, 5},
		{9, 1, 2000, 3},
		{1, 1, 4000, 2},
	}
	for _, tt := range tests {
		rng := rand.New(rand.NewPCG(1, uint64(tt.reps)))
		groups := make([][]float64, tt.draws)
		for d := range groups {
			mu := 3 + math.Sqrt(tt.between)*rng.NormFloat64()
			for range tt.reps {
				groups[d] = append(groups[d], mu+math.Sqrt(tt.within)*rng.NormFloat64())
			}
		}
		s := effects.VarianceSplit(groups)
		// Standard errors: about √(2/D)·(between + within/R) for the
		// between part, √(2/(D(R−1)))·within for the within part.
		seB := math.Sqrt(2/float64(tt.draws)) * (tt.between + tt.within/float64(tt.reps))
		seW := math.Sqrt(2/float64(tt.draws*(tt.reps-1))) * tt.within
		if math.Abs(s.Between-tt.between) > 4*seB || math.Abs(s.Within-tt.within) > 4*seW {
			t.Errorf("between %g, within %g: got %+v (4 s.e. %.3f, %.3f)", tt.between, tt.within, s, 4*seB, 4*seW)
		}
		if want := tt.between / (tt.between + tt.within); math.Abs(s.Share-want) > 0.05 {
			t.Errorf("between %g, within %g: share %.3f, want %.3f", tt.between, tt.within, s.Share, want)
		}
	}
}

// TestSummarise checks the effect of known per-draw values: the mean, the
// sign probability and the range.
func TestSummarise(t *testing.T) {
	groups := [][]float64{{-2, -4}, {-1, -1}, {1, 3}, {-10, -10}, {5}} // the last, one replicate, is left out
	e, per := effects.Summarise(groups, -1)
	if e.Draws != 4 || e.Replicates != 2 {
		t.Errorf("draws %d, replicates %d, want 4, 2", e.Draws, e.Replicates)
	}
	if want := (-3 - 1 + 2 - 10) / 4.0; math.Abs(e.Mean-want) > 1e-12 {
		t.Errorf("mean %g, want %g", e.Mean, want)
	}
	if e.PSign != 0.75 {
		t.Errorf("P(fewer) %g, want 0.75", e.PSign)
	}
	if !(e.Low >= -10 && e.Low < -3 && e.High > 0 && e.High <= 2) || !(e.MeanLow < e.Mean && e.Mean < e.MeanHigh) {
		t.Errorf("range %g – %g, interval %g – %g", e.Low, e.High, e.MeanLow, e.MeanHigh)
	}
	if !math.IsNaN(per[4]) || per[0] != -3 {
		t.Errorf("per-draw effects %v", per)
	}
	if e, _ := effects.Summarise(groups, 0); !math.IsNaN(e.PSign) {
		t.Errorf("no expected sign: P %g, want NaN", e.PSign)
	}
}

// TestRegress checks the standardised coefficients on correlated inputs
// with a known linear model: y = 2·x1 − x2 + 0·x3 + noise.
func TestRegress(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	const n = 3000
	x := make([][]float64, n)
	y := make([]float64, n)
	for d := range n {
		a := rng.NormFloat64()
		b := 0.6*a + 0.8*rng.NormFloat64() // correlated with a, unit variance
		c := rng.NormFloat64()
		x[d] = []float64{10 + 5*c, 100 * a, b} // scales that standardising removes
		y[d] = 2*a - b + 0.5*rng.NormFloat64()
	}
	r, err := effects.Regress([]string{"c", "a", "b"}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	// Var y = 4 + 1 − 2·2·0.6 + 0.25 = 2.85; SRC_a = 2/√2.85, SRC_b = −1/√2.85.
	sd := math.Sqrt(2.85)
	if r.Params[0] != "a" || r.Params[1] != "b" || r.Params[2] != "c" {
		t.Fatalf("order %v, want a, b, c", r.Params)
	}
	if math.Abs(r.SRC[0]-2/sd) > 0.05 || math.Abs(r.SRC[1]+1/sd) > 0.05 || math.Abs(r.SRC[2]) > 0.05 {
		t.Errorf("SRC %v, want %.3f, %.3f, 0", r.SRC, 2/sd, -1/sd)
	}
	if want := 1 - 0.25/2.85; math.Abs(r.R2-want) > 0.02 {
		t.Errorf("R² %.3f, want %.3f", r.R2, want)
	}
	if _, err := effects.Regress([]string{"a", "b"}, x[:3], y[:3]); err == nil {
		t.Error("3 draws, 2 parameters: no error")
	}
}

// TestDecompose checks the parts of an ablation on synthetic replicates:
// additive sub-mechanisms leave an interaction within the noise; a
// synergy shows as an interaction beyond it.
func TestDecompose(t *testing.T) {
	for _, tt := range []struct {
		name    string
		synergy float64
	}{{"additive", 0}, {"synergy", -30}} {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(4, 5))
			var reps []effects.AblationReplicate
			for range 40 {
				noise := func() float64 { return 2 * rng.NormFloat64() }
				a, b := -20+noise(), -10+noise()
				reps = append(reps, effects.AblationReplicate{
					Whole: a + b + tt.synergy + noise(), None: noise(),
					Alone: []float64{a, b}, Without: []float64{a + tt.synergy, b + tt.synergy},
				})
			}
			rows := effects.Decompose([]string{"a", "b"}, reps)
			get := func(part, mech string) effects.AblationRow {
				for _, r := range rows {
					if r.Part == part && r.Mechanism == mech {
						return r
					}
				}
				t.Fatalf("no part %s %s", part, mech)
				return effects.AblationRow{}
			}
			whole, sum, inter := get(effects.PartWhole, ""), get(effects.PartSum, ""), get(effects.PartInteraction, "")
			if math.Abs(whole.Mean-sum.Mean-inter.Mean) > 1e-9 {
				t.Errorf("whole %g ≠ sum %g + interaction %g", whole.Mean, sum.Mean, inter.Mean)
			}
			within := inter.Low <= 0 && inter.High >= 0
			if within != (tt.synergy == 0) {
				t.Errorf("interaction %g [%g, %g], synergy %g", inter.Mean, inter.Low, inter.High, tt.synergy)
			}
			if a := get(effects.PartAlone, "a"); math.Abs(a.Share-a.Mean/whole.Mean) > 1e-12 {
				t.Errorf("share %g", a.Share)
			}
			if none := get(effects.PartNone, ""); math.Abs(none.Mean) > 4*2/math.Sqrt(40) {
				t.Errorf("none %+v: want no effect (within 4 standard errors)", none)
			}
		})
	}
}

// runSweep runs the sweep file (in testdata) into dir, in shards of n
// (merged), with workers workers.
func runSweep(t *testing.T, file, dir string, workers, n int) {
	t.Helper()
	sw, err := scenarios.LoadSweep(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	m, err := sweep.NewManifest(sw, sweep.SeriesNone, outputs.Build{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = sweep.Prepare(dir, m); err != nil {
		t.Fatal(err)
	}
	for i := range max(n, 1) {
		o := sweep.Options{Workers: workers}
		if n > 1 {
			o.Shard = sweep.Shard{Index: i, Count: n}
		}
		if _, err := sweep.Run(context.Background(), dir, sw, m, o); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sweep.Merge(dir); err != nil {
		t.Fatal(err)
	}
}

// TestPosteriorReproducible checks that the effects over the posterior
// are byte-identical whatever the workers and the shards.
func TestPosteriorReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three small sweeps")
	}
	var want []byte
	for _, c := range []struct{ workers, shards int }{{1, 1}, {2, 1}, {2, 3}} {
		dir := t.TempDir()
		runSweep(t, "posterior.toml", dir, c.workers, c.shards)
		a, _, err := effects.WritePosterior(context.Background(), dir, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Draws != 4 || len(a.Levers) != 1 || a.Levers[0] != "short_reintegration" || a.Reference != "short" {
			t.Errorf("analysis: %d draws, levers %v, reference %s", a.Draws, a.Levers, a.Reference)
		}
		var got []byte
		for _, f := range []string{effects.EffectsCSV, effects.DriversCSV} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, b...)
		}
		if !bytes.Contains(got, []byte("short_reintegration,fatalities_total,-1,4,3,")) {
			t.Errorf("effects.csv lacks the row of fatalities:\n%s", got)
		}
		if want == nil {
			want = got
		} else if !bytes.Equal(got, want) {
			t.Errorf("workers %d, shards %d: effects differ:\n%s\nwant\n%s", c.workers, c.shards, got, want)
		}
	}
}

// TestAblationRun checks the decomposition of a small real ablation: the
// parts add up to the whole, the difference reported as interaction, and
// the findings page states it.
func TestAblationRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a small sweep")
	}
	dir := t.TempDir()
	runSweep(t, "ablation.toml", dir, 2, 1)
	tab, err := sweep.ReadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !effects.IsAblation(tab) || effects.IsDose(tab) || effects.IsPosterior(tab) {
		t.Fatal("the ablation sweep is not recognised as one")
	}
	rows, err := effects.Ablate(tab)
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]float64{}
	for _, r := range rows {
		if r.Indicator == "defections" {
			parts[r.Part+r.Mechanism] = r.Mean
			if r.N != 3 {
				t.Errorf("%s %s: n %d, want 3", r.Part, r.Mechanism, r.N)
			}
		}
	}
	sum := parts["aloneamnesty"] + parts["aloneprogrammes"] + parts["alonedeterrence"]
	if math.Abs(sum-parts["sum"]) > 1e-9 || math.Abs(parts["whole"]-sum-parts["interaction"]) > 1e-9 {
		t.Errorf("parts %v do not add up", parts)
	}
	if parts["whole"] <= 0 {
		t.Errorf("the reintegration lever brings no more defections: %v", parts)
	}
	out := filepath.Join(dir, "findings")
	res, err := effects.WriteFindings(context.Background(), []string{dir}, out, effects.Options{Formats: []string{"svg"}})
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, effects.FindingsHTML))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Statements) != 1 || !strings.Contains(string(page), "What carries each lever") || !strings.Contains(string(page), "reintegration: whole effect") {
		t.Errorf("statements %q", res.Statements)
	}
}
