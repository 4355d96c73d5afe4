package sim

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// Replicate calls fn(rep) for rep = 0 … n-1 on up to workers goroutines
// (workers <= 0 means Workers()). Each call must use only its own random
// stream (NewRand(seed, rep)), so results do not depend on workers.
//
// A panic in fn is recovered and returned as that replicate's error. The
// returned error is the error of the lowest-numbered failed replicate, so it
// too is independent of scheduling. Replicate stops handing out new
// replicates once ctx is done or a replicate has failed.
func Replicate(ctx context.Context, n, workers int, fn func(rep int) error) error {
	if workers <= 0 {
		workers = Workers()
	}
	workers = min(workers, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := false
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := range next {
				err := safeCall(rep, fn)
				errs[rep] = err
				if err != nil {
					mu.Lock()
					failed = true
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for rep := range n {
		mu.Lock()
		stop := failed
		mu.Unlock()
		if stop {
			break
		}
		select {
		case next <- rep:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

func safeCall(rep int, fn func(int) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("replicate %d: panic: %v\n%s", rep, p, debug.Stack())
		}
	}()
	if err := fn(rep); err != nil {
		return fmt.Errorf("replicate %d: %w", rep, err)
	}
	return nil
}

// Workers returns the number of CPUs this process may use: the scheduler's
// GOMAXPROCS, which follows the CPU affinity mask (and so a Slurm
// allocation) rather than the whole machine.
func Workers() int { return runtime.GOMAXPROCS(0) }

// MaxWorkers bounds the workers (goroutines, and the OS threads a sweep
// asks for) of any command: more than any machine's cores, fewer than
// exhaust the threads of one process.
const MaxWorkers = 1024
