package agents

import "math"

// TalkState is where a group stands in negotiations with governments.
type TalkState uint8

// Talk states.
const (
	NoTalks   TalkState = iota // no talks under way
	Talking                    // talks under way
	Partial                    // a partial deal: local ceasefires
	Settled                    // a settlement holds
	Collapsed                  // talks collapsed or a deal broke down; they may reopen after a cooldown
	NumTalkStates
)

var talkNames = [NumTalkStates]string{"none", "talking", "partial", "settled", "collapsed"}

// String returns the snake_case name used in output files.
func (s TalkState) String() string {
	if s < NumTalkStates {
		return talkNames[s]
	}
	return "invalid"
}

// negotiate runs the settlement process with the groups the settlement
// lever targets. Talks open with a willing leader (political aims), the
// likelier the heavier the group's recent losses (the state of the war);
// they progress with the leader's political aims and are set back by the
// attacks its hardliners keep making (spoilers); at Partial progress a
// partial deal (local ceasefires) holds, at 1 a settlement, and the
// hardliners break away; talks that fall back to nothing collapse.
func (w *World) negotiate() {
	ps := w.P.Policy.PoliticalSettlement
	if ps == nil {
		return
	}
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Active == 0 || !w.levers.targets(LeverPoliticalSettlement, gi) {
			continue
		}
		pol := g.P.Political
		switch g.Talks {
		case NoTalks, Collapsed:
			if g.Talks == Collapsed && w.Step < g.TalksFrom {
				continue
			}
			if !g.LeaderAlive {
				continue // nobody to sign
			}
			weariness := min(1, g.losses/max(1, float64(g.Active)))
			if w.chance(ps.Talks * ps.Intensity * pol * (ps.Weariness + weariness)) {
				g.Talks, g.Progress, g.TalksFrom = Talking, 0, w.Step
			}
		case Talking, Partial:
			step := ps.Progress * ps.Intensity * pol
			if !g.LeaderAlive {
				step = 0 // talks stall without a leader to sign
			}
			g.Progress += step - ps.Spoilers*g.spoiled
			switch {
			case g.Progress >= 1:
				g.Talks, g.Progress = Settled, 1
				if ps.Mechanisms.Split {
					w.splitHardliners(gi)
				}
			case g.Progress < 0:
				w.collapse(gi)
			case g.Progress >= ps.Partial:
				g.Talks = Partial
			default:
				g.Talks = Talking
			}
		}
	}
}

// collapse ends group gi's talks or deal: they may reopen after the
// cooldown.
func (w *World) collapse(gi int) {
	g := &w.Groups[gi]
	g.Talks, g.Progress = Collapsed, 0
	g.TalksFrom = w.Step + int(math.Round(float64(w.P.Policy.PoliticalSettlement.Cooldown*7)/float64(w.P.StepDays)))
}

// splitHardliners moves each committed fighter of group gi, with the
// lever's split probability, to the most hardline group near him (a group
// with less political aims, the one with most fighters around him, or the
// largest such group overall).
func (w *World) splitHardliners(gi int) {
	w.settleLosses() // who was hit this step must not change sides
	split := w.P.Policy.PoliticalSettlement.Split
	pol := w.Groups[gi].P.Political
	for i := range w.Fighters {
		f := &w.Fighters[i]
		if int(f.Group) != gi || !f.Status.Fights() || float64(f.Commitment) < w.P.Fighters.Committed || !w.chance(split) {
			continue
		}
		to, most := -1, -1
		c := int(f.Cell)
		for gj := range w.Groups {
			gj2 := &w.Groups[gj]
			if gj == gi || gj2.Settled() || gj2.Leaderless || gj2.P.Political >= pol {
				continue
			}
			n := int(math.Round(w.Local(gj, c)))*100000 + gj2.Active // near first, then largest
			if n > most {
				to, most = gj, n
			}
		}
		if to >= 0 {
			w.switchGroup(f, to)
			w.Flows.Split++
		}
	}
}
