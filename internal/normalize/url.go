package normalize

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the page. Parameters starting with "utm_" are dropped as well.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "yclid": true, "igshid": true, "twclid": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true,
	"vero_id": true, "wickedid": true, "ito": true, "cmpid": true, "ncid": true, "sr_share": true,
	"ref_src": true, "ref_url": true, "at_medium": true, "at_campaign": true, "smid": true,
}

// URL returns the canonical form of an http(s) URL: scheme and host in
// lower case, the default port, the fragment and tracking parameters
// (utm_*, fbclid, gclid and the like) dropped, the remaining query sorted
// by key (values of one key keep their order), an empty path made "/", and
// percent-encoding made uniform. Other schemes are returned unchanged but
// for the fragment; a URL that does not parse is an error.
func URL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", raw, err)
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return strings.TrimSpace(u.String()), nil
	}
	if u.Host == "" {
		return "", fmt.Errorf("canonical url %q: no host", raw)
	}
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("canonical url %q: no host", raw)
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.RawPath = "" // re-encoded from Path: one spelling per path
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

// canonicalQuery drops tracking parameters and sorts the rest by key,
// keeping the order of a key's values; keys and values are re-encoded one
// way (a space as "+").
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ key, raw string }
	var kept []param
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		key, value := unescape(k), unescape(v)
		lk := strings.ToLower(key)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		spelled := url.QueryEscape(key)
		if hasValue {
			spelled += "=" + url.QueryEscape(value)
		}
		kept = append(kept, param{key, spelled})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

// unescape decodes a query component, or returns it as it is when it is
// not valid percent-encoding.
func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}
