package epstein

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

func TestTry(t *testing.T) {
	p := Default()
	for seed := uint64(1); seed <= 10; seed++ {
		m := New(&p, sim.NewRand(seed, 0))
		s := ""
		var ser []int
		for st := 0; st < 500; st++ {
			m.Step()
			_, a, _ := m.Counts()
			ser = append(ser, a)
			if a > 3 {
				s += fmt.Sprintf("%d:%d ", st, a)
			}
		}
		srt := slices.Clone(ser)
		slices.Sort(srt)
		_, _, j := m.Counts()
		t.Log(m.Agents(), "max", srt[len(srt)-1], "med", srt[len(srt)/2], "p90", srt[len(srt)*9/10], "jail", j, s)
	}
}
