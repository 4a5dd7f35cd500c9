package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

// analysis returns an analysis of article id with n of each kind of finding.
func analysis(id int64, n int) *parallax.Analysis {
	an := &parallax.Analysis{ArticleID: id}
	for i := range n {
		an.Mentions = append(an.Mentions, parallax.Mention{
			Text: "Zelenskyy", Kind: parallax.EntityPerson, Start: 10 * i, End: 10*i + 9, Sentence: i,
			Role: "President", Canonical: "Volodymyr Zelensky",
		})
		an.Quotes = append(an.Quotes, parallax.Quote{
			Speaker: "Dmitry Peskov", Text: "We are studying the plan", Kind: parallax.QuoteDirect,
			Cue: "said", Start: 100 + i, End: 124 + i, ArticleIDs: []int64{id},
			Parts:       []parallax.Span{{Start: 100 + i, End: 110 + i}, {Start: 115 + i, End: 124 + i}},
			SpeakerSpan: parallax.Span{Start: 130 + i, End: 143 + i}, CueSpan: parallax.Span{Start: 144 + i, End: 148 + i},
		})
		an.Claims = append(an.Claims, parallax.Claim{
			Subject: "the peace plan", Attribute: "points", Value: "28", Normalized: "28",
			Evidence: "The 28-point plan", Sentence: i, Unit: "points",
			ValueSpan: parallax.Span{Start: 4 + i, End: 6 + i},
		})
	}
	an.Quotes = append(an.Quotes, parallax.Quote{Speaker: "he", Text: "reported", Kind: parallax.QuoteReported})
	return an
}

// processed returns a full result for article a of story storyID, derived
// from source when it is not 0.
func processed(a, source, storyID int64) parallax.Processed {
	p := parallax.Processed{
		ArticleID: a,
		Assignment: parallax.Assignment{
			ArticleID: a, StoryID: storyID, Similarity: 0.4123, Threshold: 0.25,
			Reason:      "shares 4 terms and 2 names",
			SharedTerms: []string{"plan", "peace"}, SharedNames: []string{},
		},
		Analysis: analysis(a, 2),
	}
	if source != 0 {
		p.Derivation = &parallax.Derivation{
			ArticleID: a, SourceID: source, Kind: parallax.DerivedRewrite, Coverage: 0.8125,
			Pairs: []parallax.AlignedPair{{SourceIndex: 0, DerivedIndex: 1, SourceText: "A.", DerivedText: "A!", Score: 0.9}},
		}
	}
	return p
}

// checkProcessed compares what s holds for ids with want.
func checkProcessed(t *testing.T, s parallax.Store, ids []int64, wantD []parallax.Derivation, wantA []parallax.Assignment, wantAn []parallax.Analysis) {
	t.Helper()
	ctx := context.Background()
	ds, err := s.FindDerivations(ctx, ids)
	if err != nil {
		t.Fatalf("FindDerivations: %v", err)
	}
	if diff := cmp.Diff(wantD, ds, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("derivations (-want +got):\n%s", diff)
	}
	as, err := s.FindAssignments(ctx, ids)
	if err != nil {
		t.Fatalf("FindAssignments: %v", err)
	}
	if diff := cmp.Diff(wantA, as, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("assignments (-want +got):\n%s", diff)
	}
	ans, err := s.FindAnalyses(ctx, ids)
	if err != nil {
		t.Fatalf("FindAnalyses: %v", err)
	}
	if diff := cmp.Diff(wantAn, ans, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("analyses (-want +got):\n%s", diff)
	}
}

func testSaveProcessedRoundTrip(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 3)))
	story := &parallax.Story{ID: id[0], Headline: "Peace plan", Sources: 2, FirstSeen: when(20, 1), LastSeen: when(21, 2), UpdatedAt: when(22, 3)}
	results := []parallax.Processed{processed(id[0], 0, id[0]), processed(id[1], id[0], id[0]), processed(id[2], id[0], id[0])}
	results[2].Derivation.Pairs = nil
	results[2].Assignment.SharedTerms = nil
	results[2].Analysis = &parallax.Analysis{ArticleID: id[2]} // analysed, found nothing
	if err := s.SaveProcessed(ctx, results, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	var (
		wantD  []parallax.Derivation
		wantA  []parallax.Assignment
		wantAn []parallax.Analysis
	)
	for _, r := range results {
		if r.Derivation != nil {
			wantD = append(wantD, *r.Derivation)
		}
		wantA = append(wantA, r.Assignment)
		wantAn = append(wantAn, *r.Analysis)
	}
	checkProcessed(t, s, nil, wantD, wantA, wantAn)
	// nil and empty slices stored whole stay apart.
	as, err := s.FindAssignments(ctx, id[2:])
	if err != nil {
		t.Fatalf("FindAssignments: %v", err)
	}
	if len(as) != 1 || as[0].SharedTerms != nil || as[0].SharedNames == nil {
		t.Errorf("assignment terms %#v names %#v, want nil and empty", as[0].SharedTerms, as[0].SharedNames)
	}
	ds, err := s.FindDerivations(ctx, id[2:])
	if err != nil {
		t.Fatalf("FindDerivations: %v", err)
	}
	if len(ds) != 1 || ds[0].Pairs != nil {
		t.Errorf("derivation pairs %#v, want nil", ds)
	}
	got, err := s.FindStoryByID(ctx, story.ID)
	if err != nil {
		t.Fatalf("FindStoryByID: %v", err)
	}
	want := *story
	want.ArticleIDs = id
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("story (-want +got):\n%s", diff)
	}
}

func testSaveProcessedReplaces(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 3)))
	first := []*parallax.Story{
		{ID: id[0], Headline: "One", Sources: 1, FirstSeen: when(20, 0), LastSeen: when(20, 0), UpdatedAt: when(20, 0)},
		{ID: id[2], Headline: "Two", Sources: 1, FirstSeen: when(20, 0), LastSeen: when(20, 0), UpdatedAt: when(20, 0)},
	}
	results := []parallax.Processed{processed(id[0], 0, id[0]), processed(id[1], id[0], id[0]), processed(id[2], 0, id[2])}
	if err := s.SaveProcessed(ctx, results, first, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	// Reprocess article 1: no longer derived, moved to story two, analysed
	// again with fewer findings; story two updated, its times cleared.
	moved := processed(id[1], 0, id[2])
	moved.Analysis = analysis(id[1], 1)
	moved.Assignment.Reason = "moved"
	second := &parallax.Story{ID: id[2], Headline: "Two, updated", Sources: 2}
	if err := s.SaveProcessed(ctx, []parallax.Processed{moved}, []*parallax.Story{second}, nil); err != nil {
		t.Fatalf("SaveProcessed again: %v", err)
	}
	checkProcessed(t, s, id[1:2], nil, []parallax.Assignment{moved.Assignment}, []parallax.Analysis{*moved.Analysis})
	stories, err := s.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	one := *first[0]
	one.ArticleIDs = id[:1]
	two := *second
	two.ArticleIDs = id[1:]
	if diff := cmp.Diff([]*parallax.Story{&two, &one}, stories); diff != "" {
		t.Errorf("stories (-want +got):\n%s", diff)
	}
}

func testSaveProcessedKeeps(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 2)))
	story := &parallax.Story{ID: id[0], Headline: "One"}
	full := processed(id[1], id[0], id[0])
	if err := s.SaveProcessed(ctx, []parallax.Processed{processed(id[0], 0, id[0]), full}, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	// A result with no analysis and no story assignment leaves both; its
	// derivation is what it says.
	partial := parallax.Processed{ArticleID: id[1], Derivation: full.Derivation}
	if err := s.SaveProcessed(ctx, []parallax.Processed{partial}, nil, nil); err != nil {
		t.Fatalf("SaveProcessed partial: %v", err)
	}
	checkProcessed(t, s, id[1:], []parallax.Derivation{*full.Derivation}, []parallax.Assignment{full.Assignment}, []parallax.Analysis{*full.Analysis})
}

func testSaveProcessedAllOrNothing(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 2)))
	story := &parallax.Story{ID: id[0], Headline: "One"}
	good := processed(id[0], 0, id[0])
	bad := processed(id[1], id[1]+1000, id[0]) // derived from a missing article
	err := s.SaveProcessed(ctx, []parallax.Processed{good, bad}, []*parallax.Story{story}, nil)
	if !errors.Is(err, parallax.ErrNotFound) {
		t.Fatalf("SaveProcessed: err=%v, want parallax.ErrNotFound", err)
	}
	checkProcessed(t, s, nil, nil, nil, nil)
	stories, err := s.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	if len(stories) != 0 {
		t.Errorf("stories = %d after a failed save, want 0", len(stories))
	}
}

func testSaveProcessedMerges(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 5)))
	a, b, c := id[0], id[2], id[4]
	stories := []*parallax.Story{
		{ID: a, Headline: "A", Sources: 2, LastSeen: when(20, 0)},
		{ID: b, Headline: "B", Sources: 2, LastSeen: when(21, 0)},
		{ID: c, Headline: "C", Sources: 1, LastSeen: when(22, 0)},
	}
	results := []parallax.Processed{
		processed(id[0], 0, a), processed(id[1], 0, a),
		processed(id[2], 0, b), processed(id[3], 0, b),
		processed(id[4], 0, c),
	}
	if err := s.SaveProcessed(ctx, results, stories, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	for _, sid := range []int64{b, c} {
		if err := s.SaveBrief(ctx, &parallax.Brief{StoryID: sid, Headline: "brief"}); err != nil {
			t.Fatalf("SaveBrief(%d): %v", sid, err)
		}
	}
	// C merges into B and B into A, in one save that also updates A.
	survivor := &parallax.Story{ID: a, Headline: "A, B and C", Sources: 4, LastSeen: when(22, 0)}
	if err := s.SaveProcessed(ctx, nil, []*parallax.Story{survivor}, map[int64]int64{c: b, b: a}); err != nil {
		t.Fatalf("SaveProcessed merges: %v", err)
	}
	got, err := s.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	want := *survivor
	want.ArticleIDs = id
	if diff := cmp.Diff([]*parallax.Story{&want}, got); diff != "" {
		t.Errorf("stories after merge (-want +got):\n%s", diff)
	}
	for _, sid := range []int64{b, c} {
		if _, err := s.FindStoryByID(ctx, sid); !errors.Is(err, parallax.ErrNotFound) {
			t.Errorf("FindStoryByID(%d) after merge: err=%v, want ErrNotFound", sid, err)
		}
		if _, err := s.FindBrief(ctx, sid); !errors.Is(err, parallax.ErrNotFound) {
			t.Errorf("FindBrief(%d) after merge: err=%v, want ErrNotFound", sid, err)
		}
	}
	as, err := s.FindAssignments(ctx, nil)
	if err != nil {
		t.Fatalf("FindAssignments: %v", err)
	}
	for _, asg := range as {
		if asg.StoryID != a {
			t.Errorf("article %d in story %d after merge, want %d", asg.ArticleID, asg.StoryID, a)
		}
	}
	// A merge applied again (a retried job) changes nothing.
	if err := s.SaveProcessed(ctx, nil, nil, map[int64]int64{c: b, b: a}); err != nil {
		t.Fatalf("SaveProcessed merges again: %v", err)
	}
	// A cycle is refused.
	if err := s.SaveProcessed(ctx, nil, nil, map[int64]int64{a: b, b: a}); err == nil {
		t.Errorf("SaveProcessed with a merge cycle: nil error, want one")
	}
}

func testFindProcessedFilters(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 4)))
	story := &parallax.Story{ID: id[0], Headline: "One"}
	results := []parallax.Processed{processed(id[0], 0, id[0]), processed(id[1], id[0], id[0]), processed(id[2], id[0], id[0])}
	results[1].Analysis = nil // not analysed yet
	if err := s.SaveProcessed(ctx, results, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	// Asked in any order, for some never processed: found ones by article id.
	ids := []int64{id[3], id[2], id[1]}
	checkProcessed(t, s, ids,
		[]parallax.Derivation{*results[1].Derivation, *results[2].Derivation},
		[]parallax.Assignment{results[1].Assignment, results[2].Assignment},
		[]parallax.Analysis{*results[2].Analysis})
}
