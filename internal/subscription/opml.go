package subscription

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// MaxOPMLBytes caps how much of an OPML file is read.
const MaxOPMLBytes = 16 << 20

// ErrNotOPML means the input is not an OPML document.
var ErrNotOPML = errors.New("not an OPML document")

// Outline is one feed of an OPML file.
type Outline struct {
	// Title is the feed's name (the outline's title, or text).
	Title string
	// FeedURL is the xmlUrl attribute.
	FeedURL string
	// SiteURL is the htmlUrl attribute.
	SiteURL string
	// Category is the path of the folders the outline sits in ("News/World").
	Category string
}

type opmlDoc struct {
	XMLName xml.Name    `xml:"opml"`
	Version string      `xml:"version,attr"`
	Head    opmlHead    `xml:"head"`
	Body    opmlOutline `xml:"body"`
}

type opmlHead struct {
	Title       string `xml:"title,omitempty"`
	DateCreated string `xml:"dateCreated,omitempty"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr,omitempty"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

// ParseOPML reads the feeds of an OPML 1.0/2.0 file: every outline with an
// xmlUrl, at any depth, in document order, with its folder path as
// Category. Outlines without xmlUrl are folders.
func ParseOPML(r io.Reader) ([]Outline, error) {
	dec := xml.NewDecoder(io.LimitReader(r, MaxOPMLBytes))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		if strings.Contains(err.Error(), "expected element type <opml>") {
			return nil, fmt.Errorf("parse opml: %w", ErrNotOPML)
		}
		return nil, fmt.Errorf("parse opml: %w", err)
	}
	var out []Outline
	var walk func(o opmlOutline, path []string, depth int)
	walk = func(o opmlOutline, path []string, depth int) {
		if depth > 64 {
			return // a pathological nesting: deeper outlines are ignored
		}
		for _, c := range o.Outlines {
			if u := strings.TrimSpace(c.XMLURL); u != "" {
				title := strings.TrimSpace(c.Title)
				if title == "" {
					title = strings.TrimSpace(c.Text)
				}
				out = append(out, Outline{Title: title, FeedURL: u, SiteURL: strings.TrimSpace(c.HTMLURL), Category: strings.Join(path, "/")})
			}
			name := strings.TrimSpace(c.Text)
			if name == "" {
				name = strings.TrimSpace(c.Title)
			}
			if len(c.Outlines) > 0 {
				walk(c, append(path[:len(path):len(path)], name), depth+1)
			}
		}
	}
	walk(doc.Body, nil, 0)
	return out, nil
}

// FeedOutlines returns stored feeds as OPML outlines.
func FeedOutlines(feeds []*parallax.Feed) []Outline {
	out := make([]Outline, len(feeds))
	for i, fd := range feeds {
		out[i] = Outline{Title: fd.Title, FeedURL: fd.URL, SiteURL: fd.SiteURL, Category: fd.Category}
	}
	return out
}

// WriteOPML writes feeds as an OPML 2.0 document, grouped into folders by
// Category in the order categories first appear.
func WriteOPML(w io.Writer, title string, created time.Time, feeds []Outline) error {
	doc := opmlDoc{Version: "2.0", Head: opmlHead{Title: title}}
	if !created.IsZero() {
		doc.Head.DateCreated = created.UTC().Format(time.RFC1123Z)
	}
	folders := map[string]int{}
	for _, f := range feeds {
		o := opmlOutline{Text: f.Title, Title: f.Title, Type: "rss", XMLURL: f.FeedURL, HTMLURL: f.SiteURL}
		if o.Text == "" {
			o.Text = f.FeedURL
		}
		if f.Category == "" {
			doc.Body.Outlines = append(doc.Body.Outlines, o)
			continue
		}
		i, ok := folders[f.Category]
		if !ok {
			i = len(doc.Body.Outlines)
			folders[f.Category] = i
			doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{Text: f.Category, Title: f.Category})
		}
		doc.Body.Outlines[i].Outlines = append(doc.Body.Outlines[i].Outlines, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	if err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	return nil
}
