package fetch

import "net/netip"

// NewExempt returns a Fetcher that refuses non-public addresses as usual,
// except exempt, and only at dial time: the test of the check that DNS
// rebinding and redirects cannot get past.
func NewExempt(opt Options, exempt netip.Addr) *Fetcher {
	opt.AllowPrivate = false
	f := New(opt)
	f.exempt, f.noPrecheck = exempt, true
	return f
}
