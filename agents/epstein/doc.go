// Package epstein implements Epstein's model of civil violence (Model I,
// generalised rebellion against a central authority; J. M. Epstein,
// "Modeling civil violence: An agent-based computational approach", PNAS
// 99, suppl. 3, 2002) with the rules of Mesa's example
// epstein_civil_violence (Mesa 3.3), so that its statistics can be compared
// with Mesa's and its speed measured against it.
//
// Citizens and cops live on a torus, at most one per cell. A citizen's
// grievance is its hardship times one minus the regime's legitimacy; it
// rebels (becomes active) when its grievance less its risk aversion times
// its estimated arrest probability exceeds a threshold. The arrest
// probability is 1 − exp(−k·round(C/(A+1))), where C and A count the cops
// and the active citizens within its vision (cells within Manhattan
// distance vision, the von Neumann neighbourhood of Mesa's grid), and
// round is Python's round, half to even. A cop arrests a random active
// citizen within its vision, who is jailed for a uniform number of steps in
// [0, MaxJail]. Agents then move to a random empty cell within their
// vision. Every step activates all agents once, in a fresh random order.
//
// The model is deterministic given its random stream (sim.NewRand(seed,
// rep)): every draw comes from that one stream in a fixed order. MODEL.md in
// this directory describes the model in the ODD format and lists where it
// departs from Mesa.
//
// A Step costs no allocation. The grid is kept as a bitboard of four bits
// a cell (occupied, active, cop), padded by a halo of copies of the
// opposite edges so that nothing wraps: a row of a vision diamond (at most
// 15 cells) is then one 64-bit load, whose occupied, active and cop bits
// are summed lane by lane. A citizen whose decision cannot depend on what
// it sees (quiet even with no cop in sight, or active even with a cop on
// every cell) is not counted at all, and an empty cell is chosen by
// drawing cells until one is empty. Two slower ways of counting, a
// cell-by-cell rescan (Mesa's way) and per-cell counts updated on every
// change, live in the tests (counters_test.go), which require all three
// to give identical trajectories; the Model reaches them through an
// unexported interface that is nil in every Model New makes.
package epstein
