package epstein

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
)

// Citizen states.
const (
	quiet uint8 = iota
	active
	arrested
)

// Decision classes of a citizen: whether its rule can depend on what it
// sees (see Model.classify).
const (
	depends uint8 = iota
	neverActive
	alwaysActive
)

// tries is the number of draws pickEmpty makes before it checks that there
// is an empty cell to find.
const tries = 16

// Each cell is a nibble of the packed grid: these bits, the fourth unused.
const (
	occBit = 1 << 0
	actBit = 1 << 1
	copBit = 1 << 2
)

const maxVision = 20

// A counter is another way of counting the occupied cells, actives and
// cops in a neighbourhood, which a Model uses instead of summing its
// packed grid. A Model that New makes has none: the tests keep two (a
// cell-by-cell rescan and per-cell counts updated on every change, in
// counters_test.go) and require them to give the packed grid's
// trajectory, draw for draw.
type counter interface {
	// look is Model.look.
	look(m *Model, a *agent, nb *nbhd) (occ, actives, cops int)
	// nthActive is Model.nthActive; ok false leaves it to the packed grid.
	nthActive(m *Model, a *agent, nb *nbhd, k int) (dx, dy int32, ok bool)
	// changed is called when the bits of cell (x, y) change from old to v.
	changed(m *Model, x, y int32, old, v byte)
}

// An agent is a citizen or a cop.
type agent struct {
	x, y  int32 // cell; x is -1 while removed to jail
	jail  int32 // jail steps left
	cop   bool
	state uint8 // quiet, active or arrested (citizens)
	class uint8 // depends, neverActive or alwaysActive (citizens)

	hardship, risk float64
	grievance      float64 // hardship × (1 − legitimacy)
}

// A nbhd is a vision diamond: the cells within Manhattan distance radius of
// a centre, without the centre. Its cells are listed in a fixed order, by
// rows from dy = -radius up and within a row from west to east; a cop
// arrests the k-th active in that order, k uniform, as Python's
// random.choice picks from a list.
type nbhd struct {
	radius int
	size   int // cells, centre excluded
	bits   int // bits of a random draw of one of the cells

	dx, dy []int32 // the cells in order (reference method)

	// The diamond, centre included, as pieces of its rows on the packed
	// grid. Each row of the window of columns -radius … radius is cut into
	// chunks of 15 cells if one chunk holds it, else of 14, so that every
	// chunk starts on a nibble of the same parity as the window and a 64-bit
	// load holds it whole. A piece is a chunk that meets the diamond:
	// pieces[odd][i] gives its first byte from the byte of the window's
	// first cell in the centre's row, and the occupied bits of its cells in
	// the diamond, when the window starts on an even (odd = 0) or odd
	// nibble; pdx and pdy are the offset of its first cell from the centre.
	pieces   [2][]piece
	pdx, pdy []int32
	// Pieces are summed lane by lane in groups that end at these indices;
	// within a group no nibble lane receives more than 15 cells.
	groups []int
}

type piece struct {
	off  int
	mask uint64
}

func newNbhd(radius, stride int) nbhd {
	nb := nbhd{radius: radius}
	width := 2*radius + 1
	chunk := 15
	if width > chunk {
		chunk = 14
	}
	var lanes [16]int
	for dy := -radius; dy <= radius; dy++ {
		w := radius - abs(dy)
		for dx := -w; dx <= w; dx++ {
			if dx != 0 || dy != 0 {
				nb.dx = append(nb.dx, int32(dx))
				nb.dy = append(nb.dy, int32(dy))
			}
		}
		for start := 0; start < width; start += chunk {
			var mask uint64
			full := false
			for i := range min(chunk, width-start) {
				if abs(start+i-radius) <= w {
					mask |= occBit << (4 * i)
					full = full || lanes[i] == 15
				}
			}
			if mask == 0 {
				continue
			}
			if full {
				nb.groups = append(nb.groups, len(nb.pdx))
				lanes = [16]int{}
			}
			for i := range lanes {
				lanes[i] += int(mask >> (4 * i) & 1)
			}
			off := dy*stride + start/2
			nb.pieces[0] = append(nb.pieces[0], piece{off, mask})
			nb.pieces[1] = append(nb.pieces[1], piece{off, mask << 4})
			nb.pdx = append(nb.pdx, int32(start-radius))
			nb.pdy = append(nb.pdy, int32(dy))
		}
	}
	nb.groups = append(nb.groups, len(nb.pdx))
	nb.size = len(nb.dx)
	nb.bits = bits.Len(uint(nb.size - 1))
	return nb
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// A Model is one run of the civil violence model. It is not safe for
// concurrent use; run replicates on separate Models, each with its own
// random stream.
type Model struct {
	p       Params
	r       *rand.Rand
	removed bool // p.Jail == JailRemoved

	w, h     int32
	halo     int32 // the larger vision: the width of the padding
	stride   int   // bytes of a row of the packed grid
	cit, cop nbhd  // citizens' and cops' vision
	prob     []float64
	monotone bool // prob never decreases, so classify may be used

	agents []agent
	order  []int32 // activation order, shuffled in place each step
	at     []int32 // agent on each cell (y·w + x), or -1
	// grid packs a nibble per cell for the (w+2·halo) × (h+2·halo) grid
	// whose border holds copies of the opposite edges, plus 8 bytes so
	// that a 64-bit load at the end stays in bounds.
	grid []byte

	nq, na, nj int // citizens quiet, active, arrested
	steps      int

	alt counter // nil: the packed grid counts
}

// New returns a model populated as Mesa does it: each cell in turn gets a
// citizen with probability CitizenDensity, else a cop with probability
// CopDensity, else stays empty; each citizen draws its hardship, then its
// risk aversion, uniformly on [0, 1). All citizens start quiet. New panics
// if p is invalid: call p.Validate first.
func New(p *Params, r *rand.Rand) *Model {
	if err := p.Validate(); err != nil {
		panic(err)
	}
	m := &Model{p: *p, r: r, removed: p.Jail == JailRemoved, w: int32(p.Width), h: int32(p.Height)}
	m.halo = int32(max(p.CitizenVision, p.CopVision))
	m.stride = (int(m.w+2*m.halo) + 1) / 2
	m.cit = newNbhd(p.CitizenVision, m.stride)
	m.cop = newNbhd(p.CopVision, m.stride)
	// round(C/(A+1)) is at most C, at most the size of the diamond.
	m.prob = make([]float64, m.cit.size+1)
	m.monotone = true
	for n := range m.prob {
		m.prob[n] = 1 - math.Exp(-p.ArrestK*float64(n))
		if n > 0 && m.prob[n] < m.prob[n-1] {
			m.monotone = false
		}
	}

	cells := int(m.w) * int(m.h)
	m.at = make([]int32, cells)
	for i := range m.at {
		m.at[i] = -1
	}
	m.grid = make([]byte, m.stride*int(m.h+2*m.halo)+8)

	m.agents = make([]agent, 0, int(float64(cells)*(p.CitizenDensity+p.CopDensity)*1.1)+16)
	for c := range cells {
		var a agent
		u := r.Float64()
		switch {
		case u < p.CitizenDensity:
			a.hardship = r.Float64()
			a.risk = r.Float64()
			a.grievance = a.hardship * (1 - p.Legitimacy)
			m.nq++
		case u < p.CitizenDensity+p.CopDensity:
			a.cop = true
		default:
			continue
		}
		m.agents = append(m.agents, a)
		m.place(int32(len(m.agents)-1), int32(c)%m.w, int32(c)/m.w)
	}
	m.order = make([]int32, len(m.agents))
	for i := range m.order {
		m.order[i] = int32(i)
	}
	m.classifyAll()
	return m
}

// Agents returns the number of agents, citizens and cops, jailed or not.
func (m *Model) Agents() int { return len(m.agents) }

// Counts returns the numbers of quiet, active and arrested citizens, the
// series Mesa's DataCollector records.
func (m *Model) Counts() (quiescent, active, arrested int) { return m.nq, m.na, m.nj }

// Steps returns the number of steps taken.
func (m *Model) Steps() int { return m.steps }

// Legitimacy returns the current legitimacy.
func (m *Model) Legitimacy() float64 { return m.p.Legitimacy }

// SetLegitimacy sets the regime's legitimacy for the following steps and
// recomputes every citizen's grievance, hardship × (1 − x). (Mesa computes
// the grievance once, when the citizen is created, so its model has no
// way to change legitimacy during a run; this is what a change there would
// have to do.) It panics if x is outside [0, 1].
func (m *Model) SetLegitimacy(x float64) {
	if !(x >= 0 && x <= 1) {
		panic(fmt.Sprintf("epstein: SetLegitimacy(%v): want 0 … 1", x))
	}
	m.p.Legitimacy = x
	for i := range m.agents {
		if a := &m.agents[i]; !a.cop {
			a.grievance = a.hardship * (1 - x)
		}
	}
	m.classifyAll()
}

// Step activates every agent once, in a new uniformly random order, as
// Mesa's agents.shuffle_do("step").
func (m *Model) Step() {
	o := m.order
	for i := len(o) - 1; i > 0; i-- {
		j := m.r.IntN(i + 1)
		o[i], o[j] = o[j], o[i]
	}
	for _, i := range o {
		if m.agents[i].cop {
			m.stepCop(i)
		} else {
			m.stepCitizen(i)
		}
	}
	m.steps++
}

// rebels is a citizen's rule: grievance − risk aversion × arrest
// probability > threshold. The conversion keeps the product from being
// fused into the subtraction, so that the rule is evaluated alike on every
// platform.
func rebels(grievance, risk, prob, threshold float64) bool {
	return grievance-float64(risk*prob) > threshold
}

// roundRatio returns c/d rounded to the nearest integer, halves to even,
// as Python's round(c / d) for d > 0 and c ≥ 0.
func roundRatio(c, d int) int {
	q, r := c/d, c%d
	if 2*r > d || 2*r == d && q%2 == 1 {
		q++
	}
	return q
}

// classifyAll sets every citizen's decision class.
func (m *Model) classifyAll() {
	for i := range m.agents {
		if a := &m.agents[i]; !a.cop {
			a.class = m.classify(a)
		}
	}
}

// classify reports whether a citizen's rule can depend on what it sees.
// As prob[n] never decreases in n (checked in New), grievance − risk ×
// prob[n] never increases, so a citizen quiet at n = 0 is quiet whatever
// it sees, and one active at the largest n is active whatever it sees.
func (m *Model) classify(a *agent) uint8 {
	switch {
	case !m.monotone:
		return depends
	case !rebels(a.grievance, a.risk, m.prob[0], m.p.Threshold):
		return neverActive
	case rebels(a.grievance, a.risk, m.prob[len(m.prob)-1], m.p.Threshold):
		return alwaysActive
	}
	return depends
}

func (m *Model) stepCitizen(i int32) {
	a := &m.agents[i]
	if a.jail > 0 {
		a.jail--
		return
	}
	if a.x < 0 {
		// Released from a jail off the board: back on a random empty cell.
		c := m.randomEmptyCell()
		m.place(i, c%m.w, c/m.w)
	}
	nb := &m.cit
	var rebel bool
	switch a.class {
	case neverActive:
	case alwaysActive:
		rebel = true
	default:
		_, actives, cops := m.look(a, nb)
		if a.state == active {
			actives-- // the rule counts the citizen itself as one of the actives
		}
		rebel = rebels(a.grievance, a.risk, m.prob[roundRatio(cops, actives+1)], m.p.Threshold)
	}
	s := quiet
	if rebel {
		s = active
	}
	if s != a.state {
		m.setState(i, s)
	}
	if m.p.Movement {
		if dx, dy, ok := m.pickEmpty(a, nb); ok {
			m.move(i, dx, dy)
		}
	}
}

func (m *Model) stepCop(i int32) {
	a := &m.agents[i]
	nb := &m.cop
	_, actives, _ := m.look(a, nb)
	arrestee := int32(-1)
	if actives > 0 {
		dx, dy := m.nthActive(a, nb, m.r.IntN(actives))
		arrestee = m.at[wrap(a.y+dy, m.h)*m.w+wrap(a.x+dx, m.w)]
		m.setState(arrestee, arrested)
		m.agents[arrestee].jail = int32(m.r.IntN(m.p.MaxJail + 1))
	}
	if m.p.Movement {
		// The arrestee is still on its cell, so the cop chooses among the
		// cells that were empty when it looked, as in Mesa.
		if dx, dy, ok := m.pickEmpty(a, nb); ok {
			m.move(i, dx, dy)
		}
	}
	if arrestee >= 0 && m.removed {
		m.unplace(arrestee)
	}
}

// look returns the numbers of occupied cells, active citizens and cops in
// the diamond nb around agent a, centre (a itself) included.
func (m *Model) look(a *agent, nb *nbhd) (occ, actives, cops int) {
	if m.alt != nil {
		return m.alt.look(m, a, nb)
	}
	base, odd := m.window(a, nb)
	ps, start := nb.pieces[odd], 0
	for _, end := range nb.groups {
		o, ac, c := sumPieces(m.grid, base, ps[start:end])
		occ += laneSum(o)
		actives += laneSum(ac)
		cops += laneSum(c)
		start = end
	}
	return occ, actives, cops
}

// sumPieces returns, lane by lane, the occupied, active and cop bits of
// the pieces ps from byte base of grid. It is kept out of line: inlined,
// its accumulators are spilled to the stack.
//
//go:noinline
func sumPieces(grid []byte, base int, ps []piece) (occ, actives, cops uint64) {
	for _, p := range ps {
		u := binary.LittleEndian.Uint64(grid[base+p.off:])
		occ += u & p.mask
		actives += u >> 1 & p.mask
		cops += u >> 2 & p.mask
	}
	return occ, actives, cops
}

// window returns the byte of the packed grid that holds the first cell of
// nb's window around agent a (column -radius of its row), and 1 if that
// cell is the byte's high nibble, else 0.
func (m *Model) window(a *agent, nb *nbhd) (base, odd int) {
	px := int(a.x+m.halo) - nb.radius
	return int(a.y+m.halo)*m.stride + px>>1, px & 1
}

// laneSum returns the sum of the 16 nibbles of x, each at most 15.
func laneSum(x uint64) int {
	x = x&0x0f0f0f0f0f0f0f0f + x>>4&0x0f0f0f0f0f0f0f0f // 8 bytes, each at most 30
	return int(x * 0x0101010101010101 >> 56)
}

// nthActive returns the offset from agent a of the k-th cell of nb, in
// nb's order, that holds an active citizen.
func (m *Model) nthActive(a *agent, nb *nbhd, k int) (dx, dy int32) {
	if m.alt != nil {
		if dx, dy, ok := m.alt.nthActive(m, a, nb, k); ok {
			return dx, dy
		}
	}
	base, odd := m.window(a, nb)
	ps := nb.pieces[odd]
	for i, p := range ps {
		u := binary.LittleEndian.Uint64(m.grid[base+p.off:]) >> 1 & p.mask
		// u has at most 15 bits set, one a nibble: the multiplication
		// sums the nibbles into the top one without a carry.
		n := int(u * 0x1111111111111111 >> 60)
		if k >= n {
			k -= n
			continue
		}
		for ; k > 0; k-- {
			u &= u - 1
		}
		return nb.pdx[i] + int32(bits.TrailingZeros64(u)>>2-odd), nb.pdy[i]
	}
	panic("epstein: neighbourhood counts out of step with the grid")
}

// pickEmpty returns the offset from agent a of a cell drawn uniformly from
// the empty cells of nb, and false if there are none. It draws cells of nb
// uniformly until one is empty, which gives the distribution of Mesa's
// random.choice on the list of empty cells, and after the first few misses
// counts the empty cells to make sure there is one. A draw of a cell takes
// nb.bits bits of a 64-bit random number, again if they exceed the number
// of cells, so that one number serves several draws.
func (m *Model) pickEmpty(a *agent, nb *nbhd) (dx, dy int32, ok bool) {
	px, py := a.x+m.halo, a.y+m.halo
	var buf uint64
	left := 0
	mask := uint64(1)<<nb.bits - 1
	for t := 1; ; t++ {
		var j uint64
		for {
			if left < nb.bits {
				buf, left = m.r.Uint64(), 64
			}
			j = buf & mask
			buf >>= nb.bits
			left -= nb.bits
			if j < uint64(nb.size) {
				break
			}
		}
		dx, dy = nb.dx[j], nb.dy[j]
		if m.get(px+dx, py+dy) == 0 {
			return dx, dy, true
		}
		if t == tries {
			if occ, _, _ := m.look(a, nb); occ == nb.size+1 {
				return 0, 0, false
			}
		}
	}
}

// randomEmptyCell returns a cell drawn uniformly from the empty cells of
// the grid, by rejection. There is one whenever a citizen is off the board.
func (m *Model) randomEmptyCell() int32 {
	n := len(m.at)
	for {
		if c := m.r.IntN(n); m.at[c] < 0 {
			return int32(c)
		}
	}
}

// wrap maps v in [-n, 2n) onto [0, n).
func wrap(v, n int32) int32 {
	switch {
	case v < 0:
		return v + n
	case v >= n:
		return v - n
	}
	return v
}

// nibble returns the grid bits of the cell agent a stands on.
func nibble(a *agent) byte {
	switch {
	case a.cop:
		return occBit | copBit
	case a.state == active:
		return occBit | actBit
	}
	return occBit
}

// place puts agent i on the empty cell (x, y).
func (m *Model) place(i int32, x, y int32) {
	a := &m.agents[i]
	a.x, a.y = x, y
	m.at[y*m.w+x] = i
	m.set(x, y, nibble(a))
}

// unplace takes agent i off its cell.
func (m *Model) unplace(i int32) {
	a := &m.agents[i]
	m.at[a.y*m.w+a.x] = -1
	m.set(a.x, a.y, 0)
	a.x = -1
}

// move moves agent i to the empty cell at offset (dx, dy) from it.
func (m *Model) move(i int32, dx, dy int32) {
	a := &m.agents[i]
	x, y := wrap(a.x+dx, m.w), wrap(a.y+dy, m.h)
	m.unplace(i)
	m.place(i, x, y)
}

// setState changes the state of citizen i to s.
func (m *Model) setState(i int32, s uint8) {
	a := &m.agents[i]
	*m.counter(a.state)--
	*m.counter(s)++
	a.state = s
	if a.x >= 0 {
		m.set(a.x, a.y, nibble(a))
	}
}

func (m *Model) counter(s uint8) *int {
	switch s {
	case quiet:
		return &m.nq
	case active:
		return &m.na
	}
	return &m.nj
}

// set sets the bits of cell (x, y) and of its copies in the padding, and
// tells the Model's counter, if it has one.
func (m *Model) set(x, y int32, v byte) {
	h := m.halo
	px, py := x+h, y+h
	old := m.get(px, py)
	if old == v {
		return
	}
	// A cell has at most one copy across each axis, as the grid is at
	// least 2·halo+1 wide and high.
	px2, py2 := int32(-1), int32(-1)
	if x < h {
		px2 = px + m.w
	} else if x >= m.w-h {
		px2 = px - m.w
	}
	if y < h {
		py2 = py + m.h
	} else if y >= m.h-h {
		py2 = py - m.h
	}
	m.put(px, py, v)
	if px2 >= 0 {
		m.put(px2, py, v)
	}
	if py2 >= 0 {
		m.put(px, py2, v)
		if px2 >= 0 {
			m.put(px2, py2, v)
		}
	}
	if m.alt != nil {
		m.alt.changed(m, x, y, old, v)
	}
}

func (m *Model) get(px, py int32) byte {
	return m.grid[int(py)*m.stride+int(px>>1)] >> (uint(px&1) << 2) & 0xf
}

func (m *Model) put(px, py int32, v byte) {
	b := &m.grid[int(py)*m.stride+int(px>>1)]
	s := uint(px&1) << 2
	*b = *b&^(0xf<<s) | v<<s
}
