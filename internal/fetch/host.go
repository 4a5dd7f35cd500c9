package fetch

import (
	"context"
	"strings"
	"time"
)

// host serialises requests to one host and spaces them by the delay.
type host struct {
	turn chan struct{} // holds one token: whoever has it may send
	last time.Time     // when the previous request to the host ended
}

// acquire waits for the host's turn and then for the delay since its last
// request; release ends the turn.
func (f *Fetcher) acquire(ctx context.Context, hostport string) (release func(), err error) {
	key := strings.ToLower(hostport)
	f.mu.Lock()
	h, ok := f.hosts[key]
	if !ok {
		h = &host{turn: make(chan struct{}, 1)}
		f.hosts[key] = h
	}
	f.mu.Unlock()
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if !h.last.IsZero() {
		if wait := f.opt.Delay - time.Since(h.last); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				<-h.turn
				return nil, ctx.Err()
			}
		}
	}
	return func() {
		h.last = time.Now()
		<-h.turn
	}, nil
}
