package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
	"github.com/sahelsim/sahelsim/scenarios"
)

// Environment variables for tests of the sweep command: they make runs
// fail, and record the runs started, in a real process.
const (
	envTestFail  = "SAHELSIM_TEST_FAIL"  // run ids that fail, comma-separated
	envTestTrace = "SAHELSIM_TEST_TRACE" // file that gets "run ID" when each run starts
)

// sweepOptions are the arguments and flags of the sweep command.
type sweepOptions struct {
	file    string
	out     string
	workers int
	shard   string
	series  string
	quiet   bool
	noPlots bool
	list    bool
	getenv  func(string) string
}

func newSweepCmd() *cobra.Command {
	o := sweepOptions{getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "sweep FILE.toml|NAME --out DIR",
		Short: "Run every point and replicate of a parameter sweep",
		Long: `Sweep runs a sweep file: every replicate of every point (a base scenario with
values of the parameters), on --workers workers, and writes into DIR:

  runs.csv, runs.parquet              one row per run: run, scenario, point,
                                      replicate, seed, the parameters, the
                                      headline indicators
  timeseries.csv, timeseries.parquet  the time series of every run, by run id
  manifest.json                       the sweep, its scenarios, every seed
  failures.csv                        the runs that failed, if any

Each run is written to DIR/parts as soon as it finishes, so a sweep stopped in
any way (Ctrl-C, SIGTERM, kill -9, a time limit) resumes where it stopped when
the same command runs again; the outputs are the same as those of a sweep that
ran at once, whatever the number of workers or shards. Runs go in
replicate-major order: every point's first replicate before any second one.

With --shard i/n, or inside a Slurm job array (from SLURM_ARRAY_TASK_ID and
the array's size), only shard i of n runs, and 'sahelsim merge DIR' writes the
outputs once every shard is done; see 'sahelsim slurm'.

NAME is a built-in sweep (see --list). A sweep file names a base scenario
(scenario = "NAME" or a path relative to the file, or scenarios = [...] to
compare several), its parameters by their dotted path in the scenario, a
design (grid, lhs or sobol), the replicates and a seed; see the package
documentation of scenarios, or the files of 'sahelsim sweep --list'.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.list {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.list {
				return work(listSweeps(cmd.OutOrStdout()))
			}
			o.file = args[0]
			return runSweep(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output directory (default: runs/<sweep name>)")
	f.IntVar(&o.workers, "workers", 0, "runs at once, and CPUs used (default: the CPUs this process may use; in a Slurm job, those allocated)")
	f.StringVar(&o.shard, "shard", "", "run only shard i of n, as i/n (default: the Slurm array task, if any)")
	f.StringVar(&o.series, "series", "totals", "time series of each run: totals (zone and group totals), full or none")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress")
	f.BoolVar(&o.noPlots, "no-plots", false, "write no compare.csv, figures, tables or report after the sweep")
	f.BoolVar(&o.list, "list", false, "list the built-in sweeps")
	return cmd
}

// listSweeps lists the built-in sweeps.
func listSweeps(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDESCRIPTION")
	for _, s := range scenarios.ListSweeps() {
		fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Description)
	}
	return tw.Flush()
}

// loadSweep loads the sweep file (or built-in sweep) and its manifest.
func loadSweep(file, series string) (*scenarios.Sweep, *sweep.Manifest, sweep.Series, error) {
	s, err := sweep.ParseSeries(series)
	if err != nil {
		return nil, nil, 0, &badInput{fmt.Errorf("--series: %w", err), true}
	}
	sw, err := scenarios.LoadSweep(file)
	if err != nil {
		return nil, nil, 0, &badInput{err: err}
	}
	m, err := sweep.NewManifest(sw, s, outputs.ReadBuild(version, commit))
	if err != nil {
		return nil, nil, 0, &badInput{err: err}
	}
	return sw, m, s, nil
}

// prepareDir makes dir the directory of the sweep of m.
func prepareDir(dir string, m *sweep.Manifest) (*sweep.Manifest, error) {
	m, err := sweep.Prepare(dir, m)
	if errors.Is(err, sweep.ErrOtherSweep) || errors.Is(err, sweep.ErrNotSweep) {
		return nil, &badInput{err: err}
	}
	return m, work(err)
}

// defaultOut returns the default output directory of a sweep.
func defaultOut(sw *scenarios.Sweep) string {
	name := sw.Name
	if name == "" {
		name = "sweep"
	}
	return filepath.Join("runs", name)
}

// shardFlag parses the flag --shard i/n; "" is the whole sweep.
func shardFlag(s string) (sweep.Shard, error) {
	if s == "" {
		return sweep.Shard{}, nil
	}
	shard, err := sweep.ParseShard(s)
	if err != nil {
		return shard, &badInput{fmt.Errorf("--shard: %w", err), true}
	}
	return shard, nil
}

// runSweep runs the sweep as o says. Progress goes to stderr, the summary
// to stdout.
func runSweep(ctx context.Context, o sweepOptions, stdout, stderr io.Writer) error {
	if o.workers < 0 {
		return &badInput{fmt.Errorf("--workers %d: want at least 1", o.workers), true}
	}
	shard, err := shardFlag(o.shard)
	if err != nil {
		return err
	}
	if o.shard == "" {
		s, ok, err := sweep.SlurmShard(o.getenv)
		if err != nil {
			return &badInput{err: err}
		}
		if ok {
			shard = s
		}
	}
	sw, m, _, err := loadSweep(o.file, o.series)
	if err != nil {
		return err
	}
	out := o.out
	if out == "" {
		out = defaultOut(sw)
	}
	if m, err = prepareDir(out, m); err != nil {
		return err
	}
	workers := o.workers
	if workers == 0 {
		workers = sweep.DefaultWorkers(o.getenv)
	}

	// W workers on W CPUs: the tables are assembled as the runs finish,
	// on the same CPUs.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	opts := sweep.Options{Workers: workers, Shard: shard, Assemble: shard.Whole()}
	closeHooks, err := testHooks(&opts, o.getenv)
	if err != nil {
		return err
	}
	defer closeHooks()
	var p *progress
	if !o.quiet {
		p = newProgress(stderr, sw.Name)
		opts.Progress = p.update
	}
	what := fmt.Sprintf("%d runs (%d points × %d replicates)", sw.NumRuns(), sw.NumPoints(), sw.Replicates)
	if !shard.Whole() {
		what = fmt.Sprintf("shard %s of %s", shard, what)
	}
	if !o.quiet {
		plural := "s"
		if workers == 1 {
			plural = ""
		}
		fmt.Fprintf(stderr, "sweep %s: %s on %d worker%s into %s\n", sw.Name, what, workers, plural, out)
	}
	start := time.Now()
	res, err := sweep.Run(ctx, out, sw, m, opts)
	if p != nil {
		p.finish(err != nil)
	}
	if res != nil && res.Stopped {
		return work(fmt.Errorf("interrupted: %d of %d runs done; rerun the same command to resume", res.Done, res.Runs))
	}
	if err != nil {
		return work(err)
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	if !shard.Whole() {
		fmt.Fprintf(stdout, "shard %s of sweep %s: %d of %d runs done (%d before), %d failed, in %s: %s\n",
			shard, sw.Name, res.Done, res.Runs, res.Before, len(res.Failures), elapsed, out)
		if len(res.Failures) > 0 {
			return work(failureError(res.Failures, res.Runs, ""))
		}
		fmt.Fprintf(stdout, "when every shard is done: sahelsim merge %s\n", out)
		return nil
	}
	done := fmt.Sprintf("%d runs (%d points × %d replicates)", res.Runs, sw.NumPoints(), sw.Replicates)
	if res.Before > 0 {
		done += fmt.Sprintf(", %d done before", res.Before)
	}
	if err := reportSummary(stdout, sw.Name, res.Summary, out, done, elapsed); err != nil {
		return err
	}
	return finishSweep(stdout, out, o.noPlots)
}

// finishSweep compares the points of a complete sweep with their
// references (compare.csv, when there are several points) and draws its
// figures, tables and report, unless noPlots.
func finishSweep(stdout io.Writer, dir string, noPlots bool) error {
	if noPlots {
		return nil
	}
	t, err := sweep.ReadTable(dir)
	if err != nil {
		return work(err)
	}
	if refs, err := t.References(""); err == nil {
		if cs := t.Compare(refs); len(cs) > 0 {
			if err := writeCSVFile(filepath.Join(dir, sweep.CompareCSV), func(w io.Writer) error { return sweep.WriteComparisons(w, cs) }); err != nil {
				return work(err)
			}
		}
	}
	res, err := report.Write(dir, report.Options{})
	if err != nil {
		return work(fmt.Errorf("%w (the sweep is complete in %s: redraw with 'sahelsim plot %s')", err, dir, dir))
	}
	printReport(stdout, dir, res)
	return nil
}

// reportSummary prints what a sweep or a merge wrote, and returns an
// error if runs failed.
func reportSummary(w io.Writer, name string, sum *sweep.Summary, dir, what string, elapsed time.Duration) error {
	fmt.Fprintf(w, "sweep %s: %s", name, what)
	if elapsed > 0 {
		fmt.Fprintf(w, " in %s", elapsed)
	}
	fmt.Fprintf(w, ": %s\n", dir)
	if len(sum.Failures) > 0 {
		return work(failureError(sum.Failures, sum.Runs, filepath.Join(dir, sweep.FailuresCSV)))
	}
	fmt.Fprintf(w, "compare the points: sahelsim compare %s\n", dir)
	return nil
}

// failureError summarises failed runs: their number and the first few.
func failureError(fs []sweep.Failure, runs int, file string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d runs failed", len(fs), runs)
	if file != "" {
		fmt.Fprintf(&b, " (see %s)", file)
	}
	b.WriteString(":")
	for i, f := range fs {
		if i == 5 {
			fmt.Fprintf(&b, "\n  … and %d more", len(fs)-i)
			break
		}
		b.WriteString("\n  " + sweep.FormatFailure(f))
	}
	b.WriteString("\nrerun the same command to run the failed runs again")
	return errors.New(b.String())
}

// testHooks sets the test hooks of o from the environment, and returns
// a function that releases them.
func testHooks(o *sweep.Options, getenv func(string) string) (func(), error) {
	if s := getenv(envTestFail); s != "" {
		var fail []int
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return nil, &badInput{err: fmt.Errorf("%s=%q: want run ids", envTestFail, s)}
			}
			fail = append(fail, n)
		}
		o.Fail = func(run int) error {
			if slices.Contains(fail, run) {
				return fmt.Errorf("failure injected by %s", envTestFail)
			}
			return nil
		}
	}
	if path := getenv(envTestTrace); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return nil, work(err)
		}
		o.Trace = f
		return func() { f.Close() }, nil
	}
	return func() {}, nil
}

// A progress reports the progress of a sweep on stderr: a progress bar
// with the rate and the time left on a terminal, plain lines otherwise
// (at each tenth of the runs, and at least every minute).
type progress struct {
	w     io.Writer
	name  string
	bar   *progressbar.ProgressBar
	tty   bool
	start time.Time
	first int // runs done before
	total int

	lastTenth int
	lastLine  time.Time
}

func newProgress(w io.Writer, name string) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, name: name, tty: ok && term.IsTerminal(int(f.Fd())), first: -1}
}

// update is sweep.Options.Progress.
func (p *progress) update(done, total int) {
	now := time.Now()
	if p.first < 0 {
		p.first, p.total, p.start, p.lastLine = done, total, now, now
		p.lastTenth = 10 * done / max(total, 1)
		if p.tty && done < total {
			p.bar = progressbar.NewOptions(total-done,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription(fmt.Sprintf("sweep %s: runs", p.name)),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("runs"),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionFullWidth(),
				progressbar.OptionClearOnFinish(),
			)
			p.bar.RenderBlank()
		}
		return
	}
	if p.bar != nil {
		p.bar.Set(done - p.first)
		return
	}
	if p.tty {
		return
	}
	tenth := 10 * done / max(total, 1)
	if tenth == p.lastTenth && now.Sub(p.lastLine) < time.Minute {
		return
	}
	p.lastTenth, p.lastLine = tenth, now
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done-p.first) / elapsed
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "sweep %s: %d/%d runs (%d%%), %.2f runs/s, ETA %s\n", p.name, done, total, 100*done/max(total, 1), rate, eta)
}

// finish ends the progress bar; stopped says whether the sweep stopped
// early, in which case the bar is kept as it stopped.
func (p *progress) finish(stopped bool) {
	if p.bar == nil {
		return
	}
	if stopped {
		p.bar.Exit()
		fmt.Fprintln(p.w)
	} else {
		p.bar.Finish()
	}
}
