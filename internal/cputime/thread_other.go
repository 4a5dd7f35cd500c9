//go:build !linux

package cputime

import "time"

// Thread returns the CPU time the calling OS thread has used: unknown here.
func Thread() (d time.Duration, ok bool) { return 0, false }

// PID returns the CPU time another process has used: unknown here.
func PID(pid int) (d time.Duration, ok bool) { return 0, false }
