package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/bench"
	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/sim"
)

func newBenchCmd() *cobra.Command {
	var o bench.Options
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure the engine's speed in agent-steps per second",
		Long:  help("bench"),
		Args:  cobra.NoArgs,
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
		return cli.Usage(err)
	}
	return cli.Work(bench.Run(ctx, stdout, o))
}
