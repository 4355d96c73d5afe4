// Package sim is sahelsim's engine: a calendar clock of discrete steps, a
// latitude/longitude grid of cells with their neighbours, one random stream
// per replicate, a per-step event log that observers read, and a runner that
// executes replicates in parallel with results independent of the worker
// count.
//
// The engine imports nothing of the Sahel model (package agents), of files
// or of terminals (package outputs): the model emits events into a Log,
// and observers turn them into tables and figures. The grid holds geometry
// only (cells, neighbours, regions, countries, places and borders); the
// Sahel model's layers of the map (gold, transit, protected areas,
// corridors) are internal/geo's Layers, held by the model. A test
// (internal/archtest) checks that sim declares no name of the model.
package sim
