package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageFacts are what one walk over the parsed page collects besides
// go-trafilatura's metadata.
type pageFacts struct {
	// paragraphRunes counts the letters of the page's prose paragraphs:
	// <p> elements long enough to be running text.
	paragraphRunes int
	// published is the page's declared publication time, to the second
	// when the page gives it (meta tags, JSON-LD, <time datetime>).
	published time.Time
	metaDate  time.Time
	ldDate    time.Time
	timeDate  time.Time
}

// publishedMeta are the <meta> names and properties that carry the
// publication time.
var publishedMeta = map[string]bool{
	"article:published_time": true, "og:article:published_time": true,
	"datepublished": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"dc.date.issued": true, "dcterms.issued": true, "sailthru.date": true, "parsely-pub-date": true,
}

var ldDateRE = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{8,40})"`)

func scanPage(root *html.Node) pageFacts {
	var f pageFacts
	f.walk(root, 0)
	for _, t := range []time.Time{f.metaDate, f.ldDate, f.timeDate} {
		if !t.IsZero() {
			f.published = t
			break
		}
	}
	return f
}

func (f *pageFacts) walk(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.P:
			text := cleanSpace(nodeText(n))
			if lf := lineFeatures(text); lf.wordsEq() >= proseParagraphWords {
				f.paragraphRunes += utf8.RuneCountInString(text)
			}
			return
		case atom.Meta:
			f.meta(n)
			return
		case atom.Script:
			if f.ldDate.IsZero() && strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
				if m := ldDateRE.FindStringSubmatch(n.FirstChild.Data); m != nil {
					f.ldDate = parseTimestamp(m[1])
				}
			}
			return
		case atom.Time:
			if f.timeDate.IsZero() {
				f.timeDate = parseTimestamp(attr(n, "datetime"))
			}
		case atom.Style, atom.Noscript, atom.Template, atom.Svg:
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		f.walk(c, depth+1)
	}
}

func (f *pageFacts) meta(n *html.Node) {
	if !f.metaDate.IsZero() {
		return
	}
	for _, key := range []string{"property", "name", "itemprop"} {
		if publishedMeta[strings.ToLower(attr(n, key))] {
			f.metaDate = parseTimestamp(attr(n, "content"))
			return
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// timestampLayouts are the machine-readable forms pages declare times in.
var timestampLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02",
}

// parseTimestamp parses a machine-readable time, in UTC; zero when it
// cannot.
func parseTimestamp(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2100 {
				return time.Time{}
			}
			return t.UTC()
		}
	}
	return time.Time{}
}
