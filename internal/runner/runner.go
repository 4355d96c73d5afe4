// Package runner runs the replicates of a scenario in parallel and
// records each with an [outputs.Recorder]. It is shared by the command
// line's run command and, later, by parameter sweeps.
package runner

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// ErrModel is wrapped by the error of Run for a scenario whose model is
// not the Sahel model.
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
	if sc.Model != "" && sc.Model != "sahel" {
		return nil, fmt.Errorf("runner: scenario %q: %w %q (only \"sahel\" runs here)", sc.Name, ErrModel, sc.Model)
	}
	if reps < 1 {
		return nil, fmt.Errorf("runner: %d replicates: want at least 1", reps)
	}
	grid, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		return nil, fmt.Errorf("runner: build grid: %w", err)
	}
	results := make([]*outputs.Replicate, reps)
	var mu sync.Mutex // serialises progress
	done := 0
	err = sim.Replicate(ctx, reps, workers, func(rep int) error {
		w := agents.New(&sc.Params, grid, sim.NewRand(seed, rep))
		rec := outputs.NewRecorder(w)
		err := w.Run(func(w *agents.World) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return rec.Observe(w)
		})
		if err != nil {
			return err
		}
		res := rec.Result()
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
