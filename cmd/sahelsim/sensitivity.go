package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
)

func newSensitivityCmd() *cobra.Command {
	var indicators string
	cmd := &cobra.Command{
		Use:   "sensitivity DIR",
		Short: "Morris or Sobol sensitivity indices of a sweep's indicators",
		Long:  help("sensitivity"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSensitivity(cmd.Context(), cmd.OutOrStdout(), args[0], indicators)
		},
	}
	cmd.Flags().StringVar(&indicators, "indicators", "", "comma-separated indicators (default: the headline indicators)")
	return cmd
}

func runSensitivity(ctx context.Context, stdout io.Writer, dir, only string) error {
	lock, err := cli.ClaimExisting(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
	}
	a, err := sensitivity.Analyse(ctx, dir, names)
	switch {
	case ctx.Err() != nil:
		return cli.Interrupted("the analysis is incomplete")
	case errors.Is(err, sensitivity.ErrInput):
		if only != "" && strings.Contains(err.Error(), "--indicators") {
			return cli.Usage(err)
		}
		return cli.BadInput(err)
	case err != nil:
		return cli.Work(err)
	}
	for _, name := range a.Undefined {
		fmt.Fprintf(stdout, "%s: undefined at some points, left out of the Sobol indices\n", name)
	}
	if a.SmallDesign {
		// A sweep of an older sahelsim, which let such designs through.
		fmt.Fprintf(stdout, "warning: a Saltelli design of %d base points is too small for stable Sobol indices (want at least %d)\n", a.Points, sensitivity.MinSaltelliPoints)
	}
	if a.Unstable > 0 {
		fmt.Fprintf(stdout, "warning: %d of %d Sobol estimates are unstable (outside [0, 1], or with a 95 %% interval wider than it): they are not indices; the column warning of %s marks them. Rerun the sweep with more points (now %d) or replicates (now %d).\n",
			a.Unstable, a.Estimates, a.Table, a.Points, a.Replicates)
	}
	fmt.Fprintf(stdout, "%s indices of %d indicators over %d parameters: %s, %d figures in %s\n",
		a.Kind, len(a.Indicators), a.Factors, a.Table, a.Figures, a.Dir)
	return nil
}
