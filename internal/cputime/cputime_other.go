//go:build !unix

package cputime

import "time"

// Process returns the CPU time this process has used: unknown here.
func Process() (d time.Duration, ok bool) { return 0, false }
