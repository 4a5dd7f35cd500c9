package parallax

import "context"

// SearchHit is one article matching a search. A larger Score is a better
// match; hits are ordered by score, then article ID.
type SearchHit struct {
	ArticleID int64   `json:"article_id"`
	Score     float64 `json:"score"`
}

// ArticleSearcher finds articles by the words of their titles and bodies.
type ArticleSearcher interface {
	// SearchArticles returns up to limit articles containing every word of
	// q (words are matched whole and case-folded, diacritics too where the
	// back-end folds them, as SQLite's does; q is plain
	// text, never a query language). An empty q matches nothing.
	SearchArticles(ctx context.Context, q string, limit int) ([]SearchHit, error)
}

// EntityRef is an entity named in stored articles with the stories whose
// articles name it. Name is the canonical name when resolved, else the
// name as written.
type EntityRef struct {
	Name     string     `json:"name"`
	Kind     EntityKind `json:"kind"`
	Articles int        `json:"articles"`
	StoryIDs []int64    `json:"story_ids"`
}

// SourceRef is a publisher with the stories its articles belong to.
type SourceRef struct {
	Name     string  `json:"name"`
	Articles int     `json:"articles"`
	StoryIDs []int64 `json:"story_ids"`
}

// NameFilter selects entities or sources by exact name. Zero fields match
// all.
type NameFilter struct {
	Name  string
	Limit int
}

// Browser lists the entities and sources of stored articles, for the web
// UI and the API.
type Browser interface {
	// FindEntities returns entities ordered by the number of stories that
	// name them (descending), then name, then kind.
	FindEntities(ctx context.Context, f NameFilter) ([]EntityRef, error)
	// FindSources returns sources ordered by article count (descending),
	// then name.
	FindSources(ctx context.Context, f NameFilter) ([]SourceRef, error)
}
