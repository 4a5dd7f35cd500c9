package parallax

import "time"

// Cited is a piece of text with the articles that state it.
type Cited struct {
	Text       string  `json:"text"`
	ArticleIDs []int64 `json:"article_ids"`
}

// ClaimValue is one value stated for a subject's attribute, with its sources.
type ClaimValue struct {
	Value      string  `json:"value"`
	ArticleIDs []int64 `json:"article_ids"`
	// Sources counts the independent sources among ArticleIDs.
	Sources int `json:"sources"`
}

// Comparison groups the claims a story's articles make about one subject's
// attribute and says whether they conflict.
type Comparison struct {
	Subject   string       `json:"subject"`
	Attribute string       `json:"attribute"`
	Values    []ClaimValue `json:"values"`
	Conflict  bool         `json:"conflict"`
	// Note explains the decision, e.g. that a rewrite contradicts its original.
	Note string `json:"note,omitempty"`
}

// TimelineEntry is a dated statement.
type TimelineEntry struct {
	Date       time.Time `json:"date"`
	Text       string    `json:"text"`
	ArticleIDs []int64   `json:"article_ids"`
}

// BriefSource is one article in a brief's numbered source list.
type BriefSource struct {
	N           int            `json:"n"`
	ArticleID   int64          `json:"article_id"`
	Source      string         `json:"source"`
	Title       string         `json:"title"`
	URL         string         `json:"url"`
	DerivedFrom int64          `json:"derived_from,omitempty"`
	Kind        DerivationKind `json:"kind,omitempty"`
	// Coverage is the derivation's coverage when DerivedFrom is set.
	Coverage  float64   `json:"coverage,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// New marks an article that arrived after the brief's Since.
	New bool `json:"new,omitempty"`
}

// Brief is a story told once, every sentence cited.
type Brief struct {
	StoryID     int64           `json:"story_id"`
	Headline    string          `json:"headline"`
	Summary     []Cited         `json:"summary"`
	KeyPoints   []Cited         `json:"key_points"`
	Quotes      []Quote         `json:"quotes"`
	Entities    []Entity        `json:"entities"`
	Claims      []Comparison    `json:"claims"`
	Derivations []Derivation    `json:"derivations"`
	Timeline    []TimelineEntry `json:"timeline"`
	Sources     []BriefSource   `json:"sources"`
	BuiltAt     time.Time       `json:"built_at"`
	// Since is the time "new" is counted from; zero when not asked.
	Since time.Time `json:"since,omitzero"`
}
