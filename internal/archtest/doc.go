// Package archtest holds the tests of the project's shape rather than of
// its behaviour: which packages may import which, so that data flows one
// way (scenario → world → step rules → events → observers → files and
// figures) and each package's doc stays true (the schema engine names
// nothing of the model, sim nothing of the Sahel but the grid layers it
// still holds, the loader no analysis, the observers no evidence); and
// the size of the command, cmd/sahelsim, which parses flags and prints
// while the packages do the work. It has no code.
package archtest
