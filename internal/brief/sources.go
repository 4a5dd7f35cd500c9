package brief

import (
	"time"

	"github.com/parallax-news/parallax"
)

// sources numbers the story's articles as a derivation tree: each original
// (in order of time) followed by its copies and rewrites, depth first.
func (st *story) sources(since time.Time) []parallax.BriefSource {
	parent := map[int64]parallax.Derivation{}
	children := map[int64][]int64{}
	for _, d := range st.derivations {
		parent[d.ArticleID] = d
	}
	for _, a := range st.articles { // in time order, so children are too
		if d, ok := parent[a.ID]; ok {
			children[d.SourceID] = append(children[d.SourceID], a.ID)
		}
	}
	out := make([]parallax.BriefSource, 0, len(st.articles))
	var visit func(id int64)
	visit = func(id int64) {
		a := st.articles[st.index[id]]
		bs := parallax.BriefSource{N: len(out) + 1, ArticleID: id, Source: a.Source, Title: a.Title, URL: a.URL,
			Published: a.When(), New: !since.IsZero() && a.When().After(since)}
		if d, ok := parent[id]; ok {
			bs.DerivedFrom, bs.Kind, bs.Coverage = d.SourceID, d.Kind, d.Coverage
		}
		out = append(out, bs)
		for _, c := range children[id] {
			visit(c)
		}
	}
	for _, a := range st.articles {
		if _, ok := parent[a.ID]; !ok {
			visit(a.ID)
		}
	}
	return out
}
