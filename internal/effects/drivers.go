package effects

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// A Regression is the linear regression of a lever's per-draw effect on
// an indicator on the standardised parameters of the draws: the
// standardised regression coefficients (SRC: the change of the effect, in
// its standard deviations, for one standard deviation of the parameter,
// the others held) and R², the share of the variance of the per-draw
// effects the parameters explain linearly.
//
// Why a regression and not Sobol' indices: the draws of a posterior are
// correlated (calibration couples parameters that trade off) and are no
// Saltelli design, so the estimators of Sobol' indices, which need
// independent inputs and that design, do not apply. The SRCs of a
// regression stay defined with correlated inputs: each is the effect of
// its parameter with the others held, and R² says how much of the spread
// a linear model explains (when it is low, the drivers are nonlinear, or
// it is the noise: compare with the split's parameter share). With
// correlated inputs the squared SRCs no longer add up to R²: read each as
// a partial effect, not a share.
type Regression struct {
	Lever, Indicator string
	N                int // draws
	R2               float64
	// R2Adj is R² adjusted for the number of parameters k over N draws,
	// 1 − (1 − R²)(N − 1)/(N − k − 1): R² grows with every parameter,
	// whatever it explains, and a posterior has few draws for many.
	R2Adj  float64
	Params []string  // by decreasing |SRC|
	SRC    []float64 // of each of Params
}

// ErrTooFewDraws is returned when the draws cannot fit a regression on
// the parameters: it needs two more draws than parameters.
var ErrTooFewDraws = errors.New("too few draws for the regression: it needs at least two more draws than parameters")

// Regress returns the regression of y[d] on the parameters x[d][j] (names
// params) over the draws d where y is finite: the standardised
// coefficients, by decreasing magnitude, and R².
func Regress(params []string, x [][]float64, y []float64) (Regression, error) {
	var rows []int
	for d, v := range y {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			rows = append(rows, d)
		}
	}
	k := len(params)
	r := Regression{N: len(rows), R2: math.NaN(), R2Adj: math.NaN()}
	if k == 0 {
		return r, errors.New("no parameter varies among the draws")
	}
	if len(rows) < k+2 {
		return r, fmt.Errorf("%w (%d draws, %d parameters)", ErrTooFewDraws, len(rows), k)
	}
	ys := make([]float64, len(rows))
	for i, d := range rows {
		ys[i] = y[d]
	}
	ym, ysd := stat.MeanStdDev(ys, nil)
	if !(ysd > 0) {
		return r, errors.New("the effect is the same at every draw")
	}
	// Standardised design, with an intercept column (0 after
	// standardising, kept for clarity of the fit).
	A := mat.NewDense(len(rows), k+1, nil)
	b := mat.NewVecDense(len(rows), nil)
	col := make([]float64, len(rows))
	for j := range k {
		for i, d := range rows {
			col[i] = x[d][j]
		}
		m, sd := stat.MeanStdDev(col, nil)
		for i := range rows {
			z := 0.0
			if sd > 0 {
				z = (col[i] - m) / sd
			}
			A.Set(i, j+1, z)
		}
	}
	for i := range rows {
		A.Set(i, 0, 1)
		b.SetVec(i, (ys[i]-ym)/ysd)
	}
	var beta mat.VecDense
	if err := beta.SolveVec(A, b); err != nil {
		return r, fmt.Errorf("regression: %w (the parameters of the draws are collinear)", err)
	}
	var fit mat.VecDense
	fit.MulVec(A, &beta)
	var ssRes, ssTot float64
	for i := range rows {
		d := b.AtVec(i) - fit.AtVec(i)
		ssRes += d * d
		ssTot += b.AtVec(i) * b.AtVec(i)
	}
	r.R2 = 1 - ssRes/ssTot
	r.R2Adj = 1 - (1-r.R2)*float64(len(rows)-1)/float64(len(rows)-k-1)
	order := make([]int, k)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, c int) int { return cmp.Compare(math.Abs(beta.AtVec(c+1)), math.Abs(beta.AtVec(a+1))) })
	for _, j := range order {
		r.Params = append(r.Params, params[j])
		r.SRC = append(r.SRC, beta.AtVec(j+1))
	}
	return r, nil
}

// Drivers returns the regression of each lever's per-draw effect on each
// indicator on the draws' parameters, in the order of a.Effects, and the
// error of each (nil, or why there is none, such as ErrTooFewDraws).
func (a *Analysis) Drivers() ([]Regression, []error) {
	out := make([]Regression, len(a.Effects))
	errs := make([]error, len(a.Effects))
	for i, e := range a.Effects {
		out[i], errs[i] = Regress(a.Params, a.X, a.perDraw[i])
		out[i].Lever, out[i].Indicator = e.Lever, e.Indicator
	}
	return out, errs
}

// PerDraw returns the per-draw effects of Effects[i] (NaN where a draw has
// fewer than two replicates).
func (a *Analysis) PerDraw(i int) []float64 { return slices.Clone(a.perDraw[i]) }
