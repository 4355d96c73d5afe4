package epstein_test

import (
	"fmt"

	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/sim"
)

func ExampleModel() {
	p := epstein.Default() // Mesa's example: 40 × 40, legitimacy 0.8
	m := epstein.New(&p, sim.NewRand(42, 0))
	fmt.Println("agents:", m.Agents())
	for step := 1; step <= 30; step++ {
		if step == 21 {
			m.SetLegitimacy(0.5) // a sudden drop
		}
		m.Step()
		if step%5 == 0 {
			q, a, j := m.Counts()
			fmt.Printf("step %2d: quiescent %d, active %d, arrested %d\n", step, q, a, j)
		}
	}
	// Output:
	// agents: 1201
	// step  5: quiescent 1061, active 0, arrested 26
	// step 10: quiescent 1061, active 0, arrested 26
	// step 15: quiescent 1060, active 0, arrested 27
	// step 20: quiescent 1058, active 0, arrested 29
	// step 25: quiescent 499, active 86, arrested 502
	// step 30: quiescent 521, active 0, arrested 566
}
