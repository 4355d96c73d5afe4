// Package sim is sahelsim's engine: a calendar clock of discrete steps, a
// latitude/longitude grid of cells with their neighbours, one random stream
// per replicate, a per-step event log that observers read, and a runner that
// executes replicates in parallel with results independent of the worker
// count.
//
// The engine imports nothing of the Sahel model (package agents), of files
// or of terminals (package outputs): the model emits events into a Log,
// and observers turn them into tables and figures. One exception remains:
// the grid's cells carry the layers the Sahel model reads (Cell.Gold,
// Transit, Protected, Trafficking and Grid.Routes), filled by package
// internal/geo; they move into the model with its second edition. A test
// (internal/archtest) checks that sim declares no other name of the
// model.
package sim
