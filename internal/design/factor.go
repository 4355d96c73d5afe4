package design

import (
	"errors"
	"fmt"
	"math"
)

// A Factor is a parameter varied by a design, uniformly over [Low, High],
// named as in the sweep (a scenario key such as "groups.flm.fighters").
// Designs give its values in its own units; for another distribution,
// design over a uniform factor and transform its values before running.
type Factor struct {
	Name      string
	Low, High float64
}

// Width returns the length of f's range.
func (f Factor) Width() float64 { return f.High - f.Low }

// At returns the value of f at u in [0, 1].
func (f Factor) At(u float64) float64 { return f.Low + u*f.Width() }

// CheckFactors checks that there is at least one factor and that each has
// a name and a finite, non-empty range.
func CheckFactors(factors []Factor) error {
	if len(factors) == 0 {
		return errors.New("design: no factor")
	}
	seen := make(map[string]bool, len(factors))
	for i, f := range factors {
		if f.Name == "" {
			return fmt.Errorf("design: factor %d has no name", i)
		}
		if seen[f.Name] {
			return fmt.Errorf("design: factor %q appears twice", f.Name)
		}
		seen[f.Name] = true
		if math.IsNaN(f.Low) || math.IsNaN(f.High) || math.IsInf(f.Low, 0) || math.IsInf(f.High, 0) || !(f.Low < f.High) {
			return fmt.Errorf("design: factor %q: range [%g, %g]: want finite Low < High", f.Name, f.Low, f.High)
		}
	}
	return nil
}
