// Package agents is the Sahel model: the component groups of the JNIM
// coalition and their rival ISGS, their fighters, the communities of every
// populated cell, the security forces, the illicit networks and the
// report's policy levers, each mechanism in its own file and each rule
// described, with its source, in MODEL.md.
//
// A World is built from Params and a grid, then stepped; each step appends
// Events (with their true perpetrator and observed label) to the World's
// log. The package knows nothing of files or terminals: observers read the
// log and the World's exported state after each step, and treat the World
// as read-only.
//
// The views of a run use the model's own vocabulary rather than
// re-deriving it: [Zones] places a scenario's zones on a grid and
// [MiningAreas] finds its artisanal gold-mining areas, both without
// building a World, [Coalition] says which groups are JNIM's, and
// [ParseEventType], [ParseActor] and [ParseTarget] invert the names the
// output files write (EventType.String, ActorID, Target.String).
package agents
