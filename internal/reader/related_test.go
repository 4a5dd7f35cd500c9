package reader_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
)

func TestRelated(t *testing.T) {
	cs := []reader.Candidate{
		cand(1, time.Hour, 2, "Ukraine and Russia agree on prisoner exchange", []string{"Ukraine", "Russia", "Volodymyr Zelenskyy"}, []string{"A"}, []string{"UkraineWar"}),
		cand(2, time.Hour, 2, "Prisoners return home after exchange", []string{"Ukraine", "Russia"}, []string{"B"}, []string{"UkraineWar"}),
		cand(3, time.Hour, 2, "Zelenskyy visits Washington", []string{"Volodymyr Zelenskyy", "United States"}, []string{"C"}, nil),
		cand(4, time.Hour, 2, "Russia raises interest rates", []string{"Russia", "Bank of Russia"}, []string{"D"}, []string{"Economy"}),
		cand(5, time.Hour, 2, "Local team wins the cup", []string{"Leeds United"}, []string{"E"}, []string{"Football"}),
		cand(6, time.Hour, 2, "In 2026 the cup returns", nil, []string{"F"}, nil),
	}
	target := cs[0].Profile
	got := reader.Related(target, cs, 0)
	// Story 4 shares Russia, which both headlines name; story 3 shares
	// Zelenskyy, whom only its own headline names, so he is on the edge of
	// the target and counts less.
	if diff := cmp.Diff([]int64{2, 4, 3}, relIDs(got)); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
	// Story 2 shares the tag, both countries and two words (stemmed:
	// "prisoner" and "Prisoners"); names come before words, heavier first
	// (the countries are in the target's headline, the tag in none).
	if diff := cmp.Diff([]string{"Ukraine", "Russia", "UkraineWar", "exchange", "prisoner"}, got[0].Shared); diff != "" {
		t.Errorf("Shared (-want +got):\n%s", diff)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score || got[i].Score <= 0 {
			t.Errorf("scores not descending and positive: %v then %v", got[i-1].Score, got[i].Score)
		}
	}
	if got := reader.Related(target, cs, 1); len(got) != 1 || got[0].Story.ID != 2 {
		t.Errorf("limit 1: %v", relIDs(got))
	}
}

func TestRelatedRarityWeights(t *testing.T) {
	// Every story names "Russia"; only one other names "Sergei Lavrov".
	cs := []reader.Candidate{
		cand(1, 0, 1, "", []string{"Russia", "Sergei Lavrov"}, nil, nil),
		cand(2, 0, 1, "", []string{"Russia", "Sergei Lavrov"}, nil, nil),
		cand(3, 0, 1, "", []string{"Russia", "China"}, nil, nil),
		cand(4, 0, 1, "", []string{"Russia"}, nil, nil),
		cand(5, 0, 1, "", []string{"Russia", "China"}, nil, nil),
	}
	got := reader.Related(parallax.StoryProfile{StoryID: 1, Entities: []string{"Russia", "Sergei Lavrov", "China"}}, cs, 0)
	if got[0].Story.ID != 2 {
		t.Fatalf("first=%d, want 2 (shares the rare name)", got[0].Story.ID)
	}
	if got[len(got)-1].Story.ID != 4 {
		t.Fatalf("last=%d, want 4 (shares only the common name)", got[len(got)-1].Story.ID)
	}
}

func TestRelatedSubNamesCountOnce(t *testing.T) {
	cs := []reader.Candidate{
		cand(1, 0, 1, "Coastline Daily", []string{"Coastline", "Coastline Daily"}, nil, nil),
		cand(2, 0, 1, "Coastline Daily", []string{"Coastline", "Coastline Daily"}, nil, nil),
		cand(3, 0, 1, "Coastline Daily", []string{"Coastline Daily"}, nil, nil),
	}
	got := reader.Related(cs[0].Profile, cs, 0)
	if len(got) != 2 || got[0].Score != got[1].Score {
		t.Fatalf("Related=%v, want stories 2 and 3 with equal scores", got)
	}
	if diff := cmp.Diff([]string{"Coastline Daily"}, got[0].Shared); diff != "" {
		t.Fatalf("Shared (-want +got):\n%s", diff)
	}
}

func TestRelatedEdges(t *testing.T) {
	cs := []reader.Candidate{cand(1, 0, 1, "Alpha beta", []string{"X"}, nil, nil), {}}
	if got := reader.Related(parallax.StoryProfile{StoryID: 9}, cs, 0); got != nil {
		t.Errorf("empty target: %v", relIDs(got))
	}
	if got := reader.Related(cs[0].Profile, cs, 0); len(got) != 0 {
		t.Errorf("only the target itself: %v", relIDs(got))
	}
	if got := reader.Related(cs[0].Profile, nil, 0); len(got) != 0 {
		t.Errorf("no candidates: %v", relIDs(got))
	}
}

func relIDs(rs []reader.RelatedStory) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.Story.ID
	}
	return out
}

func TestTopics(t *testing.T) {
	tags := []parallax.TagRef{
		{Name: "UkraineWar", StoryIDs: []int64{3, 1, 2}},
		{Name: "Economy", StoryIDs: []int64{4, 5}},
		{Name: "Tennis", StoryIDs: []int64{6}},
		{Name: "Ukraine", StoryIDs: []int64{7}},
		{Name: " ", StoryIDs: []int64{8, 9}},
		{Name: "Empty"},
	}
	ents := []parallax.EntityRef{
		{Name: "Marco Rubio", Kind: parallax.EntityPerson, StoryIDs: []int64{1, 4}},
		{Name: "Ukraine", StoryIDs: []int64{1, 2, 7}},
		{Name: "Leeds", StoryIDs: []int64{6}},
		{Name: "Twice Named", StoryIDs: []int64{5, 5}},
	}
	want := []reader.Topic{
		{Name: "Ukraine", Kind: "tag", StoryIDs: []int64{1, 2, 7}},
		{Name: "UkraineWar", Kind: "tag", StoryIDs: []int64{1, 2, 3}},
		{Name: "Economy", Kind: "tag", StoryIDs: []int64{4, 5}},
		{Name: "Marco Rubio", Kind: "entity", StoryIDs: []int64{1, 4}},
		{Name: "Tennis", Kind: "tag", StoryIDs: []int64{6}},
	}
	if diff := cmp.Diff(want, reader.Topics(tags, ents, 0)); diff != "" {
		t.Fatalf("Topics (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:2], reader.Topics(tags, ents, 2)); diff != "" {
		t.Fatalf("Topics limit 2 (-want +got):\n%s", diff)
	}
	if got := reader.Topics(nil, nil, 0); len(got) != 0 {
		t.Fatalf("Topics(nil)=%v", got)
	}
	if tags[0].StoryIDs[0] != 3 {
		t.Fatalf("Topics changed its input")
	}
}
