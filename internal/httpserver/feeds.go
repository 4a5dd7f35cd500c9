package httpserver

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Atom 1.0 (RFC 4287) documents.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   atomText   `xml:"content"`
}

// feedLimit is how many stories a feed holds.
const feedLimit = 50

func (s *Server) storiesFeed(w http.ResponseWriter, r *http.Request) {
	stories, err := s.st.FindStories(r.Context(), parallax.StoryFilter{Limit: feedLimit})
	if err != nil {
		s.feedError(w, r, err)
		return
	}
	s.writeFeed(w, r, s.opt.Title+": top stories", "/feeds/stories.atom", "/", stories)
}

func (s *Server) entityFeed(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok || name == "" {
		s.feedError(w, r, errNoRoute)
		return
	}
	e, err := s.entity(r.Context(), name)
	if err != nil {
		s.feedError(w, r, err)
		return
	}
	var stories []*parallax.Story
	if len(e.StoryIDs) > 0 {
		if stories, err = s.st.FindStories(r.Context(), parallax.StoryFilter{IDs: e.StoryIDs, Limit: feedLimit}); err != nil {
			s.feedError(w, r, err)
			return
		}
	}
	esc := url.PathEscape(e.Name)
	s.writeFeed(w, r, s.opt.Title+": stories naming "+e.Name, "/feeds/entities/"+esc+".atom", "/entities/"+esc, stories)
}

func (s *Server) feedError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.logError(r, err, status)
	http.Error(w, publicMessage(err, status), status)
}

// baseURL is the absolute address of the server as the client reached it,
// for the feed's IDs and links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// atomTime formats t for Atom; the zero time becomes def.
func atomTime(t, def time.Time) string {
	if t.IsZero() {
		t = def
	}
	return t.UTC().Format(time.RFC3339)
}

func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, title, self, alt string, stories []*parallax.Story) {
	base := baseURL(r)
	now := s.opt.Now()
	f := atomFeed{
		ID: base + self, Title: title, Author: atomPerson{Name: s.opt.Title}, Generator: "Parallax",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + self}, {Rel: "alternate", Type: "text/html", Href: base + alt}},
	}
	var latest time.Time
	for _, st := range stories {
		_, b, err := s.storyBrief(r.Context(), st.ID)
		if err != nil {
			s.feedError(w, r, err)
			return
		}
		updated := st.UpdatedAt
		if updated.IsZero() {
			updated = st.LastSeen
		}
		if updated.After(latest) {
			latest = updated
		}
		content, err := s.briefHTML(base, b)
		if err != nil {
			s.feedError(w, r, err)
			return
		}
		e := atomEntry{
			ID:      fmt.Sprintf("%s/stories/%d", base, st.ID),
			Title:   atomText{Type: "text", Body: st.Headline},
			Updated: atomTime(updated, now), Published: atomTime(st.FirstSeen, updated),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: fmt.Sprintf("%s/stories/%d", base, st.ID)}},
			Content: atomText{Type: "html", Body: content},
		}
		if b != nil && len(b.Summary) > 0 {
			e.Summary = &atomText{Type: "text", Body: b.Summary[0].Text}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(latest, now)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		s.feedError(w, r, fmt.Errorf("atom: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := buf.WriteTo(w); err != nil {
		return // the client went away
	}
}

// withBase pairs template items with the feed's base URL.
type withBase struct {
	Base  string
	Items any
}

// Titles and summaries are Atom text constructs (type="text"): readers show
// them as text, and encoding/xml escapes them.

// briefHTML renders a brief as HTML for a feed entry's content, then
// sanitises it: html/template escapes the article text already, and the
// bluemonday policy is the second line for feed readers, which show the
// content as HTML outside our Content-Security-Policy.
func (s *Server) briefHTML(base string, b *parallax.Brief) (string, error) {
	if b == nil {
		return "<p>No brief yet.</p>", nil
	}
	var p storyPage
	fillStoryPage(&p, b)
	var buf bytes.Buffer
	if err := s.feedTmpl.ExecuteTemplate(&buf, "feed_brief.html", withBase{Base: base, Items: p}); err != nil {
		return "", fmt.Errorf("render brief %d: %w", b.StoryID, err)
	}
	return s.ugc.Sanitize(buf.String()), nil
}

func parseFeedTemplate() (*template.Template, error) {
	return template.New("feed_brief.html").Funcs(template.FuncMap{
		"withBase": func(base string, items any) withBase { return withBase{Base: base, Items: items} },
	}).ParseFS(templateFS, "templates/feed_brief.html")
}
