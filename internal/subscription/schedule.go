package subscription

import (
	"slices"
	"time"
)

// Bounds of the poll interval.
const (
	MinInterval     = 15 * time.Minute
	MaxInterval     = 24 * time.Hour
	DefaultInterval = time.Hour
	// maxBackoff caps the wait after repeated errors.
	maxBackoff = 24 * time.Hour
)

// Interval is how long to wait before polling a feed again, from the
// publication times of its items: half the median gap between consecutive
// items of the last few weeks (so that a feed is polled about twice per new
// item), clamped to [lo, hi]. With fewer than two dated items it is
// DefaultInterval within the bounds; lo and hi of zero take MinInterval and
// MaxInterval.
func Interval(published []time.Time, now time.Time, lo, hi time.Duration) time.Duration {
	if lo <= 0 {
		lo = MinInterval
	}
	if hi <= 0 {
		hi = MaxInterval
	}
	if hi < lo {
		hi = lo
	}
	var ts []time.Time
	for _, t := range published {
		if !t.IsZero() && !t.After(now.Add(time.Hour)) && now.Sub(t) <= 30*24*time.Hour {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	var gaps []time.Duration
	for i := 1; i < len(ts); i++ {
		if g := ts[i].Sub(ts[i-1]); g > 0 {
			gaps = append(gaps, g)
		}
	}
	d := DefaultInterval
	if len(gaps) > 0 {
		slices.Sort(gaps)
		d = gaps[len(gaps)/2] / 2
		// A feed silent for longer than its usual gap slows down.
		if len(ts) > 0 {
			if quiet := now.Sub(ts[len(ts)-1]); quiet > 4*gaps[len(gaps)/2] {
				d = max(d, quiet/4)
			}
		}
	}
	return min(max(d, lo), hi)
}

// Backoff is the wait after the n-th consecutive error (n ≥ 1): the normal
// interval doubled per error, at least MinInterval and at most a day; a
// server's Retry-After, when longer, wins.
func Backoff(interval time.Duration, n int, retryAfter time.Duration) time.Duration {
	if interval < MinInterval {
		interval = MinInterval
	}
	d := interval
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	return max(d, min(retryAfter, maxBackoff))
}
