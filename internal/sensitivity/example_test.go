package sensitivity_test

import (
	"fmt"
	"log"
	"math"
	"math/rand/v2"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
)

// Sobol indices of Ishigami's function: the design's rows are the runs to
// make; their outputs, in the same order, give the indices.
func ExampleSobol() {
	factors := []sensitivity.Factor{
		{Name: "x1", Low: -math.Pi, High: math.Pi},
		{Name: "x2", Low: -math.Pi, High: math.Pi},
		{Name: "x3", Low: -math.Pi, High: math.Pi},
	}
	x, err := design.SaltelliDesign(factors, 4096, nil)
	if err != nil {
		log.Fatal(err)
	}
	runs, _ := x.Dims()
	y := make([]float64, runs)
	for i := range runs {
		p := x.RawRowView(i) // one run's parameters
		y[i] = math.Sin(p[0]) + 7*math.Pow(math.Sin(p[1]), 2) + 0.1*math.Pow(p[2], 4)*math.Sin(p[0])
	}
	idx, err := sensitivity.Sobol(x, y, factors, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d runs\n", runs)
	for _, ix := range idx {
		fmt.Printf("%s: S1 %.2f  ST %.2f\n", ix.Factor, ix.S1, ix.ST)
	}
	// Output:
	// 20480 runs
	// x1: S1 0.31  ST 0.56
	// x2: S1 0.44  ST 0.44
	// x3: S1 0.01  ST 0.24
}

// Morris screening of a linear function: μ* is each coefficient's size
// times the factor's range.
func ExampleMorris() {
	factors := []sensitivity.Factor{
		{Name: "fighters", Low: 1000, High: 3000},
		{Name: "claims", Low: 0, High: 1},
		{Name: "noise", Low: 0, High: 1},
	}
	x, err := design.MorrisDesign(factors, 10, 4, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		log.Fatal(err)
	}
	runs, _ := x.Dims()
	y := make([]float64, runs)
	for i := range runs {
		p := x.RawRowView(i)
		y[i] = 0.001*p[0] - 0.5*p[1]
	}
	effects, err := sensitivity.Morris(x, y, factors)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range effects {
		fmt.Printf("%s: mu %.2f  mu* %.2f  sigma %.2f\n", e.Factor, e.Mu, e.MuStar, e.Sigma)
	}
	// Output:
	// fighters: mu 2.00  mu* 2.00  sigma 0.00
	// claims: mu -0.50  mu* 0.50  sigma 0.00
	// noise: mu 0.00  mu* 0.00  sigma 0.00
}
