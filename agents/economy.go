package agents

// Revenue sources, the report's portfolio: extortion of transit routes,
// artisanal mining, zakat and grazing taxes, kidnapping for ransom.
const (
	RevenueTransit = iota
	RevenueMining
	RevenueZakat
	RevenueRansom
	NumRevenue
)

// RevenueIDs are the output names of the revenue sources.
var RevenueIDs = [NumRevenue]string{"transit", "mining", "zakat", "ransom"}

// collectRevenue pays every group what its networks and governed
// communities yield this step, and charges the upkeep of its fighters.
// Ransoms are paid when kidnappings happen (violence.go).
func (w *World) collectRevenue() {
	nc := len(w.Grid.Cells)
	yf := w.yearFrac
	for i := range w.Networks {
		n := &w.Networks[i]
		if n.Ally < 0 {
			continue
		}
		g := &w.Groups[n.Ally]
		var fighters, state float64
		regular := 0
		for _, c := range n.Cells {
			fighters += float64(w.band[int(n.Ally)*nc+int(c)])
			state += w.presence[c]
			if w.Communities[c].Regularised {
				regular++
			}
		}
		control := fighters / (fighters + w.P.Fighters.BandSize) * (1 - clamp01(state/float64(len(n.Cells))))
		var income float64
		if n.Kind == NetworkMining {
			income = n.Value * yf * n.Health * g.P.Mining * control
			income *= 1 - w.levers.regularised(w)*float64(regular)/float64(len(n.Cells))
			g.Revenue[RevenueMining] += income
		} else {
			income = n.Value * yf * n.Health * g.P.Transit * control
			g.Revenue[RevenueTransit] += income
		}
		g.Treasury += income
	}
	for _, c := range w.governed {
		cm := &w.Communities[c]
		g := &w.Groups[cm.Governed]
		z := cm.Population * cm.Rule * g.P.Zakat * yf
		g.Treasury += z
		g.Revenue[RevenueZakat] += z
	}
	for gi := range w.Groups {
		g := &w.Groups[gi]
		g.Treasury = max(0, g.Treasury-float64(g.Active)*g.P.Upkeep*yf)
	}
}

// TotalRevenue returns group g's revenue from every source since the start.
func (g *Group) TotalRevenue() float64 {
	s := 0.0
	for _, v := range g.Revenue {
		s += v
	}
	return s
}
