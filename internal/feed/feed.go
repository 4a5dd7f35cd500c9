package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"
	"github.com/parallax-news/parallax"
)

// MaxBytes caps how much of a feed is read.
const MaxBytes = 16 << 20

// fullTextWords is the length (in words) from which an item's text is
// taken as the whole article rather than a summary to be fetched.
const fullTextWords = 150

// Media types of the feed formats.
const (
	TypeRSS  = "application/rss+xml"
	TypeAtom = "application/atom+xml"
	TypeJSON = "application/feed+json"
)

// jsonFeedVersion is in the version field of every JSON Feed.
const jsonFeedVersion = "jsonfeed.org/version"

// ErrNotFeed means the bytes are not a feed of a known format.
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

// Feed is a parsed feed.
type Feed struct {
	Title string
	// Link is the site the feed belongs to.
	Link string
	// Type is the feed's media type: TypeRSS, TypeAtom or TypeJSON.
	Type  string
	Items []Item
}

// Item is one entry of a feed, as a document to extract.
type Item struct {
	Doc *parallax.Document
	// SummaryOnly says the feed gives only a summary of the article (no
	// full content, fewer than 150 words): the page at Doc.URL must be
	// fetched and extracted for the full text.
	SummaryOnly bool
}

// Sniff reports whether body looks like a feed: an XML document whose
// root is <rss>, <rdf:RDF> or <feed>, or a JSON Feed object.
func Sniff(body []byte) bool {
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch gofeed.DetectFeedType(bytes.NewReader(head)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	case gofeed.FeedTypeJSON:
		return bytes.Contains(head, []byte(jsonFeedVersion))
	}
	return false
}

// Parse reads a feed from r. feedURL names the feed in errors and resolves
// relative item links; it may be a file path. Errors name the feed and the
// parser's reason.
func Parse(r io.Reader, feedURL string) (f *Feed, err error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBytes))
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	defer func() {
		// A parser bug must not take the caller down with one bad feed.
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("feed %s: parser failure: %v", feedURL, p)
		}
	}()
	if t := bytes.TrimLeft(body, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' && !bytes.Contains(body, []byte(jsonFeedVersion)) {
		return nil, fmt.Errorf("feed %s: %w: JSON without a JSON Feed version", feedURL, ErrNotFeed)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, fmt.Errorf("feed %s: %w", feedURL, ErrNotFeed)
	}
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	return convert(gf, feedURL), nil
}

func convert(gf *gofeed.Feed, feedURL string) *Feed {
	f := &Feed{Title: plain(gf.Title), Link: strings.TrimSpace(gf.Link), Type: mediaType(gf.FeedType)}
	base := baseURL(f.Link, feedURL)
	for i, it := range gf.Items {
		if it == nil {
			continue
		}
		f.Items = append(f.Items, item(it, f, base, feedURL, i))
	}
	return f
}

func mediaType(feedType string) string {
	switch feedType {
	case "atom":
		return TypeAtom
	case "json":
		return TypeJSON
	}
	return TypeRSS
}

func item(it *gofeed.Item, f *Feed, base *url.URL, feedURL string, i int) Item {
	body := strings.TrimSpace(it.Content)
	full := body != ""
	if !full {
		body = strings.TrimSpace(it.Description)
	}
	doc := &parallax.Document{
		URL:         itemURL(it, base, feedURL, i),
		ContentType: "text/html",
		Body:        []byte(body),
		Hints: parallax.Hints{
			ID:        strings.TrimSpace(it.GUID),
			Source:    publisher(f.Title),
			Title:     plain(it.Title),
			Byline:    authors(it),
			Published: published(it),
			Tags:      categories(it.Categories),
		},
	}
	sum := sha256.Sum256(doc.Body)
	doc.Hash = hex.EncodeToString(sum[:])
	return Item{Doc: doc, SummaryOnly: !full && words(body) < fullTextWords}
}

// itemURL is the item's link made absolute, else its GUID when that is a
// URL, else the feed's address with the GUID or position as fragment.
func itemURL(it *gofeed.Item, base *url.URL, feedURL string, i int) string {
	for _, cand := range append([]string{it.Link}, it.Links...) {
		if u := resolve(base, cand); u != "" {
			return u
		}
	}
	if u, err := url.Parse(strings.TrimSpace(it.GUID)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return u.String()
	}
	frag := strings.TrimSpace(it.GUID)
	if frag == "" {
		frag = fmt.Sprintf("item-%d", i+1)
	}
	return feedURL + "#" + url.PathEscape(frag)
}

// baseURL is what relative item links resolve against: the site's link,
// else the feed's own address.
func baseURL(link, feedURL string) *url.URL {
	for _, s := range []string{link, feedURL} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u
		}
	}
	return nil
}

func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

func authors(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p == nil {
			continue
		}
		if n := plain(p.Name); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			if n := plain(c); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return strings.Join(names, ", ")
}

func published(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.UTC()
	}
	return time.Time{}
}

func categories(cats []string) []string {
	var out []string
	for _, c := range cats {
		c = plain(c)
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// plain strips tags and entities from a feed's text field and collapses
// white space.
func plain(s string) string {
	if strings.ContainsRune(s, '<') {
		var b strings.Builder
		in := false
		for _, r := range s {
			switch {
			case r == '<':
				in = true
			case r == '>' && in:
				in = false
				b.WriteByte(' ')
			case !in:
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// words counts the words of an HTML or text body.
func words(body string) int {
	n := 0
	for _, w := range strings.Fields(plain(body)) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// sectionSuffixes are what a feed's title adds to its publisher's name
// ("Meridian Wire — Top News", "The Ledger | Latest").
var sectionSuffixes = map[string]bool{
	"news": true, "top news": true, "latest news": true, "latest": true, "headlines": true,
	"top headlines": true, "top stories": true, "home": true, "homepage": true, "front page": true,
	"rss": true, "rss feed": true, "feed": true, "all": true, "all stories": true, "all articles": true,
	"breaking news": true, "most recent": true, "world": true, "world news": true, "politics": true,
	"business": true, "national": true, "international": true, "local news": true, "articles": true,
}

// publisher returns the publisher's name from a feed's title: the title
// without a trailing section after a dash, bar or colon.
func publisher(title string) string {
	for _, sep := range []string{" — ", " – ", " - ", " | ", ": "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if head != "" && sectionSuffixes[strings.ToLower(tail)] {
			return head
		}
	}
	return title
}
