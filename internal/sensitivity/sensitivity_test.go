package sensitivity_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
)

// Ishigami's function (Ishigami and Homma 1990) with a = 7, b = 0.1, over
// [−π, π]³: the standard test of variance-based sensitivity analysis,
// whose indices are known in closed form. Any further coordinate is a
// dummy the function ignores.
const ishigamiA, ishigamiB = 7.0, 0.1

func ishigami(x []float64) float64 {
	s := math.Sin(x[0])
	return s + ishigamiA*math.Pow(math.Sin(x[1]), 2) + ishigamiB*math.Pow(x[2], 4)*s
}

func ishigamiFactors(dummies int) []sensitivity.Factor {
	fs := []sensitivity.Factor{{Name: "x1", Low: -math.Pi, High: math.Pi}, {Name: "x2", Low: -math.Pi, High: math.Pi}, {Name: "x3", Low: -math.Pi, High: math.Pi}}
	for i := range dummies {
		fs = append(fs, sensitivity.Factor{Name: "dummy" + string(rune('a'+i)), Low: 0, High: 1})
	}
	return fs
}

// ishigamiIndices returns the analytical first-order and total indices of
// Ishigami's function.
func ishigamiIndices() (s1, st [3]float64) {
	a, b, pi4 := ishigamiA, ishigamiB, math.Pow(math.Pi, 4)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return [3]float64{v1 / v, v2 / v, 0}, [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// evaluate runs f at every row of x.
func evaluate(x *mat.Dense, f func([]float64) float64) []float64 {
	r, _ := x.Dims()
	y := make([]float64, r)
	for i := range r {
		y[i] = f(x.RawRowView(i))
	}
	return y
}

func TestIshigamiAnalytical(t *testing.T) {
	// The closed form against the values printed in the literature.
	s1, st := ishigamiIndices()
	want1, wantT := [3]float64{0.314, 0.442, 0}, [3]float64{0.558, 0.442, 0.244}
	for i := range 3 {
		if math.Abs(s1[i]-want1[i]) > 5e-4 || math.Abs(st[i]-wantT[i]) > 5e-4 {
			t.Errorf("x%d: analytical S1 %.4f ST %.4f, literature %.3f %.3f", i+1, s1[i], st[i], want1[i], wantT[i])
		}
	}
}

func TestSobolIshigami(t *testing.T) {
	fs := ishigamiFactors(1)
	wantS1, wantST := ishigamiIndices()
	tests := []struct {
		name string
		n    int
		base design.Sampler
		tol  float64
		// cover asks the 95 % intervals to hold the true values: with
		// the default design they do, for every index (a fixed seed, so
		// this is a check of the bootstrap, not a game of chance).
		cover bool
	}{
		{"halton 4096", 4096, nil, 0.02, true},
		{"halton 1024", 1024, design.Halton(7), 0.05, false},
		{"uniform 8192", 8192, design.Uniform(3), 0.05, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := design.SaltelliDesign(fs, tt.n, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			idx, err := sensitivity.Sobol(x, evaluate(x, ishigami), fs, &sensitivity.Bootstrap{Resamples: 300})
			if err != nil {
				t.Fatal(err)
			}
			for i, ix := range idx {
				w1, wT := 0.0, 0.0
				if i < 3 {
					w1, wT = wantS1[i], wantST[i]
				}
				if ix.Factor != fs[i].Name {
					t.Errorf("index %d is for %q, want %q", i, ix.Factor, fs[i].Name)
				}
				if math.Abs(ix.S1-w1) > tt.tol || math.Abs(ix.ST-wT) > tt.tol {
					t.Errorf("%s: S1 %.3f ST %.3f, want %.3f %.3f ± %g", ix.Factor, ix.S1, ix.ST, w1, wT, tt.tol)
				}
				if tt.cover && (!(ix.S1CI.Low <= w1 && w1 <= ix.S1CI.High) || !(ix.STCI.Low <= wT && wT <= ix.STCI.High)) {
					t.Errorf("%s: intervals S1 [%.3f, %.3f] ST [%.3f, %.3f] miss the true %.3f %.3f",
						ix.Factor, ix.S1CI.Low, ix.S1CI.High, ix.STCI.Low, ix.STCI.High, w1, wT)
				}
			}
			// A factor the function ignores has no total effect at all.
			if d := idx[3]; d.ST != 0 {
				t.Errorf("dummy factor: ST = %g, want exactly 0", d.ST)
			}
		})
	}
}

func TestSobolIntervalsShrink(t *testing.T) {
	fs := ishigamiFactors(0)
	width := func(n int) float64 {
		x, err := design.SaltelliDesign(fs, n, nil)
		if err != nil {
			t.Fatal(err)
		}
		idx, err := sensitivity.Sobol(x, evaluate(x, ishigami), fs, &sensitivity.Bootstrap{Resamples: 200})
		if err != nil {
			t.Fatal(err)
		}
		return idx[0].S1CI.High - idx[0].S1CI.Low
	}
	small, large := width(256), width(4096)
	if !(large < small/2) {
		t.Errorf("95%% interval of S1(x1): %.3f wide with 256 points, %.3f with 4096: want it to shrink like 1/√n", small, large)
	}
}

func TestSobolAdditive(t *testing.T) {
	// y = Σ c_i x_i with x_i uniform on [lo_i, hi_i]: no interaction, so
	// S1_i = ST_i = c_i² w_i² / Σ_j c_j² w_j², w the widths.
	fs := []sensitivity.Factor{{Name: "a", Low: 0, High: 1}, {Name: "b", Low: -2, High: 2}, {Name: "c", Low: 10, High: 13}}
	c := []float64{3, -1, 0.5}
	var total float64
	for i, f := range fs {
		total += c[i] * c[i] * (f.High - f.Low) * (f.High - f.Low)
	}
	x, err := design.SaltelliDesign(fs, 2048, design.Halton(11))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(x, func(v []float64) float64 { return c[0]*v[0] + c[1]*v[1] + c[2]*v[2] })
	idx, err := sensitivity.Sobol(x, y, fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, ix := range idx {
		want := c[i] * c[i] * (fs[i].High - fs[i].Low) * (fs[i].High - fs[i].Low) / total
		if math.Abs(ix.S1-want) > 0.02 || math.Abs(ix.ST-want) > 0.02 {
			t.Errorf("%s: S1 %.4f ST %.4f, want %.4f", ix.Factor, ix.S1, ix.ST, want)
		}
		if !math.IsNaN(ix.S1CI.Low) {
			t.Errorf("%s: an interval without a bootstrap: %v", ix.Factor, ix.S1CI)
		}
	}
}

func TestSaltelliDesign(t *testing.T) {
	fs := []sensitivity.Factor{{Name: "groups.flm.fighters", Low: 500, High: 3000}, {Name: "attribution.claims", Low: 0.1, High: 0.6}}
	const n = 64
	x, err := design.SaltelliDesign(fs, n, design.Halton(5))
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := x.Dims()
	if rows != n*(len(fs)+2) || cols != len(fs) {
		t.Fatalf("design is %d×%d, want %d×%d", rows, cols, n*(len(fs)+2), len(fs))
	}
	for r := range rows {
		for c, f := range fs {
			if v := x.At(r, c); v < f.Low || v > f.High {
				t.Fatalf("row %d: %s = %g outside [%g, %g]", r, f.Name, v, f.Low, f.High)
			}
		}
	}
	for j := range n {
		for i := range fs {
			for c := range fs {
				src := j
				if c == i {
					src = n + j
				}
				if x.At((2+i)*n+j, c) != x.At(src, c) {
					t.Fatalf("AB_%d row %d column %d does not come from row %d", i+1, j, c, src)
				}
			}
		}
	}
	again, _ := design.SaltelliDesign(fs, n, design.Halton(5))
	other, _ := design.SaltelliDesign(fs, n, design.Halton(6))
	if !mat.Equal(x, again) {
		t.Error("the same seed gave another design")
	}
	if mat.Equal(x, other) {
		t.Error("another seed gave the same design")
	}
}

func TestHaltonStratified(t *testing.T) {
	// The first b^m points of the scrambled Halton sequence put exactly
	// one point in each of the b^m intervals of width b^-m, in every
	// dimension of base b: what makes it fill space more evenly than
	// random draws.
	for _, tc := range []struct{ dim, base, n int }{{0, 2, 256}, {1, 3, 243}, {2, 5, 125}} {
		batch := mat.NewDense(tc.n, 3, nil)
		design.Halton(42).Sample(batch)
		seen := make([]bool, tc.n)
		for i := range tc.n {
			v := batch.At(i, tc.dim)
			k := int(v * float64(tc.n))
			if v < 0 || v >= 1 || seen[k] {
				t.Fatalf("dimension %d: point %d = %g falls in an interval already taken", tc.dim, i, v)
			}
			seen[k] = true
		}
	}
}

func TestSobolErrors(t *testing.T) {
	fs := ishigamiFactors(0)
	x, err := design.SaltelliDesign(fs, 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(x, ishigami)
	rows, _ := x.Dims()

	swapped := mat.DenseCopyOf(x)
	r0, r1 := mat.Row(nil, 20, x), mat.Row(nil, 21, x)
	swapped.SetRow(20, r1)
	swapped.SetRow(21, r0)
	nan := slices.Clone(y)
	nan[5] = math.NaN()

	tests := []struct {
		name    string
		x       *mat.Dense
		y       []float64
		factors []sensitivity.Factor
		want    string
	}{
		{"rows out of order", swapped, y, fs, "row 20"},
		{"missing value", x, nan, fs, "run 5 has no value"},
		{"too few values", x, y[:rows-1], fs, "values for"},
		{"runs not n(k+2)", x.Slice(0, rows-1, 0, 3).(*mat.Dense), y[:rows-1], fs, "not n(k+2)"},
		{"wrong factor count", x, y, fs[:2], "columns for 2 factors"},
		{"empty range", x, y, []sensitivity.Factor{{Name: "x1"}, {Name: "x2", High: 1}, {Name: "x3", High: 1}}, "want finite Low < High"},
		{"duplicate name", x, y, []sensitivity.Factor{fs[0], fs[0], fs[2]}, "appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sensitivity.Sobol(tt.x, tt.y, tt.factors, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := design.SaltelliDesign(fs, 1, nil); err == nil {
		t.Error("a design of 1 point was accepted")
	}
}

func TestMorrisLinear(t *testing.T) {
	// For y = Σ c_i x_i every elementary effect of factor i is c_i times
	// its range: μ = c_i·w_i, μ* = |c_i|·w_i, σ = 0.
	fs := []sensitivity.Factor{{Name: "a", Low: 0, High: 1}, {Name: "b", Low: 0, High: 1}, {Name: "c", Low: -5, High: 5}, {Name: "d", Low: 0, High: 1}}
	c := []float64{2, -3, 0.25, 0}
	for _, levels := range []int{2, 4, 6} {
		x, err := design.MorrisDesign(fs, 12, levels, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		y := evaluate(x, func(v []float64) float64 { return c[0]*v[0] + c[1]*v[1] + c[2]*v[2] + c[3]*v[3] })
		eff, err := sensitivity.Morris(x, y, fs)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range eff {
			w := fs[i].High - fs[i].Low
			if math.Abs(e.Mu-c[i]*w) > 1e-9 || math.Abs(e.MuStar-math.Abs(c[i])*w) > 1e-9 || e.Sigma > 1e-9 || e.N != 12 {
				t.Errorf("%d levels, %s: μ %g μ* %g σ %g n %d; want μ %g μ* %g σ 0 n 12",
					levels, e.Factor, e.Mu, e.MuStar, e.Sigma, e.N, c[i]*w, math.Abs(c[i])*w)
			}
		}
	}
}

// exactMorris returns the expected μ* of each factor of f under a
// Morris design with p levels over the unit cube mapped onto fs: every
// coordinate of the point a step starts from is uniform over the levels,
// so the expectation is an average over the whole grid.
func exactMorris(fs []sensitivity.Factor, p int, f func([]float64) float64) []float64 {
	k := len(fs)
	delta := float64(p) / (2 * float64(p-1))
	out := make([]float64, k)
	lv := make([]int, k)
	x := make([]float64, k)
	count := 0
	for {
		for i := range k {
			u0 := float64(lv[i]) / float64(p-1)
			set := func(u []float64) {
				for j := range k {
					x[j] = fs[j].Low + u[j]*(fs[j].High-fs[j].Low)
				}
			}
			u := make([]float64, k)
			for j := range k {
				u[j] = float64(lv[j]) / float64(p-1)
			}
			set(u)
			y0 := f(x)
			if lv[i] < p/2 {
				u[i] = u0 + delta
			} else {
				u[i] = u0 - delta
			}
			set(u)
			out[i] += math.Abs(f(x)-y0) / delta
		}
		count++
		j := 0
		for j < k {
			lv[j]++
			if lv[j] < p {
				break
			}
			lv[j] = 0
			j++
		}
		if j == k {
			break
		}
	}
	for i := range out {
		out[i] /= float64(count)
	}
	return out
}

func TestMorrisIshigami(t *testing.T) {
	fs := ishigamiFactors(1)
	want := exactMorris(fs, 4, ishigami)
	x, err := design.MorrisDesign(fs, 400, 4, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	eff, err := sensitivity.Morris(x, evaluate(x, ishigami), fs)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range eff {
		if math.Abs(e.MuStar-want[i]) > 0.1*want[i]+1e-12 {
			t.Errorf("%s: μ* %.3f, expected %.3f ± 10%%", e.Factor, e.MuStar, want[i])
		}
	}
	// Screening ranks the inputs as the total indices do (ST 0.558,
	// 0.442, 0.244, 0): x1 and x2 first (their μ* are within 2 % of each
	// other at 4 levels, so their order is not asked), then x3, whose
	// effect is all interaction (large σ against its μ), then the dummy,
	// which has no effect at all.
	top := []string{eff[0].Factor, eff[1].Factor}
	rank := slices.Clone(eff)
	slices.SortFunc(rank, func(a, b sensitivity.Effect) int { return -cmpFloat(a.MuStar, b.MuStar) })
	if !slices.Contains(top, rank[0].Factor) || !slices.Contains(top, rank[1].Factor) || rank[2].Factor != "x3" || rank[3].Factor != "dummya" {
		t.Errorf("ranking by μ*: %v %v %v %v; want x1 and x2, then x3, then dummya",
			rank[0].Factor, rank[1].Factor, rank[2].Factor, rank[3].Factor)
	}
	if d := eff[3]; d.MuStar != 0 || d.Sigma != 0 {
		t.Errorf("dummy: μ* %g σ %g, want 0", d.MuStar, d.Sigma)
	}
	if x3 := eff[2]; !(x3.Sigma > x3.MuStar) || !(math.Abs(x3.Mu) < 0.2*x3.MuStar) {
		t.Errorf("x3 acts only with x1, so its effects change sign: μ %.2f μ* %.2f σ %.2f; want |μ| ≪ μ* < σ", x3.Mu, x3.MuStar, x3.Sigma)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestMorrisDesign(t *testing.T) {
	fs := []sensitivity.Factor{{Name: "a", Low: 0, High: 1}, {Name: "b", Low: 100, High: 200}, {Name: "c", Low: -1, High: 1}}
	const r, p = 30, 4
	x, err := design.MorrisDesign(fs, r, p, rand.New(rand.NewPCG(9, 9)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.Dims()
	if rows != r*(len(fs)+1) {
		t.Fatalf("%d rows, want %d", rows, r*(len(fs)+1))
	}
	delta := float64(p) / (2 * (p - 1))
	for tr := range r {
		changed := map[int]bool{}
		for s := tr * (len(fs) + 1); s < (tr+1)*(len(fs)+1); s++ {
			for c, f := range fs {
				u := (x.At(s, c) - f.Low) / (f.High - f.Low)
				if lv := u * (p - 1); math.Abs(lv-math.Round(lv)) > 1e-9 || u < -1e-12 || u > 1+1e-12 {
					t.Fatalf("row %d: %s = %g is not on the %d-level grid", s, f.Name, x.At(s, c), p)
				}
				if s > tr*(len(fs)+1) {
					d := (x.At(s, c) - x.At(s-1, c)) / (f.High - f.Low)
					if d != 0 {
						if changed[c] || math.Abs(math.Abs(d)-delta) > 1e-9 {
							t.Fatalf("trajectory %d row %d: %s moved by %g (again: %v), want once by ±%g", tr, s, f.Name, d, changed[c], delta)
						}
						changed[c] = true
					}
				}
			}
		}
		if len(changed) != len(fs) {
			t.Fatalf("trajectory %d moved %d factors, want %d", tr, len(changed), len(fs))
		}
	}
	for _, bad := range []struct {
		r, p int
		rng  *rand.Rand
	}{{1, 4, rand.New(rand.NewPCG(1, 1))}, {10, 3, rand.New(rand.NewPCG(1, 1))}, {10, 4, nil}} {
		if _, err := design.MorrisDesign(fs, bad.r, bad.p, bad.rng); err == nil {
			t.Errorf("r=%d levels=%d rng nil=%v accepted", bad.r, bad.p, bad.rng == nil)
		}
	}
}

func TestMorrisErrors(t *testing.T) {
	fs := []sensitivity.Factor{{Name: "a", Low: 0, High: 1}, {Name: "b", Low: 0, High: 1}}
	x, err := design.MorrisDesign(fs, 4, 4, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(x, func(v []float64) float64 { return v[0] + v[1] })

	twoAtOnce := mat.DenseCopyOf(x)
	twoAtOnce.Set(1, 0, 0.5)
	twoAtOnce.Set(1, 1, 0.5)
	still := mat.DenseCopyOf(x)
	still.SetRow(1, mat.Row(nil, 0, x))

	for _, tt := range []struct {
		name string
		x    *mat.Dense
		y    []float64
		want string
	}{
		{"two factors in one step", twoAtOnce, y, "rows 0 and 1 differ in"},
		{"no factor in a step", still, y, "rows 0 and 1 have the same parameters"},
		{"partial trajectory", x.Slice(0, 11, 0, 2).(*mat.Dense), y[:11], "whole number of trajectories"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sensitivity.Morris(tt.x, tt.y, fs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}

	// A run without a value loses the two effects it takes part in.
	nan := slices.Clone(y)
	nan[1] = math.NaN()
	eff, err := sensitivity.Morris(x, nan, fs)
	if err != nil {
		t.Fatal(err)
	}
	if eff[0].N+eff[1].N != 2*4-2 {
		t.Errorf("effects counted %d + %d, want 6 of 8 with one run missing", eff[0].N, eff[1].N)
	}
	if math.Abs(eff[0].MuStar-1) > 1e-12 || math.Abs(eff[1].MuStar-1) > 1e-12 {
		t.Errorf("μ* %g %g with a run missing, want 1 1", eff[0].MuStar, eff[1].MuStar)
	}
}

func TestPointsFunc(t *testing.T) {
	// A sweep's own sequence serves as the base of a design.
	fs := ishigamiFactors(0)
	calls := 0
	gen := design.PointsFunc(func(n, d int) [][]float64 {
		calls++
		if n != 4 || d != 6 {
			t.Errorf("asked for %d points of %d dimensions, want 4 of 6", n, d)
		}
		pts := make([][]float64, n)
		for i := range pts {
			pts[i] = make([]float64, d)
			for j := range d {
				pts[i][j] = float64(i+j) / 10
			}
		}
		return pts
	})
	x, err := design.SaltelliDesign(fs, 4, gen)
	if err != nil {
		t.Fatal(err)
	}
	// Row 1 of A is point 1's first half, row 1 of B its second half.
	if a, b := x.At(1, 0), x.At(4+1, 0); calls != 1 || math.Abs(a-(-math.Pi+0.1*2*math.Pi)) > 1e-12 || math.Abs(b-(-math.Pi+0.4*2*math.Pi)) > 1e-12 {
		t.Errorf("A[1][0] = %g, B[1][0] = %g after %d calls", a, b, calls)
	}
	bad := design.PointsFunc(func(n, d int) [][]float64 {
		pts := make([][]float64, n)
		for i := range pts {
			pts[i] = make([]float64, d)
			pts[i][0] = 1.5
		}
		return pts
	})
	if _, err := design.SaltelliDesign(fs, 4, bad); err == nil || !strings.Contains(err.Error(), "want [0, 1]") {
		t.Errorf("points outside the unit cube: %v", err)
	}
}
