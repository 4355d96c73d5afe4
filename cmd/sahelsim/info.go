package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// This file holds the commands that print what sahelsim holds: its
// built-in scenarios, a scenario resolved, and its version.

func newScenariosCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the built-in scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cli.Work(printList(cmd.OutOrStdout(), scenarios.List()))
		},
	}
}

// printList lists built-in scenarios or sweeps with their descriptions.
func printList(w io.Writer, infos []scenarios.Info) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDESCRIPTION")
	for _, s := range infos {
		fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Description)
	}
	return tw.Flush()
}

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME|FILE.toml",
		Short: "Print a scenario fully resolved, or a sweep file",
		Long:  help("show"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return cli.Work(scenarios.Show(cmd.OutOrStdout(), args[0]))
		},
	}
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := outputs.ReadBuild(version, commit)
			commit := b.Commit
			if b.Modified {
				commit += " (modified)"
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "sahelsim %s\ncommit %s\n%s\n", b.Version, commit, b.GoVersion)
			return cli.Work(err)
		},
	}
}
