package epstein

import (
	"fmt"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// benchWindow is the number of steps each benchmark model runs from its
// initial state before a fresh one replaces it, so that the figures measure
// the same regime as the Mesa script (the first steps of a run) whatever
// b.N is.
const benchWindow = 100

var benchSizes = []int{40, 100, 200}

// BenchmarkStep measures Step with Mesa's default densities on grids of
// 40², 100² and 200² cells, reporting agent-steps per second.
func BenchmarkStep(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", n, n), func(b *testing.B) { benchStep(b, n, packed) })
	}
}

// BenchmarkMethods compares the ways of counting neighbourhoods.
func BenchmarkMethods(b *testing.B) {
	for _, meth := range []struct {
		name string
		m    method
	}{{"reference", reference}, {"packed", packed}, {"incremental", incremental}} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/%dx%d", meth.name, n, n), func(b *testing.B) { benchStep(b, n, meth.m) })
		}
	}
}

func benchStep(b *testing.B, n int, meth method) {
	p := Default()
	p.Width, p.Height = n, n
	var m *Model
	agentSteps := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%benchWindow == 0 {
			b.StopTimer()
			m = newModel(&p, sim.NewRand(uint64(i/benchWindow), 0), meth)
			b.StartTimer()
		}
		m.Step()
		agentSteps += m.Agents()
	}
	b.ReportMetric(float64(agentSteps)/b.Elapsed().Seconds(), "agent-steps/s")
}
