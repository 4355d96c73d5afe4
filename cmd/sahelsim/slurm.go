package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/shell"
	"github.com/sahelsim/sahelsim/internal/sweep"
)

// slurmOptions are the arguments and flags of the slurm command: those
// of the job, and the sweep's.
type slurmOptions struct {
	sweep.SlurmJob
	out, series string
	submit      bool
}

func newSlurmCmd() *cobra.Command {
	var o slurmOptions
	cmd := &cobra.Command{
		Use:   "slurm FILE.toml|NAME --out DIR [--tasks n] [--time T] [--partition P] [--account A] [--submit]",
		Short: "Write (and submit) the Slurm jobs that run a sweep on a cluster",
		Long:  help("slurm"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.File = args[0]
			return runSlurm(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "sweep directory, seen by every node (default: runs/<sweep name>)")
	f.IntVar(&o.Tasks, "tasks", 0, "tasks of the job array, one shard each (default: the number of runs, at most 32)")
	f.StringVar(&o.Time, "time", "", "time limit of each task and of the merge, as sbatch --time takes it (default: the partition's)")
	f.StringVar(&o.Partition, "partition", "", "partition (default: the cluster's)")
	f.StringVar(&o.Account, "account", "", "account to charge (default: yours)")
	f.IntVar(&o.CPUs, "cpus-per-task", 1, "CPUs of each task: the runs it runs at once")
	f.StringVar(&o.Mem, "mem", "", "memory of each task, as sbatch --mem takes it (default: the cluster's)")
	f.StringVar(&o.series, "series", "totals", "time series of each run: totals, overall, full or none")
	f.IntVar(&o.Reps, "reps", 0, "replicates of each point (default: the sweep file's)")
	f.StringArrayVar(&o.Extra, "sbatch", nil, "another sbatch option for both scripts (repeatable)")
	f.StringVar(&o.Bin, "bin", "", "path of sahelsim on the compute nodes (default: this program)")
	f.BoolVar(&o.submit, "submit", false, "submit the jobs with sbatch and print their ids")
	return cmd
}

// runSlurm writes the scripts of the sweep o.file, and submits them with
// o.submit.
func runSlurm(ctx context.Context, o slurmOptions, stdout io.Writer) error {
	if o.CPUs < 1 {
		return cli.Usage(fmt.Errorf("--cpus-per-task %d: want at least 1", o.CPUs))
	}
	if o.Tasks < 0 {
		return cli.Usage(fmt.Errorf("--tasks %d: want at least 1", o.Tasks))
	}
	sw, m, out, err := loadSweep(o.File, o.series, o.Reps, o.out)
	if err != nil {
		return err
	}
	o.Sweep, o.Dir = sw, out
	f, err := sweep.WriteSlurm(ctx, o.SlurmJob, m)
	if errors.Is(err, sweep.ErrSlurmOption) {
		return cli.Usage(err)
	}
	if err != nil {
		return cli.Classify(err, fs.ErrNotExist)
	}
	if !o.submit {
		fmt.Fprintf(stdout, "wrote %s (%d tasks) and %s; submit them with:\n", f.Array, f.Tasks, f.Merge)
		fmt.Fprintf(stdout, "  jid=$(sbatch --parsable %s)\n", shell.Quote(f.Array))
		fmt.Fprintf(stdout, "  sbatch --dependency=afterok:${jid%%%%;*} %s\n", shell.Quote(f.Merge))
		return nil
	}
	array, merge, err := sweep.Submit(ctx, f)
	if err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "submitted array job %s (%d tasks): %s\n", array, f.Tasks, f.Array)
	fmt.Fprintf(stdout, "submitted merge job %s (afterok:%s): %s\n", merge, array, f.Merge)
	fmt.Fprintf(stdout, "results in %s once merge job %s is done (logs in %s)\n", f.Dir, merge, f.Logs)
	return nil
}
