package reader

import (
	"container/list"
	"sync"
	"time"
)

// DefaultThrottleKeys is how many keys a Throttle remembers before it
// forgets the least recently failed one.
const DefaultThrottleKeys = 10000

// Throttle limits failed attempts per key (the server uses "name|ip" and
// "ip"): at most max failures in any window; once a key has that many, Allow
// refuses it until the oldest of them leaves the window. A success clears
// the key. It is a sliding window over the failure times, so there is no
// burst at a window's edge.
//
// Memory is bounded: a key holds at most max times, and at most MaxKeys keys
// are kept; beyond that the key whose last failure is oldest is forgotten.
// (An attacker who can fail from more than MaxKeys fresh keys inside one
// window can make the throttle forget a key; the per-IP key makes that cost
// many addresses.) A Throttle is safe for concurrent use.
type Throttle struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu      sync.Mutex
	maxKeys int
	keys    map[string]*list.Element // of *throttleEntry
	order   *list.List               // least recently failed first
}

type throttleEntry struct {
	key   string
	fails []time.Time // oldest first, at most max
}

// NewThrottle returns a throttle allowing max failures per window. A max
// below 1 is taken as 1, a window of zero or less as one minute, and a nil
// now as time.Now.
func NewThrottle(max int, window time.Duration, now func() time.Time) *Throttle {
	if max < 1 {
		max = 1
	}
	if window <= 0 {
		window = time.Minute
	}
	if now == nil {
		now = time.Now
	}
	return &Throttle{max: max, window: window, now: now, maxKeys: DefaultThrottleKeys,
		keys: map[string]*list.Element{}, order: list.New()}
}

// SetMaxKeys changes how many keys the throttle remembers (at least 1),
// forgetting the oldest at once if there are more.
func (t *Throttle) SetMaxKeys(n int) {
	if n < 1 {
		n = 1
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.maxKeys = n
	t.evict()
}

// Len returns the number of keys remembered.
func (t *Throttle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys)
}

// Allow reports whether an attempt for key may go ahead now; when it may
// not, retryAfter is how long until it may (always > 0).
func (t *Throttle) Allow(key string) (ok bool, retryAfter time.Duration) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	el := t.keys[key]
	if el == nil {
		return true, 0
	}
	e := el.Value.(*throttleEntry)
	t.prune(e, now)
	if len(e.fails) == 0 {
		t.order.Remove(el)
		delete(t.keys, key)
		return true, 0
	}
	if len(e.fails) < t.max {
		return true, 0
	}
	wait := e.fails[0].Add(t.window).Sub(now)
	if wait <= 0 {
		wait = time.Nanosecond
	}
	return false, wait
}

// Fail records a failed attempt for key.
func (t *Throttle) Fail(key string) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fail(key, now)
}

// Attempt reports whether an attempt for key is allowed and, when it is,
// counts it as a failure at once, in one step: concurrent attempts cannot
// all pass before any is counted. Call Succeed when the attempt succeeds.
func (t *Throttle) Attempt(key string) (ok bool, retryAfter time.Duration) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if el := t.keys[key]; el != nil {
		e := el.Value.(*throttleEntry)
		t.prune(e, now)
		if len(e.fails) >= t.max {
			wait := e.fails[0].Add(t.window).Sub(now)
			if wait <= 0 {
				wait = time.Nanosecond
			}
			return false, wait
		}
	}
	t.fail(key, now)
	return true, 0
}

// fail counts a failure for key at now; t.mu is held.
func (t *Throttle) fail(key string, now time.Time) {
	el := t.keys[key]
	if el == nil {
		el = t.order.PushBack(&throttleEntry{key: key, fails: make([]time.Time, 0, t.max)})
		t.keys[key] = el
	} else {
		t.order.MoveToBack(el)
	}
	e := el.Value.(*throttleEntry)
	t.prune(e, now)
	if len(e.fails) == t.max {
		copy(e.fails, e.fails[1:])
		e.fails = e.fails[:t.max-1]
	}
	e.fails = append(e.fails, now)
	t.evict()
}

// Succeed forgets key's failures.
func (t *Throttle) Succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if el := t.keys[key]; el != nil {
		t.order.Remove(el)
		delete(t.keys, key)
	}
}

// prune drops failures that have left the window.
func (t *Throttle) prune(e *throttleEntry, now time.Time) {
	cut := now.Add(-t.window)
	i := 0
	for i < len(e.fails) && !e.fails[i].After(cut) {
		i++
	}
	if i > 0 {
		n := copy(e.fails, e.fails[i:])
		e.fails = e.fails[:n]
	}
}

func (t *Throttle) evict() {
	for len(t.keys) > t.maxKeys {
		el := t.order.Front()
		t.order.Remove(el)
		delete(t.keys, el.Value.(*throttleEntry).key)
	}
}
