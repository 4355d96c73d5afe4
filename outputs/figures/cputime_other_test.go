//go:build !unix

package figures

import "time"

// cpuTime is not measured on this system.
func cpuTime() time.Duration { return 0 }
