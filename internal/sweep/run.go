package sweep

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/geo"
	simrunner "github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Options are how Run runs a sweep.
type Options struct {
	Workers int   // runs at once; DefaultWorkers(os.Getenv) if < 1
	Shard   Shard // the runs to run; the zero Shard for all

	// Assemble, for the whole sweep (the zero Shard), writes its tables as
	// Assemble does, but as the runs finish: the parts are streamed into
	// the tables in run order while later runs run, so that the tables
	// are complete soon after the last run. They are renamed into place
	// only if every run is done.
	Assemble bool

	// Progress, if not nil, is called with the number of runs of the
	// shard done (those done before included) and their total, once
	// before the first run and after each run. Calls come one at a time.
	Progress func(done, total int)

	// Fail and Trace are for tests. Fail, if not nil, is called before
	// each run: a non-nil error fails the run with it. Trace, if not nil,
	// gets a line "run RUN" when each run starts.
	Fail  func(run int) error
	Trace io.Writer
}

// A Result is what Run did.
type Result struct {
	Runs    int  // runs of the shard
	Before  int  // of those, done before Run started
	Ran     int  // runs run to the end now, successful or failed
	Done    int  // runs of the shard with a part now
	Stopped bool // the context was cancelled before every run was done
	// Failures are the runs that failed now, in run order.
	Failures []Failure
	// Summary is what was assembled, with Options.Assemble and every run
	// done; nil otherwise.
	Summary *Summary
}

// Run runs the runs of the sweep sw, of the shard o.Shard, that the sweep
// directory dir does not hold yet, in run order, on o.Workers workers, and
// writes each to its part file as it finishes (see the package
// documentation), with the time series that m records. dir must have been
// made by Prepare with the manifest m of sw. A failed run leaves a
// failure record, and the others go on; the failure records of earlier
// attempts are replaced as the runs run again.
//
// If ctx is cancelled, Run hands out no more runs, abandons those in
// progress, and returns with Result.Stopped set and ctx's error. Other
// errors are errors of the directory.
func Run(ctx context.Context, dir string, sw *scenarios.Sweep, m *Manifest, o Options) (*Result, error) {
	if m.Runs != sw.NumRuns() {
		return nil, fmt.Errorf("sweep: manifest of %d runs for a sweep of %d", m.Runs, sw.NumRuns())
	}
	series, err := ParseSeries(m.Series)
	if err != nil {
		return nil, fmt.Errorf("sweep: manifest of %s: %w", dir, err)
	}
	if o.Assemble && !o.Shard.Whole() {
		return nil, fmt.Errorf("sweep: shard %s: only a whole sweep is assembled as it runs", o.Shard)
	}
	workers := o.Workers
	if workers < 1 {
		workers = DefaultWorkers(os.Getenv)
	}
	st, err := scan(dir, m.Runs, o.Shard, true)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	res := &Result{}
	for run := range m.Runs {
		if o.Shard.Has(run) {
			res.Runs++
			if st.done.has(run) {
				res.Before++
			}
		}
	}
	res.Done = res.Before
	todo := func(yield func(int) bool) {
		for run := range m.Runs {
			if o.Shard.Has(run) && !st.done.has(run) && !yield(run) {
				return
			}
		}
	}

	r := &runner{ctx: ctx, dir: dir, sw: sw, m: m, o: o, series: series, grids: map[float64]*gridOnce{}}
	var mu sync.Mutex // serialises res, Progress and the assembler's state
	if o.Progress != nil {
		o.Progress(res.Done, res.Runs)
	}

	// The assembler follows the runs in run order: it waits for each run
	// to settle (have a part, or fail) and adds it to the tables.
	settled := slices.Clone(st.done) // under mu
	failed := map[int]*Failure{}     // under mu
	finished := false                // under mu: no more runs will settle
	cond := sync.NewCond(&mu)
	var asmSum *Summary
	var asmErr error
	asmDone := make(chan struct{})
	if o.Assemble {
		go func() {
			defer close(asmDone)
			a, err := newAssembler(dir, m)
			if err != nil {
				asmErr = err
				return
			}
			for run := range m.Runs {
				mu.Lock()
				for !settled.has(run) && !finished {
					cond.Wait()
				}
				ok, f := settled.has(run), failed[run]
				mu.Unlock()
				if !ok { // stopped
					a.abort()
					return
				}
				if err := a.add(run, f); err != nil {
					a.abort()
					asmErr = err
					return
				}
			}
			asmSum, asmErr = a.finish()
		}()
	} else {
		close(asmDone)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	var dirErr error
	for range min(workers, max(res.Runs-res.Before, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for run := range next {
				f, err := r.run(run)
				mu.Lock()
				switch {
				case err != nil && ctx.Err() != nil:
					// Abandoned: it runs again on resume.
				case err != nil:
					if dirErr == nil {
						dirErr = err
					}
				default:
					res.Ran++
					if f != nil {
						res.Failures = append(res.Failures, *f)
						failed[run] = f
					} else {
						res.Done++
					}
					settled.set(run)
					cond.Broadcast()
					if o.Progress != nil {
						o.Progress(res.Done+len(res.Failures), res.Runs)
					}
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for run := range todo {
		mu.Lock()
		stop := dirErr != nil
		mu.Unlock()
		if stop {
			break
		}
		select {
		case next <- run:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	mu.Lock()
	finished = true
	cond.Broadcast()
	mu.Unlock()
	<-asmDone
	slices.SortFunc(res.Failures, func(a, b Failure) int { return cmp.Compare(a.Run, b.Run) })
	if dirErr != nil {
		return res, fmt.Errorf("sweep: %w", dirErr)
	}
	if err := ctx.Err(); err != nil && res.Done+len(res.Failures) < res.Runs {
		res.Stopped = true
		return res, err
	}
	if asmErr != nil {
		return res, asmErr
	}
	res.Summary = asmSum
	return res, nil
}

// A runner runs the runs of one sweep.
type runner struct {
	ctx    context.Context
	dir    string
	sw     *scenarios.Sweep
	m      *Manifest
	o      Options
	series Series

	mu       sync.Mutex
	grids    map[float64]*gridOnce
	counters map[counterKey]*acled.PatternCounter // of the patterns, shared by the runs of a grid and coalition
}

// A counterKey says which runs can share a PatternCounter.
type counterKey struct {
	grid *sim.Grid
	jnim [agents.NumGroups]bool
}

// counter returns the PatternCounter of runs of sc on grid g, made once and
// shared.
func (r *runner) counter(g *sim.Grid, sc *scenarios.Scenario) (*acled.PatternCounter, error) {
	k := counterKey{g, acled.JNIMMembers(&sc.Params)}
	r.mu.Lock()
	defer r.mu.Unlock()
	if pc, ok := r.counters[k]; ok {
		return pc, nil
	}
	pc, err := acled.NewPatternCounter(g, k.jnim)
	if err != nil {
		return nil, err
	}
	if r.counters == nil {
		r.counters = map[counterKey]*acled.PatternCounter{}
	}
	r.counters[k] = pc
	return pc, nil
}

// A gridOnce builds the grid of one resolution once.
type gridOnce struct {
	once sync.Once
	grid *sim.Grid
	err  error
}

// grid returns the grid at resolution res, built once and shared.
func (r *runner) grid(res float64) (*sim.Grid, error) {
	r.mu.Lock()
	g, ok := r.grids[res]
	if !ok {
		g = &gridOnce{}
		r.grids[res] = g
	}
	r.mu.Unlock()
	g.once.Do(func() { g.grid, g.err = geo.Build(res) })
	return g.grid, g.err
}

// run runs run and writes its part, or its failure record if it fails.
// It returns the failure, if any, and an error if the run was abandoned
// (the context's error) or its result could not be written.
func (r *runner) run(id int) (*Failure, error) {
	if r.o.Trace != nil {
		fmt.Fprintf(r.o.Trace, "run %d\n", id)
	}
	run := r.sw.Run(id)
	pt := r.sw.Point(run.Point)
	h := partHeader{
		Sweep:     r.m.Hash,
		Run:       id,
		Scenario:  r.sw.Scenarios[pt.Scenario].Name,
		Point:     run.Point,
		Replicate: run.Replicate,
		Seed:      run.Seed,
	}
	for _, v := range pt.Values {
		h.Params = append(h.Params, scenarios.FormatValue(v))
	}
	if err := os.MkdirAll(bucket(r.dir, id), 0o755); err != nil {
		return nil, err
	}
	rep, stack, err := r.simulate(run)
	if err != nil {
		if r.ctx.Err() != nil {
			return nil, r.ctx.Err()
		}
		f := &Failure{Run: id, Scenario: h.Scenario, Point: h.Point, Replicate: h.Replicate, Seed: h.Seed,
			Error: err.Error(), Stack: stack}
		b, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := writeAtomic(failPath(r.dir, id), append(b, '\n')); err != nil {
			return nil, err
		}
		os.Remove(partPath(r.dir, id)) // none, unless run by another process
		return f, nil
	}
	p := newPart(h, rep, r.series)
	b, err := p.encode()
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(partPath(r.dir, id), b); err != nil {
		return nil, err
	}
	if err := os.Remove(failPath(r.dir, id)); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return nil, nil
}

// simulate runs run and records it. A panic is returned as an error, with
// its stack.
func (r *runner) simulate(run scenarios.Run) (rep *outputs.Replicate, stack string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
			stack = string(debug.Stack())
		}
	}()
	if r.o.Fail != nil {
		if err := r.o.Fail(run.ID); err != nil {
			return nil, "", err
		}
	}
	sc, err := r.sw.PointScenario(run.Point)
	if err != nil {
		return nil, "", err
	}
	var g *sim.Grid
	if simrunner.NeedsGrid(sc) {
		if g, err = r.grid(sc.Map.Resolution); err != nil {
			return nil, "", err
		}
	}
	rep, err = simrunner.Simulate(r.ctx, sc, g, sim.Stream(run.Seed))
	if err != nil {
		return nil, "", err
	}
	if r.m.Patterns {
		pc, err := r.counter(rep.Grid, sc)
		if err != nil {
			return nil, "", err
		}
		if err := addPatterns(rep, pc); err != nil {
			return nil, "", err
		}
	}
	for _, c := range rep.Columns {
		if !slices.Contains(r.m.Indicators, c) {
			return nil, "", fmt.Errorf("sweep: indicator %s is not a column of the sweep", c)
		}
	}
	return rep, "", nil
}

// addPatterns appends the patterns of the training window to the
// headline indicators of rep: its events counted by pc as ACLED counts
// them, one column per pattern (evidence.PatternIDs).
func addPatterns(rep *outputs.Replicate, pc *acled.PatternCounter) error {
	var c evidence.Counts
	if err := pc.Count(rep.Events, rep.Clock, &c); err != nil {
		return err
	}
	rep.Columns = append(slices.Clip(rep.Columns), evidence.PatternIDs()...)
	rep.Summary = evidence.PatternValues(evidence.Patterns(), &c, slices.Clip(rep.Summary))
	return nil
}

// FormatFailure formats f in one line: "run 12 (scenario, point 2,
// replicate 1, seed S): error".
func FormatFailure(f Failure) string {
	msg, _, _ := strings.Cut(f.Error, "\n")
	return fmt.Sprintf("run %d (%s, point %d, replicate %d, seed %d): %s", f.Run, f.Scenario, f.Point, f.Replicate, f.Seed, msg)
}
