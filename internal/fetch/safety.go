package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// ErrBlocked means a URL was refused before any request was sent: a scheme
// other than http(s), credentials in the URL, or a host that resolves to a
// non-public address.
var ErrBlocked = errors.New("refused")

// blockedPrefixes are ranges that are neither loopback, private, link-local,
// multicast nor unspecified by netip's predicates yet are not public.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2002:a00::/24"),  // 6to4 of 10/8
	netip.MustParsePrefix("2002:7f00::/24"), // 6to4 of 127/8
	netip.MustParsePrefix("2002:a9fe::/32"), // 6to4 of 169.254/16
	netip.MustParsePrefix("2002:ac10::/28"), // 6to4 of 172.16/12
	netip.MustParsePrefix("2002:c0a8::/32"), // 6to4 of 192.168/16
	netip.MustParsePrefix("::ffff:0:0/96"),  // mapped (unmapped first; kept for safety)
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 (may reach any IPv4, private too)
}

// publicAddr reports why addr is not a public unicast address ("" when it
// is).
func publicAddr(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid():
		return "an invalid address"
	case addr.IsUnspecified():
		return "an unspecified address"
	case addr.IsLoopback():
		return "a loopback address"
	case addr.IsPrivate():
		return "a private address"
	case addr.IsLinkLocalUnicast():
		return "a link-local address"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return "a reserved address"
		}
	}
	return ""
}

// BlockedError says which address a host resolved to and why it was
// refused.
type BlockedError struct {
	Addr   string
	Reason string
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("%s is %s (allow it with --allow-private or PARALLAX_ALLOW_PRIVATE=1)", e.Addr, e.Reason)
}

func (e *BlockedError) Unwrap() error { return ErrBlocked }

// dialControl refuses connections to non-public addresses. It runs after
// DNS resolution, on the very address being dialled.
func (f *Fetcher) dialControl(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	addr, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		return &BlockedError{Addr: host, Reason: "not an IP address"}
	}
	if allowed(addr, f.opt.Allow) {
		return nil
	}
	if why := publicAddr(addr); why != "" {
		return &BlockedError{Addr: addr.String(), Reason: why}
	}
	return nil
}

// checkURL refuses what can be refused without a network: schemes other
// than http and https, credentials, a missing host, and (unless allowed)
// hosts that are non-public IP literals or localhost names.
func checkURL(u *url.URL, allowPrivate bool, allow []netip.Prefix) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q is not http or https", ErrBlocked, u.Scheme)
	}
	if u.User != nil {
		return fmt.Errorf("%w: URLs with credentials are not fetched", ErrBlocked)
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("%w: no host", ErrBlocked)
	}
	if allowPrivate {
		return nil
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if allowed(addr, allow) {
			return nil
		}
		if why := publicAddr(addr); why != "" {
			return &BlockedError{Addr: addr.String(), Reason: why}
		}
	}
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return &BlockedError{Addr: host, Reason: "a loopback name"}
	}
	return nil
}

// allowed reports whether addr is in one of the allowed ranges.
func allowed(addr netip.Addr, allow []netip.Prefix) bool {
	addr = addr.Unmap()
	for _, p := range allow {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
