package pipeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/subscription"
)

func TestImportFeeds(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	first, err := pipeline.ImportFeeds(ctx, st, []subscription.Outline{
		{FeedURL: "https://news.example/rss", Title: "News"},
		{FeedURL: "ftp://files.example/feed"},
		{FeedURL: "HTTPS://News.Example/rss"}, // the same feed, written otherwise
	}, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if first.Added != 1 || first.Known != 1 || len(first.Failed) != 1 || len(first.IDs) != 1 {
		t.Fatalf("first import: %+v", first)
	}
	again, err := pipeline.ImportFeeds(ctx, st, []subscription.Outline{
		{FeedURL: "https://other.example/atom"}, {FeedURL: "https://news.example/rss"},
	}, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 1 || again.Known != 1 || len(again.IDs) != 2 || !slices.Contains(again.IDs, first.IDs[0]) {
		t.Errorf("second import: %+v, want the stored feed's id among the two", again)
	}
}
