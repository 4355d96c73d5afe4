package sweep_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/scenarios"
)

// BenchmarkSweep400 runs a sweep of 400 runs of the baseline (400
// replicates) on 1 and 2 workers (and as many CPUs), with the default
// time series, from an empty directory to the assembled tables, as
// 'sahelsim sweep' does; it reports runs/s and the peak of the heap. Run
// it with
//
//	go test -run '^$' -bench 'Sweep400' -benchtime 1x ./internal/sweep/
func BenchmarkSweep400(b *testing.B) { benchmarkSweep(b, 400) }

// BenchmarkSweep4000 is BenchmarkSweep400 with 4,000 runs, to show that
// memory does not grow with the number of runs. It runs only when -bench
// names it: go test -run '^$' -bench 'Sweep4000' -benchtime 1x ./internal/sweep/
func BenchmarkSweep4000(b *testing.B) {
	if f := flag.Lookup("test.bench"); f == nil || !strings.Contains(f.Value.String(), "4000") {
		b.Skip("-bench does not name Sweep4000")
	}
	benchmarkSweep(b, 4000)
}

func benchmarkSweep(b *testing.B, runs int) {
	sw, err := scenarios.ParseSweep([]byte(fmt.Sprintf("scenario = \"baseline\"\nreplicates = %d\nseed = 1\n", runs)), "")
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		if workers > runtime.GOMAXPROCS(0) {
			continue
		}
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			// As 'sahelsim sweep --workers W' does: W runs at once on W CPUs.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
			var peak, live uint64
			var elapsed time.Duration
			for b.Loop() {
				dir, err := os.MkdirTemp("", "bench-sweep-")
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				stop := samplePeakHeap(&peak, &live)
				start := time.Now()
				m, err := sweep.NewManifest(sw, sweep.SeriesTotals, build)
				if err == nil {
					m, err = sweep.Prepare(dir, m)
				}
				var res *sweep.Result
				if err == nil {
					res, err = sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: workers, Assemble: true})
				}
				if err == nil && (res.Summary == nil || res.Summary.Written != runs) {
					err = fmt.Errorf("assembled %+v", res.Summary)
				}
				elapsed += time.Since(start)
				stop()
				os.RemoveAll(dir)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(runs*b.N)/elapsed.Seconds(), "runs/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
		})
	}
}

// samplePeakHeap samples the heap every 10 ms until the function it
// returns is called, keeping the largest number of bytes of heap objects
// (live and not yet swept) in *peak, and the largest live heap (as marked
// by the last garbage collection) in *live.
func samplePeakHeap(peak, live *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			*live = max(*live, s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
