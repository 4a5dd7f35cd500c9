package extract

import (
	"bytes"
	"fmt"
	"mime"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// MaxBodyBytes caps how much of a document is read: longer bodies are cut
// there before parsing, so a huge page costs bounded time and memory.
const MaxBodyBytes = 4 << 20

// Document extracts the article from a stored document. It is pure: the same
// document always gives the same article. It returns an error wrapping
// parallax.ErrNoContent when the document holds no article.
//
// The content type picks the path: HTML ("text/html",
// "application/xhtml+xml") or plain text ("text/plain"); anything else is
// sniffed. The document's Hints fill the metadata the body lacks.
func Document(doc *parallax.Document) (*parallax.Article, error) {
	if doc == nil {
		return nil, fmt.Errorf("extract: nil document: %w", parallax.ErrNoContent)
	}
	body := doc.Body
	if len(body) > MaxBodyBytes {
		body = body[:MaxBodyBytes]
	}
	a := &parallax.Article{DocumentID: doc.ID, URL: doc.URL, Fetched: doc.FetchedAt}
	var err error
	switch kind(doc.ContentType, body) {
	case kindHTML:
		err = fromHTML(a, body, doc.ContentType, doc.URL)
	default:
		err = fromText(a, toUTF8Text(body, doc.ContentType))
	}
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", docKey(doc), err)
	}
	applyHints(a, doc.Hints)
	if len(a.Body) == 0 {
		return nil, fmt.Errorf("extract %s: %w", docKey(doc), parallax.ErrNoContent)
	}
	if a.Language == "" {
		a.Language = detectLanguage(a)
	}
	return a, nil
}

func docKey(doc *parallax.Document) string {
	switch {
	case doc.URL != "":
		return doc.URL
	case doc.Hints.ID != "":
		return doc.Hints.ID
	default:
		return fmt.Sprintf("document %d", doc.ID)
	}
}

type docKind int

const (
	kindText docKind = iota
	kindHTML
)

// kind decides between the HTML and plain-text paths from the media type,
// sniffing the body when the type says neither.
func kind(contentType string, body []byte) docKind {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(contentType))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return kindHTML
	case "text/plain", "text/markdown":
		return kindText
	}
	if looksLikeHTML(body) {
		return kindHTML
	}
	return kindText
}

// looksLikeHTML reports whether the start of body holds an HTML tag that
// plain text would not.
func looksLikeHTML(body []byte) bool {
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	head = bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<br"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// applyHints fills what the body did not give from the document's hints
// (a .jsonl record's fields, a feed item's title, date and categories).
func applyHints(a *parallax.Article, h parallax.Hints) {
	if a.Title == "" {
		a.Title = h.Title
	}
	if a.Byline == "" {
		a.Byline = h.Byline
	}
	if a.Source == "" {
		a.Source = h.Source
	}
	if a.Published.IsZero() {
		a.Published = h.Published
	}
	for _, t := range h.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}
	if a.Title != "" && len(a.Body) > 0 && sameText(a.Body[0].Text, a.Title) {
		a.Body = a.Body[1:]
	}
}

// sameText compares two short texts ignoring case, spacing and punctuation.
func sameText(a, b string) bool {
	return foldText(a) == foldText(b)
}
