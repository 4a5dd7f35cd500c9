package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

// article returns an item whose body says word.
func article(n int, word string) parallax.Ingested {
	url := fmt.Sprintf("https://news.example/search/%d", n)
	return parallax.Ingested{
		Document: &parallax.Document{URL: url, ContentType: "text/plain", Body: []byte(word)},
		Article: &parallax.Article{URL: url, Title: fmt.Sprintf("Title %d", n), Body: []parallax.Block{
			{Kind: parallax.BlockHeading, Text: "Heading"},
			{Kind: parallax.BlockParagraph, Text: "The word is " + word + ", naïvely."},
		}},
	}
}

func TestSearchIndex(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	var batch []parallax.Ingested
	for i := range 5 {
		batch = append(batch, article(i, "alpha"))
	}
	if _, err := db.CreateDocuments(ctx, batch); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(batch))
	for i, it := range batch {
		ids[i] = it.Article.ID
		text, err := db.ArticleText(ctx, it.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		if text != it.Article.Text() {
			t.Errorf("indexed text %q, want Article.Text() %q", text, it.Article.Text())
		}
	}
	match := func(q string, want []int64) {
		t.Helper()
		got, err := db.Match(ctx, q)
		if err != nil {
			t.Fatalf("Match(%q): %v", q, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Match(%q) (-want +got):\n%s", q, diff)
		}
	}
	match("alpha", nil) // ingest does not index
	for _, step := range []struct{ limit, want int }{{3, 3}, {100, 2}, {100, 0}} {
		n, err := db.IndexSearch(ctx, step.limit)
		if err != nil || n != step.want {
			t.Fatalf("IndexSearch(%d) = %d, %v; want %d", step.limit, n, err, step.want)
		}
	}
	match("alpha", ids)
	match("naively", ids) // diacritics folded
	// Re-extraction re-indexes an indexed article…
	updated := article(0, "beta").Article
	updated.ID = ids[0]
	if err := db.UpdateArticle(ctx, updated); err != nil {
		t.Fatal(err)
	}
	match("alpha", ids[1:])
	match("beta", ids[:1])
	// …and leaves one not indexed yet to the next IndexSearch.
	late := article(9, "gamma")
	if _, err := db.CreateDocuments(ctx, []parallax.Ingested{late}); err != nil {
		t.Fatal(err)
	}
	late.Article.Body[1].Text = "delta"
	if err := db.UpdateArticle(ctx, late.Article); err != nil {
		t.Fatal(err)
	}
	match("delta", nil)
	if n, err := db.IndexSearch(ctx, 100); err != nil || n != 1 {
		t.Fatalf("IndexSearch = %d, %v; want 1", n, err)
	}
	match("delta", []int64{late.Article.ID})
	match("gamma", nil)
}
