// Package bench defines what the bench command measures: agent-steps per
// second (agents × steps / seconds of the step loop) of Epstein's civil
// violence model and of one replicate of the Sahel baseline, on one core
// or on several (independent replicates in parallel, their agent-steps
// summed). For the Sahel model, the agents of a step are the fighters
// the step visits, the communities of populated cells and the
// security-force units. mesa_epstein.py in this directory measures Mesa's
// own Epstein example the same way.
package bench

import (
	"fmt"
	"sync"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Seed is the base seed of the benchmark's Epstein replicates.
const Seed = 42

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
