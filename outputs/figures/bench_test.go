package figures

import (
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/sim"
)

// BenchmarkDrawAll draws every figure of a 20-replicate baseline run, made
// by the runner before the timer starts, in the default formats: reading
// the run's files, drawing and writing. The budget is 2 s.
func BenchmarkDrawAll(b *testing.B) {
	dir, err := makeRun(b.TempDir(), "baseline", 20, sim.Date{})
	if err != nil {
		b.Fatal(err)
	}
	var n int
	cpu := cpuTime()
	for b.Loop() {
		figs, err := DrawAll(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(figs)
	}
	b.ReportMetric(float64(n), "figures")
	reportCPU(b, cpu)
}

// BenchmarkLoad reads a 20-replicate baseline run.
func BenchmarkLoad(b *testing.B) {
	dir, err := makeRun(b.TempDir(), "baseline", 20, sim.Date{})
	if err != nil {
		b.Fatal(err)
	}
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per iteration since start, if known.
func reportCPU(b *testing.B, start time.Duration) {
	if now := cpuTime(); now > 0 {
		b.ReportMetric((now-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}
