package storetest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// RunProcessLock runs the behavioural tests of parallax.ProcessLocker.
// Within one test, every call of open returns a new handle on the same
// database (as another process or machine would hold), closed when t ends.
func RunProcessLock(t *testing.T, open func(t *testing.T) func() parallax.ProcessLocker) {
	t.Run("NoOverlap", func(t *testing.T) { testLockNoOverlap(t, open(t)) })
	t.Run("Cancelled", func(t *testing.T) { testLockCancelled(t, open(t)()) })
	t.Run("Try", func(t *testing.T) { testLockTry(t, open(t)) })
}

// testLockNoOverlap runs holders on one handle and on handles of their own
// and checks that no two overlap.
func testLockNoOverlap(t *testing.T, open func() parallax.ProcessLocker) {
	ctx := context.Background()
	shared := open()
	const holders = 6
	lockers := []parallax.ProcessLocker{shared, shared, shared}
	for len(lockers) < holders {
		lockers = append(lockers, open())
	}
	var (
		inside, most, runs atomic.Int32
		wg                 sync.WaitGroup
	)
	for i, l := range lockers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := l.WithProcessLock(ctx, func(context.Context) error {
				n := inside.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(10 * time.Millisecond)
				inside.Add(-1)
				runs.Add(1)
				return nil
			})
			if err != nil {
				t.Errorf("holder %d: WithProcessLock: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if got := most.Load(); got != 1 {
		t.Errorf("at most %d holders at once, want 1", got)
	}
	if got := runs.Load(); got != holders {
		t.Errorf("fn ran %d times, want %d", got, holders)
	}
}

// testLockCancelled checks that a waiter gives up with its context, and
// that the lock is free again once released.
func testLockCancelled(t *testing.T, l parallax.ProcessLocker) {
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- l.WithProcessLock(context.Background(), func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	ran := false
	err := l.WithProcessLock(ctx, func(context.Context) error { ran = true; return nil })
	if err == nil || ran {
		t.Errorf("WithProcessLock while held: err=%v ran=%v, want a context error and fn not run", err, ran)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("holder: %v", err)
	}
	if err := l.WithProcessLock(context.Background(), func(context.Context) error { return nil }); err != nil {
		t.Errorf("WithProcessLock after release: %v", err)
	}
}

// testLockTry checks that TryProcessLock does not run fn while another
// holder (on the same handle or another) keeps the lock, runs it once the
// lock is free, and excludes waiting holders while it runs.
func testLockTry(t *testing.T, open func() parallax.ProcessLocker) {
	ctx := context.Background()
	first, second := open(), open()
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- first.WithProcessLock(ctx, func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	for name, l := range map[string]parallax.ProcessLocker{"same handle": first, "other handle": second} {
		start := time.Now()
		ran := false
		ok, err := l.TryProcessLock(ctx, func(context.Context) error { ran = true; return nil })
		if ok || ran || err != nil {
			t.Errorf("TryProcessLock (%s) while held = %v, %v, ran %v; want false, nil, not run", name, ok, err, ran)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("TryProcessLock (%s) while held took %v, want no wait", name, d)
		}
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("holder: %v", err)
	}
	var inside atomic.Int32
	waiter := make(chan error, 1)
	ok, err := second.TryProcessLock(ctx, func(context.Context) error {
		inside.Add(1)
		go func() {
			waiter <- first.WithProcessLock(ctx, func(context.Context) error {
				if inside.Load() != 0 {
					return errors.New("ran while TryProcessLock's fn held the lock")
				}
				return nil
			})
		}()
		time.Sleep(50 * time.Millisecond)
		inside.Add(-1)
		return nil
	})
	if !ok || err != nil {
		t.Errorf("TryProcessLock when free = %v, %v; want true, nil", ok, err)
	}
	if err := <-waiter; err != nil {
		t.Errorf("waiter: %v", err)
	}
}
