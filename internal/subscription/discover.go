package subscription

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Found is a feed that a page links to.
type Found struct {
	URL   string
	Title string
	// Type is the feed's media type as the link gives it.
	Type string
}

// feedTypes are the link types taken as feeds.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      false, // too broad on its own
}

// Discover returns the feeds an HTML page declares with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json"
// href="…">, resolved against pageURL (or the page's <base href>), in
// document order without repeats.
func Discover(page []byte, pageURL string) []Found {
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	var out []Found
	seen := map[string]bool{}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			if string(name) == "body" {
				return out
			}
			continue
		}
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			attrs[string(k)] = string(v)
			if !more {
				break
			}
		}
		switch string(name) {
		case "base":
			if b, err := base.Parse(strings.TrimSpace(attrs["href"])); err == nil && attrs["href"] != "" {
				base = b
			}
		case "link":
			typ := strings.ToLower(strings.TrimSpace(attrs["type"]))
			if !hasToken(attrs["rel"], "alternate") || !feedTypes[typ] {
				continue
			}
			href := strings.TrimSpace(attrs["href"])
			if href == "" {
				continue
			}
			u, err := base.Parse(href)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				continue
			}
			u.Fragment = ""
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, Found{URL: s, Title: strings.TrimSpace(attrs["title"]), Type: typ})
			}
		}
	}
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}
