package epstein

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// check verifies the model's redundant state: the cell index against the
// agents, the packed grid and its padding against the cells, the
// incremental counts against a recount, and the state counters.
func (m *Model) check() error {
	occupied := 0
	for c, i := range m.at {
		if i < 0 {
			continue
		}
		occupied++
		if a := &m.agents[i]; a.x < 0 || int(a.y*m.w+a.x) != c {
			return fmt.Errorf("cell %d holds agent %d, which is at (%d, %d)", c, i, a.x, a.y)
		}
	}
	var q, ac, j, off int
	for i := range m.agents {
		a := &m.agents[i]
		if a.x < 0 {
			off++
			if a.cop || a.state != arrested || !m.removed {
				return fmt.Errorf("agent %d is off the board (cop %v, state %d)", i, a.cop, a.state)
			}
		} else if m.at[a.y*m.w+a.x] != int32(i) {
			return fmt.Errorf("agent %d at (%d, %d) is not on its cell", i, a.x, a.y)
		}
		if a.cop {
			continue
		}
		switch a.state {
		case quiet:
			q++
		case active:
			ac++
		case arrested:
			j++
		}
		if a.state != arrested && a.jail != 0 {
			return fmt.Errorf("agent %d in state %d has %d jail steps left", i, a.state, a.jail)
		}
		if c := m.classify(a); a.class != c {
			return fmt.Errorf("agent %d has decision class %d, want %d", i, a.class, c)
		}
	}
	if occupied+off != len(m.agents) {
		return fmt.Errorf("%d cells occupied and %d agents off the board, want %d agents", occupied, off, len(m.agents))
	}
	if q != m.nq || ac != m.na || j != m.nj {
		return fmt.Errorf("counters %d/%d/%d, recount %d/%d/%d", m.nq, m.na, m.nj, q, ac, j)
	}
	for py := range m.h + 2*m.halo {
		for px := range m.w + 2*m.halo {
			x, y := (px-m.halo+m.w)%m.w, (py-m.halo+m.h)%m.h
			var want byte
			if i := m.at[y*m.w+x]; i >= 0 {
				want = nibble(&m.agents[i])
			}
			if got := m.get(px, py); got != want {
				return fmt.Errorf("padded cell (%d, %d) has bits %#x, want %#x", px, py, got, want)
			}
		}
	}
	if inc, ok := m.alt.(*sums); ok {
		for _, s := range []struct {
			sums []uint32
			nb   *nbhd
		}{{inc.cit, &m.cit}, {inc.cop, &m.cop}} {
			for y := range m.h {
				for x := range m.w {
					var want uint32
					for dy := -s.nb.radius; dy <= s.nb.radius; dy++ {
						for dx := abs(dy) - s.nb.radius; dx <= s.nb.radius-abs(dy); dx++ {
							if i := m.at[wrap(y+int32(dy), m.h)*m.w+wrap(x+int32(dx), m.w)]; i >= 0 {
								want += counts(nibble(&m.agents[i]))
							}
						}
					}
					if got := s.sums[y*m.w+x]; got != want {
						return fmt.Errorf("radius %d counts at (%d, %d) = %#x, want %#x", s.nb.radius, x, y, got, want)
					}
				}
			}
		}
	}
	return nil
}

func TestRoundRatio(t *testing.T) {
	for d := 1; d <= 120; d++ {
		for c := 0; c <= 120; c++ {
			if got, want := roundRatio(c, d), int(math.RoundToEven(float64(c)/float64(d))); got != want {
				t.Fatalf("roundRatio(%d, %d) = %d, want %d", c, d, got, want)
			}
		}
	}
}

func TestNbhd(t *testing.T) {
	const stride = 1000
	for _, tc := range []struct{ radius, size, pieces, groups int }{
		{1, 4, 3, 1}, {2, 12, 5, 1}, {7, 112, 15, 1}, {8, 144, 22, 2}, {20, 840, 93, 5},
	} {
		nb := newNbhd(tc.radius, stride)
		if nb.size != tc.size || len(nb.dy) != tc.size || len(nb.pdx) != tc.pieces || len(nb.pieces[1]) != tc.pieces || len(nb.groups) != tc.groups {
			t.Errorf("radius %d: %d cells in %d pieces, %d groups; want %d in %d, %d",
				tc.radius, nb.size, len(nb.pdx), len(nb.groups), tc.size, tc.pieces, tc.groups)
		}
		// The pieces must cover the diamond, centre included, once each,
		// in the order of the list of cells, at the right bytes.
		var cells [][2]int32
		for i, p := range nb.pieces[0] {
			mask := p.mask
			if q := nb.pieces[1][i]; q.mask != mask<<4 || q.off != p.off || mask>>60 != 0 {
				t.Fatalf("radius %d piece %d: %+v, %+v", tc.radius, i, p, q)
			}
			if want := int(nb.pdy[i])*stride + int(nb.pdx[i]+int32(tc.radius))/2; p.off != want {
				t.Errorf("radius %d piece %d: offset %d, want %d", tc.radius, i, p.off, want)
			}
			for j := range int32(16) {
				switch mask >> (4 * j) & 0xf {
				case occBit:
					cells = append(cells, [2]int32{nb.pdx[i] + j, nb.pdy[i]})
				case 0:
				default:
					t.Fatalf("radius %d: piece mask %#x", tc.radius, mask)
				}
			}
		}
		var want [][2]int32
		for j := range nb.dx {
			want = append(want, [2]int32{nb.dx[j], nb.dy[j]})
			if d := want[j]; abs(int(d[0]))+abs(int(d[1])) > tc.radius {
				t.Errorf("radius %d: offset %v outside the diamond", tc.radius, d)
			}
		}
		want = slices.Insert(want, tc.size/2, [2]int32{0, 0}) // the centre, which the list leaves out
		if !slices.Equal(cells, want) {
			t.Errorf("radius %d: pieces cover %v, want %v", tc.radius, cells, want)
		}
		// No nibble lane may receive more than 15 cells within a group.
		start := 0
		for _, end := range nb.groups {
			var lanes [16]int
			for _, p := range nb.pieces[1][start:end] {
				for j := range lanes {
					if lanes[j] += int(p.mask >> (4 * j) & 1); lanes[j] > 15 {
						t.Errorf("radius %d: lane %d overflows in group ending at %d", tc.radius, j, end)
					}
				}
			}
			start = end
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Params)
		key  string // "" for valid
	}{
		{"default", func(*Params) {}, ""},
		{"removed jail", func(p *Params) { p.Jail = JailRemoved }, ""},
		{"smallest grid", func(p *Params) { p.Width, p.Height = 15, 15 }, ""},
		{"grid narrower than vision", func(p *Params) { p.Width = 14 }, "width"},
		{"grid lower than cop vision", func(p *Params) { p.Height, p.CopVision = 20, 10 }, "height"},
		{"densities over 1", func(p *Params) { p.CitizenDensity = 0.95 }, "cop_density"},
		{"negative density", func(p *Params) { p.CitizenDensity = -0.1 }, "citizen_density"},
		{"NaN legitimacy", func(p *Params) { p.Legitimacy = math.NaN() }, "legitimacy"},
		{"legitimacy over 1", func(p *Params) { p.Legitimacy = 1.5 }, "legitimacy"},
		{"negative k", func(p *Params) { p.ArrestK = -1 }, "arrest_prob_constant"},
		{"vision 0", func(p *Params) { p.CitizenVision = 0 }, "citizen_vision"},
		{"vision too far", func(p *Params) { p.CopVision = 21 }, "cop_vision"},
		{"negative jail", func(p *Params) { p.MaxJail = -1 }, "max_jail_term"},
		{"unknown jail", func(p *Params) { p.Jail = "prison" }, "jail"},
		{"empty jail", func(p *Params) { p.Jail = "" }, "jail"},
		{"negative steps", func(p *Params) { p.Steps = -1 }, "steps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Default()
			tc.edit(&p)
			err := p.Validate()
			switch {
			case tc.key == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.key != "" && (err == nil || !strings.HasPrefix(err.Error(), "epstein: "+tc.key+" = ")):
				t.Errorf("Validate() = %v, want an error about %s", err, tc.key)
			}
		})
	}
}

// TestMethodsAgree runs the three ways of counting neighbourhoods side by
// side and requires identical trajectories, agent by agent, step by step.
func TestMethodsAgree(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Params)
	}{
		{"default", func(*Params) {}},
		{"removed", func(p *Params) { p.Jail = JailRemoved }},
		{"still", func(p *Params) { p.Movement = false }},
		{"unequal visions", func(p *Params) { p.CitizenVision, p.CopVision = 4, 6 }},
		{"crowded removed", func(p *Params) {
			p.Width, p.Height, p.CitizenDensity, p.CopDensity, p.Jail = 17, 23, 0.85, 0.15, JailRemoved
		}},
		{"low legitimacy short jail", func(p *Params) { p.Width, p.Legitimacy, p.MaxJail = 31, 0.3, 15 }},
		{"no cops", func(p *Params) { p.CopDensity, p.Legitimacy = 0, 0.5 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Default()
			tc.edit(&p)
			for seed := uint64(1); seed <= 4; seed++ {
				ms := []*Model{
					newModel(&p, sim.NewRand(seed, 0), reference),
					newModel(&p, sim.NewRand(seed, 0), packed),
					newModel(&p, sim.NewRand(seed, 0), incremental),
				}
				for step := 1; step <= 150; step++ {
					if step == 60 {
						for _, m := range ms {
							m.SetLegitimacy(p.Legitimacy / 2)
						}
					}
					for _, m := range ms {
						m.Step()
					}
					q, a, j := ms[0].Counts()
					for k, m := range ms[1:] {
						if q2, a2, j2 := m.Counts(); q2 != q || a2 != a || j2 != j || !slices.EqualFunc(m.agents, ms[0].agents, sameAgent) {
							t.Fatalf("seed %d step %d: method %d differs from the reference: %d/%d/%d, want %d/%d/%d",
								seed, step, k+1, q2, a2, j2, q, a, j)
						}
					}
					if step%50 == 0 || step < 3 {
						for _, m := range ms {
							if err := m.check(); err != nil {
								t.Fatalf("seed %d step %d method %d: %v", seed, step, methodOf(m), err)
							}
						}
					}
				}
			}
		})
	}
}

// sameAgent reports whether a and b are the same agent in the same state;
// their decision classes may differ, as the reference method decides no
// citizen in advance (check verifies each model's classes).
func sameAgent(a, b agent) bool {
	a.class, b.class = 0, 0
	return a == b
}

// TestDeterminism requires the same (seed, rep) to give the same counts
// and different replicates to differ.
func TestDeterminism(t *testing.T) {
	p := Default()
	series := func(seed uint64, rep int) []int {
		m := New(&p, sim.NewRand(seed, rep))
		var s []int
		for range 200 {
			m.Step()
			q, a, j := m.Counts()
			s = append(s, q, a, j)
		}
		return s
	}
	a, b := series(7, 0), series(7, 0)
	if !slices.Equal(a, b) {
		t.Error("two runs of seed 7 replicate 0 differ")
	}
	if c := series(7, 1); slices.Equal(a, c) {
		t.Error("replicates 0 and 1 of seed 7 are identical")
	}
}

// TestConservation runs both jails and requires every citizen to be quiet,
// active or arrested, every agent on a cell or (removed jail only) in
// jail, and jail terms within bounds.
func TestConservation(t *testing.T) {
	for _, jail := range []string{JailBoard, JailRemoved} {
		t.Run(jail, func(t *testing.T) {
			p := Default()
			p.Jail, p.MaxJail, p.Legitimacy = jail, 30, 0.6
			m := New(&p, sim.NewRand(3, 0))
			citizens, _, _ := m.Counts()
			arrests := 0
			for step := range 300 {
				_, _, before := m.Counts()
				m.Step()
				q, a, j := m.Counts()
				if q+a+j != citizens {
					t.Fatalf("step %d: %d+%d+%d citizens, want %d", step, q, a, j, citizens)
				}
				arrests += max(0, j-before)
				for i := range m.agents {
					if x := &m.agents[i]; x.jail < 0 || int(x.jail) > p.MaxJail {
						t.Fatalf("step %d: jail term %d", step, x.jail)
					}
				}
				if err := m.check(); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
			}
			if arrests == 0 {
				t.Error("no arrests: the test did not exercise the jail")
			}
		})
	}
}
