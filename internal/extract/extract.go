package extract

import (
	"strings"

	"github.com/parallax-news/parallax"
)

// Document extracts the article from a stored document. It is pure: the same
// document always gives the same article. It returns parallax.ErrNoContent
// (wrapped) when the document holds no article.
func Document(doc *parallax.Document) (*parallax.Article, error) {
	a := &parallax.Article{DocumentID: doc.ID, URL: doc.URL, Fetched: doc.FetchedAt}
	for _, line := range strings.Split(string(doc.Body), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			a.Body = append(a.Body, parallax.Block{Kind: parallax.BlockParagraph, Text: line})
		}
	}
	if len(a.Body) == 0 {
		return nil, parallax.ErrNoContent
	}
	return a, nil
}
