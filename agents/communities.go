package agents

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/sahelsim/sahelsim/internal/geo"
)

// The communal layer: every populated cell holds a community made of the
// peoples of its region (internal/geo's composition table), with a
// grievance and a stigmatisation of its own for each people. A people is
// stigmatised as affiliated with the groups whose kin networks run through
// it; farmers' self-defence militias form where farmers are afraid and the
// state is absent, and strike the stigmatised herders nearby; reprisals,
// by militias or by blunt security operations, raise the grievance and the
// stigmatisation of their victims, who then join the groups of their kin.

// NumCommunities is the number of peoples of the communal layer.
const NumCommunities = len(geo.CommunityIDs)

// CommunityIDs are the ids of the peoples, in index order.
var CommunityIDs = geo.CommunityIDs

// People indices.
const (
	Fulani = iota
	Dogon
	Mossi
	Sedentary
	TuaregArab
)

// herder reports whether people k lives mostly from herding (and so is
// the target of farmers' militias); the others farm or fish.
func herder(k int) bool { return k == Fulani || k == TuaregArab }

// CommunityIndex returns the index of people id, or -1.
func CommunityIndex(id string) int { return slices.Index(CommunityIDs[:], id) }

// communityTable parses the embedded composition table once per process
// (the data are constant).
var communityTable = sync.OnceValues(geo.Communities)

// A Community is the population of one cell, with its peoples, their
// attitudes, its leaders, its economy and its self-defence militia.
// Attitudes run from 0 to 1.
type Community struct {
	Base       float64 // inhabitants at the start
	Population float64 // inhabitants present (not displaced)
	Displaced  float64 // inhabitants who fled and have not returned

	Share     [NumCommunities]float64 // share of each people in the population
	Grievance [NumCommunities]float64 // of each people: against the state and the communities that attack it
	Stigma    [NumCommunities]float64 // of each people: perceived affiliation with militants, which draws reprisals
	Fear      float64                 // of violence

	SupportState  float64
	Support       [NumGroups]float32 // support for each group
	Leaders       float64            // local leaders and imams present
	LeadersStart  float64            // local leaders and imams at the start
	Threatened    float64            // threat to the leaders from a group that governs, 0..1
	LeadersKilled int
	Governed      int8    // group imposing its courts and zakat here, or -1
	Rule          float64 // how firmly it does: its control of the local area, 0..1
	Mining        float64 // share of livelihoods from artisanal mining
	Herding       float64 // share from herding
	Trade         float64 // share from trade and transport
	Militia       float64 // strength of the farmers' self-defence militia, 0..1
	Armed         bool    // the state has armed the militia (volunteers)
	Regularised   bool    // artisanal mining regularised by the state
	Reprisals     int     // reprisals suffered since the start
}

// MeanGrievance returns the grievance of the community, weighted by its
// peoples' shares.
func (cm *Community) MeanGrievance() float64 {
	s := 0.0
	for k, v := range cm.Grievance {
		s += cm.Share[k] * v
	}
	return s
}

// MeanStigma returns the stigmatisation of the community, weighted by its
// peoples' shares.
func (cm *Community) MeanStigma() float64 {
	s := 0.0
	for k, v := range cm.Stigma {
		s += cm.Share[k] * v
	}
	return s
}

// farmers returns the share of the community's people who farm or fish.
func (cm *Community) farmers() float64 {
	return cm.Share[Dogon] + cm.Share[Mossi] + cm.Share[Sedentary]
}

// initCommunities creates one community per populated cell: its peoples
// from its region's composition, its economy from the map (gold → mining,
// routes → trade, herders → herding) and attitudes from the scenario's
// starting levels. Communities in a group's historical area start with
// some support for it.
func (w *World) initCommunities() error {
	table, err := communityTable()
	if err != nil {
		return err
	}
	shares := make([][NumCommunities]float64, len(w.Grid.Regions))
	found := make([]bool, len(w.Grid.Regions))
	for _, rc := range table {
		if ri := w.Grid.RegionIndex(rc.ISO3, rc.Region); ri >= 0 {
			shares[ri], found[ri] = rc.Shares, true
		}
	}
	for ri, ok := range found {
		if !ok {
			return fmt.Errorf("agents: no communal composition for region %s", w.Grid.Regions[ri].Name)
		}
	}
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
		cm.Share = shares[cell.Region]
		for k := range cm.Grievance {
			cm.Grievance[k] = cp.Grievance
		}
		cm.SupportState = cp.StateStart
		cm.Leaders = cell.Population / 1e4 * cp.LeadersPer
		cm.LeadersStart = max(cm.Leaders, 1e-9)
		cm.Mining = cp.MiningShare * w.gold[c]
		cm.Trade = cp.TradeShare * w.transit[c]
		cm.Herding = (1 - cm.Mining - cm.Trade) * (cm.Share[Fulani] + cm.Share[TuaregArab])
		for gi := range w.Groups {
			cm.Support[gi] = float32(cp.GroupStart * w.home[gi*nc+c])
		}
	}
	// Static shares by group: the share of the people of a cell's local
	// area who are of the group's kin (weighted by population, so the
	// borders between regions do not sharpen with the resolution).
	w.kinShare = make([]float64, NumGroups*nc)
	for gi := range w.Groups {
		for c := range nc {
			var s, pop float64
			cells, wts := w.disc.of(c)
			for i, j := range cells {
				cm := &w.Communities[j]
				p := float64(wts[i]) * cm.Base
				for k := range NumCommunities {
					if w.kin[gi][k] {
						s += p * cm.Share[k]
					}
				}
				pop += p
			}
			if pop > 0 {
				w.kinShare[gi*nc+c] = s / pop
			}
		}
	}
	return nil
}

// stepCommunities updates every community: fear and stigmatisation fade,
// grievance returns to its usual level unless fed; protection restores
// trust in the state; militant governance takes hold where a group
// dominates and the state is absent; militias rise where farmers are
// afraid and the state absent, and strike; people flee fear and come back
// when it passes.
func (w *World) stepCommunities() {
	cp := &w.P.Communities
	w.updateArming()
	w.governed = w.governed[:0]
	for c := range w.Communities {
		cm := &w.Communities[c]
		if cm.Base == 0 {
			continue
		}
		cm.Fear *= 1 - cp.FearDecay
		for k := range cm.Stigma {
			cm.Stigma[k] *= 1 - cp.StigmaDecay
			cm.Grievance[k] += cp.GrievanceDecay * (cp.Grievance - cm.Grievance[k])
		}
		pres, prot := w.presence[c], min(w.protect[c], 1)
		if prot > 0 {
			cm.SupportState = clamp01(cm.SupportState + cp.Protection*prot)
			for k := range cm.Grievance {
				cm.Grievance[k] = clamp01(cm.Grievance[k] - cp.ProtectGrievance*cp.Protection*prot)
			}
			cm.Fear *= 1 - min(1, cp.ProtectFear*cp.Protection*prot)
		}
		if cm.Regularised {
			for k := range cm.Grievance {
				cm.Grievance[k] = clamp01(cm.Grievance[k] - cp.Regularised*cm.Mining)
			}
		}

		// Militant governance: the group with most fighters nearby, if its
		// aims are social and religious, imposes its courts and zakat, as
		// firmly as it controls the local area (Kalyvas: the share of the
		// armed force it holds against the state, rivals and militias).
		strongest, most := -1, 0.0
		if w.inside[c]+w.outside[c] > 0 { // else no group has fighters near
			local := w.local[c*NumGroups : (c+1)*NumGroups : (c+1)*NumGroups]
			for gi, n := range local {
				if n > most {
					strongest, most = gi, n
				}
			}
		}
		cm.Governed, cm.Rule = -1, 0
		if strongest >= 0 && w.drive(strongest) >= w.P.Leadership.Govern {
			cm.Governed = int8(strongest)
			w.governed = append(w.governed, int32(c))
			cm.Rule = w.control(strongest, c)
		}
		if r := cm.Rule; r > 0 {
			cm.Threatened = clamp01(cm.Threatened + cp.Threat*r - cp.Threat*(1-r)*cm.Threatened)
			gs := float64(cm.Support[strongest])
			// Courts settle disputes (some acceptance); coercion breeds fear.
			cm.Support[strongest] = float32(clamp01(gs + cp.RuleSupport*cp.Support*w.drive(strongest)*r))
			cm.Fear = clamp01(cm.Fear + cp.RuleFear*cp.Support*r)
		} else {
			cm.Threatened *= 1 - cp.Threat
		}
		// Support fades unless renewed, and stigmatised people lean
		// towards the groups of their kin, who protect them.
		var shareStig [NumCommunities]float64
		for k, v := range cm.Stigma {
			shareStig[k] = cm.Share[k] * v
		}
		var kinStig [NumGroups]float64 // by pattern of kin
		for p, peoples := range w.patPeoples {
			for _, k := range peoples {
				kinStig[p] += shareStig[k]
			}
		}
		home := w.homeT[c*NumGroups : (c+1)*NumGroups : (c+1)*NumGroups]
		for gi, h := range home {
			s := float64(cm.Support[gi])
			s += cp.Support * (kinStig[w.patOf[gi]]*h - s)
			cm.Support[gi] = float32(clamp01(s))
		}

		// Farmers' self-defence militias, where fear is high and the
		// state cannot protect them.
		if f := cm.farmers(); cm.Fear > cp.FearThreshold && f > 0 {
			grow := cp.Militia * (cm.Fear - cp.FearThreshold) * f * (1 - min(pres, 1))
			if cm.Armed {
				grow += cp.Arming * cm.Fear * f
			}
			cm.Militia = clamp01(cm.Militia + grow)
		} else {
			cm.Militia *= 1 - cp.MilitiaDecay
		}
		if cm.Militia > 0 {
			// Strikes in proportion to the farmers the militia draws on.
			for k := w.poisson(cp.MilitiaStrike * cm.Militia * cm.Population * cm.farmers() / 1e5); k > 0; k-- {
				w.militiaStrike(c)
			}
		}

		w.displace(c)
	}
}

// displace moves the people of cell c: the share of them who would flee
// at the community's fear is FlightMax × fear; people flee towards that
// share at the weekly rate Displacement and come back at the weekly rate
// Return when fear has fallen below it. No more can flee than are
// present, and the displaced of a cell never outnumber FlightMax of its
// people: the stock is bounded however long the conflict lasts.
func (w *World) displace(c int) {
	cp := &w.P.Communities
	cm := &w.Communities[c]
	target := cm.Base * cp.FlightMax * cm.Fear
	switch {
	case cm.Displaced < target:
		fled := min(cm.Population, (target-cm.Displaced)*cp.Displacement)
		cm.Population -= fled
		cm.Displaced += fled
		if fled >= cp.FlightEvent*w.Grid.Cells[c].AreaKm2/w.localArea {
			w.emit(Event{Cell: int32(c), Type: Displacement, Target: TargetNone, Perpetrator: ActorNone,
				Label: ActorNone, Against: -1, Displaced: int32(math.Round(fled))})
		}
	case cm.Displaced > target:
		back := (cm.Displaced - target) * cp.Return
		cm.Displaced -= back
		cm.Population += back
	}
}

// drive returns group gi's drive to govern: its religious and social aims,
// 1 − political.
func (w *World) drive(gi int) float64 { return 1 - w.Groups[gi].P.Political }

// militiaStrike: the militia of cell c strikes herders nearby (within
// twice Map.LocalKm) it suspects of harbouring militants: a community drawn
// in proportion to its stigmatised herders (herders × their
// stigmatisation), the ethnically based reprisals that feed recruitment.
// A strike kills in proportion to the militia's strength and the farmers
// it draws on (Ogossagou, 2019). The draw, rather than the worst
// community, keeps the choice the same at every resolution.
func (w *World) militiaStrike(c int) {
	w.scratch = w.scratch[:0]
	total := 0.0
	w.within(c, w.P.Communities.StrikeReach*w.P.Map.LocalKm, func(j int) {
		cm := &w.Communities[j]
		if cm.Base == 0 {
			return
		}
		s := (cm.Share[Fulani]*cm.Stigma[Fulani] + cm.Share[TuaregArab]*cm.Stigma[TuaregArab]) * cm.Base
		if s > 0 {
			w.scratch = append(w.scratch, weighted{j, s})
			total += s
		}
	})
	if total == 0 {
		return
	}
	target := w.scratch[len(w.scratch)-1].cell
	x := w.uniform() * total
	for _, t := range w.scratch {
		if x -= t.w; x < 0 {
			target = t.cell
			break
		}
	}
	cm := &w.Communities[c]
	cp := &w.P.Communities
	mean := cp.MilitiaKill * cm.Militia * w.popLocal[c] * cm.farmers() / 1e5
	w.reprisal(target, ActorMilitia, mean)
}

// A weighted is a cell with a weight, for weighted draws.
type weighted struct {
	cell int
	w    float64
}

// reprisal harms the herders (or, for a sweep, the stigmatised) of the
// communities within Map.LocalKm of cell c: civilians killed, grievance
// and stigmatisation of those perceived as affiliated, lost trust in the
// state, fear. The harm falls on each people in proportion to its share
// of the people and its stigmatisation.
func (w *World) reprisal(c int, actor int8, meanKilled float64) {
	if w.Communities[c].Base == 0 {
		return
	}
	cp := &w.P.Communities
	civ := w.poisson(meanKilled * w.Rand.ExpFloat64())
	cells, wts := w.disc.of(c)
	for i, j := range cells {
		harm := cp.ReprisalHarm * float64(wts[i]) // the share of the cell's people in the local area
		cm := &w.Communities[j]
		if cm.Base == 0 {
			continue
		}
		// Suspects are the stigmatised; a people with no stigma still
		// takes a little of a blind sweep.
		var wt [NumCommunities]float64
		sum := 0.0
		for k := range wt {
			wt[k] = cm.Share[k] * (cp.Suspicion + cm.Stigma[k])
			if actor == ActorMilitia && !herder(k) {
				wt[k] = 0 // militias strike herders
			}
			sum += wt[k]
		}
		if sum == 0 {
			continue
		}
		for k := range wt {
			if cm.Share[k] == 0 {
				continue
			}
			// A people takes the full harm when it draws at least its share
			// of the suspicion, less in proportion when it draws less.
			h := harm * min(1, wt[k]/sum/cm.Share[k])
			cm.Grievance[k] = clamp01(cm.Grievance[k] + h)
			cm.Stigma[k] = clamp01(cm.Stigma[k] + h)
		}
		if actor == ActorForces {
			cm.SupportState = clamp01(cm.SupportState - cp.ReprisalTrust*harm)
		}
	}
	w.frighten(c, cp.ReprisalFear*cp.AttackFear)
	w.Communities[c].Reprisals++
	if actor == ActorMilitia {
		w.Flows.CiviliansByMilitia += civ
	} else {
		w.Flows.CiviliansKilledByForces += civ
	}
	w.emit(Event{Cell: int32(c), Type: Reprisal, Target: TargetCivilians, Perpetrator: actor,
		Label: actor, Against: -1, Fatalities: int32(civ)})
}

// stigmatise adds x to the stigmatisation of the kin peoples of group gi
// in the communities within Map.LocalKm of cell c: an attack by a group
// seen as a Fulani (or Tuareg) group makes every Fulani (Tuareg) a
// suspect.
func (w *World) stigmatise(gi, c int, x float64) {
	cells, wts := w.disc.of(c)
	for i, j := range cells {
		cm := &w.Communities[j]
		for k := range NumCommunities {
			if w.kin[gi][k] && cm.Share[k] > 0 {
				cm.Stigma[k] = clamp01(cm.Stigma[k] + x*float64(wts[i]))
			}
		}
	}
}

// frighten adds fear x to the communities within Map.LocalKm of cell c
// (each cell in the measure of its share in the local area, so the same
// number of people is frightened at every resolution).
func (w *World) frighten(c int, x float64) {
	cells, wts := w.disc.of(c)
	for i, j := range cells {
		cm := &w.Communities[j]
		cm.Fear = clamp01(cm.Fear + x*float64(wts[i]))
	}
}

// updateArming arms the farmers' militias of a country, once its militant
// violence over the last year exceeds Communities.ArmingLevel events per
// million inhabitants: the state turns to volunteers.
func (w *World) updateArming() {
	cp := &w.P.Communities
	if cp.Arming == 0 {
		return
	}
	for ci := range w.countryEvents {
		if w.countryArmed[ci] || w.countryPop[ci] == 0 {
			continue
		}
		if w.countryEvents[ci]/(w.countryPop[ci]/1e6) >= cp.ArmingLevel {
			w.countryArmed[ci] = true
			for c := range w.Communities {
				if w.Grid.Regions[w.Grid.Cells[c].Region].Country == ci {
					w.Communities[c].Armed = true
				}
			}
		}
	}
}

// countEvents adds the step's militant events to each country's count
// over about the last year (an exponential window of 52 weeks).
func (w *World) countEvents() {
	keep := 1 - float64(w.P.StepDays)/364
	for i := range w.countryEvents {
		w.countryEvents[i] *= keep
	}
	for _, e := range w.Log.Events() {
		if _, ok := e.Militant(); ok {
			if ci := int(w.countryOf[e.Cell]); ci < len(w.countryEvents) {
				w.countryEvents[ci]++
			}
		}
	}
}
