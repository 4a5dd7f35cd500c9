package discrepancy

import (
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Roots maps every article to the representative of its independent source:
// articles joined by a derivation (copy, near-duplicate, rewrite, shared
// source) and articles of the same named publisher count as one source. The
// representative is the smallest article ID of the group. Articles named
// only in derivations are included. sources may be nil.
func Roots(ids []int64, sources map[int64]string, derivations []parallax.Derivation) map[int64]int64 {
	u := unionFind{parent: make(map[int64]int64, len(ids))}
	for _, id := range ids {
		u.add(id)
	}
	for _, d := range derivations {
		u.union(d.ArticleID, d.SourceID)
	}
	byPublisher := make(map[string]int64, len(sources))
	keys := make([]int64, 0, len(sources))
	for id := range sources {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	for _, id := range keys {
		name := strings.ToLower(strings.TrimSpace(sources[id]))
		if name == "" {
			continue
		}
		u.add(id)
		if first, ok := byPublisher[name]; ok {
			u.union(first, id)
			continue
		}
		byPublisher[name] = id
	}
	out := make(map[int64]int64, len(u.parent))
	for id := range u.parent {
		out[id] = u.find(id)
	}
	return out
}

// CountSources returns how many independent sources the articles stand for.
// An article missing from roots counts as its own source.
func CountSources(articleIDs []int64, roots map[int64]int64) int {
	var buf [16]int64
	rs := buf[:0]
	for _, id := range articleIDs {
		r, ok := roots[id]
		if !ok {
			r = id
		}
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return len(slices.Compact(rs))
}

// unionFind keeps the smallest ID of each group as its root.
type unionFind struct {
	parent map[int64]int64
}

func (u *unionFind) add(id int64) {
	if _, ok := u.parent[id]; !ok {
		u.parent[id] = id
	}
}

func (u *unionFind) find(id int64) int64 {
	u.add(id)
	root := id
	for u.parent[root] != root {
		root = u.parent[root]
	}
	for id != root {
		next := u.parent[id]
		u.parent[id] = root
		id = next
	}
	return root
}

func (u *unionFind) union(a, b int64) {
	ra, rb := u.find(a), u.find(b)
	switch {
	case ra < rb:
		u.parent[rb] = ra
	case rb < ra:
		u.parent[ra] = rb
	}
}
