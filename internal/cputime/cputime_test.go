package cputime_test

import (
	"os"
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

func TestPIDAdvances(t *testing.T) {
	a, ok := cputime.PID(os.Getpid())
	if !ok {
		t.Skipf("PID: not available on %s", runtime.GOOS)
	}
	spin(100 * time.Millisecond)
	if b, ok := cputime.PID(os.Getpid()); !ok || b <= a {
		t.Errorf("PID after spinning: %v -> %v (ok %v), want it to advance", a, b, ok)
	}
	if _, ok := cputime.PID(-1); ok {
		t.Error("PID(-1): ok, want not")
	}
}
