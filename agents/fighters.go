package agents

import (
	"math"

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
	w.Fighters = make([]Fighter, 0, 4*total+1024)
	nc := len(w.Grid.Cells)
	weights := make([]float64, nc)
	for gi, gp := range w.P.Groups.List() {
		sum := 0.0
		for c := range nc {
			h := w.home[gi*nc+c]
			if h < 0.3 {
				weights[c] = 0
			} else {
				weights[c] = h * h * (0.2 + math.Sqrt(w.popNorm[c]))
			}
			sum += weights[c]
		}
		for range gp.Fighters {
			c := pickWeighted(w.Rand.Float64()*sum, weights)
			w.addFighter(gi, c)
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
// commitment drawn from the group's ideological share.
func (w *World) addFighter(gi, c int) {
	gp := w.Groups[gi].P
	var commit float64
	if w.Rand.Float64() < gp.Ideological {
		commit = 0.6 + 0.4*w.Rand.Float64()
	} else {
		commit = 0.45 * w.Rand.Float64()
	}
	w.Fighters = append(w.Fighters, Fighter{Cell: int32(c), Group: int8(gi), Origin: int8(gi),
		Status: Active, Commitment: float32(commit), Since: int32(w.Step)})
	w.band[gi*len(w.Grid.Cells)+c]++
	w.Groups[gi].Active++
}

// setStatus moves fighter f out of or into the fight, keeping the band
// counts and group totals in step.
func (w *World) setStatus(f *Fighter, s Status) {
	nc := len(w.Grid.Cells)
	if f.Status.Fights() {
		w.band[int(f.Group)*nc+int(f.Cell)]--
		w.Groups[f.Group].Active--
	}
	if s.Fights() {
		w.band[int(f.Group)*nc+int(f.Cell)]++
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
// lets those who left go back.
func (w *World) stepFighters() {
	for i := range w.Fighters {
		f := &w.Fighters[i]
		switch f.Status {
		case Active, Returned:
			if w.maybeDefect(f) {
				continue
			}
			w.maybeMove(f)
		case InProgramme:
			w.stepProgramme(f)
		case Defected, Reintegrated:
			w.maybeRecidivate(f)
		}
	}
}

// hit takes up to n fighters of group gi in cell c out of the fight, a
// share capture of them captured and the rest killed, and returns how many
// of each. Which fighters they are is settled by applyLosses at the end of
// the step, so hitting a band costs O(1).
func (w *World) hit(gi, c, n int, capture float64) (killed, captured int) {
	k := gi*len(w.Grid.Cells) + c
	n = min(n, int(w.band[k]-w.pendKill[k]-w.pendCap[k]))
	if n <= 0 {
		return 0, 0
	}
	captured = w.binomial(n, capture)
	killed = n - captured
	if w.pendKill[k] == 0 && w.pendCap[k] == 0 {
		w.pendKeys = append(w.pendKeys, int32(k))
	}
	w.pendKill[k] += int32(killed)
	w.pendCap[k] += int32(captured)
	g := &w.Groups[gi]
	g.Killed += killed
	g.Captured += captured
	w.Flows.Killed += killed
	w.Flows.Captured += captured
	return killed, captured
}

// available returns the fighters of group gi in cell c not already hit
// this step.
func (w *World) available(gi, c int) int {
	k := gi*len(w.Grid.Cells) + c
	return int(w.band[k] - w.pendKill[k] - w.pendCap[k])
}

// applyLosses picks, for every band hit this step, which of its fighters
// were killed or captured: each member is equally likely (selection
// sampling over the fighters in index order).
func (w *World) applyLosses() {
	if len(w.pendKeys) == 0 {
		return
	}
	nc := len(w.Grid.Cells)
	for _, k := range w.pendKeys {
		w.remain[k] = w.band[k]
	}
	for i := range w.Fighters {
		f := &w.Fighters[i]
		if !f.Status.Fights() {
			continue
		}
		k := int(f.Group)*nc + int(f.Cell)
		need := w.pendKill[k] + w.pendCap[k]
		if need == 0 {
			continue
		}
		if w.Rand.Float64()*float64(w.remain[k]) < float64(need) {
			if w.Rand.Float64()*float64(need) < float64(w.pendCap[k]) {
				w.pendCap[k]--
				w.setStatus(f, Captured)
			} else {
				w.pendKill[k]--
				w.setStatus(f, Killed)
			}
		}
		w.remain[k]--
	}
	for _, k := range w.pendKeys {
		w.pendKill[k], w.pendCap[k], w.remain[k] = 0, 0, 0
	}
	w.pendKeys = w.pendKeys[:0]
}

// binomial and poisson draw from the world's stream.
func (w *World) binomial(n int, p float64) int { return sim.Binomial(w.Rand, n, p) }
func (w *World) poisson(lambda float64) int    { return sim.Poisson(w.Rand, lambda) }
func (w *World) chance(p float64) bool         { return w.Rand.Float64() < p }
