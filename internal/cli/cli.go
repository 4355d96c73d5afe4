// Package cli is how sahelsim's commands end: their exit codes and the
// errors that carry them. An error is bad input (the user's to fix: exit
// code 2, with a pointer to --help for a bad flag), a failure of the
// command's own work (exit code 1), or an interruption by a signal (130
// for SIGINT, 143 for SIGTERM). [IsBadInput] is the one table of which
// errors of the other packages are bad input, so that a command returns
// Work(err) for whatever its packages return and the user still gets
// exit code 2 for a bad file or a directory in the way.
//
// It also holds what every command does before it writes: the checks of
// the flags that bound its counts, and the claiming of its output
// directory (checked, created and locked).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command's work failed
	ExitUsage   = 2 // bad input: a file, a flag, an output directory
	// ExitInterrupted is the code of a command stopped by SIGINT: 128 +
	// the signal's number, as shells report it; ExitTerminated is
	// SIGTERM's.
	ExitInterrupted = 130
	ExitTerminated  = 143
)

// An Interruption is the error of a command stopped by a signal (its
// context cancelled).
type Interruption struct{ Left string }

func (e *Interruption) Error() string { return "interrupted: " + e.Left }

// Interrupted returns the error of a command that a signal stopped,
// saying what it left: "nothing written".
func Interrupted(left string) error { return &Interruption{left} }

// A BadInputError is an error the user must fix, marked so by the
// command. Usage says whether to point the user at --help.
type BadInputError struct {
	Err   error
	Usage bool
}

func (e *BadInputError) Error() string { return e.Err.Error() }
func (e *BadInputError) Unwrap() error { return e.Err }

// BadInput marks err as the user's to fix.
func BadInput(err error) error { return &BadInputError{Err: err} }

// Usage marks err, a bad flag or argument, as the user's to fix, pointing
// at --help.
func Usage(err error) error { return &BadInputError{Err: err, Usage: true} }

// A Failure is an error of a command's own work.
type Failure struct{ Err error }

func (e *Failure) Error() string { return e.Err.Error() }
func (e *Failure) Unwrap() error { return e.Err }

// Work marks err, returned by a command's work, as a failure unless it is
// bad input (IsBadInput); nil if err is nil. It tells the errors of the
// work from those of the command line, which cobra returns unmarked.
func Work(err error) error {
	if err == nil {
		return nil
	}
	return &Failure{err}
}

// Classify is Work, but marks err as bad input if it wraps one of kinds.
func Classify(err error, kinds ...error) error {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return BadInput(err)
		}
	}
	return Work(err)
}

// ExitCode returns the exit code of a command that returned err: 0 for
// nil, ExitInterrupted for an interruption, ExitUsage for bad input and
// for any error not marked as the work's (cobra's own, for unknown
// commands, flags and arguments), ExitFailure for a failure.
func ExitCode(err error) int {
	var (
		in *Interruption
		f  *Failure
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &in):
		return ExitInterrupted
	case IsBadInput(err):
		return ExitUsage
	case errors.As(err, &f):
		return ExitFailure
	}
	return ExitUsage
}

// ShowUsage reports whether err is a misuse of the command line, for
// which the user is pointed at --help: cobra's own errors and bad flag
// values, but not bad files or an existing output directory.
func ShowUsage(err error) bool {
	var bi *BadInputError
	if errors.As(err, &bi) {
		return bi.Usage
	}
	return ExitCode(err) == ExitUsage && !errors.As(err, new(*Failure))
}

// IsBadInput reports whether err is the user's to fix, whatever command
// it comes from: marked so (BadInput, Usage), a bad scenario, sweep,
// targets or ACLED file, a file refused as input, an output directory or
// file in the way, another sweep's or calibration's directory, a run
// directory that cannot be read, an analysis a sweep cannot give, or a
// calibration file or settings that cannot be calibrated.
func IsBadInput(err error) bool {
	var (
		bi *BadInputError
		se *scenarios.Error
		fe *agents.FieldError
		pe *acled.ParseError
	)
	if errors.As(err, &bi) || errors.As(err, &se) || errors.As(err, &fe) || errors.As(err, &pe) || input.IsRefused(err) {
		return true
	}
	for _, kind := range []error{outputs.ErrExists, outputs.ErrNotOurs, outputs.ErrLocked, outputs.ErrFileExists,
		sweep.ErrOtherSweep, sweep.ErrNotSweep, runner.ErrModel, acled.ErrRunFile, sensitivity.ErrInput,
		validate.ErrTargets, calibrate.ErrInput, calibrate.ErrOtherCalibration} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

// CheckReps checks --reps and --workers against their limits.
func CheckReps(reps, workers int) error {
	if reps < 1 || reps > scenarios.MaxReplicates {
		return Usage(fmt.Errorf("--reps %d: want 1 to %d", reps, scenarios.MaxReplicates))
	}
	return CheckWorkers(workers, 1)
}

// CheckWorkers checks --workers: from least to sim.MaxWorkers.
func CheckWorkers(workers, least int) error {
	if workers < least || workers > sim.MaxWorkers {
		return Usage(fmt.Errorf("--workers %d: want %d to %d", workers, least, sim.MaxWorkers))
	}
	return nil
}

// ClaimNew checks that a run or validation may be written to dir (see
// outputs.CheckOutDir) and locks it for this process, creating it.
func ClaimNew(dir string, force bool) (*outputs.Lock, error) {
	if err := outputs.CheckOutDir(dir, force); err != nil {
		return nil, BadInput(err)
	}
	return LockDir(dir, outputs.LockOptions{Create: true})
}

// ClaimExisting locks dir, an output directory sahelsim wrote (a run or
// a sweep), to write into it: plot, merge, compare, sensitivity, acled.
func ClaimExisting(dir string) (*outputs.Lock, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is not a directory", dir)
		}
		return nil, BadInput(err)
	}
	if err := outputs.Owned(dir); err != nil {
		return nil, BadInput(fmt.Errorf("%w: sahelsim writes only into directories it wrote", err))
	}
	return LockDir(dir, outputs.LockOptions{})
}

// LockDir locks the output directory dir (outputs.LockDir); another
// process holding it, or a directory that does not exist, is bad input.
func LockDir(dir string, o outputs.LockOptions) (*outputs.Lock, error) {
	l, err := outputs.LockDir(dir, o)
	return l, Classify(err, fs.ErrNotExist)
}

// NotifyContext returns a context that the first SIGINT or SIGTERM
// cancels, after which the signal's default comes back (a second one, as
// the command cleans up, kills it at once), and a function that gives the
// exit code of a command that returned code in that context:
// ExitTerminated for one interrupted by SIGTERM, code otherwise. stop
// releases the signals.
func NotifyContext(parent context.Context) (ctx context.Context, exit func(code int) int, stop func()) {
	ctx, stop = signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	which := make(chan os.Signal, 1)
	signal.Notify(which, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
		signal.Stop(which)
	}()
	exit = func(code int) int {
		if code == ExitInterrupted {
			select {
			case s := <-which:
				if s == syscall.SIGTERM {
					return ExitTerminated
				}
			default:
			}
		}
		return code
	}
	return ctx, exit, stop
}

// SeedVar defines a --seed flag in f that sets *p: an integer from 0 to
// sim.MaxSeed (2^53 − 1), so that every file that records it is read
// exactly by every tool; anything else is refused with what is allowed.
func SeedVar(f *pflag.FlagSet, p *uint64, usage string) {
	f.Var((*seedValue)(p), "seed", usage)
}

// ParseSeed returns the seed s, or an error saying what is allowed.
func ParseSeed(s string) (uint64, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || v > sim.MaxSeed {
		return 0, fmt.Errorf("want an integer from 0 to %d (2^53 − 1, which every tool reads exactly)", uint64(sim.MaxSeed))
	}
	return v, nil
}

// seedValue is the pflag.Value of a --seed flag.
type seedValue uint64

func (s *seedValue) Set(v string) error {
	n, err := ParseSeed(v)
	if err != nil {
		return err
	}
	*s = seedValue(n)
	return nil
}

func (s *seedValue) String() string { return strconv.FormatUint(uint64(*s), 10) }
func (s *seedValue) Type() string   { return "uint" }
