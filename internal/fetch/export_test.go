package fetch

// NewDialChecked returns a Fetcher that refuses non-public addresses (but
// opt.Allow) only at dial time: the test of the check that DNS rebinding
// and redirects cannot get past.
func NewDialChecked(opt Options) *Fetcher {
	opt.AllowPrivate = false
	f := New(opt)
	f.noPrecheck = true
	return f
}
