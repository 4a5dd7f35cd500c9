package cputime_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cputime"
)

// spin burns CPU for about d of wall time.
func spin(d time.Duration) int {
	n := 0
	for start := time.Now(); time.Since(start) < d; n++ {
	}
	return n
}

func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for name, clock := range map[string]func() (time.Duration, bool){"Process": cputime.Process, "Thread": cputime.Thread} {
		a, ok := clock()
		if !ok {
			t.Logf("%s: not available on %s", name, runtime.GOOS)
			continue
		}
		spin(50 * time.Millisecond)
		b, ok := clock()
		if !ok || b <= a {
			t.Errorf("%s after spinning: %v -> %v (ok %v), want it to advance", name, a, b, ok)
		}
	}
}
