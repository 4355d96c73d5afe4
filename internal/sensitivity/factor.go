package sensitivity

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// A Factor is a parameter varied by a design, uniformly over [Low, High],
// named as in the sweep (a scenario key such as "groups.flm.fighters").
// Designs give its values in its own units; for another distribution,
// design over a uniform factor and transform its values before running.
type Factor struct {
	Name      string
	Low, High float64
}

// width returns the length of f's range.
func (f Factor) width() float64 { return f.High - f.Low }

// at returns the value of f at u in [0, 1].
func (f Factor) at(u float64) float64 { return f.Low + u*f.width() }

// checkFactors checks that there is at least one factor and that each has
// a name and a finite, non-empty range.
func checkFactors(factors []Factor) error {
	if len(factors) == 0 {
		return errors.New("sensitivity: no factor")
	}
	seen := make(map[string]bool, len(factors))
	for i, f := range factors {
		if f.Name == "" {
			return fmt.Errorf("sensitivity: factor %d has no name", i)
		}
		if seen[f.Name] {
			return fmt.Errorf("sensitivity: factor %q appears twice", f.Name)
		}
		seen[f.Name] = true
		if math.IsNaN(f.Low) || math.IsNaN(f.High) || math.IsInf(f.Low, 0) || math.IsInf(f.High, 0) || !(f.Low < f.High) {
			return fmt.Errorf("sensitivity: factor %q: range [%g, %g]: want finite Low < High", f.Name, f.Low, f.High)
		}
	}
	return nil
}

// checkRuns checks that x has one column per factor and y one value per
// row of x, and returns the number of rows.
func checkRuns(x *mat.Dense, y []float64, factors []Factor) (int, error) {
	if err := checkFactors(factors); err != nil {
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
	return math.Abs(a-b) <= 1e-9*f.width()
}
