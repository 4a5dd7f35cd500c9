package fetch

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token matched against robots.txt groups.
const robotsAgent = "Parallax"

// robotsEntry is one host's parsed robots.txt and when it expires.
type robotsEntry struct {
	data    *robotstxt.RobotsData // nil: decided by all
	all     bool                  // with no data: everything allowed, or nothing
	expires time.Time
	ready   chan struct{} // closed once data is set
}

// allowed reports whether robots.txt of u's host lets Parallax fetch u.
// The file is fetched once per host and kept for RobotsTTL; concurrent
// callers wait for the one fetch. A missing file (4xx) allows everything,
// a server error (5xx) disallows everything for now, as RFC 9309 asks.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := u.Scheme + "://" + u.Host
	now := f.opt.Now()
	f.mu.Lock()
	e, ok := f.robots[key]
	fresh := ok && (e.expires.IsZero() || now.Before(e.expires))
	if !fresh {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = e
	}
	f.mu.Unlock()
	if !fresh {
		data, all, ttl := f.loadRobots(ctx, key)
		f.mu.Lock()
		e.data, e.all, e.expires = data, all, f.opt.Now().Add(ttl)
		f.mu.Unlock()
		close(e.ready)
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if e.data == nil {
		return e.all, nil
	}
	return e.data.TestAgent(p, robotsAgent), nil
}

// loadRobots fetches and parses one robots.txt. Failures to reach the host
// are kept only briefly, so that the page fetch reports the real error and
// a later poll tries again.
func (f *Fetcher) loadRobots(ctx context.Context, origin string) (data *robotstxt.RobotsData, all bool, ttl time.Duration) {
	resp, err := f.Fetch(ctx, Request{URL: origin + "/robots.txt"})
	var se *StatusError
	switch {
	case err == nil:
		data, perr := robotstxt.FromStatusAndBytes(resp.Status, resp.Body)
		if perr != nil {
			return nil, true, f.opt.RobotsTTL // unparsable: as if missing
		}
		return data, false, f.opt.RobotsTTL
	case errors.As(err, &se) && se.Code >= 500:
		return nil, false, time.Minute
	case errors.As(err, &se):
		return nil, true, f.opt.RobotsTTL
	default:
		return nil, true, time.Second // the page fetch will meet the same error
	}
}
