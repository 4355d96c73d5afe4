package epstein

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Citizen states.
const (
	quiet uint8 = iota
	active
	arrested
)

// Decision classes of a citizen: whether its rule needs the counts of its
// neighbourhood at all (see Model.classify).
const (
	depends uint8 = iota
	neverActive
	alwaysActive
)

// A cell's code packs three counts of 10 bits, so that the sum of the
// codes over a vision diamond (at most 2·20²+2·20+1 = 841 cells) gives the
// numbers of occupied cells, active citizens and cops in it at once.
const (
	occBit    = 1
	actBit    = 1 << 10
	copBit    = 1 << 20
	fieldMask = 1<<10 - 1
	maxVision = 20
)

// tries is the number of uniform draws pickEmpty makes before it checks
// that there is an empty cell to find.
const tries = 16

// A method is a way of counting cops and actives in a neighbourhood. All
// methods give the same counts, so the same trajectory.
type method uint8

const (
	// spans sums the codes of the diamond's rows on the padded grid and
	// skips citizens whose decision cannot depend on the counts.
	spans method = iota
	// reference rescans the neighbourhood cell by cell, wrapping each
	// coordinate, and looks each occupant up: the obviously correct
	// version the others are tested against.
	reference
	// incremental keeps, for every cell, the sum of the codes of its
	// diamond, updated whenever a cell's code changes.
	incremental
)

// An agent is a citizen or a cop.
type agent struct {
	x, y  int32 // cell
	pc    int32 // index of the cell in the padded grid, or -1 while removed to jail
	jail  int32 // jail steps left
	cop   bool
	state uint8 // quiet, active or arrested (citizens)
	class uint8 // depends, neverActive or alwaysActive (citizens)

	hardship, risk, grievance float64
}

// A nbhd is a vision diamond: the cells within Manhattan distance radius of
// a centre, without the centre, in a fixed order (rows from dy = -radius
// up, each from dx = -w to w), and the diamond's rows on the padded grid.
type nbhd struct {
	radius  int
	dx, dy  []int32 // offsets of the cells
	poff    []int32 // the same offsets on the padded grid
	spanOff []int32 // padded offset of the first cell of each row (centre row included)
	spanLen []int32 // length of each row
}

func newNbhd(radius, pw int) nbhd {
	nb := nbhd{radius: radius}
	for dy := -radius; dy <= radius; dy++ {
		w := radius - abs(dy)
		nb.spanOff = append(nb.spanOff, int32(dy*pw-w))
		nb.spanLen = append(nb.spanLen, int32(2*w+1))
		for dx := -w; dx <= w; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			nb.dx = append(nb.dx, int32(dx))
			nb.dy = append(nb.dy, int32(dy))
			nb.poff = append(nb.poff, int32(dy*pw+dx))
		}
	}
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
	p      Params
	r      *rand.Rand
	method method

	w, h     int32
	halo, pw int32 // halo width (the larger vision) and padded grid width
	cit, cop nbhd  // citizens' and cops' vision
	prob     []float64
	monotone bool // prob never decreases, so classify may be used

	agents []agent
	order  []int32  // activation order, shuffled in place each step
	at     []int32  // agent on each cell (y·w + x), or -1
	code   []uint32 // cell codes on the grid padded by halo copies of the opposite edges
	// Incremental method only: the sum of the codes over the diamond of
	// each cell (centre included), for each vision; sumCop aliases sumCit
	// when the visions are equal.
	sumCit, sumCop []uint32
	scratch        []int32 // reference method: offsets of the actives a cop sees

	nq, na, nj int // citizens quiet, active, arrested
	steps      int
}

// New returns a model populated as Mesa does it: each cell in turn gets a
// citizen with probability CitizenDensity, else a cop with probability
// CopDensity, else stays empty; each citizen draws its hardship, then its
// risk aversion, uniformly on [0, 1). All citizens start quiet. New panics
// if p is invalid: call p.Validate first.
func New(p *Params, r *rand.Rand) *Model { return newModel(p, r, spans) }

func newModel(p *Params, r *rand.Rand, meth method) *Model {
	if err := p.Validate(); err != nil {
		panic(err)
	}
	m := &Model{p: *p, r: r, method: meth, w: int32(p.Width), h: int32(p.Height)}
	m.halo = int32(max(p.CitizenVision, p.CopVision))
	m.pw = m.w + 2*m.halo
	m.cit = newNbhd(p.CitizenVision, int(m.pw))
	m.cop = newNbhd(p.CopVision, int(m.pw))
	// round(C/(A+1)) is at most C, at most the size of the diamond.
	m.prob = make([]float64, len(m.cit.dx)+1)
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
	m.code = make([]uint32, int(m.pw)*int(m.h+2*m.halo))
	if meth == incremental {
		m.sumCit = make([]uint32, cells)
		m.sumCop = m.sumCit
		if p.CopVision != p.CitizenVision {
			m.sumCop = make([]uint32, cells)
		}
	}
	if meth == reference {
		m.scratch = make([]int32, 0, len(m.cop.dx))
	}

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
// fused into the subtraction, so every caller gets the same answer.
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
// Because prob never decreases in n (checked in New), grievance − risk ×
// prob[n] never increases, so a citizen quiet at n = 0 is always quiet and
// one active at the largest n is always active.
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
	if a.pc < 0 {
		// Released from jail off the board: back on a random empty cell.
		c := m.randomEmptyCell()
		m.place(i, c%m.w, c/m.w)
	}
	var rebel bool
	switch {
	case m.method != reference && a.class == neverActive:
	case m.method != reference && a.class == alwaysActive:
		rebel = true
	default:
		cops, actives := m.lookCitizen(a)
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
		if j := m.pickEmpty(a.pc, &m.cit, -1); j >= 0 {
			m.move(i, &m.cit, j)
		}
	}
}

func (m *Model) stepCop(i int32) {
	a := &m.agents[i]
	nb := &m.cop
	exclude := -1
	if j := m.chooseActive(a, nb); j >= 0 {
		t := m.at[m.cellAt(a, nb, j)]
		m.arrest(t, int32(m.r.IntN(m.p.MaxJail+1)))
		if m.p.Jail == JailRemoved {
			exclude = j // it was not empty when the cop looked
		}
	}
	if m.p.Movement {
		if j := m.pickEmpty(a.pc, nb, exclude); j >= 0 {
			m.move(i, nb, j)
		}
	}
}

// lookCitizen returns the numbers of cops and of active citizens in the
// vision of citizen a, not counting a.
func (m *Model) lookCitizen(a *agent) (cops, actives int) {
	var s uint32
	switch m.method {
	case reference:
		nb := &m.cit
		for j := range nb.dx {
			if t := m.at[m.cellAt(a, nb, j)]; t >= 0 {
				if b := &m.agents[t]; b.cop {
					cops++
				} else if b.state == active {
					actives++
				}
			}
		}
		return cops, actives
	case spans:
		s = m.spanSum(a.pc, &m.cit) - m.code[a.pc]
	case incremental:
		s = m.sumCit[a.y*m.w+a.x] - m.code[a.pc]
	}
	return int(s >> 20 & fieldMask), int(s >> 10 & fieldMask)
}

// chooseActive returns the offset in nb of an active citizen drawn
// uniformly from those cop a sees, or -1 if it sees none. The draw is the
// k-th active in nb's order, k uniform, as Python's random.choice on the
// list of actives.
func (m *Model) chooseActive(a *agent, nb *nbhd) int {
	var n int
	switch m.method {
	case reference:
		m.scratch = m.scratch[:0]
		for j := range nb.dx {
			if t := m.at[m.cellAt(a, nb, j)]; t >= 0 && !m.agents[t].cop && m.agents[t].state == active {
				m.scratch = append(m.scratch, int32(j))
			}
		}
		if len(m.scratch) == 0 {
			return -1
		}
		return int(m.scratch[m.r.IntN(len(m.scratch))])
	case spans:
		n = int(m.spanSum(a.pc, nb) >> 10 & fieldMask)
	case incremental:
		n = int(m.sumCop[a.y*m.w+a.x] >> 10 & fieldMask)
	}
	if n == 0 {
		return -1
	}
	k := m.r.IntN(n)
	for j, off := range nb.poff {
		if m.code[a.pc+off]&actBit != 0 {
			if k == 0 {
				return j
			}
			k--
		}
	}
	panic("epstein: neighbourhood counts out of step with the grid")
}

// spanSum returns the sum of the codes of the diamond nb centred on padded
// cell pc, centre included.
func (m *Model) spanSum(pc int32, nb *nbhd) uint32 {
	var s0, s1 uint32
	for k, off := range nb.spanOff {
		row := m.code[pc+off : pc+off+nb.spanLen[k]]
		for len(row) >= 2 {
			s0 += row[0]
			s1 += row[1]
			row = row[2:]
		}
		if len(row) == 1 {
			s0 += row[0]
		}
	}
	return s0 + s1
}

// pickEmpty returns the offset in nb of a cell drawn uniformly from those
// that are empty around padded cell pc, not counting offset exclude, or -1
// if there are none. It draws offsets until one is empty (Mesa's
// random.choice on the list of empty cells has the same distribution),
// checking after the first few misses that there is one to find.
func (m *Model) pickEmpty(pc int32, nb *nbhd, exclude int) int {
	for t := 0; ; t++ {
		if t == tries && !m.anyEmpty(pc, nb, exclude) {
			return -1
		}
		j := m.r.IntN(len(nb.poff))
		if j != exclude && m.code[pc+nb.poff[j]] == 0 {
			return j
		}
	}
}

func (m *Model) anyEmpty(pc int32, nb *nbhd, exclude int) bool {
	for j, off := range nb.poff {
		if j != exclude && m.code[pc+off] == 0 {
			return true
		}
	}
	return false
}

// randomEmptyCell returns a cell drawn uniformly from the empty cells of
// the grid. There is one whenever a citizen is off the board.
func (m *Model) randomEmptyCell() int32 {
	n := len(m.at)
	for {
		if c := m.r.IntN(n); m.at[c] < 0 {
			return int32(c)
		}
	}
}

// cellAt returns the index in m.at of the cell at offset j of nb around a.
func (m *Model) cellAt(a *agent, nb *nbhd, j int) int32 {
	x, y := wrap(a.x+nb.dx[j], m.w), wrap(a.y+nb.dy[j], m.h)
	return y*m.w + x
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

// codeOf returns the code of the cell agent a stands on.
func codeOf(a *agent) uint32 {
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
	a.pc = (y+m.halo)*m.pw + x + m.halo
	m.at[y*m.w+x] = i
	m.setCode(x, y, codeOf(a))
}

// unplace takes agent i off its cell.
func (m *Model) unplace(i int32) {
	a := &m.agents[i]
	m.at[a.y*m.w+a.x] = -1
	m.setCode(a.x, a.y, 0)
	a.pc = -1
}

// move moves agent i to the empty cell at offset j of nb around it.
func (m *Model) move(i int32, nb *nbhd, j int) {
	a := &m.agents[i]
	x, y := wrap(a.x+nb.dx[j], m.w), wrap(a.y+nb.dy[j], m.h)
	m.unplace(i)
	m.place(i, x, y)
}

// setState changes the state of citizen i to s.
func (m *Model) setState(i int32, s uint8) {
	a := &m.agents[i]
	*m.counter(a.state)--
	*m.counter(s)++
	a.state = s
	if a.pc >= 0 {
		m.setCode(a.x, a.y, codeOf(a))
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

// arrest jails citizen i for jail steps, removing it from the board if the
// jail is off the board.
func (m *Model) arrest(i int32, jail int32) {
	a := &m.agents[i]
	*m.counter(a.state)--
	m.nj++
	a.state = arrested
	a.jail = jail
	if m.p.Jail == JailRemoved {
		m.unplace(i)
	} else {
		m.setCode(a.x, a.y, codeOf(a))
	}
}

// setCode sets the code of cell (x, y) and of its copies in the halo, and
// under the incremental method adds the change to the diamonds around it.
func (m *Model) setCode(x, y int32, v uint32) {
	h, pw := m.halo, m.pw
	px, py := x+h, y+h
	old := m.code[py*pw+px]
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
	m.code[py*pw+px] = v
	if px2 >= 0 {
		m.code[py*pw+px2] = v
	}
	if py2 >= 0 {
		m.code[py2*pw+px] = v
		if px2 >= 0 {
			m.code[py2*pw+px2] = v
		}
	}
	if m.method == incremental {
		d := v - old // modulo 2³², which the sums undo
		m.addDiamond(m.sumCit, x, y, m.cit.radius, d)
		if m.cop.radius != m.cit.radius {
			m.addDiamond(m.sumCop, x, y, m.cop.radius, d)
		}
	}
}

// addDiamond adds d to s over the cells within Manhattan distance radius
// of (x, y), centre included.
func (m *Model) addDiamond(s []uint32, x, y int32, radius int, d uint32) {
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
