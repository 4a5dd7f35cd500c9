//go:build !linux

package cluster_test

import "time"

// threadCPU is unavailable here: BenchmarkAdd then reports wall time only.
func threadCPU() (time.Duration, bool) { return 0, false }
