package reader_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/reader"
)

// clock is a fake clock safe for concurrent use.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func TestThrottle(t *testing.T) {
	type step struct {
		op      string // "fail", "ok" (succeed), "wait", "allow"
		key     string
		d       time.Duration // for wait
		allowed bool          // for allow
		retry   time.Duration // for allow, when refused
	}
	fail := func(k string) step { return step{op: "fail", key: k} }
	allow := func(k string, ok bool, retry time.Duration) step {
		return step{op: "allow", key: k, allowed: ok, retry: retry}
	}
	wait := func(d time.Duration) step { return step{op: "wait", d: d} }
	tests := []struct {
		name  string
		steps []step
	}{
		{"fresh key allowed", []step{allow("a", true, 0)}},
		{"below max allowed", []step{fail("a"), fail("a"), allow("a", true, 0)}},
		{"at max refused until oldest leaves", []step{
			fail("a"), wait(time.Minute), fail("a"), wait(time.Minute), fail("a"),
			allow("a", false, 8*time.Minute),
			wait(8*time.Minute - time.Second), allow("a", false, time.Second),
			wait(time.Second), allow("a", true, 0),
		}},
		{"keys are separate", []step{fail("a"), fail("a"), fail("a"), allow("a", false, 10*time.Minute), allow("b", true, 0)}},
		{"success resets", []step{fail("a"), fail("a"), fail("a"), {op: "ok", key: "a"}, allow("a", true, 0),
			fail("a"), fail("a"), allow("a", true, 0)}},
		{"failures while refused count", []step{fail("a"), fail("a"), fail("a"), wait(5 * time.Minute),
			fail("a"), fail("a"), fail("a"), allow("a", false, 10*time.Minute),
			wait(5 * time.Minute), allow("a", false, 5*time.Minute), wait(5 * time.Minute), allow("a", true, 0)}},
		{"only failures inside the window count", []step{fail("a"), fail("a"), fail("a"), wait(5 * time.Minute),
			fail("a"), wait(5 * time.Minute), allow("a", true, 0)}},
		{"whole window passed", []step{fail("a"), fail("a"), fail("a"), wait(10 * time.Minute), allow("a", true, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClock()
			th := reader.NewThrottle(3, 10*time.Minute, c.now)
			for i, s := range tt.steps {
				switch s.op {
				case "fail":
					th.Fail(s.key)
				case "ok":
					th.Succeed(s.key)
				case "wait":
					c.advance(s.d)
				case "allow":
					ok, retry := th.Allow(s.key)
					if ok != s.allowed || retry != s.retry {
						t.Fatalf("step %d: Allow(%q)=%v, %v, want %v, %v", i, s.key, ok, retry, s.allowed, s.retry)
					}
				}
			}
		})
	}
}

func TestThrottleDefaults(t *testing.T) {
	c := newClock()
	th := reader.NewThrottle(0, 0, c.now) // max 1, window 1 minute
	th.Fail("a")
	if ok, retry := th.Allow("a"); ok || retry != time.Minute {
		t.Fatalf("Allow=%v, %v, want false, 1m", ok, retry)
	}
	if reader.NewThrottle(1, time.Second, nil) == nil {
		t.Fatal("NewThrottle with nil clock returned nil")
	}
}

func TestThrottleBoundedKeys(t *testing.T) {
	c := newClock()
	th := reader.NewThrottle(1, time.Hour, c.now)
	th.SetMaxKeys(100)
	for i := range 1000 {
		th.Fail(fmt.Sprintf("k%d", i))
		c.advance(time.Millisecond)
	}
	if n := th.Len(); n != 100 {
		t.Fatalf("Len=%d, want 100", n)
	}
	if ok, _ := th.Allow("k0"); !ok {
		t.Fatalf("oldest key k0 still remembered")
	}
	if ok, _ := th.Allow("k999"); ok {
		t.Fatalf("newest key k999 forgotten")
	}
	// A key that keeps failing stays while others come and go.
	th.SetMaxKeys(2)
	if n := th.Len(); n != 2 {
		t.Fatalf("after SetMaxKeys(2) Len=%d", n)
	}
}

func TestThrottleExpiredKeysForgotten(t *testing.T) {
	c := newClock()
	th := reader.NewThrottle(2, time.Minute, c.now)
	th.Fail("a")
	c.advance(2 * time.Minute)
	if ok, _ := th.Allow("a"); !ok {
		t.Fatal("Allow after window=false")
	}
	if n := th.Len(); n != 0 {
		t.Fatalf("Len=%d after the only failure expired, want 0", n)
	}
}

func TestThrottleConcurrent(t *testing.T) {
	c := newClock()
	const max = 5
	th := reader.NewThrottle(max, time.Hour, c.now)
	th.SetMaxKeys(50)
	var wg sync.WaitGroup
	var allowed atomic.Int64
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				key := fmt.Sprintf("k%d", i%20)
				if ok, _ := th.Allow("shared"); ok {
					allowed.Add(1)
				}
				th.Fail("shared")
				th.Fail(key)
				if i%7 == g {
					th.Succeed(key)
				}
				th.Allow(key)
			}
		}()
	}
	wg.Wait()
	if ok, retry := th.Allow("shared"); ok || retry <= 0 {
		t.Fatalf("shared key after 1600 failures: Allow=%v, %v", ok, retry)
	}
	// Allow and Fail are not one atomic step, so up to one allowed attempt per
	// goroutine may slip past max; no more.
	if n := allowed.Load(); n < max || n > max+8 {
		t.Fatalf("shared key allowed %d attempts, want %d..%d", n, max, max+8)
	}
	if n := th.Len(); n > 50 {
		t.Fatalf("Len=%d above the cap 50", n)
	}
}

// Attempt counts before the slow check: of many concurrent attempts, only
// max pass.
func TestThrottleAttemptConcurrent(t *testing.T) {
	th := reader.NewThrottle(5, time.Minute, time.Now)
	var passed atomic.Int32
	var wg sync.WaitGroup
	for range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := th.Attempt("ana|10.0.0.1"); ok {
				passed.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := passed.Load(); n != 5 {
		t.Errorf("%d of 60 concurrent attempts passed, want 5", n)
	}
	th.Succeed("ana|10.0.0.1")
	if ok, _ := th.Attempt("ana|10.0.0.1"); !ok {
		t.Error("a success did not reset the key")
	}
}
