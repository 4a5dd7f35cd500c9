// Package view shapes stored records into the JSON documents of the
// command-line contract (../shared/DESIGN.md) that the CLI and the HTTP API
// both print. It holds no logic beyond picking and naming fields.
package view

import (
	"time"

	"github.com/parallax-news/parallax"
)

// DerivedFrom is an article's link to the article it derives from.
type DerivedFrom struct {
	ID       int64                   `json:"id"`
	Kind     parallax.DerivationKind `json:"kind"`
	Coverage float64                 `json:"coverage"`
}

// Article is one row of `parallax articles --json`.
type Article struct {
	ID          int64        `json:"id"`
	URL         string       `json:"url"`
	Source      string       `json:"source"`
	Title       string       `json:"title"`
	Byline      string       `json:"byline"`
	Published   *time.Time   `json:"published"`
	Language    string       `json:"language"`
	Tags        []string     `json:"tags"`
	StoryID     *int64       `json:"story_id"`
	DerivedFrom *DerivedFrom `json:"derived_from"`
}

// ArticleDetail is `parallax article ID --json`.
type ArticleDetail struct {
	Article
	Dateline    parallax.Dateline      `json:"dateline"`
	Section     string                 `json:"section"`
	Fetched     time.Time              `json:"fetched"`
	Body        []parallax.Block       `json:"body"`
	Removed     []parallax.Removed     `json:"removed"`
	Alignment   []parallax.AlignedPair `json:"alignment"`
	StoryReason *parallax.Assignment   `json:"story_reason"`
	Entities    []parallax.Mention     `json:"entities"`
	Quotes      []parallax.Quote       `json:"quotes"`
	Claims      []parallax.Claim       `json:"claims"`
}

// Story is one row of `parallax stories --json`.
type Story struct {
	ID         int64     `json:"id"`
	Headline   string    `json:"headline"`
	ArticleIDs []int64   `json:"article_ids"`
	Sources    int       `json:"sources"`
	FirstSeen  time.Time `json:"first_seen"`
	LastSeen   time.Time `json:"last_seen"`
}

// StoryDetail is `parallax story ID --json`: the story and its brief. The
// brief's numbered source list is source_list ("sources" is the count of
// independent sources).
type StoryDetail struct {
	Story
	Summary     []parallax.Cited         `json:"summary"`
	KeyPoints   []parallax.Cited         `json:"key_points"`
	Quotes      []parallax.Quote         `json:"quotes"`
	Entities    []parallax.Entity        `json:"entities"`
	Claims      []parallax.Comparison    `json:"claims"`
	Derivations []parallax.Derivation    `json:"derivations"`
	Timeline    []parallax.TimelineEntry `json:"timeline"`
	SourceList  []parallax.BriefSource   `json:"source_list"`
	BuiltAt     *time.Time               `json:"brief_built_at"`
}

// NewStoryDetail shapes a story with its brief (nil before one is built).
func NewStoryDetail(s *parallax.Story, b *parallax.Brief) StoryDetail {
	v := StoryDetail{Story: NewStory(s)}
	if b == nil {
		b = &parallax.Brief{}
	} else {
		at := b.BuiltAt
		v.BuiltAt = &at
	}
	v.Summary, v.KeyPoints, v.Quotes = nonNil(b.Summary), nonNil(b.KeyPoints), nonNil(b.Quotes)
	v.Entities, v.Claims, v.Derivations = nonNil(b.Entities), nonNil(b.Claims), nonNil(b.Derivations)
	v.Timeline, v.SourceList = nonNil(b.Timeline), nonNil(b.Sources)
	return v
}

// NewArticle shapes an article with its assignment and derivation (either
// may be nil).
func NewArticle(a *parallax.Article, as *parallax.Assignment, d *parallax.Derivation) Article {
	v := Article{
		ID: a.ID, URL: a.URL, Source: a.Source, Title: a.Title, Byline: a.Byline,
		Language: a.Language, Tags: nonNil(a.Tags),
	}
	if !a.Published.IsZero() {
		p := a.Published
		v.Published = &p
	}
	if as != nil {
		id := as.StoryID
		v.StoryID = &id
	}
	if d != nil {
		v.DerivedFrom = &DerivedFrom{ID: d.SourceID, Kind: d.Kind, Coverage: d.Coverage}
	}
	return v
}

// NewArticleDetail shapes one article with everything known about it.
func NewArticleDetail(a *parallax.Article, as *parallax.Assignment, d *parallax.Derivation, an *parallax.Analysis) ArticleDetail {
	v := ArticleDetail{
		Article: NewArticle(a, as, d), Dateline: a.Dateline, Section: a.Section, Fetched: a.Fetched,
		Body: nonNil(a.Body), Removed: nonNil(a.Removed), StoryReason: as,
		Alignment: []parallax.AlignedPair{}, Entities: []parallax.Mention{}, Quotes: []parallax.Quote{}, Claims: []parallax.Claim{},
	}
	if d != nil {
		v.Alignment = nonNil(d.Pairs)
	}
	if an != nil {
		v.Entities, v.Quotes, v.Claims = nonNil(an.Mentions), nonNil(an.Quotes), nonNil(an.Claims)
	}
	return v
}

// NewStory shapes a story.
func NewStory(s *parallax.Story) Story {
	return Story{ID: s.ID, Headline: s.Headline, ArticleIDs: nonNil(s.ArticleIDs), Sources: s.Sources,
		FirstSeen: s.FirstSeen, LastSeen: s.LastSeen}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
