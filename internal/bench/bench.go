// Package bench defines what the bench command measures: agent-steps per
// second (agents × steps / seconds of the step loop) of Epstein's civil
// violence model and of one replicate of the Sahel baseline, on one core
// or on several (independent replicates in parallel, their agent-steps
// summed). For the Sahel model, the agents of a step are the fighters
// the step visits, the communities of populated cells and the
// security-force units. [Run] measures the cases [Options] choose and
// writes a line for each; mesa_epstein.py in this directory measures
// Mesa's own Epstein example the same way.
package bench

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Seed is the base seed of the benchmark's Epstein replicates.
const Seed = 42

// Options say which cases Run measures.
type Options struct {
	Model   string // "epstein", "sahel", or "" for both
	Size    int    // the side of Epstein's grid; 0 for 40, 100 and 200
	Steps   int    // steps of each Epstein run (the Sahel baseline runs its own)
	Workers int    // the cores of the all-core cases; 1 for none
}

// Check returns an error, naming the flag of the bench command, if o
// asks for cases that cannot run.
func (o Options) Check() error {
	switch o.Model {
	case "", "epstein", "sahel":
	default:
		return fmt.Errorf("--model %q: want epstein or sahel", o.Model)
	}
	if o.Steps < 1 || o.Workers < 1 || o.Size < 0 {
		return fmt.Errorf("--steps, --workers must be at least 1 and --size not negative")
	}
	if o.Workers > sim.MaxWorkers {
		return fmt.Errorf("--workers %d: want %d to %d", o.Workers, 1, sim.MaxWorkers)
	}
	if int64(o.Size)*int64(o.Size) > scenarios.MaxEpsteinCells {
		return fmt.Errorf("--size %d: a grid of at most %d cells (2048 × 2048)", o.Size, scenarios.MaxEpsteinCells)
	}
	for _, p := range o.epstein() {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("--size %d: %w", p.Width, err)
		}
	}
	return nil
}

// epstein returns the parameters of the Epstein cases of o: Mesa's
// defaults on each grid.
func (o Options) epstein() []epstein.Params {
	if o.Model == "sahel" {
		return nil
	}
	sizes := []int{40, 100, 200}
	if o.Size > 0 {
		sizes = []int{o.Size}
	}
	var out []epstein.Params
	for _, n := range sizes {
		p := epstein.Default()
		p.Width, p.Height, p.Steps = n, n, o.Steps
		out = append(out, p)
	}
	return out
}

// Run measures the cases of o (see Options.Check) and writes a line for
// each to w: each Epstein grid, then the Sahel baseline, on one core and
// on o.Workers. It stops between cases once ctx is done.
func Run(ctx context.Context, w io.Writer, o Options) error {
	if err := o.Check(); err != nil {
		return err
	}
	cores := []int{1}
	if o.Workers > 1 {
		cores = append(cores, o.Workers)
	}
	for _, p := range o.epstein() {
		for _, n := range cores {
			fmt.Fprintln(w, Epstein(&p, n))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if o.Model == "epstein" {
		return nil
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		return err
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		return err
	}
	for _, n := range cores {
		fmt.Fprintln(w, Sahel(sc, g, n))
	}
	return nil
}

// Epstein runs workers replicates of p at once and returns the line bench
// prints: the grid, agents, steps, workers, seconds and agent-steps per
// second.
func Epstein(p *epstein.Params, workers int) string {
	agentSteps, secs := Parallel(workers, func(rep int) (int, time.Duration) {
		m := epstein.New(p, sim.NewRand(Seed, rep))
		start := time.Now()
		for range p.Steps {
			m.Step()
		}
		return m.Agents() * p.Steps, time.Since(start)
	})
	return fmt.Sprintf("model=epstein size=%dx%d agents=%d steps=%d workers=%d seconds=%.3f agent-steps/s=%.0f",
		p.Width, p.Height, agentSteps/(workers*p.Steps), p.Steps, workers, secs, float64(agentSteps)/secs)
}

// Sahel runs workers replicates of the scenario sc on g at once and
// returns the line bench prints.
func Sahel(sc *scenarios.Scenario, g *sim.Grid, workers int) string {
	agentSteps, secs := Parallel(workers, func(rep int) (int, time.Duration) {
		world := agents.New(&sc.Params, g, sim.NewRand(sc.Seed, rep))
		populated := 0
		for c := range world.Communities {
			if world.Communities[c].Base > 0 {
				populated++
			}
		}
		n := 0
		start := time.Now()
		for !world.Done() {
			n += len(world.Fighters) + populated + len(world.Units)
			world.Log.Reset()
			world.Advance()
		}
		return n, time.Since(start)
	})
	return fmt.Sprintf("model=sahel scenario=%s resolution=%g cells=%d steps=%d workers=%d seconds=%.3f agent-steps/s=%.0f",
		sc.Name, sc.Map.Resolution, len(g.Cells), sim.NewClock(sc.Start, sc.End, sc.StepDays).Steps, workers, secs, float64(agentSteps)/secs)
}

// Parallel runs w copies of run (replicates 0…w-1) at once and returns the
// sum of their agent-steps and the wall-clock seconds of the slowest.
func Parallel(w int, run func(rep int) (int, time.Duration)) (agentSteps int, seconds float64) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var longest time.Duration
	for rep := range w {
		wg.Go(func() {
			n, d := run(rep)
			mu.Lock()
			agentSteps += n
			longest = max(longest, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	return agentSteps, longest.Seconds()
}
