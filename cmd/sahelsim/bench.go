package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/bench"
	"github.com/sahelsim/sahelsim/sim"
)

func newBenchCmd() *cobra.Command {
	var o bench.Options
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure the engine's speed in agent-steps per second",
		Long: `Bench measures how fast the engine steps agents, as agent-steps per second
(agents × steps / seconds of the step loop), for Epstein's civil violence model
at 40 × 40, 100 × 100 and 200 × 200 with Mesa's densities (or --size N), and for
one replicate of the Sahel baseline; each on one core and on all the cores this
process may use (independent replicates in parallel, their agent-steps summed).

Each case prints one line ending in agent-steps/s=<number>, to compare with
Mesa's figures in the README (internal/bench has the script that measures
Mesa's own example the same way).

For the Sahel model, the agents of a step are the fighters the step visits,
the communities of populated cells and the security-force units.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Model, "model", "", "only this model: epstein or sahel (default: both)")
	f.IntVar(&o.Size, "size", 0, "Epstein grid side `N` (default: 40, 100 and 200)")
	f.IntVar(&o.Steps, "steps", 100, "steps per Epstein run (the Sahel baseline runs its 196 weeks)")
	f.IntVar(&o.Workers, "workers", sim.Workers(), "cores for the all-core cases")
	return cmd
}

func runBench(ctx context.Context, o bench.Options, stdout io.Writer) error {
	if err := o.Check(); err != nil {
		return &badInput{err, true}
	}
	return work(bench.Run(ctx, stdout, o))
}
