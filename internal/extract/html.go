package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/parallax-news/parallax"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// The fast path keeps go-trafilatura's own extraction and skips its
// readability and dom-distiller fallbacks when that extraction is not
// short (fastPathMinRunes, go-trafilatura's own minimum extracted size),
// not a single flat block (its rescue text), and the page has prose
// paragraphs (<p> of at least proseParagraphWords words) for it to have
// worked from. Measured on the article-extraction benchmark (see
// internal/eval), the fallbacks' comparison otherwise lets in more chrome
// than the text it saves, besides costing a second pass.
const (
	fastPathMinRunes    = 250
	proseParagraphWords = 10
)

// fastPathPossible reports whether a page can take the fast path at all:
// it needs prose paragraphs.
func fastPathPossible(paragraphRunes int) bool { return paragraphRunes > 0 }

// fastPathOK reports whether the extraction without fallbacks can be kept:
// long enough and in more than one block.
func fastPathOK(text string, blocks []parallax.Block) bool {
	return len(blocks) >= 2 && utf8.RuneCountInString(text) >= fastPathMinRunes
}

// nodeText is the text under n, script and style left out.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		switch {
		case depth > maxDepth:
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && skipElement(n):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// maxTags caps the tags taken from a page's metadata.
const maxTags = 20

// errNoArticle is the reason given when the page has text but no article.
var errNoArticle = errors.New("page has no article text")

// fromHTML fills a from an HTML page.
func fromHTML(a *parallax.Article, body []byte, contentType, pageURL string) error {
	body = decodeHTML(body, contentType)
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("parse html: %w", err)
	}
	if isFragment(root, body) {
		return fromFragment(a, root)
	}
	facts := scanPage(root)
	var known *htmldate.Result
	if !facts.published.IsZero() {
		// The page declares its date: go-trafilatura need not search.
		known = &htmldate.Result{DateTime: facts.published, HasTime: true}
	}
	var (
		res    *trafilatura.ExtractResult
		blocks []parallax.Block
	)
	if fastPathPossible(facts.paragraphRunes) {
		res, err = runTrafilatura(root, pageURL, false, known)
		if err == nil {
			blocks = htmlBlocks(res.ContentNode, true)
		}
	}
	if res == nil || err != nil || !fastPathOK(res.ContentText, blocks) {
		date := known
		if res != nil && err == nil && date == nil {
			// The date does not depend on the fallbacks: keep the first
			// run's instead of searching the page again.
			date = &htmldate.Result{DateTime: res.Metadata.Date, HasTime: !res.Metadata.Date.IsZero()}
		}
		res, err = runTrafilatura(root, pageURL, true, date)
		if err == nil {
			blocks = htmlBlocks(res.ContentNode, true)
		}
	}
	if err != nil {
		return fmt.Errorf("%w: %v", parallax.ErrNoContent, err)
	}
	md := res.Metadata
	a.Title = cleanSpace(md.Title)
	a.Byline = cleanSpace(md.Author)
	a.Source = cleanSpace(md.Sitename)
	a.Published = md.Date
	if !facts.published.IsZero() {
		a.Published = facts.published
	}
	a.Language = normLang(md.Language)
	if len(md.Categories) > 0 {
		a.Section = cleanSpace(md.Categories[0])
	}
	for _, t := range md.Tags {
		if t = cleanSpace(t); t != "" && len(a.Tags) < maxTags {
			a.Tags = append(a.Tags, t)
		}
	}
	a.Body = blocks
	dropTitleBlock(a)
	cleanBlocks(a)
	if len(a.Body) > 0 {
		if place, ok := leadDateline(a.Body[0].Text); ok {
			a.Dateline.Place = place
		}
	}
	if !hasArticleText(a.Body) {
		return fmt.Errorf("%w: %w", parallax.ErrNoContent, errNoArticle)
	}
	return nil
}

// runTrafilatura runs go-trafilatura on a parsed page. It clones the tree
// itself, so root can be reused.
func runTrafilatura(root *html.Node, pageURL string, fallback bool, date *htmldate.Result) (*trafilatura.ExtractResult, error) {
	opts := trafilatura.Options{
		EnableFallback:   fallback,
		HtmlDateMode:     trafilatura.Fast,
		HtmlDateOverride: date,
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
		opts.OriginalURL = u
	}
	return trafilatura.ExtractDocument(root, opts)
}

// Trafilatura returns the main text of an HTML page as go-trafilatura
// alone gives it, with its fallbacks on, the way the article-extraction
// benchmark runs it. It is the baseline that internal/eval compares
// Document against.
func Trafilatura(page []byte) (string, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", fmt.Errorf("trafilatura: parse html: %w", err)
	}
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{EnableFallback: true})
	if err != nil {
		return "", fmt.Errorf("trafilatura: %w", err)
	}
	return res.ContentText, nil
}

// decodeHTML converts body to UTF-8. A body that is valid UTF-8 is kept
// as it is, whatever it declares: text in a legacy charset almost never
// forms valid UTF-8, while mislabelled UTF-8 pages are common. Otherwise a
// byte-order mark, the content type's charset and the page's <meta>
// declaration decide, Windows-1252 when none does.
func decodeHTML(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return body
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return []byte(strings.ToValidUTF8(string(body), "\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// isFragment reports whether the page is a bare HTML fragment (a feed
// item's content, a record's html field) rather than a whole page: such a
// fragment is all article, with no chrome around it to remove.
func isFragment(root *html.Node, body []byte) bool {
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.ToLower(head)
	for _, tag := range []string{"<html", "<body", "<head", "<!doctype"} {
		if bytes.Contains(head, []byte(tag)) {
			return false
		}
	}
	return findElement(root, atom.Body) != nil
}

// fromFragment takes every block of an HTML fragment as body.
func fromFragment(a *parallax.Article, root *html.Node) error {
	a.Body = htmlBlocks(findElement(root, atom.Body), false)
	if len(a.Body) == 0 {
		return parallax.ErrNoContent
	}
	return nil
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// dropTitleBlock removes the headline from the start of the body when the
// extractor kept it there: it is the article's title, not its text. The
// page title often carries the site's name too ("Headline | Site"), so a
// block that is the start of the title counts as well.
func dropTitleBlock(a *parallax.Article) {
	title := foldText(a.Title)
	if title == "" {
		return
	}
	for i, b := range a.Body {
		if i > 2 {
			return
		}
		if isTitleText(foldText(b.Text), title) {
			a.Body = append(a.Body[:i:i], a.Body[i+1:]...)
			return
		}
	}
}

func isTitleText(block, title string) bool {
	if block == "" {
		return false
	}
	if block == title {
		return true
	}
	return strings.HasPrefix(title, block+" ") && 2*len(block) >= len(title)
}

// hasArticleText reports whether blocks read as an article rather than a
// login form or an index of links: some sentence-like paragraphs, enough
// words in them.
func hasArticleText(blocks []parallax.Block) bool {
	words, sentences := 0, 0
	for _, b := range blocks {
		if b.Kind != parallax.BlockParagraph {
			continue
		}
		f := lineFeatures(b.Text)
		if w := f.wordsEq(); w >= 8 && (f.endPunct || w >= 20) {
			sentences++
			words += w
		}
	}
	return sentences >= 1 && words >= 40
}

func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	if len(s) != 2 {
		return ""
	}
	return s
}
