package runner

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// ErrMemory is wrapped by the error of CheckMemory: the run would need
// more memory than the machine has.
var ErrMemory = errors.New("not enough memory")

// Memory estimates, before anything is allocated, the bytes a run of
// reps replicates of sc on workers workers needs: every replicate's time
// series and events are kept until they are written, and each worker
// holds one world.
func Memory(sc *scenarios.Scenario, reps, workers int) (total, perRep int64) {
	workers = max(1, min(workers, reps))
	var steps, frame, world int64
	if sc.Model == "epstein" {
		p := sc.EpsteinParams()
		steps, frame = int64(p.Steps), int64(outputs.EpsteinFrameValues())
		world = 64 * int64(p.Width) * int64(p.Height) // cells, agents and counts
	} else {
		c := sim.NewClock(sc.Start, sc.End, sc.StepDays)
		steps, frame = int64(c.Steps), int64(outputs.FrameValues(len(sc.Zones)+1))
		// The grid and world at 0.5° take about 1 MB, and scale with the
		// cells: (0.5 / resolution)².
		r := 0.5 / sc.Map.Resolution
		world = int64(2e6 * r * r)
	}
	// 8 bytes a value; the events, about 2 KB a step in the baseline.
	perRep = steps * (8*frame + 2048)
	return int64(reps)*perRep + int64(workers)*world, perRep
}

// CheckMemory fails, wrapping ErrMemory, if a run of reps replicates of
// sc on workers workers (Memory) needs more than 80 % of the memory this
// process may use (AvailableMemory). The error says how much, and which
// flag (flag: "--reps", or "--workers" for a sweep, whose workers each
// hold one run) or key to change.
func CheckMemory(sc *scenarios.Scenario, reps, workers int, flag string) error {
	need, perRep := Memory(sc, reps, workers)
	avail := AvailableMemory()
	if avail <= 0 || need <= avail/10*8 {
		return nil
	}
	fit := max(0, (avail/10*8-(need-int64(reps)*perRep))/max(perRep, 1))
	return fmt.Errorf("%w: %d replicates of %s need about %s (%s each, kept until written), and this machine has %s available: lower %s (about %d fit), or shorten the scenario (end) or lengthen its step_days",
		ErrMemory, reps, sc.Name, input.Size(need), input.Size(perRep), input.Size(avail), flag, fit)
}

// AvailableMemory returns the bytes of memory this process may still
// use: the kernel's MemAvailable, or less if a cgroup limits the
// process; 0 where neither can be read.
func AvailableMemory() int64 {
	var avail int64
	if b, err := input.ReadFile("/proc/meminfo", 1<<20); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil {
					avail = kb << 10
				}
			}
		}
	}
	if limit := cgroupFree(); limit > 0 && (avail == 0 || limit < avail) {
		avail = limit
	}
	return avail
}

// cgroupFree returns what the cgroup (v2) of this process may still
// allocate, or 0 if it has no limit.
func cgroupFree() int64 {
	read := func(name string) int64 {
		b, err := input.ReadFile("/sys/fs/cgroup/"+name, 1<<10)
		if err != nil {
			return 0
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil {
			return 0
		}
		return n
	}
	max, cur := read("memory.max"), read("memory.current")
	if max <= 0 {
		return 0
	}
	return max - cur
}
