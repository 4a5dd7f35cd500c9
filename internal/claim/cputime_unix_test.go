//go:build unix

package claim_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, so that benchmarks on a
// shared machine can report a per-core cost that does not count waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
