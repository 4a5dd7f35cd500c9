package parallax

import "time"

// Story is the set of articles about one event. Its ID is the ID of the
// first article that started it (when stories merge, the smaller ID stays),
// so that clustering needs no ID allocation and runs the same in memory and
// against a store.
type Story struct {
	ID         int64
	Headline   string
	ArticleIDs []int64
	// Sources counts independent sources: an article and its rewrites are one.
	Sources   int
	FirstSeen time.Time
	LastSeen  time.Time
	UpdatedAt time.Time
}

// Assignment records why an article joined (or started) a story.
type Assignment struct {
	ArticleID  int64   `json:"article_id"`
	StoryID    int64   `json:"story_id"`
	Similarity float64 `json:"similarity"`
	Threshold  float64 `json:"threshold"`
	// Reason is a sentence a person can read: the shared terms and names,
	// the similarity and the threshold.
	Reason      string   `json:"reason"`
	SharedTerms []string `json:"shared_terms,omitempty"`
	SharedNames []string `json:"shared_names,omitempty"`
}

// StoryFilter selects stories in FindStories. Zero fields match all.
type StoryFilter struct {
	IDs   []int64
	Since time.Time
	Limit int
}
