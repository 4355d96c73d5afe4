package design

import (
	"math"
	"slices"
	"testing"
)

func TestLatinHypercube(t *testing.T) {
	const n, d = 50, 6
	pts := LatinHypercube(n, d, 42)
	for j := range d {
		strata := make([]int, n)
		for i := range n {
			u := pts[i][j]
			if u < 0 || u >= 1 {
				t.Fatalf("point %d dimension %d: %v outside [0, 1)", i, j, u)
			}
			strata[int(u*n)]++
		}
		for k, c := range strata {
			if c != 1 {
				t.Errorf("dimension %d: stratum %d holds %d points, want 1", j, k, c)
			}
		}
	}
	if !slices.EqualFunc(pts, LatinHypercube(n, d, 42), slices.Equal) {
		t.Error("the same seed gives another design")
	}
	if slices.EqualFunc(pts, LatinHypercube(n, d, 43), slices.Equal) {
		t.Error("another seed gives the same design")
	}
}

func TestSobolUnscrambled(t *testing.T) {
	// The first points of the Sobol' sequence in Gray-code order, as
	// published (e.g. scipy.stats.qmc.Sobol(d=3, scramble=False)).
	want := [][]float64{
		{0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375},
	}
	got := sobolShifted(8, 3, make([]uint32, 3))
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Sobol' points:\n%v\nwant\n%v", got, want)
	}
}

func TestSobolNet(t *testing.T) {
	const m = 8
	n := 1 << m
	pts := SobolPoints(n, MaxSobolDimensions, 7)
	// Every dimension: one point in each of the n intervals [k/n, (k+1)/n).
	for j := range MaxSobolDimensions {
		strata := make([]int, n)
		for i := range n {
			strata[int(pts[i][j]*float64(n))]++
		}
		if slices.Max(strata) != 1 {
			t.Errorf("dimension %d is not stratified: an interval holds %d points", j+1, slices.Max(strata))
		}
	}
	// The first two dimensions: a (0, m, 2)-net, one point in each
	// elementary box of area 1/n.
	for a := 0; a <= m; a++ {
		boxes := map[[2]int]int{}
		for i := range n {
			boxes[[2]int{int(pts[i][0] * float64(int(1)<<a)), int(pts[i][1] * float64(int(1)<<(m-a)))}]++
		}
		if len(boxes) != n {
			t.Errorf("boxes 2^-%d × 2^-%d: %d of %d hold a point", a, m-a, len(boxes), n)
		}
	}
	// Low discrepancy: the mean of every dimension is much closer to 1/2
	// than for random points (whose error is about 0.29/√n = 0.018).
	for j := range MaxSobolDimensions {
		s := 0.0
		for i := range n {
			s += pts[i][j]
		}
		if e := math.Abs(s/float64(n) - 0.5); e > 1.0/float64(n) {
			t.Errorf("dimension %d: mean off by %.4f", j+1, e)
		}
	}
	// The scrambling depends on the seed only.
	if !slices.EqualFunc(pts, SobolPoints(n, MaxSobolDimensions, 7), slices.Equal) {
		t.Error("the same seed gives other points")
	}
	if pts[0][0] == 0 && pts[0][1] == 0 {
		t.Error("the first point is at the corner: not scrambled")
	}
}
