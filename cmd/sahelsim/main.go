// Command sahelsim runs the Sahel model: an agent-based simulation of the
// component groups of the JNIM coalition and of ISGS, for policy research.
//
// Usage:
//
//	sahelsim run [NAME|FILE.toml] [--seed N] [--reps R] [--workers W] [--out DIR] [--force] [--quiet]
//	sahelsim scenarios
//	sahelsim show NAME|FILE.toml
//	sahelsim version
//
// run runs the replicates of a scenario (the built-in baseline if none is
// named), writes summary.csv, timeseries.csv, events.csv and manifest.json
// to a new directory, and prints the headline indicators beside the
// report's figures. scenarios lists the built-in scenarios; show prints a
// scenario fully resolved; version prints the build's version and commit.
//
// The exit code is 0 on success, 2 for bad input (an invalid scenario, an
// unknown command or flag, a bad flag value, an output directory that
// exists without --force) and 1 for any other failure, an interrupted run
// included.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// Set at link time with -ldflags "-X main.version=v1.2.3 -X main.commit=abc123"
// for builds that record no VCS information (-buildvcs=false).
var version, commit string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
