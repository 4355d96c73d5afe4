package outputs

// The output tables of README.md are generated from Indicators and Metrics;
// a test in internal/modeldoc fails when they are stale.
//go:generate go run ../internal/modeldoc/cmd ../README.md
