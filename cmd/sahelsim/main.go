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
// exists without --force, that sahelsim did not write, or that another
// sahelsim process is writing), 130 or 143 when SIGINT or SIGTERM stopped
// the command (after removing what it had half written), and 1 for any
// other failure.
package main

import (
	"context"
	"os"

	"github.com/sahelsim/sahelsim/internal/cli"
)

// Set at link time with -ldflags "-X main.version=v1.2.3 -X main.commit=abc123"
// for builds that record no VCS information (-buildvcs=false).
var version, commit string

func main() {
	// The first SIGINT or SIGTERM cancels ctx: the command stops within
	// a second, removes what it had half written, and exits 130 or 143.
	// A second one, while it cleans up, kills it at once (the default),
	// and the next run of the same directory removes what it left.
	ctx, exit, stop := cli.NotifyContext(context.Background())
	code := exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
