package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/outputs"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cli.Work(runVersion(cmd.OutOrStdout(), outputs.ReadBuild(version, commit)))
		},
	}
}

// runVersion writes b to w.
func runVersion(w io.Writer, b outputs.Build) error {
	commit := b.Commit
	if b.Modified {
		commit += " (modified)"
	}
	_, err := fmt.Fprintf(w, "sahelsim %s\ncommit %s\n%s\n", b.Version, commit, b.GoVersion)
	return err
}
