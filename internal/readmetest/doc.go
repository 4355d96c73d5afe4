// Package readmetest runs the examples of the README: every fenced shell
// block's commands (the install from a clone among them), with every TOML
// block written to the file its first line names, and checks every output
// block against what the command before it printed. Commands that run
// many replicates run fewer (--reps), so that the test takes about a
// minute; those that need a Slurm cluster (--submit) or are the test suite
// itself (go test) are left to internal/slurmtest and to CI.
package readmetest
