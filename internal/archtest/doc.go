// Package archtest holds the tests of the project's shape rather than of
// its behaviour: which packages may import which, so that data flows one
// way (scenario → world → step rules → events → observers → files and
// figures) and each package's doc stays true. It has no code.
package archtest
