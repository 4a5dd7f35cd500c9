package parallax

import (
	"context"
	"time"
)

// Ingested pairs a document with the article extracted from it, so that both
// are stored in one transaction.
type Ingested struct {
	Document *Document
	Article  *Article
}

// DocumentStore persists documents and the articles extracted from them.
type DocumentStore interface {
	// CreateDocuments stores every item's document and article in one
	// transaction. An item whose document URL is already stored is skipped
	// (created[i] is false); stored items get their IDs filled in.
	CreateDocuments(ctx context.Context, items []Ingested) (created []bool, err error)
	FindDocumentByID(ctx context.Context, id int64) (*Document, error)
}

// ArticleStore reads and rewrites articles.
type ArticleStore interface {
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	// FindArticles returns matching articles ordered by ID.
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// UpdateArticle replaces an article's extracted fields (re-extraction).
	UpdateArticle(ctx context.Context, a *Article) error
}

// Processed is what the pipeline's later stages found for one article:
// stored together so a crash never leaves half of it.
type Processed struct {
	ArticleID  int64
	Derivation *Derivation // nil when the article derives from nothing stored
	Assignment Assignment
	Analysis   *Analysis // nil until analysed
}

// ProcessChanges lists what SaveProcessed calls changed after a point.
type ProcessChanges struct {
	// ArticleIDs are the articles whose results were saved or moved, in
	// ascending order, each once.
	ArticleIDs []int64
	// Seq numbers the latest SaveProcessed call (0 before the first): the
	// point to ask from next time.
	Seq int64
	// Complete is false when the log no longer reaches back to the point
	// asked from (old entries are pruned): everything must be read again.
	Complete bool
}

// ProcessStore persists derivations, story assignments and analyses.
type ProcessStore interface {
	// SaveProcessed stores each result and the stories it touches in one
	// transaction: stories are created or updated from the given values,
	// and articles of merged stories are moved, with readers' saves of them
	// (read marks stay: the absorbing story's articles were not read).
	SaveProcessed(ctx context.Context, results []Processed, stories []*Story, merged map[int64]int64) error
	// FindDerivations returns the derivations of the given articles (all when
	// ids is empty), ordered by article ID.
	FindDerivations(ctx context.Context, ids []int64) ([]Derivation, error)
	// FindAssignments returns the story assignments of the given articles
	// (all when ids is empty), ordered by article ID.
	FindAssignments(ctx context.Context, ids []int64) ([]Assignment, error)
	FindAnalyses(ctx context.Context, ids []int64) ([]Analysis, error)
	// FindProcessChanges returns the articles whose results SaveProcessed
	// calls after the afterSeq-th wrote or moved (a merge moves the
	// articles of the story merged away), so that a processor taking over
	// from another reads only those.
	FindProcessChanges(ctx context.Context, afterSeq int64) (ProcessChanges, error)
	// SaveAnalyses stores the analyses of articles that have none stored
	// (an analysis depends on its article alone, so it may be done at
	// ingest, ahead of the ordered stages) and leaves the others as they
	// are, so that it never overwrites what a processing run saved. It
	// returns how many it stored.
	SaveAnalyses(ctx context.Context, analyses []*Analysis) (int, error)
}

// StoryStore reads stories and their briefs.
type StoryStore interface {
	FindStoryByID(ctx context.Context, id int64) (*Story, error)
	// FindStories returns matching stories ranked by independent sources,
	// then recency, then ID.
	FindStories(ctx context.Context, f StoryFilter) ([]*Story, error)
	SaveBrief(ctx context.Context, b *Brief) error
	// SaveBriefIfCurrent saves b only while its story is stored with the
	// given UpdatedAt, and reports whether it did: a brief built outside
	// the process lock never replaces one built from a later state of its
	// story (nor outlives a story merged away).
	SaveBriefIfCurrent(ctx context.Context, b *Brief, storyUpdatedAt time.Time) (bool, error)
	// FindStaleBriefs returns, in ascending order, the stories with no
	// brief or whose brief was not saved by SaveBriefIfCurrent for the
	// story's current UpdatedAt (a crash or failure between a story's save
	// and its brief's).
	FindStaleBriefs(ctx context.Context) ([]int64, error)
	FindBrief(ctx context.Context, storyID int64) (*Brief, error)
}

// Store is everything Parallax persists.
type Store interface {
	DocumentStore
	ArticleStore
	ProcessStore
	StoryStore
	FeedStore
	Close() error
}
