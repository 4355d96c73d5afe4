package agents

import (
	"runtime"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// changeFunc is a Change written as a function, for tests.
type changeFunc func(p *Params) error

func (f changeFunc) ApplyTo(p *Params) error { return f(p) }

// TestShockRedeploysAllocationFree applies shocks that add, withdraw and
// change units: applying them allocates nothing (the world reserved what
// they need when it was built), the forces end with the units and
// soldiers the shocks give them, and the world's parameters, not the
// caller's, change.
func TestShockRedeploysAllocationFree(t *testing.T) {
	p := baselineParams(t)
	p.End = sim.NewDate(2017, 12, 31)
	day := sim.NewDate(2017, 3, 1)
	p.Timeline = Timeline{Shocks: []Shock{
		{ID: "more", Date: day, Keys: []string{"forces.militias.units"}, Change: changeFunc(func(p *Params) error {
			p.Forces.Militias.Units *= 3
			return nil
		})},
		{ID: "exit", Date: day, Keys: []string{"forces.international.units"}, Change: changeFunc(func(p *Params) error {
			p.Forces.International.Units = 1
			p.Forces.MaliArmy.Posture = Protective
			return nil
		})},
		{ID: "back", Date: sim.NewDate(2017, 6, 1), Keys: []string{"forces.militias.units"}, Change: changeFunc(func(p *Params) error {
			p.Forces.Militias.Units /= 3
			p.Forces.International.Units = 4
			return nil
		})},
	}}
	g := grid(t, 0.5)
	w := New(p, g, sim.NewRand(1, 0))
	count := func(force int) (units int, posture uint8) {
		for _, u := range w.Units {
			if u.Force == force && u.Strength > 0 {
				units++
				posture = u.Posture
			}
		}
		return
	}
	militias0, _ := count(ForceMilitias)
	_, steps := w.Shocks()
	var ms runtime.MemStats
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // as testing.AllocsPerRun: count this goroutine's allocations only
	for !w.Done() && w.Step <= steps[2] {
		w.Log.Reset()
		if w.Step == steps[0] || w.Step == steps[2] {
			runtime.ReadMemStats(&ms)
			before := ms.Mallocs
			w.applyShocks()
			runtime.ReadMemStats(&ms)
			if n := ms.Mallocs - before; n != 0 {
				t.Errorf("step %d: applying shocks allocated %d times", w.Step, n)
			}
			switch w.Step {
			case steps[0]:
				if n, _ := count(ForceMilitias); n != 3*militias0 {
					t.Errorf("militias %d, want %d", n, 3*militias0)
				}
				if n, _ := count(ForceInternational); n != 1 {
					t.Errorf("international units %d, want 1", n)
				}
				if _, post := count(ForceMaliArmy); post != postureProtective {
					t.Errorf("Malian posture %d, want protective", post)
				}
			case steps[2]:
				if n, _ := count(ForceMilitias); n != militias0 {
					t.Errorf("militias %d, want %d", n, militias0)
				}
				if n, _ := count(ForceInternational); n != 4 {
					t.Errorf("international units %d, want 4", n)
				}
			}
		}
		w.Advance()
	}
	if p.Forces.International.Units == 4 || p.Forces.MaliArmy.Posture == Protective {
		t.Error("the shocks changed the caller's parameters")
	}
}

// TestShockStep checks the step at which a shock applies: the first step
// whose first day is on or after its date.
func TestShockStep(t *testing.T) {
	c := sim.NewClock(sim.NewDate(2017, 1, 1), sim.NewDate(2017, 12, 31), 7)
	for _, tt := range []struct {
		d    sim.Date
		want int
	}{
		{sim.NewDate(2016, 1, 1), 0}, {sim.NewDate(2017, 1, 1), 0}, {sim.NewDate(2017, 1, 2), 1},
		{sim.NewDate(2017, 1, 8), 1}, {sim.NewDate(2017, 1, 9), 2}, {sim.NewDate(2018, 1, 1), c.Steps},
	} {
		if got := ShockStep(c, tt.d); got != tt.want {
			t.Errorf("ShockStep(%s) = %d, want %d", tt.d, got, tt.want)
		}
	}
}

// TestShockMovesForce narrows the international force to Niger: its units
// elsewhere are withdrawn and as many deploy in Niger, where all of them
// then operate.
func TestShockMovesForce(t *testing.T) {
	p := baselineParams(t)
	p.End = sim.NewDate(2017, 6, 30)
	p.Timeline = Timeline{Shocks: []Shock{{ID: "niger", Date: sim.NewDate(2017, 2, 1), Change: changeFunc(func(p *Params) error {
		p.Forces.International.Countries = []string{"NER"}
		return nil
	})}}}
	w := New(p, grid(t, 0.5), sim.NewRand(1, 0))
	inNiger := func() (in, out int) {
		for _, u := range w.Units {
			if u.Force != ForceInternational || u.Strength == 0 {
				continue
			}
			if w.Grid.Country(int(u.Cell)) == "NER" {
				in++
			} else {
				out++
			}
		}
		return
	}
	if _, out := inNiger(); out == 0 {
		t.Fatal("no international unit outside Niger at the start")
	}
	w.Run(nil)
	in, out := inNiger()
	if out != 0 || in != p.Forces.International.Units {
		t.Errorf("%d units in Niger and %d elsewhere, want %d and 0", in, out, p.Forces.International.Units)
	}
}
