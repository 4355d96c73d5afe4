package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
)

// run runs the command line args (without the program name), writing to
// stdout and stderr, and returns the exit code (cli.ExitCode).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "sahelsim: internal error: %v\n%s", p, debug.Stack())
			code = cli.ExitFailure
		}
	}()
	root := newRoot(stdout, stderr, append([]string{"sahelsim"}, args...))
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return cli.ExitOK
	}
	fmt.Fprintf(stderr, "sahelsim: %v\n", err)
	if cli.ShowUsage(err) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return cli.ExitCode(err)
}

// newRoot returns the root command with its subcommands; cmdline is the
// command line, recorded in the manifests of runs.
func newRoot(stdout, stderr io.Writer, cmdline []string) *cobra.Command {
	root := &cobra.Command{
		Use:           "sahelsim",
		Short:         "Agent-based simulation of militant Islamist groups in the Sahel",
		Long:          help("sahelsim"),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cli.Usage(err) })
	root.AddCommand(newRunCmd(cmdline), newScenariosCmd(), newShowCmd(), newVersionCmd(), newPlotCmd(),
		newSweepCmd(), newCompareCmd(), newSlurmCmd(), newMergeCmd(), newValidateCmd(cmdline), newACLEDCmd(),
		newBenchCmd(), newCalibrateCmd(), newSensitivityCmd(), newFindingsCmd())
	return root
}

//go:embed help/*.txt
var helpFiles embed.FS

// help returns the long help of the command name: help/NAME.txt (a
// subcommand's is PARENT-NAME.txt), the text 'sahelsim NAME --help'
// prints.
func help(name string) string {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("sahelsim: no help for " + name) // TestHelp finds it first
	}
	return strings.TrimSuffix(string(b), "\n")
}
