package agents

import "math"

// A Community is the population of one cell, with its attitudes, its
// leaders, its economy and its self-defence militia. Attitudes run from 0
// to 1.
type Community struct {
	Base          float64 // inhabitants at the start
	Population    float64 // inhabitants present (not displaced)
	Displaced     float64 // inhabitants who fled and have not returned
	Grievance     float64 // against the state: neglect, abuses, reprisals
	Fear          float64 // of militant violence
	Stigma        float64 // perceived affiliation with militants, which draws reprisals
	SupportState  float64
	Support       [NumGroups]float32 // support for each group
	Leaders       float64            // local leaders and imams present
	Threatened    float64            // share of leaders under militant threat
	LeadersKilled int
	Governed      int8    // group imposing its courts and zakat here, or -1
	Mining        float64 // share of livelihoods from artisanal mining
	Herding       float64 // share from herding
	Trade         float64 // share from trade and transport
	Militia       float64 // strength of the self-defence militia, 0..1
	Regularised   bool    // artisanal mining regularised by the state
	Reprisals     int     // reprisals suffered since the start
}

// initCommunities creates one community per populated cell, its economy
// from the map (gold → mining, routes → trade, the rest herding and
// farming) and attitudes from the scenario's starting levels. Communities
// in a group's historical area start with some support for it.
func (w *World) initCommunities() {
	cp := &w.P.Communities
	nc := len(w.Grid.Cells)
	w.Communities = make([]Community, nc)
	for c := range w.Communities {
		cell := &w.Grid.Cells[c]
		cm := &w.Communities[c]
		cm.Governed = -1
		if cell.Population < 1 {
			continue
		}
		cm.Base = cell.Population
		cm.Population = cell.Population
		cm.Grievance = cp.Grievance
		cm.SupportState = 0.5
		cm.Leaders = max(1, cell.Population/1e4*cp.LeadersPer)
		cm.Mining = 0.5 * cell.Gold
		cm.Trade = 0.3 * cell.Transit
		cm.Herding = (1 - cm.Mining - cm.Trade) * 0.5
		for gi := range w.Groups {
			cm.Support[gi] = float32(0.15 * w.home[gi*nc+c])
		}
	}
}

// stepCommunities updates every community: fear and stigmatisation fade,
// grievance returns to its usual level unless fed; protection and presence
// restore trust in the state; militant governance takes hold where a group
// dominates and the state is absent; militias rise where fear is high and
// the state absent; people flee fear and come back when it fades.
func (w *World) stepCommunities() {
	cp := &w.P.Communities
	nc := len(w.Grid.Cells)
	bs := w.P.Fighters.BandSize
	for c := range w.Communities {
		cm := &w.Communities[c]
		if cm.Base == 0 {
			continue
		}
		cm.Fear *= 1 - cp.FearDecay
		cm.Stigma *= 1 - cp.StigmaDecay
		cm.Grievance += cp.GrievanceDecay * (cp.Grievance - cm.Grievance)
		pres, prot := w.presence[c], w.protect[c]
		if prot > 0 {
			cm.SupportState = clamp01(cm.SupportState + 0.02*min(prot, 1))
			cm.Grievance = clamp01(cm.Grievance - 0.005*min(prot, 1))
			cm.Fear *= 1 - 0.05*min(prot, 1)
		}
		if cm.Regularised {
			cm.Grievance = clamp01(cm.Grievance - 0.002*cm.Mining)
		}

		// Militant governance: the strongest group here, if it outnumbers
		// the state and wants to govern, imposes its courts and zakat.
		strongest, most := -1, 0.0
		for gi := range w.Groups {
			n := float64(w.band[gi*nc+c])
			if n > most {
				strongest, most = gi, n
			}
		}
		cm.Governed = -1
		if strongest >= 0 && most >= bs*(0.5+pres) && w.Groups[strongest].P.Governance > 0.4 {
			cm.Governed = int8(strongest)
			cm.Threatened = clamp01(cm.Threatened + 0.05)
			gs := float64(cm.Support[strongest])
			// Courts settle disputes (some acceptance); coercion breeds fear.
			cm.Support[strongest] = float32(clamp01(gs + 0.003*w.Groups[strongest].P.Governance))
			cm.Fear = clamp01(cm.Fear + 0.01)
		} else {
			cm.Threatened *= 0.95
		}
		for gi := range w.Groups {
			// Support fades unless renewed, and stigmatised communities turn
			// to whoever protects them.
			s := float64(cm.Support[gi])
			s += 0.002*cm.Stigma*w.home[gi*nc+c] - 0.002*s
			cm.Support[gi] = float32(clamp01(s))
		}

		// Self-defence militias.
		if cm.Fear > cp.FearThreshold && pres < 0.5 {
			cm.Militia = clamp01(cm.Militia + cp.Militia*(cm.Fear-cp.FearThreshold)*2)
		} else {
			cm.Militia *= 0.995
		}
		if cm.Militia > 0.2 && w.chance(0.02*cm.Militia) {
			w.militiaReprisal(c)
		}

		// Displacement and return.
		if cm.Fear > cp.FearThreshold {
			fled := cm.Population * cp.Displacement * (cm.Fear - cp.FearThreshold) * 2
			cm.Population -= fled
			cm.Displaced += fled
			if fled >= 500 {
				w.emit(Event{Cell: int32(c), Type: Displacement, Target: TargetNone, Perpetrator: ActorNone,
					Label: ActorNone, Against: -1, Displaced: int32(math.Round(fled))})
			}
		} else if cm.Fear < cp.FearThreshold/2 && cm.Displaced > 0 {
			back := cm.Displaced * cp.Return
			cm.Displaced -= back
			cm.Population += back
		}
	}
}

// militiaReprisal: a community's militia strikes a neighbouring community
// it suspects of harbouring militants (the most stigmatised nearby), the
// ethnically based reprisals that feed recruitment.
func (w *World) militiaReprisal(c int) {
	target, worst := -1, 0.15
	for _, nb := range w.Grid.Cells[c].Neighbours {
		cm := &w.Communities[nb]
		if cm.Base == 0 {
			continue
		}
		if s := cm.Stigma + 0.1*float64(w.inside[nb]+w.outside[nb])/w.P.Fighters.BandSize; s > worst {
			target, worst = int(nb), s
		}
	}
	if target >= 0 {
		w.reprisal(target, ActorMilitia, 2)
	}
}
