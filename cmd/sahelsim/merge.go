package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/sweep"
)

func newMergeCmd() *cobra.Command {
	var noPlots bool
	cmd := &cobra.Command{
		Use:   "merge DIR",
		Short: "Combine the shards of a sweep into its outputs",
		Long: `Merge combines the results of the shards of a sweep ('sahelsim sweep --shard
i/n', or the tasks of a Slurm job array) in DIR into the outputs of the sweep:
runs.csv, timeseries.csv, runs.parquet, timeseries.parquet, and failures.csv
if runs failed; they are byte-identical to those of the same sweep run at once.

Every run must be done: if not, merge writes nothing, names the missing runs
and exits with code 1. It also exits with code 1 if runs failed, after writing
the outputs of the others.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lock, err := claimExisting(args[0])
			if err != nil {
				return err
			}
			defer lock.Unlock()
			if err := runMerge(cmd.Context(), cmd.OutOrStdout(), args[0]); err != nil {
				return err
			}
			return finishSweep(cmd.Context(), cmd.OutOrStdout(), args[0], noPlots)
		},
	}
	cmd.Flags().BoolVar(&noPlots, "no-plots", false, "write no compare.csv, figures, tables or report after merging")
	return cmd
}

// runMerge merges the sweep directory dir.
func runMerge(ctx context.Context, stdout io.Writer, dir string) error {
	start := time.Now()
	m, err := sweep.ReadManifest(dir)
	if err != nil {
		return work(err)
	}
	sum, err := sweep.AssembleContext(ctx, dir, m)
	if ctx.Err() != nil {
		return interrupted("nothing written")
	}
	if err != nil {
		return work(err)
	}
	what := fmt.Sprintf("merged %d runs (%d points × %d replicates)", m.Runs, m.Points, m.Replicates)
	return reportSummary(stdout, m.Sweep, sum, dir, what, time.Since(start).Round(time.Millisecond))
}
