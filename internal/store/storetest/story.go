package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

func testFindStories(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 6)))
	// Ranked: most sources, then most recent, then smallest id; a story
	// never seen (zero LastSeen) comes after the seen ones of its rank.
	stories := []*parallax.Story{
		{ID: id[0], Headline: "3 sources, older", Sources: 3, LastSeen: when(20, 0)},
		{ID: id[1], Headline: "1 source, never seen", Sources: 1},
		{ID: id[2], Headline: "3 sources, newer", Sources: 3, LastSeen: when(21, 0)},
		{ID: id[3], Headline: "1 source, same time, larger id", Sources: 1, LastSeen: when(22, 0)},
		{ID: id[4], Headline: "5 sources", Sources: 5, LastSeen: when(10, 0)},
		{ID: id[5], Headline: "1 source, same time, smaller id", Sources: 1, LastSeen: when(22, 0).In(time.UTC)},
	}
	// Swap the last two so that equal times differ only by id order.
	stories[3].ID, stories[5].ID = id[5], id[3]
	var results []parallax.Processed
	for i, st := range stories {
		results = append(results, processed(id[i], 0, st.ID))
	}
	if err := s.SaveProcessed(ctx, results, stories, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	rank := []int64{id[4], id[2], id[0], id[3], id[5], id[1]}
	tests := []struct {
		name string
		f    parallax.StoryFilter
		want []int64
	}{
		{"all", parallax.StoryFilter{}, rank},
		{"limit", parallax.StoryFilter{Limit: 2}, rank[:2]},
		{"ids", parallax.StoryFilter{IDs: []int64{id[1], id[0], id[0] - 1}}, []int64{id[0], id[1]}},
		{"since", parallax.StoryFilter{Since: when(21, 0)}, []int64{id[2], id[3], id[5]}},
		{"since and limit", parallax.StoryFilter{Since: when(21, 0), Limit: 1}, []int64{id[2]}},
		{"since later", parallax.StoryFilter{Since: when(23, 0)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FindStories(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindStories(%+v): %v", tt.f, err)
			}
			ids := make([]int64, len(got))
			for i, st := range got {
				ids[i] = st.ID
			}
			if diff := cmp.Diff(tt.want, ids, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindStories(%+v) ids (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	got, err := s.FindStoryByID(ctx, id[3])
	if err != nil {
		t.Fatalf("FindStoryByID: %v", err)
	}
	want := *stories[5]
	want.ArticleIDs = []int64{id[5]}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("FindStoryByID (-want +got):\n%s", diff)
	}
}

func testBriefs(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 2)))
	story := &parallax.Story{ID: id[0], Headline: "One"}
	if err := s.SaveProcessed(ctx, []parallax.Processed{processed(id[0], 0, id[0]), processed(id[1], id[0], id[0])}, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	full := &parallax.Brief{
		StoryID:   id[0],
		Headline:  "Peace plan talks",
		Summary:   []parallax.Cited{{Text: "Talks began.", ArticleIDs: []int64{id[0], id[1]}}},
		KeyPoints: []parallax.Cited{},
		Quotes:    analysis(id[0], 1).Quotes,
		Entities: []parallax.Entity{{
			Name: "Volodymyr Zelensky", Kind: parallax.EntityPerson, Aliases: []string{"Zelenskyy"},
			Roles: []string{"President"}, ArticleIDs: []int64{id[0]},
		}},
		Claims: []parallax.Comparison{{
			Subject: "the plan", Attribute: "points", Conflict: true, Note: "two values",
			Values: []parallax.ClaimValue{{Value: "28", ArticleIDs: []int64{id[0]}, Sources: 1}, {Value: "27", ArticleIDs: []int64{id[1]}, Sources: 1}},
		}},
		Derivations: []parallax.Derivation{*processed(id[1], id[0], id[0]).Derivation},
		Timeline:    []parallax.TimelineEntry{{Date: when(20, 5), Text: "Plan published.", ArticleIDs: []int64{id[0]}}},
		Sources:     []parallax.BriefSource{{N: 1, ArticleID: id[0], Source: "Example News", Title: "T", URL: "https://news.example/1"}},
		BuiltAt:     when(24, 0),
	}
	tests := []struct {
		name string
		b    *parallax.Brief
	}{
		{"every field", full},
		{"replaced by a sparse one", &parallax.Brief{StoryID: id[0], Headline: "Sparse"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.SaveBrief(ctx, tt.b); err != nil {
				t.Fatalf("SaveBrief: %v", err)
			}
			got, err := s.FindBrief(ctx, tt.b.StoryID)
			if err != nil {
				t.Fatalf("FindBrief: %v", err)
			}
			if diff := cmp.Diff(tt.b, got); diff != "" {
				t.Errorf("brief (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := s.FindBrief(ctx, id[1]); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("FindBrief of a story without one: err=%v, want ErrNotFound", err)
	}
}

func testEmpty(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	as, err := s.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil || len(as) != 0 {
		t.Errorf("FindArticles = %d, %v; want none", len(as), err)
	}
	ss, err := s.FindStories(ctx, parallax.StoryFilter{})
	if err != nil || len(ss) != 0 {
		t.Errorf("FindStories = %d, %v; want none", len(ss), err)
	}
	created, err := s.CreateDocuments(ctx, nil)
	if err != nil || len(created) != 0 {
		t.Errorf("CreateDocuments(nil) = %v, %v; want none", created, err)
	}
	if err := s.SaveProcessed(ctx, nil, nil, nil); err != nil {
		t.Errorf("SaveProcessed(nil) = %v", err)
	}
	checkProcessed(t, s, nil, nil, nil, nil)
}

// testSaveBriefIfCurrent checks that a brief is saved only while its story
// is stored as it was built from: not after the story changed, not for a
// story that is gone.
func testSaveBriefIfCurrent(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	id := articleIDs(create(t, s, items(1, 2)))
	v1 := &parallax.Story{ID: id[0], Headline: "One", UpdatedAt: when(24, 1)}
	if err := s.SaveProcessed(ctx, []parallax.Processed{processed(id[0], 0, id[0])}, []*parallax.Story{v1}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	save := func(headline string, at time.Time, want bool) {
		t.Helper()
		b := &parallax.Brief{StoryID: id[0], Headline: headline, BuiltAt: when(24, 30)}
		saved, err := s.SaveBriefIfCurrent(ctx, b, at)
		if err != nil || saved != want {
			t.Errorf("SaveBriefIfCurrent(%q, %v) = %v, %v; want %v", headline, at, saved, err, want)
		}
	}
	check := func(want string) {
		t.Helper()
		b, err := s.FindBrief(ctx, id[0])
		if err != nil || b.Headline != want {
			t.Errorf("brief = %v, %v; want headline %q", b, err, want)
		}
	}
	stale := func(want ...int64) {
		t.Helper()
		got, err := s.FindStaleBriefs(ctx)
		if err != nil || !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
			t.Errorf("FindStaleBriefs = %v, %v; want %v", got, err, want)
		}
	}
	stale(id[0]) // no brief yet
	save("built from v1", v1.UpdatedAt, true)
	check("built from v1")
	stale()
	save("one nanosecond off", v1.UpdatedAt.Add(time.Nanosecond), false)
	check("built from v1")
	v2 := *v1
	v2.UpdatedAt = when(24, 2)
	if err := s.SaveProcessed(ctx, []parallax.Processed{processed(id[1], 0, id[0])}, []*parallax.Story{&v2}, nil); err != nil {
		t.Fatalf("SaveProcessed v2: %v", err)
	}
	save("late, built from v1", v1.UpdatedAt, false)
	check("built from v1")
	stale(id[0]) // the story changed since its brief
	save("built from v2", v2.UpdatedAt, true)
	check("built from v2")
	stale()
	// A brief saved without the story's version is not known current.
	if err := s.SaveBrief(ctx, &parallax.Brief{StoryID: id[0], Headline: "unversioned"}); err != nil {
		t.Fatalf("SaveBrief: %v", err)
	}
	stale(id[0])
	gone := &parallax.Brief{StoryID: id[1], Headline: "no such story"}
	if saved, err := s.SaveBriefIfCurrent(ctx, gone, v2.UpdatedAt); err != nil || saved {
		t.Errorf("SaveBriefIfCurrent for a missing story = %v, %v; want false, nil", saved, err)
	}
	if _, err := s.FindBrief(ctx, id[1]); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("brief of a missing story: err=%v, want parallax.ErrNotFound", err)
	}
}
