package agents

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

// A World is one replicate of the Sahel model: the grid, the agents and
// their state at the current step. It is stepped by one goroutine.
//
// Observers (the callback of Run) read a World and must treat it as
// read-only: a change to its state would change the run.
type World struct {
	P      *Params
	Grid   *sim.Grid
	Layers *geo.Layers // the map's gold, routes and protected areas (internal/geo)
	Clock  sim.Clock
	Rand   *rand.Rand // the replicate's stream (drawn from w.fast)
	Log    sim.Log[Event]
	Step   int // the step about to run, or that has just run after Advance

	ZoneIDs    []string // zone ids, sorted, with RestZone last
	ZoneLabels []string
	CellZone   []int // zone index of each cell

	Groups      [NumGroups]Group
	Fighters    []Fighter
	Communities []Community // one per cell; cells without people have Base == 0
	Units       []Unit
	Networks    []Network

	// Hostility is the state of relations between JNIM's members and ISGS,
	// 0..1: cooperation below 1/3, tolerance up to 2/3, then open conflict
	// (Rivalry returns the state).
	Hostility float64

	// Counters since the start, for flows and summaries.
	Flows Flows

	fast         *sim.Fast
	band         []int32   // NumGroups×cells: active fighters of group g in cell c at index g*C+c
	occupied     []int32   // cells: active fighters of every group (the sum of band over groups)
	governed     []int32   // the cells where a group governs (Community.Governed ≥ 0), in order; set by stepCommunities
	attract      []float64 // NumGroups×cells: base attraction of a cell to a group this step, valid where attractAt == attractStamp
	attractOpp   []float64 // NumGroups×cells: its opportunity part, weighed by each fighter's need for money
	attractAt    []int32   // NumGroups×cells: stamp of the step attract was computed for
	homePull     [NumGroups]float64
	money        [NumGroups]float64 // this step's weight of opportunity for the group's fighters, before commitment
	attractStamp int32
	home         []float64 // NumGroups×cells: closeness to the group's historical area, 0..1
	inArea       []bool    // NumGroups×cells: the cell's region is one of the group's areas
	kin          [NumGroups][NumCommunities]bool
	kinShare     []float64 // NumGroups×cells: share of the cell's people of the group's kin
	opp          []float64 // cells: static opportunity (gold, routes, people, cover), here and around
	lure         []float64 // cells: pull of open illicit networks nearby
	popNorm      []float64 // cells: local density relative to a well-populated area (100 per km²), 0..1
	people       []float64 // cells: popNorm^0.75, how many people there are to attack
	presence     []float64 // cells: soldiers within Map.LocalKm / Forces.Presence
	protect      []float64 // cells: protective soldiers within Map.LocalKm / Forces.Presence
	presFelt     []float64 // cells: presence averaged over the local area, which fighters avoid
	sustained    []int32   // cells: consecutive weeks with presence at Forces.SustainedLevel
	cellKm       float64   // typical cell width in km
	yearFrac     float64   // one step in years
	levers       leverState
	homeCells    [NumGroups]int
	leaderAt     [NumGroups]int // cell of the group's leader, valid for the step in leaderStep − 1
	leaderStep   [NumGroups]int
	pMove        [NumGroups]float64 // this step's chance that a fighter considers moving
	pDefect      [NumGroups]float64 // this step's defection rate of an uncommitted fighter
	pIdle        [NumGroups]float64 // a bound on defection plus moving: a fighter drawing above it does nothing
	pRec         float64            // a bound on recidivism
	pJump        float64            // probability that a displacement leaves the cell
	jumps        []jump             // quantiles of a fighter's weekly displacement, in cells
	cellRow      []int32            // cells: row and column on the grid
	cellCol      []int32

	disc            discs     // every cell's local area (cells within Map.LocalKm)
	local           []float64 // cells×NumGroups (cell-major): a group's fighters within Map.LocalKm of the cell
	popLocal        []float64 // cells: inhabitants (at the start) within Map.LocalKm
	gold, transit   []float64 // cells: artisanal gold and transit intensity, local means
	cover           []float64 // cells: protected-area cover, local mean
	inside, outside []float64 // cells: local force of JNIM members and of the others

	localArea     float64    // π·Map.LocalKm², km²
	rivalryPush   float64    // hostility added this step by clashes, realignments and network switches
	countryOf     []int8     // cells: index of the country in Grid.Countries
	countryPop    [3]float64 // inhabitants at the start per country
	countryEvents [3]float64 // militant events per country over about the last year (exponential window)
	countryArmed  [3]bool    // the state arms volunteers

	scratch    []weighted                         // reused by weighted draws
	patterns   [][NumCommunities]bool             // the distinct kin of the groups
	patOf      [NumGroups]int                     // each group's pattern
	patPeoples [][]int                            // the peoples of each pattern
	kinW       [NumGroups][NumCommunities]float64 // patterns × peoples: weight in recruitment (kinWeights)
	homeT      []float64                          // cells×NumGroups: home, transposed (a cell's groups together)
	susPat     [][NumGroups]float64               // cells × patterns: people × susceptibility to the pattern's groups
	senses     []sense                            // cells: what a band there senses of its local area
	susAt      []int32                            // cells: stamp of the step susPat was computed for
	susStamp   int32
	feltAt     []int32 // cells: step (+1) presFelt was computed for

	pendKill, pendCap, remain []int32 // NumGroups×cells: losses settled in the next fighters' pass
	pendKeys                  []int32
	pendAny                   []bool // cells×NumGroups (cell-major, as a fighter finds it): a band with losses pending

	timeline   timelineState // the scenario's dated shocks (timeline.go)
	forceCells [][]bool      // by force: the cells its units may operate in (only with a timeline)
}

// Group is the state of one component group.
type Group struct {
	Index        int
	ID           string
	P            *GroupParams
	JNIM         bool
	LeaderAlive  bool
	Leaderless   bool // the leader died and no successor came forward
	ChurnUntil   int  // step until which the group is in leadership churn
	Cohesion     float64
	Treasury     float64
	Standing     float64 // the leader's political standing, 0..1
	Talks        TalkState
	Progress     float64 // progress of talks towards a settlement, 0..1
	TalksFrom    int     // step talks opened, or after which they may reopen
	Active       int     // active fighters (kept up to date by the fighter rules)
	Revenue      [NumRevenue]float64
	Recruits     int
	Killed       int
	Captured     int
	LeaderDeaths int // leaders lost since the start (historical and in operations)
	Decapitated  int // leaders lost in targeted operations

	losses  float64 // fighters lost over about the last quarter (exponential window), for war weariness
	spoiled float64 // attacks on the state and civilians in the group's area this step, for spoilers
}

// Settled reports whether a settlement holds for the group.
func (g *Group) Settled() bool { return g.Talks == Settled }

// Flows counts fighters' paths out of and back into groups since the start.
type Flows struct {
	Defected, Realigned, Criminal, Blended    int
	Programme, Reintegrated, Recidivists      int
	Split                                     int // hardliners who broke away after a settlement
	Killed, Captured, Recruited               int
	RecruitedBack, Arrested                   int // criminals who went back to a group, or were arrested
	CriminalEvents                            int // attacks by criminals
	Claimed                                   int // militant attacks claimed
	LeadersKilled                             int // local leaders and imams
	CiviliansKilledByForces, CiviliansByMilit int // by forces' operations; by militant attacks
	CiviliansByMilitia                        int // by militias' strikes
}

// A Prepared world is what every replicate of a run builds alike from the
// parameters and the grid, before any random draw: the map's layers, every
// cell's local area, population, gold, transit and cover, the zones, the
// static opportunity of each cell, the reach of the illicit networks, the
// groups' historical areas, their kin's share of every local area and the
// communities' starting state (which each world copies and then owns). A
// run prepares it once (Prepare) and builds each replicate's world from it
// (Prepared.New); the worlds share its slices, which no rule writes, so
// replicates may run in parallel. A world built by New is the same as one
// built by Prepare(p, g).New(r).
type Prepared struct {
	proto *World // the static fields, set; nothing else
}

// Prepare prepares the worlds of parameters p on grid g. p must be valid
// (Validate) and g built at p.Map.Resolution.
func Prepare(p *Params, g *sim.Grid) *Prepared {
	nc := len(g.Cells)
	w := &World{P: p, Grid: g,
		opp:       make([]float64, nc),
		popNorm:   make([]float64, nc),
		people:    make([]float64, nc),
		countryOf: make([]int8, nc),
		cellRow:   make([]int32, nc),
		cellCol:   make([]int32, nc),
	}
	w.cellKm = cellWidthKm(g)
	w.disc = newDiscs(g, p.Map.LocalKm)
	w.localArea = math.Pi * p.Map.LocalKm * p.Map.LocalKm
	w.popLocal = w.localPopulation()
	layers, err := geo.NewLayers(g)
	if err != nil {
		// The map data are embedded and checked by internal/geo's tests:
		// failing here is a bug, not bad input.
		panic(err)
	}
	w.Layers = layers
	w.gold = w.localMean(func(c int) float64 { return layers.Gold[c] })
	w.transit = w.localMean(func(c int) float64 { return layers.Transit[c] })
	w.cover = w.localMean(func(c int) float64 { return layers.Protected[c] })
	for c := range g.Cells {
		w.cellRow[c], w.cellCol[c] = int32(g.Cells[c].Row), int32(g.Cells[c].Col)
		ci := g.Regions[g.Cells[c].Region].Country
		w.countryOf[c] = int8(ci)
		if ci < len(w.countryPop) {
			w.countryPop[ci] += g.Cells[c].Population
		}
	}
	w.initZones()
	w.initOpportunity()
	w.reachNetworks()
	w.initGroups() // the kin, for the communities' shares of it
	w.initHomes()
	if err := w.initCommunities(); err != nil {
		// The composition table is embedded and checked by Validate and
		// the tests: failing here is a bug, not bad input.
		panic(err)
	}
	return &Prepared{proto: w}
}

// New builds replicate rep's world: it places fighters, communities,
// security forces and illicit networks on the grid. p must be valid
// (Validate) and g built at p.Map.Resolution; r is the replicate's stream.
// Replicates of one run build their worlds faster from one Prepare.
func New(p *Params, g *sim.Grid, r *rand.Rand) *World { return Prepare(p, g).New(r) }

// New builds a world of the prepared parameters and grid, drawing from r,
// the replicate's stream.
func (pr *Prepared) New(r *rand.Rand) *World {
	s := pr.proto
	p, g := s.P, s.Grid
	if len(p.Timeline.Shocks) > 0 {
		p = ownParams(p) // shocks change the world's parameters, not the scenario's
	}
	nc := len(g.Cells)
	w := &World{
		P: p, Grid: g,
		Clock:      sim.NewClock(p.Start, p.End, p.StepDays),
		Hostility:  p.Rivalry.Start,
		band:       make([]int32, NumGroups*nc),
		occupied:   make([]int32, nc),
		governed:   make([]int32, 0, nc),
		attract:    make([]float64, NumGroups*nc),
		attractOpp: make([]float64, NumGroups*nc),
		attractAt:  make([]int32, NumGroups*nc),
		local:      make([]float64, NumGroups*nc),
		presence:   make([]float64, nc),
		protect:    make([]float64, nc),
		presFelt:   make([]float64, nc),
		feltAt:     make([]int32, nc),
		sustained:  make([]int32, nc),
		pendKill:   make([]int32, NumGroups*nc),
		pendCap:    make([]int32, NumGroups*nc),
		pendAny:    make([]bool, NumGroups*nc),
		remain:     make([]int32, NumGroups*nc),
		pendKeys:   make([]int32, 0, 256),
		inside:     make([]float64, nc),
		outside:    make([]float64, nc),
		lure:       make([]float64, nc),
		senses:     make([]sense, nc),
		// Shared with every world of the run: read only.
		Layers: s.Layers, ZoneIDs: s.ZoneIDs, ZoneLabels: s.ZoneLabels, CellZone: s.CellZone,
		opp: s.opp, popNorm: s.popNorm, people: s.people,
		countryOf: s.countryOf, countryPop: s.countryPop, cellRow: s.cellRow, cellCol: s.cellCol,
		cellKm: s.cellKm, disc: s.disc, localArea: s.localArea, popLocal: s.popLocal,
		gold: s.gold, transit: s.transit, cover: s.cover,
		home: s.home, inArea: s.inArea, homeT: s.homeT, kinShare: s.kinShare,
		// The communities start alike; each world changes its own.
		Communities: slices.Clone(s.Communities),
	}
	// The world draws from its own fast generator, seeded from r, so that
	// the hot paths call it directly (w.uniform) rather than through
	// rand.Rand's interface; w.Rand draws from the same stream.
	w.fast = sim.NewFast(r)
	w.Rand = rand.New(w.fast)
	for i := range w.homeCells {
		w.homeCells[i] = -1
	}
	w.yearFrac = w.Clock.YearFraction()
	w.initGroups()
	w.initPatterns()
	w.initFighters()
	w.initJumps()
	w.updateLocal() // forces deploy where militants are: count them first
	w.initForces()
	w.initNetworks(s.Networks)
	w.levers.init(w)
	if len(p.Timeline.Shocks) > 0 {
		w.initTimeline()
	}
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
	if t := &w.timeline; t.next < len(t.steps) && t.steps[t.next] <= w.Step {
		w.applyShocks()
	}
	w.levers.update(w)
	w.updateLeadership()
	w.updatePresence()
	w.collectRevenue()
	w.updateNetworks()
	w.updateLure()
	w.updateAttraction()
	w.stepFighters()
	w.updateLocal()
	w.stepBands()
	w.respond()
	w.moveUnits()
	w.stepCommunities()
	w.recruit()
	w.updateRivalry()
	w.negotiate()
	w.updateCohesion()
	w.countEvents()
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

// uniform returns a uniform draw in [0, 1) from the world's stream, as
// w.Rand.Float64 does, without the interface call.
func (w *World) uniform() float64 { return w.fast.Float64() }

// clamp01 limits x to [0, 1]: max(0, min(1, x)), NaN and −0 included
// (−0 gives +0), with branches that the usual x in (0, 1) predicts, where
// the built-ins' sign handling costs a dozen instructions.
func clamp01(x float64) float64 {
	if x > 0 {
		if x < 1 {
			return x
		}
		return 1
	}
	if x != x { // NaN
		return x
	}
	return 0
}
