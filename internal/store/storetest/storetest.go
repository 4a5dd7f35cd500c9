package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// Run runs every behavioural test against stores made by open. Each test
// calls open once for a fresh, empty store and closes it when done.
func Run(t *testing.T, open func(t *testing.T) parallax.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s parallax.Store)
	}{
		{"CreateDocumentsRoundTrip", testCreateDocumentsRoundTrip},
		{"CreateDocumentsIdempotent", testCreateDocumentsIdempotent},
		{"CreateDocumentsDuplicateInBatch", testCreateDocumentsDuplicateInBatch},
		{"CreateDocumentsWithoutArticle", testCreateDocumentsWithoutArticle},
		{"CreateDocumentsAllOrNothing", testCreateDocumentsAllOrNothing},
		{"CreateDocumentsCancelled", testCreateDocumentsCancelled},
		{"CreateDocumentsConcurrent", testCreateDocumentsConcurrent},
		{"NotFound", testNotFound},
		{"FindArticles", testFindArticles},
		{"UpdateArticle", testUpdateArticle},
		{"SaveProcessedRoundTrip", testSaveProcessedRoundTrip},
		{"SaveProcessedReplaces", testSaveProcessedReplaces},
		{"SaveProcessedKeeps", testSaveProcessedKeeps},
		{"SaveProcessedAllOrNothing", testSaveProcessedAllOrNothing},
		{"SaveProcessedMerges", testSaveProcessedMerges},
		{"FindProcessedFilters", testFindProcessedFilters},
		{"SaveAnalyses", testSaveAnalyses},
		{"ProcessChanges", testProcessChanges},
		{"FindStories", testFindStories},
		{"Briefs", testBriefs},
		{"SaveBriefIfCurrent", testSaveBriefIfCurrent},
		{"Empty", testEmpty},
		{"SearchArticles", testSearchArticles}, {"Browse", testBrowse}, {"Tokens", testTokens}, {"Feeds", testFeeds},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Interests", testInterests},
		{"Marks", testMarks},
		{"Subscriptions", testSubscriptions},
		{"ReaderIsolation", testReaderIsolation},
		{"StoryProfiles", testStoryProfiles},
		{"Tags", testTags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

// when returns a time with nanoseconds in a zone that is not UTC, so that
// round-trips are checked to the nanosecond and across zones.
func when(day, minute int) time.Time {
	return time.Date(2025, time.November, day, 9, minute, 7, 123456789, time.FixedZone("UTC+2", 2*60*60))
}

// item returns a fully populated document and article numbered n.
func item(n int) parallax.Ingested {
	url := fmt.Sprintf("https://news.example/%d/story-%d", n%7, n)
	body := []byte(fmt.Sprintf("<html><p>Paragraph one of %d.</p><p>Paragraph two.</p></html>", n))
	sum := sha256.Sum256(body)
	return parallax.Ingested{
		Document: &parallax.Document{
			URL:         url,
			ContentType: "text/html",
			Body:        body,
			Hash:        hex.EncodeToString(sum[:]),
			FetchedAt:   when(24, n%60),
			Hints: parallax.Hints{
				ID:        fmt.Sprintf("hint-%d", n),
				Source:    "Example News",
				Title:     fmt.Sprintf("Hinted title %d", n),
				Byline:    "A. Writer",
				Published: when(23, n%60),
				Tags:      []string{"world", "hint"},
			},
		},
		Article: &parallax.Article{
			URL:       url,
			Source:    "Example News",
			Title:     fmt.Sprintf("Title %d: Überschrift — «quoted»", n),
			Byline:    "By A. Writer",
			Dateline:  parallax.Dateline{Place: "GENEVA", Date: when(22, n%60)},
			Section:   "World",
			Published: when(23, n%60),
			Fetched:   when(24, n%60),
			Language:  "en",
			Tags:      []string{"world", "talks"},
			Body: []parallax.Block{
				{Kind: parallax.BlockHeading, Text: "Heading"},
				{Kind: parallax.BlockParagraph, Text: fmt.Sprintf("Paragraph one of %d.", n)},
				{Kind: parallax.BlockListItem, Text: "A list item"},
			},
			Removed: []parallax.Removed{{Text: "Subscribe now", Reason: "promo"}},
		},
	}
}

// items returns item(from) … item(from+n-1).
func items(from, n int) []parallax.Ingested {
	out := make([]parallax.Ingested, n)
	for i := range out {
		out[i] = item(from + i)
	}
	return out
}

// create stores its and fails the test unless every item is created.
func create(t *testing.T, s parallax.Store, its []parallax.Ingested) []*parallax.Article {
	t.Helper()
	created, err := s.CreateDocuments(context.Background(), its)
	if err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	out := make([]*parallax.Article, len(its))
	for i, ok := range created {
		if !ok {
			t.Fatalf("CreateDocuments: item %d (%s) not created", i, its[i].Document.URL)
		}
		out[i] = its[i].Article
	}
	return out
}

// articleIDs returns the ids of as.
func articleIDs(as []*parallax.Article) []int64 {
	ids := make([]int64, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return ids
}

// countArticles returns how many articles s holds.
func countArticles(t *testing.T, s parallax.Store) int {
	t.Helper()
	as, err := s.FindArticles(context.Background(), parallax.ArticleFilter{})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	return len(as)
}
