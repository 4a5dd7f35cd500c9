package extract

import (
	"strings"

	"github.com/parallax-news/parallax"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockWalker turns an HTML tree into body blocks: block-level elements
// end a block, headings and list items give their kinds, inline text is
// joined with single spaces.
type blockWalker struct {
	blocks []parallax.Block
	cur    strings.Builder
	kind   parallax.BlockKind
	// spaced joins text nodes with a space: go-trafilatura trims the text
	// nodes of its output, so the spaces between inline elements are gone.
	spaced bool
}

// htmlBlocks returns the blocks of the tree under n (nil gives none).
// spaced says the tree's text nodes were trimmed and need a space between
// them.
func htmlBlocks(n *html.Node, spaced bool) []parallax.Block {
	if n == nil {
		return nil
	}
	w := &blockWalker{kind: parallax.BlockParagraph, spaced: spaced}
	w.walk(n, 0)
	w.flush()
	return w.blocks
}

// maxDepth bounds recursion on pathological trees.
const maxDepth = 512

func (w *blockWalker) walk(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, depth+1)
		}
		return
	}
	if skipElement(n) {
		return
	}
	if elemAtom(n) == atom.Br || n.Data == "lb" {
		w.cur.WriteByte(' ')
		return
	}
	kind, block := blockKind(n)
	if !block {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, depth+1)
		}
		return
	}
	w.flush()
	outer := w.kind
	if kind != parallax.BlockParagraph || outer == parallax.BlockParagraph {
		w.kind = kind
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	w.flush()
	w.kind = outer
}

// text adds a text node; in spaced mode a space goes before it unless it
// starts with closing punctuation.
func (w *blockWalker) text(s string) {
	if w.spaced && w.cur.Len() > 0 {
		t := strings.TrimLeft(s, " \t\n\r")
		if t != "" && !strings.ContainsAny(t[:1], ",.;:!?)]}%'’”") {
			w.cur.WriteByte(' ')
		}
	}
	w.cur.WriteString(s)
}

func (w *blockWalker) flush() {
	text := cleanSpace(w.cur.String())
	w.cur.Reset()
	if text == "" {
		return
	}
	w.blocks = append(w.blocks, parallax.Block{Kind: w.kind, Text: text})
}

// elemAtom is n's atom, looked up from its name when the node was built
// without one (go-trafilatura creates elements by name).
func elemAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

func skipElement(n *html.Node) bool {
	switch elemAtom(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head, atom.Iframe, atom.Button, atom.Select, atom.Textarea:
		return true
	}
	return false
}

// blockKind says whether n starts a block and of which kind.
func blockKind(n *html.Node) (parallax.BlockKind, bool) {
	switch elemAtom(n) {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Summary:
		return parallax.BlockHeading, true
	case atom.Li, atom.Dd, atom.Dt:
		return parallax.BlockListItem, true
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Pre,
		atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Figure,
		atom.Figcaption, atom.Header, atom.Footer, atom.Main, atom.Aside, atom.Nav,
		atom.Form, atom.Fieldset, atom.Address, atom.Hr, atom.Body, atom.Html, atom.Caption:
		return parallax.BlockParagraph, true
	}
	switch n.Data {
	case "head":
		return parallax.BlockHeading, true
	case "item":
		return parallax.BlockListItem, true
	case "list", "quote", "code", "row", "cell", "done":
		return parallax.BlockParagraph, true
	}
	return "", false
}
