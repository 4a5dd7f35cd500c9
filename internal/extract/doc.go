// Package extract turns a stored document into an article: title, byline,
// dateline, publisher, section, published time, language, tags, the body as
// paragraphs, headings and list items, and the boilerplate it removed (kept
// with a reason, for audit).
//
// HTML pages go through go-trafilatura (with its readability and
// dom-distiller fallbacks when the fast path is not sure) plus the page's own
// metadata (meta tags, Open Graph, JSON-LD, <time>); plain text goes through
// a line classifier built from features of each line (length,
// capitalisation, end punctuation, verbs, position, repetition, neighbours)
// and small vocabularies of generic web chrome. The package is pure: it does
// not fetch, log or store, and no type of the underlying libraries leaves it.
package extract
