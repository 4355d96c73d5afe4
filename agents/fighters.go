package agents

import (
	"math"
	"slices"
	"sort"

	"github.com/sahelsim/sahelsim/sim"
)

// Status is where a fighter stands.
type Status uint8

// Fighter statuses. Active and Returned fighters fight; the others have
// left the fight, for now or for good.
const (
	Active       Status = iota // fighting with his group
	Killed                     // killed in action
	Captured                   // captured by security forces
	Defected                   // left his group and blended back into a community
	InProgramme                // in a reintegration programme
	Reintegrated               // completed a programme and was accepted back
	Returned                   // returned to a group after leaving it (a recidivist)
	Criminal                   // struck out on his own in crime
	NumStatuses
)

var statusNames = [NumStatuses]string{"active", "killed", "captured", "defected", "in_programme",
	"reintegrated", "returned", "criminal"}

// String returns the snake_case name used in output files.
func (s Status) String() string {
	if s < NumStatuses {
		return statusNames[s]
	}
	return "invalid"
}

// Fights reports whether a fighter with status s is active in a group.
func (s Status) Fights() bool { return s == Active || s == Returned }

// A Fighter is one member of a group. Commitment runs from 0 (material:
// pay, loot, protection) to 1 (ideological).
type Fighter struct {
	Cell       int32
	Group      int8 // current group
	Origin     int8 // group he first fought for
	Status     Status
	Commitment float32
	Since      int32 // step of the last change of status
}

// initFighters places each group's starting fighters in its historical
// area, in proportion to closeness to home and to population.
func (w *World) initFighters() {
	total := 0
	for _, gp := range w.P.Groups.List() {
		total += gp.Fighters
	}
	// Room for every fighter the recruitment cap allows (and as many who
	// left and stay in the world), so the step loop never grows the slice.
	pop := 0.0
	for c := range w.Grid.Cells {
		pop += w.Grid.Cells[c].Population
	}
	w.Fighters = make([]Fighter, 0, 4*total+int(2*w.P.Recruitment.MaxShare*pop)+1024)
	nc := len(w.Grid.Cells)
	cum := make([]float64, nc) // running sums of the weights
	for gi, gp := range w.P.Groups.List() {
		sum := 0.0
		for c := range nc {
			if h := w.home[gi*nc+c]; h >= w.P.Fighters.StartHome {
				sum += h * h * (w.P.Fighters.StartPeople + math.Sqrt(w.popNorm[c]))
			}
			cum[c] = sum
		}
		for range gp.Fighters {
			// The first cell whose running sum passes the draw.
			x := w.uniform() * sum
			c := sort.Search(nc, func(i int) bool { return cum[i] > x })
			w.addFighter(gi, min(c, nc-1))
		}
	}
}

// pickWeighted returns the index at which the running sum of weights
// passes x (the last positive weight if rounding overshoots).
func pickWeighted(x float64, weights []float64) int {
	last := 0
	for i, v := range weights {
		if v <= 0 {
			continue
		}
		last = i
		x -= v
		if x < 0 {
			return i
		}
	}
	return last
}

// addFighter recruits a new fighter of group gi in cell c, with a
// commitment drawn from the group's ideological share. A would-be material
// recruit may take the other options a reintegration programme offers
// instead; addFighter reports whether he joined.
func (w *World) addFighter(gi, c int) bool {
	gp := w.Groups[gi].P
	var commit float64
	fp := &w.P.Fighters
	if w.uniform() < fp.Ideological*(1.5-gp.Political) {
		commit = fp.Committed + (1-fp.Committed)*w.uniform()
	} else {
		commit = fp.Material * w.uniform()
		if w.levers.deterred(w, gi, c) {
			return false
		}
	}
	if len(w.Fighters) == cap(w.Fighters) {
		w.compactFighters()
	}
	w.Fighters = append(w.Fighters, Fighter{Cell: int32(c), Group: int8(gi), Origin: int8(gi),
		Status: Active, Commitment: float32(commit), Since: int32(w.Step)})
	w.band[gi*len(w.Grid.Cells)+c]++
	w.occupied[c]++
	w.Groups[gi].Active++
	return true
}

// compactFighters drops the fighters who are out for good (killed or
// captured) to make room without allocating; they are counted in Flows and
// in the groups' tallies, and no rule refers to a fighter by index.
func (w *World) compactFighters() {
	w.Fighters = slices.DeleteFunc(w.Fighters, func(f Fighter) bool { return f.Status == Killed || f.Status == Captured })
}

// setStatus moves fighter f out of or into the fight, keeping the band
// counts and group totals in step.
func (w *World) setStatus(f *Fighter, s Status) {
	nc := len(w.Grid.Cells)
	if f.Status.Fights() {
		w.band[int(f.Group)*nc+int(f.Cell)]--
		w.occupied[f.Cell]--
		w.Groups[f.Group].Active--
	}
	if s.Fights() {
		w.band[int(f.Group)*nc+int(f.Cell)]++
		w.occupied[f.Cell]++
		w.Groups[f.Group].Active++
	}
	f.Status = s
	f.Since = int32(w.Step)
}

// switchGroup moves an active fighter to group gi (realignment).
func (w *World) switchGroup(f *Fighter, gi int) {
	nc := len(w.Grid.Cells)
	w.band[int(f.Group)*nc+int(f.Cell)]--
	w.Groups[f.Group].Active--
	f.Group = int8(gi)
	w.band[gi*nc+int(f.Cell)]++
	w.Groups[gi].Active++
}

// stepFighters lets every fighter move, defect, or finish a programme, and
// lets those who left go back. It first settles who was hit last step.
// The fighters who are out for good (killed or captured; they are counted
// in Flows and the groups' tallies) stay in the slice, skipped, until they
// are a sixteenth of it; then they are dropped, keeping the order of the
// others.
//
// Few fighters who left go back in a week: each does with a probability
// below w.pRec, so rather than a draw for each, the pass skips from one
// who may go back to the next by a geometric draw and gives him a uniform
// draw below the bound, which the rule compares with his own probability
// (the same distribution as a draw for every one, at the cost of the few).
func (w *World) stepFighters() {
	w.prepareFighters()
	w.beginLosses()
	pending := len(w.pendKeys) > 0
	pendAny := w.pendAny
	pIdle := &w.pIdle
	rec := sim.NewSkip(w.pRec)
	nextRec := rec.Next(w.Rand) // fighters who left to pass before the next who may go back
	out := 0
	fs := w.Fighters // no rule of the pass adds a fighter, so the slice stays put
	for i := range fs {
		f := &fs[i]
		switch f.Status {
		case Active, Returned:
			if pending && pendAny[int(f.Cell)*NumGroups+int(f.Group)] && w.settleLoss(f) {
				out++
				continue
			}
			// Most fighters neither defect nor move: a draw above the
			// group's bound needs no more work.
			if u := w.uniform(); u < pIdle[f.Group] {
				w.stepActive(f, u)
			}
		case InProgramme:
			w.stepProgramme(f)
		case Defected, Reintegrated:
			if nextRec > 0 {
				nextRec--
				break
			}
			w.maybeRecidivate(f, w.pRec*w.uniform())
			nextRec = rec.Next(w.Rand)
		case Criminal:
			w.stepCriminal(f)
			if f.Status == Captured {
				out++
			}
		case Killed, Captured:
			out++
		}
	}
	if out > len(w.Fighters)/16 {
		w.compactFighters()
	}
	w.endLosses()
}

// prepareFighters computes the per-group rates of this step's pass and
// their bounds (w.pIdle, w.pRec).
func (w *World) prepareFighters() {
	fp := &w.P.Fighters
	maxPres := 0.0
	for _, p := range w.presence {
		maxPres = max(maxPres, p)
	}
	amnesty := 1.0
	if r := w.P.Policy.Reintegration; r != nil && w.levers.on[LeverReintegration] && r.Mechanisms.Amnesty {
		amnesty += r.Amnesty * r.Intensity
	}
	for gi := range w.Groups {
		g := &w.Groups[gi]
		// A fighter considers a move with probability MoveShare; the
		// moves that stay in the cell are no moves at all, so only the
		// others are drawn (w.jumps holds them).
		w.pMove[gi] = fp.MoveShare * w.pJump
		d := fp.Defection * (1 - g.Cohesion)
		if !g.LeaderAlive {
			d *= fp.Leaderless
		}
		// Fighters a group cannot pay leave it: defection rises as the
		// treasury falls below a quarter of a year's upkeep.
		d *= 1 + fp.Unpaid*max(0, 1-w.payYears(gi)/fp.UnpaidYears)
		w.pDefect[gi] = d
		// No fighter of the group defects with a higher probability
		// than this: a draw above it and the move's share needs no more.
		w.pIdle[gi] = d*(1+fp.Pressure*maxPres)*amnesty + w.pMove[gi]
	}
	// Recidivism is at most Recidivism × (0.5 + 1 + 1) (grievance and
	// stigmatisation are at most 1).
	w.pRec = min(1, (fp.Relapse+2)*fp.Recidivism)
}

// hit takes up to n fighters of group gi in cell c out of the fight, a
// share capture of them captured and the rest killed, and returns how many
// of each. The band and group counts fall at once; which fighters they are
// is settled in the next pass over the fighters (settleLosses), so hitting
// a band costs O(1).
func (w *World) hit(gi, c, n int, capture float64) (killed, captured int) {
	k := gi*len(w.Grid.Cells) + c
	n = min(n, int(w.band[k]))
	if n <= 0 {
		return 0, 0
	}
	captured = w.binomial(n, capture)
	killed = n - captured
	if w.pendKill[k] == 0 && w.pendCap[k] == 0 {
		w.pendKeys = append(w.pendKeys, int32(k))
		w.pendAny[c*NumGroups+gi] = true
	}
	w.pendKill[k] += int32(killed)
	w.pendCap[k] += int32(captured)
	w.band[k] -= int32(n)
	w.occupied[c] -= int32(n)
	g := &w.Groups[gi]
	g.Active -= n
	g.Killed += killed
	g.Captured += captured
	g.losses += float64(n)
	w.Flows.Killed += killed
	w.Flows.Captured += captured
	return killed, captured
}

// available returns the fighters of group gi in cell c still able to fight.
func (w *World) available(gi, c int) int { return int(w.band[gi*len(w.Grid.Cells)+c]) }

// beginLosses prepares the selection of the fighters hit since the last
// pass: remain counts, per band, the candidates the pass will examine.
func (w *World) beginLosses() {
	for _, k := range w.pendKeys {
		w.remain[k] = w.band[k] + w.pendKill[k] + w.pendCap[k]
	}
}

// settleLoss decides, during the pass, whether fighter f is one of those
// hit in his band: each member is equally likely (selection sampling over
// the fighters in index order). It reports whether f is out.
func (w *World) settleLoss(f *Fighter) bool {
	k := int(f.Group)*len(w.Grid.Cells) + int(f.Cell)
	need := w.pendKill[k] + w.pendCap[k]
	if need == 0 {
		return false
	}
	out := w.uniform()*float64(w.remain[k]) < float64(need)
	w.remain[k]--
	if !out {
		return false
	}
	if w.uniform()*float64(need) < float64(w.pendCap[k]) {
		w.pendCap[k]--
		f.Status = Captured
	} else {
		w.pendKill[k]--
		f.Status = Killed
	}
	f.Since = int32(w.Step)
	return true
}

// endLosses clears the bookkeeping of the pass.
func (w *World) endLosses() {
	nc := len(w.Grid.Cells)
	for _, k := range w.pendKeys {
		w.pendKill[k], w.pendCap[k], w.remain[k] = 0, 0, 0
		w.pendAny[int(k)%nc*NumGroups+int(k)/nc] = false
	}
	w.pendKeys = w.pendKeys[:0]
}

// settleLosses runs a pass that only settles losses: used before rules
// that move fighters between groups outside the fighters' pass.
func (w *World) settleLosses() {
	if len(w.pendKeys) == 0 {
		return
	}
	w.beginLosses()
	for i := range w.Fighters {
		if f := &w.Fighters[i]; f.Status.Fights() {
			w.settleLoss(f)
		}
	}
	w.endLosses()
}

// binomial and poisson draw from the world's stream.
func (w *World) binomial(n int, p float64) int { return sim.Binomial(w.Rand, n, p) }
func (w *World) poisson(lambda float64) int    { return sim.Poisson(w.Rand, lambda) }
func (w *World) chance(p float64) bool         { return w.uniform() < p }
