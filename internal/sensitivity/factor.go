package sensitivity

import (
	"errors"
	"fmt"
	"math"

	"github.com/sahelsim/sahelsim/internal/design"
	"gonum.org/v1/gonum/mat"
)

// checkRuns checks that x has one column per factor and y one value per
// row of x, and returns the number of rows.
func checkRuns(x *mat.Dense, y []float64, factors []Factor) (int, error) {
	if err := design.CheckFactors(factors); err != nil {
		return 0, err
	}
	if x == nil || x.IsEmpty() {
		return 0, errors.New("sensitivity: empty design")
	}
	rows, cols := x.Dims()
	if cols != len(factors) {
		return 0, fmt.Errorf("sensitivity: design has %d columns for %d factors", cols, len(factors))
	}
	if len(y) != rows {
		return 0, fmt.Errorf("sensitivity: %d values for %d runs", len(y), rows)
	}
	return rows, nil
}

// same reports whether two parameter values are the same up to the
// rounding of a decimal round trip, relative to the factor's range.
func same(a, b float64, f Factor) bool {
	return math.Abs(a-b) <= 1e-9*f.Width()
}

// A Factor is a parameter varied by a design (design.Factor).
type Factor = design.Factor

// MinSaltelliPoints is the fewest base points of a Saltelli design that
// the analysis accepts (design.MinSaltelliPoints).
const MinSaltelliPoints = design.MinSaltelliPoints
