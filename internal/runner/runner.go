// Package runner runs the replicates of a scenario in parallel and records
// each, with the scenario's [Model]: the Sahel model, recorded by an
// [outputs.Recorder], or Epstein's model, by an [outputs.EpsteinRecorder].
// [Models] is the registry the runner calls: a third model plugs in by
// implementing Model and adding a line to it. [Simulate], one replicate,
// is shared by the run command and parameter sweeps (internal/sweep).
package runner

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// ErrModel is wrapped by the error of Run for a scenario whose model is
// unknown.
var ErrModel = errors.New("unsupported model")

// Run runs reps replicates of sc on workers goroutines (sim.Workers() if
// workers <= 0). Replicate r draws from sim.NewRand(seed, r), the stream
// of its own seed sim.ReplicateSeed(seed, r) (seed itself for replicate
// 0), whatever the scenario's own seed, so the results depend on seed and
// reps only, not on workers; a sweep's runs of replicate r with the same
// seed draw the same stream. Each result's Seed is its own seed. The grid
// is built once and shared.
//
// progress, if not nil, is called with the number of replicates done each
// time one finishes. The calls come from the worker goroutines but one at
// a time, with done increasing.
//
// Run stops early when ctx is cancelled, at the next step of the running
// replicates, and returns ctx's error. Results are in replicate order.
func Run(ctx context.Context, sc *scenarios.Scenario, seed uint64, reps, workers int, progress func(done int)) ([]*outputs.Replicate, error) {
	if reps < 1 {
		return nil, fmt.Errorf("runner: %d replicates: want at least 1", reps)
	}
	var grid *sim.Grid
	if NeedsGrid(sc) {
		g, err := geo.Build(sc.Map.Resolution)
		if err != nil {
			return nil, fmt.Errorf("runner: build grid: %w", err)
		}
		grid = g
	}
	simulate := func(r *rand.Rand) (*outputs.Replicate, error) { return Simulate(ctx, sc, grid, r) }
	if m, err := modelOf(sc); err == nil {
		if p, ok := m.(preparer); ok {
			simulate = p.prepare(ctx, sc, grid)
		}
	}
	results := make([]*outputs.Replicate, reps)
	var mu sync.Mutex // serialises progress
	done := 0
	err := sim.Replicate(ctx, reps, workers, func(rep int) error {
		res, err := simulate(sim.NewRand(seed, rep))
		if err != nil {
			return err
		}
		res.Rep, res.Seed = rep, sim.ReplicateSeed(seed, rep)
		results[rep] = res
		if progress != nil {
			mu.Lock()
			done++
			progress(done)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("runner: %w", err)
	}
	return results, nil
}

// A Model is a model the runner can run: it runs one replicate of a
// scenario, drawing from r, and records it. A model plugs in by a line in
// the table of Models.
type Model interface {
	// Grid reports whether the model runs on the map grid, built at the
	// scenario's resolution and passed to Simulate (nil otherwise).
	Grid() bool
	// Simulate runs and records one replicate of sc, stopping at the
	// next step once ctx is done. The result's Rep and Seed are left for
	// the caller to set.
	Simulate(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid, r *rand.Rand) (*outputs.Replicate, error)
}

// Models returns the models the runner knows, by the name a scenario's
// model key gives ("" is the Sahel model).
func Models() map[string]Model {
	return map[string]Model{"": sahel{}, "sahel": sahel{}, "epstein": epsteinModel{}}
}

// modelOf returns the model of sc, or an error wrapping ErrModel.
func modelOf(sc *scenarios.Scenario) (Model, error) {
	m, ok := Models()[sc.Model]
	if !ok {
		return nil, fmt.Errorf("runner: scenario %q: %w %q", sc.Name, ErrModel, sc.Model)
	}
	return m, nil
}

// NeedsGrid reports whether sc's model runs on the map grid (the Sahel
// model does; Epstein's model has its own torus).
func NeedsGrid(sc *scenarios.Scenario) bool {
	m, err := modelOf(sc)
	return err == nil && m.Grid()
}

// Simulate runs one replicate of sc, drawing from r, and records it, with
// the scenario's model (see Models): the Sahel model on grid (built at
// sc.Map.Resolution), or Epstein's model (grid unused). It stops at the
// next step once ctx is done. The result's Rep and Seed are left for the
// caller to set.
func Simulate(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid, r *rand.Rand) (*outputs.Replicate, error) {
	m, err := modelOf(sc)
	if err != nil {
		return nil, err
	}
	return m.Simulate(ctx, sc, grid, r)
}

// A preparer is a Model whose replicates of one scenario share what they
// build alike: prepare does that once and returns the simulation of one
// replicate, the same as Simulate's, safe to call in parallel.
type preparer interface {
	prepare(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid) func(r *rand.Rand) (*outputs.Replicate, error)
}

// sahel is the Sahel model (package agents), observed by an
// outputs.Recorder.
type sahel struct{}

func (sahel) Grid() bool { return true }

func (sahel) Simulate(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid, r *rand.Rand) (*outputs.Replicate, error) {
	return simulateSahel(ctx, agents.New(&sc.Params, grid, r))
}

// prepare prepares the worlds of sc once (agents.Prepare: the map's
// layers, local areas, zones and networks' reach) for all its replicates.
func (sahel) prepare(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid) func(r *rand.Rand) (*outputs.Replicate, error) {
	pr := agents.Prepare(&sc.Params, grid)
	return func(r *rand.Rand) (*outputs.Replicate, error) { return simulateSahel(ctx, pr.New(r)) }
}

// simulateSahel runs and records the world w.
func simulateSahel(ctx context.Context, w *agents.World) (*outputs.Replicate, error) {
	rec := outputs.NewRecorder(w)
	err := w.Run(func(w *agents.World) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return rec.Observe(w)
	})
	if err != nil {
		return nil, err
	}
	return rec.Result(), nil
}

// epsteinModel is Epstein's civil violence model (package
// agents/epstein), observed by an outputs.EpsteinRecorder on the
// scenario's calendar.
type epsteinModel struct{}

func (epsteinModel) Grid() bool { return false }

func (epsteinModel) Simulate(ctx context.Context, sc *scenarios.Scenario, _ *sim.Grid, r *rand.Rand) (*outputs.Replicate, error) {
	p := sc.EpsteinParams()
	m := epstein.New(p, r)
	clock := sim.Clock{Start: sc.Start, StepDays: sc.StepDays, Steps: p.Steps}
	rec := outputs.NewEpsteinRecorder(m, clock, 0, 0)
	for range p.Steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.Step()
		rec.Observe(m)
	}
	return rec.Result(), nil
}
