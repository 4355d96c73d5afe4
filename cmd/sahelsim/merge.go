package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/sweep"
)

func newMergeCmd() *cobra.Command {
	var noPlots bool
	cmd := &cobra.Command{
		Use:   "merge DIR",
		Short: "Combine the shards of a sweep into its outputs",
		Long:  help("merge"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lock, err := cli.ClaimExisting(args[0])
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
	m, sum, err := sweep.MergeContext(ctx, dir)
	if err != nil && ctx.Err() != nil {
		return cli.Interrupted("nothing written")
	}
	if err != nil {
		return cli.Work(err)
	}
	what := fmt.Sprintf("merged %d runs (%d points × %d replicates)", m.Runs, m.Points, m.Replicates)
	return reportSummary(stdout, m.Sweep, sum, dir, what, time.Since(start).Round(time.Millisecond))
}
