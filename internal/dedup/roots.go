package dedup

import "github.com/parallax-news/parallax"

// Roots maps every article named in ds (derived or source) to its root
// original, following derived_from links up the chain; an article that
// derives from nothing is its own root. Every kind links, shared_source
// included: two articles built on one report are one source, not two. A
// cycle (possible only with contradictory times) resolves to its lowest id.
func Roots(ds []parallax.Derivation) map[int64]int64 {
	parent := make(map[int64]int64, len(ds))
	for _, d := range ds {
		parent[d.ArticleID] = d.SourceID
	}
	roots := make(map[int64]int64, 2*len(ds))
	for _, d := range ds {
		for _, id := range []int64{d.ArticleID, d.SourceID} {
			roots[id] = root(id, parent)
		}
	}
	return roots
}

func root(id int64, parent map[int64]int64) int64 {
	seen := map[int64]bool{id: true}
	cur := id
	for {
		next, ok := parent[cur]
		if !ok {
			return cur
		}
		if seen[next] {
			return lowestInCycle(next, parent)
		}
		seen[next] = true
		cur = next
	}
}

func lowestInCycle(start int64, parent map[int64]int64) int64 {
	low := start
	for cur := parent[start]; cur != start; cur = parent[cur] {
		low = min(low, cur)
	}
	return low
}

// Independent counts the independent sources among articles: articles with
// the same root (Roots) count once; an article absent from ds is its own.
func Independent(ids []int64, ds []parallax.Derivation) int {
	roots := Roots(ds)
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		r, ok := roots[id]
		if !ok {
			r = id
		}
		seen[r] = true
	}
	return len(seen)
}
