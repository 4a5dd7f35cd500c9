//go:build unix

package jobs_test

import (
	"syscall"
	"time"
)

// processCPU returns the user and system CPU time this process has used
// (all threads; not the PostgreSQL server's).
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
