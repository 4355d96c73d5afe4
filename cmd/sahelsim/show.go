package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/scenarios"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME|FILE.toml",
		Short: "Print a scenario fully resolved",
		Long:  help("show"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(cmd.OutOrStdout(), args[0])
		},
	}
}

// runShow writes the scenario nameOrPath, resolved, to w.
func runShow(w io.Writer, nameOrPath string) error {
	sc, err := scenarios.Load(nameOrPath)
	if err != nil {
		return cli.BadInput(err)
	}
	return cli.Work(scenarios.Encode(w, sc))
}
