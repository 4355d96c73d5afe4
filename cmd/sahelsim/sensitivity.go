package main

import (
	"context"
	"errors"
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
	return cli.Work(a.Print(stdout))
}
