//go:build unix

package figures

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system: on
// a shared machine a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
