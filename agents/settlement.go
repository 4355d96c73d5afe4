package agents

// negotiate runs political talks with the groups the settlement lever
// targets. Each week a group settles with a probability that rises with
// the lever's intensity and the group's willingness to negotiate (much
// lower without a leader to sign). When it settles, its ideologically
// committed fighters may break away to a more hardline group.
func (w *World) negotiate() {
	for gi := range w.Groups {
		g := &w.Groups[gi]
		if g.Settled || g.Active == 0 {
			continue
		}
		p := w.levers.talks(w, gi) * g.P.Negotiate
		if !g.LeaderAlive {
			p *= 0.2
		}
		if p > 0 && w.chance(p) {
			g.Settled = true
			w.splitHardliners(gi)
		}
	}
}

// splitHardliners moves each committed fighter of group gi, with the
// lever's split probability, to the most hardline group near him (a group
// with less political aims, the one with most fighters around him, or the
// largest such group overall).
func (w *World) splitHardliners(gi int) {
	w.settleLosses() // who was hit this step must not change sides
	split := w.levers.split()
	pol := w.Groups[gi].P.Political
	for i := range w.Fighters {
		f := &w.Fighters[i]
		if int(f.Group) != gi || !f.Status.Fights() || f.Commitment < 0.6 || !w.chance(split) {
			continue
		}
		to, most := -1, -1
		c := int(f.Cell)
		for gj := range w.Groups {
			gj2 := &w.Groups[gj]
			if gj == gi || gj2.Settled || gj2.Leaderless || gj2.P.Political >= pol {
				continue
			}
			n := w.Band(gj, c)
			for _, nb := range w.Grid.Cells[c].Neighbours {
				n += w.Band(gj, int(nb))
			}
			n = n*100000 + gj2.Active // near first, then largest
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
