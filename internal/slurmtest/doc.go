// Package slurmtest holds the Slurm test of sahelsim: scripts that start a
// real single-node Slurm cluster on this machine (up.sh, down.sh, from
// Debian's slurmctld, slurmd and munge), run a small sweep as the job
// array and merge job that 'sahelsim slurm' writes, and check that the
// merged outputs are byte-identical to a local 'sahelsim sweep' of the
// same file, that a failing shard cancels the merge job, and that a small
// calibration chained stage by stage on the cluster by the job script of
// README.md ('sahelsim calibrate --next', 'sahelsim slurm') gives the
// posterior of a local calibration, byte for byte (test.sh).
//
// The test needs root: it installs packages and starts daemons. It runs
// only when SAHELSIM_SLURM=1:
//
//	SAHELSIM_SLURM=1 go test -count=1 -v ./internal/slurmtest/
//
// or directly, as root: internal/slurmtest/test.sh. The notes in
// shared/slurm (NOTES.md) explain the cluster's configuration.
package slurmtest
