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

// testProcessChanges checks the process log: each SaveProcessed call is
// numbered, lists the articles it saved and those its merges moved, and a
// failed call leaves no trace.
func testProcessChanges(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	changes := func(after int64) parallax.ProcessChanges {
		t.Helper()
		c, err := s.FindProcessChanges(ctx, after)
		if err != nil {
			t.Fatalf("FindProcessChanges(%d): %v", after, err)
		}
		return c
	}
	if got := changes(0); got.Seq != 0 || !got.Complete || len(got.ArticleIDs) != 0 {
		t.Errorf("empty store: %+v, want seq 0, complete, no articles", got)
	}
	id := articleIDs(create(t, s, items(1, 5)))
	one := &parallax.Story{ID: id[0], Headline: "One"}
	two := &parallax.Story{ID: id[2], Headline: "Two"}
	first := []parallax.Processed{processed(id[1], 0, id[0]), processed(id[0], 0, id[0]), processed(id[2], 0, id[2]), processed(id[1], 0, id[0])}
	if err := s.SaveProcessed(ctx, first, []*parallax.Story{one, two}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	got := changes(0)
	if want := (parallax.ProcessChanges{ArticleIDs: id[:3], Seq: 1, Complete: true}); !cmp.Equal(got, want) {
		t.Errorf("after the first save: %+v, want %+v", got, want)
	}
	// A failed save is not logged.
	bad := processed(id[3], id[3]+1000, id[0])
	if err := s.SaveProcessed(ctx, []parallax.Processed{bad}, nil, nil); err == nil {
		t.Fatal("SaveProcessed of a derivation from a missing article: no error")
	}
	if got := changes(1); got.Seq != 1 || len(got.ArticleIDs) != 0 {
		t.Errorf("after a failed save: %+v, want seq 1 and nothing new", got)
	}
	// Story one merges into two: its articles move and are logged with the
	// article saved.
	two.Headline = "One and two"
	if err := s.SaveProcessed(ctx, []parallax.Processed{processed(id[3], 0, id[2])}, []*parallax.Story{two}, map[int64]int64{id[0]: id[2]}); err != nil {
		t.Fatalf("SaveProcessed merge: %v", err)
	}
	got = changes(1)
	if want := (parallax.ProcessChanges{ArticleIDs: []int64{id[0], id[1], id[3]}, Seq: 2, Complete: true}); !cmp.Equal(got, want) {
		t.Errorf("after the merge: %+v, want %+v", got, want)
	}
	if got := changes(0); len(got.ArticleIDs) != 4 || got.Seq != 2 {
		t.Errorf("since the start: %+v, want 4 articles and seq 2", got)
	}
	if got := changes(2); got.Seq != 2 || !got.Complete || len(got.ArticleIDs) != 0 {
		t.Errorf("since the latest: %+v, want nothing", got)
	}
}
