package agents

import (
	"math/rand/v2"
	"slices"

	"github.com/sahelsim/sahelsim/sim"
)

// A World is one replicate of the Sahel model: the grid, the agents and
// their state at the current step. It is stepped by one goroutine.
//
// Observers (the callback of Run) read a World and must treat it as
// read-only: a change to its state would change the run.
type World struct {
	P     *Params
	Grid  *sim.Grid
	Clock sim.Clock
	Rand  *rand.Rand
	Log   sim.Log[Event]
	Step  int // the step about to run, or that has just run after Advance

	ZoneIDs    []string // zone ids, sorted, with RestZone last
	ZoneLabels []string
	CellZone   []int // zone index of each cell

	Groups      [NumGroups]Group
	Fighters    []Fighter
	Communities []Community // one per cell; cells without people have Base == 0
	Units       []Unit
	Networks    []Network

	// Counters since the start, for flows and summaries.
	Flows Flows

	band         []int32   // NumGroups×cells: active fighters of group g in cell c at index g*C+c
	attract      []float64 // NumGroups×cells: how attractive a cell is to a group this step, valid where attractAt == attractStamp
	attractAt    []int32   // NumGroups×cells: stamp of the step attract was computed for
	bandStart    []int32   // NumGroups×cells: band at the start of the step, for attraction
	homePull     [NumGroups]float64
	attractStamp int32
	home         []float64 // NumGroups×cells: closeness to the group's historical area, 0..1
	inArea       []bool    // NumGroups×cells: the cell's region is one of the group's areas
	opp          []float64 // cells: static opportunity (gold, routes, people, cover), here and around
	oppFar       []float64 // cells: opportunity within about 120 km
	lure         []float64 // cells: pull of open illicit networks nearby
	popNorm      []float64 // cells: population relative to a well-populated cell, 0..1
	people       []float64 // cells: popNorm^0.75, how many people there are to attack
	presence     []float64 // cells: soldiers present / Forces.Presence
	protect      []float64 // cells: protective soldiers present / Forces.Presence
	sustained    []int32   // cells: consecutive weeks with full presence
	cellKm       float64   // typical cell width in km
	yearFrac     float64   // one step in years
	levers       leverState
	homeCells    [NumGroups]int
	nbrStart     []int32            // cells+1: where each cell's neighbours start in nbrs
	nbrs         []int32            // every cell's neighbours, in cell order (a flat copy of the grid's)
	pMove        [NumGroups]float64 // this step's chance that a fighter considers moving
	pDefect      [NumGroups]float64 // this step's defection rate of an uncommitted fighter

	inside, outside []int32 // cells: active fighters of JNIM members and of the others

	pendKill, pendCap, remain []int32 // NumGroups×cells: losses settled in the next fighters' pass
	pendKeys                  []int32
}

// Group is the state of one component group.
type Group struct {
	Index       int
	ID          string
	P           *GroupParams
	JNIM        bool
	LeaderAlive bool
	Leaderless  bool // the leader died and no successor came forward
	ChurnUntil  int  // step until which the group is in leadership churn
	Cohesion    float64
	Treasury    float64
	Standing    float64 // the leader's political standing, 0..1
	Settled     bool    // a political settlement holds
	Active      int     // active fighters (kept up to date by the fighter rules)
	Revenue     [NumRevenue]float64
	Recruits    int
	Killed      int
	Captured    int
}

// Flows counts fighters' paths out of and back into groups since the start.
type Flows struct {
	Defected, Realigned, Criminal, Blended    int
	Programme, Reintegrated, Recidivists      int
	Split                                     int // hardliners who broke away after a settlement
	Killed, Captured, Recruited               int
	LeadersKilled                             int // local leaders and imams
	CiviliansKilledByForces, CiviliansByMilit int
}

// New builds replicate rep's world: it places fighters, communities,
// security forces and illicit networks on the grid. p must be valid
// (Validate) and g built at p.Map.Resolution; r is the replicate's stream.
func New(p *Params, g *sim.Grid, r *rand.Rand) *World {
	nc := len(g.Cells)
	w := &World{
		P: p, Grid: g, Rand: r,
		Clock:     sim.NewClock(p.Start, p.End, p.StepDays),
		band:      make([]int32, NumGroups*nc),
		attract:   make([]float64, NumGroups*nc),
		attractAt: make([]int32, NumGroups*nc),
		bandStart: make([]int32, NumGroups*nc),
		home:      make([]float64, NumGroups*nc),
		inArea:    make([]bool, NumGroups*nc),
		opp:       make([]float64, nc),
		popNorm:   make([]float64, nc),
		people:    make([]float64, nc),
		presence:  make([]float64, nc),
		protect:   make([]float64, nc),
		sustained: make([]int32, nc),
		pendKill:  make([]int32, NumGroups*nc),
		pendCap:   make([]int32, NumGroups*nc),
		remain:    make([]int32, NumGroups*nc),
		pendKeys:  make([]int32, 0, 256),
		inside:    make([]int32, nc),
		outside:   make([]int32, nc),
		lure:      make([]float64, nc),
	}
	for i := range w.homeCells {
		w.homeCells[i] = -1
	}
	w.nbrStart = make([]int32, nc+1)
	w.nbrs = make([]int32, 0, 8*nc)
	for c := range g.Cells {
		w.nbrs = append(w.nbrs, g.Cells[c].Neighbours...)
		w.nbrStart[c+1] = int32(len(w.nbrs))
	}
	w.cellKm = cellWidthKm(g)
	w.yearFrac = w.Clock.YearFraction()
	w.initZones()
	w.initOpportunity()
	w.initGroups()
	w.initCommunities()
	w.initFighters()
	w.initForces()
	w.initNetworks()
	w.levers.init(w)
	return w
}

func (w *World) initZones() {
	z := Zones(w.P, w.Grid)
	w.ZoneIDs, w.ZoneLabels, w.CellZone = z.IDs, z.Labels, z.Cell
}

// Zone returns the index of zone id, or -1.
func (w *World) Zone(id string) int { return slices.Index(w.ZoneIDs, id) }

// GroupIndex returns the index of group id, or -1.
func GroupIndex(id string) int { return slices.Index(GroupIDs[:], id) }

// Band returns the number of active fighters of group g in cell c.
func (w *World) Band(g, c int) int { return int(w.band[g*len(w.Grid.Cells)+c]) }

// Presence returns the government presence in cell c: soldiers present as
// a share of Forces.Presence (1 is full presence).
func (w *World) Presence(c int) float64 { return w.presence[c] }

// Sustained reports whether cell c has had full government presence for at
// least Forces.Sustained consecutive weeks.
func (w *World) Sustained(c int) bool { return int(w.sustained[c]) >= w.P.Forces.Sustained }

// Date returns the first day of the current step.
func (w *World) Date() sim.Date { return w.Clock.Date(w.Step) }

// Done reports whether every step has run.
func (w *World) Done() bool { return w.Step >= w.Clock.Steps }

// Advance runs one step: the rules in a fixed order, each drawing only from
// w.Rand. The step's events are in w.Log until the caller resets it.
func (w *World) Advance() {
	w.levers.update(w)
	w.updateLeadership()
	w.updatePresence()
	w.collectRevenue()
	w.updateNetworks()
	w.updateLure()
	w.updateAttraction()
	w.stepFighters()
	w.stepBands()
	w.respond()
	w.moveUnits()
	w.stepCommunities()
	w.recruit()
	w.negotiate()
	w.updateCohesion()
	w.Step++
}

// Run steps w to the end, calling observe after each step with the step's
// events in w.Log; the log is reset after each call. It stops at the first
// error observe returns.
func (w *World) Run(observe func(w *World) error) error {
	for !w.Done() {
		w.Log.Reset()
		w.Advance()
		if observe != nil {
			if err := observe(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// emit appends an event of the current step.
func (w *World) emit(e Event) {
	e.Step = int32(w.Step)
	w.Log.Emit(e)
}

// clamp01 limits x to [0, 1].
func clamp01(x float64) float64 { return max(0, min(1, x)) }
