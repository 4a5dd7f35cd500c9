package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// TestProcessLogPruned: once the log is pruned past the point asked from,
// FindProcessChanges says it is incomplete; from a later point it lists
// what changed.
func TestProcessLogPruned(t *testing.T) {
	defer sqlite.SetKeepSaves(2)()
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	for i := range 4 {
		body := []byte(fmt.Sprintf("article %d", i))
		it := parallax.Ingested{
			Document: &parallax.Document{URL: fmt.Sprintf("https://news.example/%d", i), ContentType: "text/plain", Body: body, Hash: fmt.Sprint(i), FetchedAt: time.Now()},
			Article:  &parallax.Article{URL: fmt.Sprintf("https://news.example/%d", i), Title: "T", Body: []parallax.Block{{Kind: parallax.BlockParagraph, Text: string(body)}}},
		}
		if _, err := db.CreateDocuments(ctx, []parallax.Ingested{it}); err != nil {
			t.Fatal(err)
		}
		id := it.Article.ID
		st := &parallax.Story{ID: id, Headline: "T"}
		r := parallax.Processed{ArticleID: id, Assignment: parallax.Assignment{ArticleID: id, StoryID: id}}
		if err := db.SaveProcessed(ctx, []parallax.Processed{r}, []*parallax.Story{st}, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		after    int64
		complete bool
		n        int
	}{{0, false, 0}, {1, false, 0}, {2, true, 2}, {3, true, 1}, {4, true, 0}} {
		got, err := db.FindProcessChanges(ctx, tt.after)
		if err != nil || got.Seq != 4 || got.Complete != tt.complete || len(got.ArticleIDs) != tt.n {
			t.Errorf("FindProcessChanges(%d) = %+v, %v; want seq 4, complete %v, %d articles", tt.after, got, err, tt.complete, tt.n)
		}
	}
}
