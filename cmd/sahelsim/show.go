package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/scenarios"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME|FILE.toml",
		Short: "Print a scenario fully resolved",
		Long: `Show prints a scenario with every key and its value, nothing inherited:
the model's defaults, overridden by each scenario of its extends chain. The
output is itself a scenario file.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(cmd.OutOrStdout(), args[0])
		},
	}
}

// runShow writes the scenario nameOrPath, resolved, to w.
func runShow(w io.Writer, nameOrPath string) error {
	sc, err := scenarios.Load(nameOrPath)
	if err != nil {
		return &badInput{err: err}
	}
	return work(scenarios.Encode(w, sc))
}
