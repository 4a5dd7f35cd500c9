package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

// testSaveAnalyses checks that analyses saved ahead of processing are
// stored only for articles with none, never replace what processing saved,
// and that a later SaveProcessed still replaces them; and that the
// Unprocessed filter follows story assignments, not analyses.
func testSaveAnalyses(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 3)))
	story := &parallax.Story{ID: id[0], Headline: "One"}
	done := processed(id[0], 0, id[0])
	if err := s.SaveProcessed(ctx, []parallax.Processed{done}, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	ahead := []*parallax.Analysis{analysis(id[0], 1), analysis(id[1], 1), analysis(id[2], 3), analysis(id[1], 2)}
	n, err := s.SaveAnalyses(ctx, ahead)
	if err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	if n != 2 {
		t.Errorf("SaveAnalyses stored %d, want 2 (article %d was processed, %d given twice)", n, id[0], id[1])
	}
	want := []parallax.Analysis{*done.Analysis, *ahead[1], *ahead[2]}
	ans, err := s.FindAnalyses(ctx, id)
	if err != nil {
		t.Fatalf("FindAnalyses: %v", err)
	}
	if diff := cmp.Diff(want, ans, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("analyses (-want +got):\n%s", diff)
	}
	if n, err := s.SaveAnalyses(ctx, ahead[1:2]); err != nil || n != 0 {
		t.Errorf("SaveAnalyses again = %d, %v; want 0, nil", n, err)
	}
	unprocessed, err := s.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true})
	if err != nil {
		t.Fatalf("FindArticles unprocessed: %v", err)
	}
	if got := articleIDs(unprocessed); !cmp.Equal(got, id[1:]) {
		t.Errorf("unprocessed = %v, want %v (analysed ahead is not processed)", got, id[1:])
	}
	first, err := s.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true, AfterID: id[1], Limit: 1})
	if err != nil || len(first) != 1 || first[0].ID != id[2] {
		t.Errorf("unprocessed after %d, limit 1 = %v, %v; want [%d]", id[1], articleIDs(first), err, id[2])
	}
	// Processing replaces an analysis saved ahead.
	later := processed(id[1], 0, id[0])
	if err := s.SaveProcessed(ctx, []parallax.Processed{later}, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed later: %v", err)
	}
	checkProcessed(t, s, id[1:2], nil, []parallax.Assignment{later.Assignment}, []parallax.Analysis{*later.Analysis})
	if _, err := s.SaveAnalyses(ctx, []*parallax.Analysis{{}}); err == nil {
		t.Error("SaveAnalyses of an analysis without article id: no error")
	}
	if _, err := s.SaveAnalyses(ctx, []*parallax.Analysis{analysis(id[2]+1000, 1)}); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("SaveAnalyses of a missing article: err=%v, want parallax.ErrNotFound", err)
	}
	processedNow, err := s.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true})
	if err != nil || len(processedNow) != 1 || processedNow[0].ID != id[2] {
		t.Errorf("unprocessed after processing %d = %v, %v; want [%d]", id[1], articleIDs(processedNow), err, id[2])
	}
}
