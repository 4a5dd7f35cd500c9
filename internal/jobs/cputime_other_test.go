//go:build !unix

package jobs_test

import "time"

// processCPU is unavailable here: BenchmarkWorkers then reports pages/s
// only.
func processCPU() (time.Duration, bool) { return 0, false }
