package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/shell"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// Names of the scripts that the slurm command writes into DIR/slurm.
const (
	sweepScript = "sweep.sbatch"
	mergeScript = "merge.sbatch"
	logsDir     = "logs"
)

// slurmOptions are the arguments and flags of the slurm command.
type slurmOptions struct {
	file      string
	out       string
	tasks     int
	time      string
	partition string
	account   string
	cpus      int
	mem       string
	series    string
	extra     []string
	bin       string
	submit    bool
}

func newSlurmCmd() *cobra.Command {
	var o slurmOptions
	cmd := &cobra.Command{
		Use:   "slurm FILE.toml|NAME --out DIR [--tasks n] [--time T] [--partition P] [--account A] [--submit]",
		Short: "Write (and submit) the Slurm jobs that run a sweep on a cluster",
		Long: `Slurm prepares the sweep directory DIR and writes two Slurm batch scripts:

  DIR/slurm/sweep.sbatch  a job array of --tasks tasks; each runs one shard of
                          the sweep ('sahelsim sweep' takes its shard from the
                          array task), on the CPUs Slurm gives it
  DIR/slurm/merge.sbatch  the merge of the shards into the sweep's outputs, to
                          run once every task has succeeded (afterok); it is
                          cancelled if a task fails

and prints the two commands that submit them; with --submit it submits both
itself and prints the job ids. Logs go to DIR/slurm/logs. DIR must be on a
file system that every node sees. A task stopped by its time limit or by
preemption resumes where it stopped when it runs again (sbatch --requeue, or
resubmitting the script), and so does the whole array.

The scripts run this program (--bin to name another path, as the compute nodes
see it) on the sweep file's absolute path; the flags --time, --partition,
--account, --mem and --cpus-per-task become #SBATCH lines, and so does each
--sbatch (e.g. --sbatch=--qos=long).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			return runSlurm(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "sweep directory, seen by every node (default: runs/<sweep name>)")
	f.IntVar(&o.tasks, "tasks", 0, "tasks of the job array, one shard each (default: the number of runs, at most 32)")
	f.StringVar(&o.time, "time", "", "time limit of each task and of the merge, as sbatch --time takes it (default: the partition's)")
	f.StringVar(&o.partition, "partition", "", "partition (default: the cluster's)")
	f.StringVar(&o.account, "account", "", "account to charge (default: yours)")
	f.IntVar(&o.cpus, "cpus-per-task", 1, "CPUs of each task: the runs it runs at once")
	f.StringVar(&o.mem, "mem", "", "memory of each task, as sbatch --mem takes it (default: the cluster's)")
	f.StringVar(&o.series, "series", "totals", "time series of each run: totals, full or none")
	f.StringArrayVar(&o.extra, "sbatch", nil, "another sbatch option for both scripts (repeatable)")
	f.StringVar(&o.bin, "bin", "", "path of sahelsim on the compute nodes (default: this program)")
	f.BoolVar(&o.submit, "submit", false, "submit the jobs with sbatch and print their ids")
	return cmd
}

// runSlurm writes the scripts of the sweep o.file, and submits them with
// o.submit.
func runSlurm(ctx context.Context, o slurmOptions, stdout io.Writer) error {
	if o.cpus < 1 {
		return &badInput{fmt.Errorf("--cpus-per-task %d: want at least 1", o.cpus), true}
	}
	if o.tasks < 0 {
		return &badInput{fmt.Errorf("--tasks %d: want at least 1", o.tasks), true}
	}
	sw, m, series, err := loadSweep(o.file, o.series)
	if err != nil {
		return err
	}
	out := o.out
	if out == "" {
		if out, err = defaultOut(sw); err != nil {
			return err
		}
	}
	if out, err = filepath.Abs(out); err != nil {
		return work(err)
	}
	tasks := o.tasks
	if tasks == 0 {
		tasks = min(sw.NumRuns(), 32)
	}
	tasks = min(tasks, sw.NumRuns())

	bin := o.bin
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return work(fmt.Errorf("find this program's path: %w (give --bin)", err))
		}
		if resolved, err := filepath.EvalSymlinks(bin); err == nil {
			bin = resolved
		}
	}
	file := o.file
	if _, ok := scenarios.BuiltinSweep(file); !ok {
		if file, err = filepath.Abs(file); err != nil {
			return work(err)
		}
	}
	dir := filepath.Join(out, sweep.SlurmDir)
	logs := filepath.Join(dir, logsDir)
	array, merge, err := sweep.SlurmScripts(sweep.SlurmJob{Sweep: sw, File: file, Dir: out, Bin: bin, Series: series,
		Tasks: tasks, CPUs: o.cpus, Time: o.time, Partition: o.partition, Account: o.account, Mem: o.mem, Extra: o.extra}, logs)
	if err != nil {
		return &badInput{err, true}
	}
	_, lock, err := prepareDir(out, m, false)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	// Slurm fails a job whose --output directory does not exist.
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return work(err)
	}
	sweepPath, mergePath := filepath.Join(dir, sweepScript), filepath.Join(dir, mergeScript)
	for _, s := range []struct{ path, text string }{{sweepPath, array}, {mergePath, merge}} {
		err := outputs.WriteFileAtomic(ctx, s.path, func(w io.Writer) error { _, err := io.WriteString(w, s.text); return err })
		if err == nil {
			err = os.Chmod(s.path, 0o755)
		}
		if err != nil {
			return work(err)
		}
	}

	if !o.submit {
		fmt.Fprintf(stdout, "wrote %s (%d tasks) and %s; submit them with:\n", sweepPath, tasks, mergePath)
		fmt.Fprintf(stdout, "  jid=$(sbatch --parsable %s)\n", shell.Quote(sweepPath))
		fmt.Fprintf(stdout, "  sbatch --dependency=afterok:${jid%%%%;*} %s\n", shell.Quote(mergePath))
		return nil
	}
	jid, err := sbatch(ctx, sweepPath)
	if err != nil {
		return work(err)
	}
	mid, err := sbatch(ctx, "--dependency=afterok:"+jid, mergePath)
	if err != nil {
		return work(fmt.Errorf("%w (the array job %s is submitted; cancel it with scancel %s, or submit the merge yourself)", err, jid, jid))
	}
	fmt.Fprintf(stdout, "submitted array job %s (%d tasks): %s\n", jid, tasks, sweepPath)
	fmt.Fprintf(stdout, "submitted merge job %s (afterok:%s): %s\n", mid, jid, mergePath)
	fmt.Fprintf(stdout, "results in %s once merge job %s is done (logs in %s)\n", out, mid, logs)
	return nil
}

// sbatch submits a job with the given arguments and returns its id.
func sbatch(ctx context.Context, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "sbatch", append([]string{"--parsable"}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("sbatch %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	// --parsable prints "jobid" or "jobid;cluster".
	id, _, _ := strings.Cut(strings.TrimSpace(stdout.String()), ";")
	if _, err := strconv.Atoi(id); err != nil {
		return "", fmt.Errorf("sbatch %s: unexpected output %q", strings.Join(args, " "), stdout.String())
	}
	return id, nil
}
