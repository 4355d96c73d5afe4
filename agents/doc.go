// Package agents is the Sahel model: the component groups of the JNIM
// coalition and their rival ISGS, their fighters, the communities of every
// populated cell, the security forces, the illicit networks and the
// report's policy levers, each mechanism in its own file and each rule
// described, with its source, in MODEL.md.
//
// A World is built from Params and a grid, then stepped; each step appends
// Events (with their true perpetrator and observed label) to the World's
// log. The package knows nothing of files or terminals: observers read the
// log and the World's exported state after each step.
package agents
