package agents

import (
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// TestMiningAreas checks that MiningAreas gives the cells of a World's
// mining networks, in their order, on a fine and a coarse grid, without
// building the World.
func TestMiningAreas(t *testing.T) {
	for _, res := range []float64{0.5, 1} {
		g := grid(t, res)
		w := New(baselineParams(t), g, sim.NewRand(1, 0))
		var want []MiningArea
		for _, n := range w.Networks {
			if n.Kind == NetworkMining {
				want = append(want, MiningArea{n.Name, n.Cells})
			}
		}
		got := MiningAreas(w.P, g)
		if len(want) == 0 || !slices.EqualFunc(got, want, func(a, b MiningArea) bool {
			return a.Name == b.Name && slices.Equal(a.Cells, b.Cells)
		}) {
			t.Errorf("resolution %g: MiningAreas = %v, the World's mining networks cover %v", res, got, want)
		}
	}
}
