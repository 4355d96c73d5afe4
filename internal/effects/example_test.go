package effects_test

import (
	"fmt"

	"github.com/sahelsim/sahelsim/internal/effects"
)

// Each draw of a posterior holds the paired differences of its
// replicates (lever − baseline): Summarise gives the effect over the
// posterior, its variance split and the probability of the expected sign.
func ExampleSummarise() {
	draws := [][]float64{
		{-120, -80, -100}, // draw 0: the lever lowers fatalities by about 100
		{-20, 20, 0},      // draw 1: no effect
		{-210, -190, -200},
		{-90, -110, -100},
	}
	e, _ := effects.Summarise(draws, -1) // the aim: fewer
	fmt.Printf("mean %.0f, 5–95%% over draws %.0f to %.0f\n", e.Mean, e.Low, e.High)
	fmt.Printf("between %.0f, within %.0f, parameter share %.2f\n", e.Split.Between, e.Split.Within, e.Split.Share)
	// The draws' means −100, 0, −200, −100 vary by 6,667; their
	// replicates by 250 within a draw, of which 250/3 reaches a mean of
	// three: between = 6,667 − 83 = 6,583.
	fmt.Printf("P(fewer) = %.2f\n", e.PSign)
	// Output:
	// mean -100, 5–95% over draws -200 to -20
	// between 6583, within 250, parameter share 0.96
	// P(fewer) = 0.75
}
