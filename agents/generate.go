package agents

// The parameter tables of MODEL.md are generated from the schema and the
// defaults; a test in internal/modeldoc fails when they are stale.
//go:generate go run ../internal/modeldoc/cmd MODEL.md
