package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the run failed
	exitUsage   = 2 // bad input: scenario, command, flag or output directory
	// exitInterrupted is the code of a command stopped by SIGINT: 128 +
	// the signal's number, as shells report it; main makes it 143 for
	// SIGTERM.
	exitInterrupted = 130
	exitTerminated  = 143
)

// An interruption is the error of a command stopped by a signal (its
// context cancelled): it exits with exitInterrupted or exitTerminated.
type interruption struct{ msg string }

func (e *interruption) Error() string { return "interrupted: " + e.msg }

// interrupted returns the error of a command that a signal stopped,
// saying what it left.
func interrupted(left string) error {
	return &interruption{left}
}

// A badInput error is the user's to fix: it exits with exitUsage. usage
// says whether to point the user at --help.
type badInput struct {
	err   error
	usage bool
}

func (e *badInput) Error() string { return e.err.Error() }
func (e *badInput) Unwrap() error { return e.err }

// A failure is an error of a command's own work: it exits with
// exitFailure unless it is bad input (see exitCode).
type failure struct{ err error }

func (e *failure) Error() string { return e.err.Error() }
func (e *failure) Unwrap() error { return e.err }

// run runs the command line args (without the program name), writing to
// stdout and stderr, and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "sahelsim: internal error: %v\n%s", p, debug.Stack())
			code = exitFailure
		}
	}()
	root := newRoot(stdout, stderr, append([]string{"sahelsim"}, args...))
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	code = exitCode(err)
	fmt.Fprintf(stderr, "sahelsim: %v\n", err)
	if showUsage(err) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// exitCode classifies err: bad input (cobra's own errors for unknown
// commands, flags and arguments, and the errors of isBadInput) or a
// failure.
func exitCode(err error) int {
	var (
		in *interruption
		f  *failure
	)
	switch {
	case errors.As(err, &in):
		return exitInterrupted
	case isBadInput(err):
		return exitUsage
	case errors.As(err, &f):
		return exitFailure
	}
	// Not from a command's work: cobra rejected the command line.
	return exitUsage
}

// isBadInput reports whether err is the user's to fix, whatever command
// it comes from: marked so (badInput), a bad scenario, sweep or targets
// file, a file refused as input, an output directory or file in the way,
// another sweep's directory, a run directory that cannot be read, or a
// sensitivity analysis of a sweep that has none.
func isBadInput(err error) bool {
	var (
		bi *badInput
		se *scenarios.Error
		fe *agents.FieldError
		pe *acled.ParseError
	)
	if errors.As(err, &bi) || errors.As(err, &se) || errors.As(err, &fe) || errors.As(err, &pe) || input.IsRefused(err) {
		return true
	}
	for _, kind := range []error{outputs.ErrExists, outputs.ErrNotOurs, outputs.ErrLocked, outputs.ErrFileExists,
		sweep.ErrOtherSweep, sweep.ErrNotSweep, runner.ErrModel, acled.ErrRunFile, sensitivity.ErrInput} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

// showUsage reports whether err is a misuse of the command line, for
// which the user is pointed at --help: cobra's own errors and bad flag
// values, but not bad scenarios or an existing output directory.
func showUsage(err error) bool {
	var bi *badInput
	if errors.As(err, &bi) {
		return bi.usage
	}
	return exitCode(err) == exitUsage && !errors.As(err, new(*failure))
}

// checkCounts checks --reps and --workers against their limits.
func checkCounts(reps, workers int) error {
	if reps < 1 || reps > scenarios.MaxReplicates {
		return &badInput{fmt.Errorf("--reps %d: want 1 to %d", reps, scenarios.MaxReplicates), true}
	}
	return checkWorkers(workers, 1)
}

// checkWorkers checks --workers: from least to sim.MaxWorkers.
func checkWorkers(workers, least int) error {
	if workers < least || workers > sim.MaxWorkers {
		return &badInput{fmt.Errorf("--workers %d: want %d to %d", workers, least, sim.MaxWorkers), true}
	}
	return nil
}

// claimOut checks that a run or validation may be written to dir (see
// outputs.CheckOutDir) and locks it for this process, creating it.
func claimOut(dir string, force bool) (*outputs.Lock, error) {
	if err := outputs.CheckOutDir(dir, force); err != nil {
		return nil, &badInput{err: err}
	}
	return lockDir(dir, outputs.LockOptions{Create: true})
}

// lockDir locks the output directory dir (outputs.LockDir); another
// process holding it, or a directory that does not exist, is bad input.
func lockDir(dir string, o outputs.LockOptions) (*outputs.Lock, error) {
	l, err := outputs.LockDir(dir, o)
	return l, classify(err, fs.ErrNotExist)
}

// claimExisting locks dir, an output directory sahelsim wrote (a run or a
// sweep), to write into it: plot, merge, compare, sensitivity, acled.
func claimExisting(dir string) (*outputs.Lock, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is not a directory", dir)
		}
		return nil, &badInput{err: err}
	}
	if err := outputs.Owned(dir); err != nil {
		return nil, &badInput{err: fmt.Errorf("%w: sahelsim writes only into directories it wrote", err)}
	}
	return lockDir(dir, outputs.LockOptions{})
}

// newRoot returns the root command with its subcommands; cmdline is the
// command line, recorded in the manifests of runs.
func newRoot(stdout, stderr io.Writer, cmdline []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "sahelsim",
		Short: "Agent-based simulation of militant Islamist groups in the Sahel",
		Long: `sahelsim simulates the component groups of the JNIM coalition (FLM, Ansar
Dine, Katiba Serma, Ansaroul Islam, AQIM's Sahara emirate, al-Mourabitoun)
and ISGS in Mali, Burkina Faso and western Niger, and compares the results
with the figures of the report it is built on.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &badInput{err, true} })
	root.AddCommand(newRunCmd(cmdline), newScenariosCmd(), newShowCmd(), newVersionCmd())
	root.AddCommand(newPlotCmd())
	root.AddCommand(newSweepCmd())
	root.AddCommand(newCompareCmd())
	root.AddCommand(newSlurmCmd())
	root.AddCommand(newMergeCmd())
	root.AddCommand(newValidateCmd(cmdline))
	root.AddCommand(newACLEDCmd())
	root.AddCommand(newBenchCmd())
	root.AddCommand(newCalibrateCmd())
	root.AddCommand(newSensitivityCmd())
	return root
}

// classify returns err as bad input if it wraps one of kinds (besides
// those isBadInput knows), else as a failure of the command's work; nil
// if err is nil.
func classify(err error, kinds ...error) error {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return &badInput{err: err}
		}
	}
	return work(err)
}

// work wraps the error of a command's work, so that exitCode can tell it
// from cobra's own.
func work(err error) error {
	if err == nil {
		return nil
	}
	return &failure{err}
}
