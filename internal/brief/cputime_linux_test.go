package brief_test

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time the calling OS thread has used (the
// benchmark locks its goroutine to one thread), so that figures hold on a
// machine shared with other work.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
