package epstein

import (
	"math/rand/v2"
)

// This file holds the two other ways of counting a neighbourhood, which
// the tests require to give the packed grid's trajectory, draw for draw
// (TestMethodsAgree), and which BenchmarkMethods compares with it. A
// Model uses one through its counter (Model.alt).

// A method is a way of counting the occupied cells, actives and cops in a
// neighbourhood and of finding the k-th active.
type method uint8

const (
	// packed sums the bits of the packed grid a row of the diamond at a
	// time, and skips citizens whose decision cannot depend on the counts:
	// the Model's own way.
	packed method = iota
	// reference rescans the neighbourhood cell by cell, wrapping each
	// coordinate, and looks each occupant up; a cop lists the actives it
	// sees and picks one, as in Mesa. It is the obviously correct version
	// the others are tested against.
	reference
	// incremental keeps, for every cell, the counts over the diamond
	// around it, updated whenever a cell changes.
	incremental
)

// newModel returns New(p, r) counting its neighbourhoods by meth.
func newModel(p *Params, r *rand.Rand, meth method) *Model {
	m := New(p, r)
	switch meth {
	case reference:
		m.alt = &rescan{scratch: make([]int32, 0, max(m.cit.size, m.cop.size))}
		// Every citizen looks: none is decided in advance.
		m.monotone = false
		m.classifyAll()
	case incremental:
		m.alt = newSums(m)
	}
	return m
}

// methodOf returns the method m counts by.
func methodOf(m *Model) method {
	switch m.alt.(type) {
	case *rescan:
		return reference
	case *sums:
		return incremental
	}
	return packed
}

// A rescan is the reference method.
type rescan struct {
	scratch []int32 // candidate offsets
}

func (r *rescan) look(m *Model, a *agent, nb *nbhd) (occ, actives, cops int) {
	occ, actives, cops = 1, 0, 0
	if a.state == active {
		actives = 1
	} else if a.cop {
		cops = 1
	}
	for j := range nb.dx {
		if t := m.at[cellAt(m, a, nb.dx[j], nb.dy[j])]; t >= 0 {
			occ++
			if b := &m.agents[t]; b.cop {
				cops++
			} else if b.state == active {
				actives++
			}
		}
	}
	return occ, actives, cops
}

func (r *rescan) nthActive(m *Model, a *agent, nb *nbhd, k int) (dx, dy int32, ok bool) {
	r.scratch = r.scratch[:0]
	for j := range nb.dx {
		if t := m.at[cellAt(m, a, nb.dx[j], nb.dy[j])]; t >= 0 && !m.agents[t].cop && m.agents[t].state == active {
			r.scratch = append(r.scratch, int32(j))
		}
	}
	j := r.scratch[k]
	return nb.dx[j], nb.dy[j], true
}

func (r *rescan) changed(*Model, int32, int32, byte, byte) {}

// cellAt returns the index in m.at of the cell at offset (dx, dy) from a.
func cellAt(m *Model, a *agent, dx, dy int32) int32 {
	return wrap(a.y+dy, m.h)*m.w + wrap(a.x+dx, m.w)
}

// Packed counts of the incremental method: three fields of 10 bits, enough
// for a diamond of radius 20 (841 cells).
const (
	sumOcc    = 1
	sumAct    = 1 << 10
	sumCop    = 1 << 20
	fieldMask = 1<<10 - 1
)

// sums is the incremental method: the packed counts over the diamond
// around each cell (centre included), for each vision; cop aliases cit
// when the visions are equal.
type sums struct {
	cit, cop []uint32
}

// newSums returns the counts of m's grid as it is.
func newSums(m *Model) *sums {
	cells := int(m.w) * int(m.h)
	s := &sums{cit: make([]uint32, cells)}
	s.cop = s.cit
	if m.cop.radius != m.cit.radius {
		s.cop = make([]uint32, cells)
	}
	for y := range m.h {
		for x := range m.w {
			if v := m.get(x+m.halo, y+m.halo); v != 0 {
				s.changed(m, x, y, 0, v)
			}
		}
	}
	return s
}

func (s *sums) look(m *Model, a *agent, nb *nbhd) (occ, actives, cops int) {
	sums := s.cit
	if nb == &m.cop {
		sums = s.cop
	}
	c := sums[a.y*m.w+a.x]
	return int(c & fieldMask), int(c >> 10 & fieldMask), int(c >> 20 & fieldMask)
}

func (s *sums) nthActive(*Model, *agent, *nbhd, int) (dx, dy int32, ok bool) { return 0, 0, false }

// changed adds the change of cell (x, y) to the counts of the diamonds
// around it.
func (s *sums) changed(m *Model, x, y int32, old, v byte) {
	d := counts(v) - counts(old) // modulo 2³², which the sums undo
	addDiamond(m, s.cit, x, y, m.cit.radius, d)
	if m.cop.radius != m.cit.radius {
		addDiamond(m, s.cop, x, y, m.cop.radius, d)
	}
}

// counts returns the packed counts of a cell with bits v.
func counts(v byte) uint32 {
	return uint32(v&occBit)*sumOcc + uint32(v&actBit>>1)*sumAct + uint32(v&copBit>>2)*sumCop
}

// addDiamond adds d to s over the cells of m's grid within Manhattan
// distance radius of (x, y), centre included.
func addDiamond(m *Model, s []uint32, x, y int32, radius int, d uint32) {
	w := m.w
	for dy := -int32(radius); dy <= int32(radius); dy++ {
		yy := wrap(y+dy, m.h)
		row := s[yy*w : yy*w+w]
		hw := int32(radius) - int32(abs(int(dy)))
		x0, x1 := x-hw, x+hw+1 // [x0, x1)
		if x0 < 0 {
			addTo(row[x0+w:], d)
			x0 = 0
		}
		if x1 > w {
			addTo(row[:x1-w], d)
			x1 = w
		}
		addTo(row[x0:x1], d)
	}
}

func addTo(s []uint32, d uint32) {
	for i := range s {
		s[i] += d
	}
}
