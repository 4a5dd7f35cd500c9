package parallax

import (
	"strings"
	"time"
)

// BlockKind says what a block of an article's body is.
type BlockKind string

// Body block kinds.
const (
	BlockParagraph BlockKind = "paragraph"
	BlockHeading   BlockKind = "heading"
	BlockListItem  BlockKind = "list_item"
)

// Block is one paragraph, heading or list item of an article's body.
type Block struct {
	Kind BlockKind `json:"kind"`
	Text string    `json:"text"`
}

// Removed is a piece of the document that extraction left out of the body,
// kept for audit with the reason it was removed ("caption", "promo", …).
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Dateline is the place and date an article was filed from
// ("GENEVA — Nov. 24, 2025").
type Dateline struct {
	Place string    `json:"place,omitempty"`
	Date  time.Time `json:"date,omitzero"`
}

// Article is what was extracted from a document.
type Article struct {
	ID         int64
	DocumentID int64
	URL        string
	// Source is the publisher's name ("International Business Times").
	Source    string
	Title     string
	Byline    string
	Dateline  Dateline
	Section   string
	Published time.Time // zero when unknown
	Fetched   time.Time
	Language  string // ISO 639-1, empty when unknown
	Tags      []string
	Body      []Block
	Removed   []Removed
}

// Text returns the body as plain text, one block per line.
func (a *Article) Text() string {
	var b strings.Builder
	for i, bl := range a.Body {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// When returns the time the article is best placed at: its published time,
// else its dateline date, else the time it was fetched.
func (a *Article) When() time.Time {
	switch {
	case !a.Published.IsZero():
		return a.Published
	case !a.Dateline.Date.IsZero():
		return a.Dateline.Date
	default:
		return a.Fetched
	}
}

// ArticleFilter selects articles in FindArticles. Zero fields match all.
type ArticleFilter struct {
	IDs     []int64
	StoryID int64
	AfterID int64 // only articles with a larger ID, for resuming
	// Unprocessed keeps only articles with no story assignment yet.
	Unprocessed bool
	Limit       int
}
