// Package runner runs the replicates of a scenario in parallel and records
// each, with an [outputs.Recorder] for the Sahel model or an
// [outputs.EpsteinRecorder] for Epstein's model. [Simulate], one replicate,
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
// workers <= 0). Replicate r draws from sim.NewRand(seed, r), whatever the
// scenario's own seed, so the results depend on seed and reps only, not on
// workers. The grid is built once and shared.
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
	results := make([]*outputs.Replicate, reps)
	var mu sync.Mutex // serialises progress
	done := 0
	err := sim.Replicate(ctx, reps, workers, func(rep int) error {
		res, err := Simulate(ctx, sc, grid, sim.NewRand(seed, rep))
		if err != nil {
			return err
		}
		res.Rep, res.Seed = rep, seed
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

// NeedsGrid reports whether sc's model runs on the map grid (the Sahel
// model does; Epstein's model has its own torus).
func NeedsGrid(sc *scenarios.Scenario) bool { return sc.Model != "epstein" }

// Simulate runs one replicate of sc, drawing from r, and records it: the
// Sahel model on grid (built at sc.Map.Resolution), or Epstein's model
// (grid unused). It stops at the next step once ctx is done. The result's
// Rep and Seed are left for the caller to set.
func Simulate(ctx context.Context, sc *scenarios.Scenario, grid *sim.Grid, r *rand.Rand) (*outputs.Replicate, error) {
	switch sc.Model {
	case "", "sahel":
		w := agents.New(&sc.Params, grid, r)
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
	case "epstein":
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
	return nil, fmt.Errorf("runner: scenario %q: %w %q", sc.Name, ErrModel, sc.Model)
}
