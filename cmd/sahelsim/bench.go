package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/internal/bench"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// benchOptions are the flags of the bench command.
type benchOptions struct {
	model   string
	size    int
	steps   int
	workers int
}

func newBenchCmd() *cobra.Command {
	var o benchOptions
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
	f.StringVar(&o.model, "model", "", "only this model: epstein or sahel (default: both)")
	f.IntVar(&o.size, "size", 0, "Epstein grid side `N` (default: 40, 100 and 200)")
	f.IntVar(&o.steps, "steps", 100, "steps per Epstein run (the Sahel baseline runs its 196 weeks)")
	f.IntVar(&o.workers, "workers", sim.Workers(), "cores for the all-core cases")
	return cmd
}

func runBench(ctx context.Context, o benchOptions, stdout io.Writer) error {
	switch o.model {
	case "", "epstein", "sahel":
	default:
		return &badInput{fmt.Errorf("--model %q: want epstein or sahel", o.model), true}
	}
	if o.steps < 1 || o.workers < 1 || o.size < 0 {
		return &badInput{fmt.Errorf("--steps, --workers must be at least 1 and --size not negative"), true}
	}
	if err := checkWorkers(o.workers, 1); err != nil {
		return err
	}
	if int64(o.size)*int64(o.size) > scenarios.MaxEpsteinCells {
		return &badInput{fmt.Errorf("--size %d: a grid of at most %d cells (2048 × 2048)", o.size, scenarios.MaxEpsteinCells), true}
	}
	cores := []int{1}
	if o.workers > 1 {
		cores = append(cores, o.workers)
	}
	if o.model != "sahel" {
		sizes := []int{40, 100, 200}
		if o.size > 0 {
			sizes = []int{o.size}
		}
		for _, n := range sizes {
			p := epstein.Default()
			p.Width, p.Height, p.Steps = n, n, o.steps
			if err := p.Validate(); err != nil {
				return &badInput{fmt.Errorf("--size %d: %w", n, err), true}
			}
			for _, w := range cores {
				fmt.Fprintln(stdout, bench.Epstein(&p, w))
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if o.model != "epstein" {
		sc, err := scenarios.Load("baseline")
		if err != nil {
			return err
		}
		g, err := geo.Build(sc.Map.Resolution)
		if err != nil {
			return err
		}
		for _, w := range cores {
			fmt.Fprintln(stdout, bench.Sahel(sc, g, w))
		}
	}
	return nil
}
