package reader_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
)

var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// cand builds a candidate updated age ago with n independent sources.
func cand(id int64, age time.Duration, n int, title string, entities, sources, tags []string) reader.Candidate {
	t := now.Add(-age)
	return reader.Candidate{
		Story:   &parallax.Story{ID: id, Headline: title, Sources: n, FirstSeen: t.Add(-time.Hour), LastSeen: t, UpdatedAt: t},
		Profile: parallax.StoryProfile{StoryID: id, Entities: entities, Sources: sources, Tags: tags, Titles: []string{title}},
	}
}

func follow(kind, v string) parallax.Interest { return parallax.Interest{Kind: kind, Value: v} }
func mute(kind, v string) parallax.Interest {
	return parallax.Interest{Kind: kind, Value: v, Mute: true}
}

// corpus is a small front page: two political stories, a war story, a
// sports story covered only by one outlet, and an old big story.
func corpus() []reader.Candidate {
	return []reader.Candidate{
		cand(1, 2*time.Hour, 3, "Rubio meets European ministers on sanctions", []string{"Marco Rubio", "European Union"}, []string{"Reuters", "BBC News", "Le Monde"}, []string{"Diplomacy"}),
		cand(2, 5*time.Hour, 2, "Front line shifts near Kharkiv", []string{"Kharkiv", "Ukraine"}, []string{"Reuters", "Kyiv Independent"}, []string{"UkraineWar"}),
		cand(3, 1*time.Hour, 1, "Edwards wins the open final", []string{"Edward Edwards"}, []string{"Sports Daily"}, []string{"Tennis"}),
		cand(4, 72*time.Hour, 8, "Central bank raises rates again", []string{"Bank of England", "Andrew Bailey"}, []string{"Financial Times", "Reuters", "BBC News"}, []string{"Economy"}),
		cand(5, 3*time.Hour, 2, "Ed Miliband sets out energy plan", []string{"Ed Miliband"}, []string{"The Guardian", "BBC News"}, []string{"Energy"}),
	}
}

func ids(picks []reader.Pick) []int64 {
	out := make([]int64, len(picks))
	for i, p := range picks {
		out[i] = p.Story.ID
	}
	return out
}

func TestFrontPageOrder(t *testing.T) {
	tests := []struct {
		name      string
		interests []parallax.Interest
		want      []int64
		reasons   map[int64]string
	}{
		{name: "no interests: sources and recency", want: []int64{1, 5, 2, 3, 4}},
		{name: "reader following Rubio by surname",
			interests: []parallax.Interest{follow(parallax.InterestEntity, "rubio")},
			want:      []int64{1, 5, 2, 3, 4},
			reasons:   map[int64]string{1: "because you follow Marco Rubio"}},
		{name: "reader following the war and the FT",
			interests: []parallax.Interest{follow(parallax.InterestTopic, "Ukraine War"), follow(parallax.InterestSource, "financial times")},
			want:      []int64{2, 4, 1, 5, 3},
			reasons:   map[int64]string{2: "because you follow UkraineWar", 4: "because you follow Financial Times"}},
		{name: "more matches rank higher",
			interests: []parallax.Interest{follow(parallax.InterestSource, "Reuters"), follow(parallax.InterestEntity, "Kharkiv"),
				follow(parallax.InterestEntity, "Ukraine")},
			want:    []int64{2, 1, 4, 5, 3},
			reasons: map[int64]string{2: "because you follow Kharkiv, Ukraine and Reuters", 1: "because you follow Reuters", 4: "because you follow Reuters"}},
		{name: "Ed does not match Edward Edwards",
			interests: []parallax.Interest{follow(parallax.InterestEntity, "Ed")},
			want:      []int64{1, 5, 2, 3, 4}},
		{name: "entity topic follows a name",
			interests: []parallax.Interest{follow(parallax.InterestTopic, "Andrew Bailey")},
			want:      []int64{4, 1, 5, 2, 3},
			reasons:   map[int64]string{4: "because you follow Andrew Bailey"}},
		{name: "England does not match Bank of England",
			interests: []parallax.Interest{follow(parallax.InterestEntity, "England")},
			want:      []int64{1, 5, 2, 3, 4}},
		{name: "accents and case ignored",
			interests: []parallax.Interest{follow(parallax.InterestEntity, "MARCO RÚBIO")},
			want:      []int64{1, 5, 2, 3, 4},
			reasons:   map[int64]string{1: "because you follow Marco Rubio"}},
		{name: "keyword follows do nothing",
			interests: []parallax.Interest{follow(parallax.InterestKeyword, "energy")},
			want:      []int64{1, 5, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reader.FrontPage(corpus(), tt.interests, nil, now, 0)
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Fatalf("order (-want +got):\n%s", diff)
			}
			for _, p := range got {
				want := tt.reasons[p.Story.ID]
				if p.Reason != want {
					t.Errorf("story %d Reason=%q, want %q", p.Story.ID, p.Reason, want)
				}
				if (want == "") != (len(p.Reasons) == 0) {
					t.Errorf("story %d Reasons=%q with Reason %q", p.Story.ID, p.Reasons, p.Reason)
				}
				if matched := len(p.Reasons) > 0; matched != (p.Score >= 1) || p.Score < 0 || p.Score >= 2 {
					t.Errorf("story %d Score=%v with %d reasons", p.Story.ID, p.Score, len(p.Reasons))
				}
			}
		})
	}
}

// TestFrontPageTwoReaders checks that two readers with different follows
// see the same stories in different orders, for different reasons.
func TestFrontPageTwoReaders(t *testing.T) {
	alice := reader.FrontPage(corpus(), []parallax.Interest{follow(parallax.InterestEntity, "Ed Miliband")}, nil, now, 2)
	bob := reader.FrontPage(corpus(), []parallax.Interest{follow(parallax.InterestTopic, "tennis")}, nil, now, 2)
	if diff := cmp.Diff([]int64{5, 1}, ids(alice)); diff != "" {
		t.Errorf("alice (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{3, 1}, ids(bob)); diff != "" {
		t.Errorf("bob (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"you follow Ed Miliband"}, alice[0].Reasons); diff != "" {
		t.Errorf("alice reasons (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"you follow the topic Tennis"}, bob[0].Reasons); diff != "" {
		t.Errorf("bob reasons (-want +got):\n%s", diff)
	}
}

func TestFrontPageReasonsKinds(t *testing.T) {
	got := reader.FrontPage(corpus(), []parallax.Interest{
		follow(parallax.InterestEntity, "Rubio"), follow(parallax.InterestSource, "Le Monde"), follow(parallax.InterestTopic, "diplomacy"),
	}, nil, now, 1)
	want := []string{"you follow Marco Rubio", "you follow the topic Diplomacy", "you follow the source Le Monde"}
	if diff := cmp.Diff(want, got[0].Reasons); diff != "" {
		t.Fatalf("Reasons (-want +got):\n%s", diff)
	}
	if w := "because you follow Marco Rubio, Diplomacy and Le Monde"; got[0].Reason != w {
		t.Fatalf("Reason=%q, want %q", got[0].Reason, w)
	}
}

func TestFrontPageReasonNamesOnce(t *testing.T) {
	cs := []reader.Candidate{cand(1, 0, 1, "Kyiv", []string{"Ukraine"}, []string{"A"}, []string{"Ukraine"})}
	got := reader.FrontPage(cs, []parallax.Interest{follow(parallax.InterestEntity, "ukraine"), follow(parallax.InterestTopic, "Ukraine")}, nil, now, 0)
	if diff := cmp.Diff([]string{"you follow Ukraine", "you follow the topic Ukraine"}, got[0].Reasons); diff != "" {
		t.Errorf("Reasons (-want +got):\n%s", diff)
	}
	if w := "because you follow Ukraine"; got[0].Reason != w {
		t.Errorf("Reason=%q, want %q", got[0].Reason, w)
	}
}

func TestFrontPageMutes(t *testing.T) {
	tests := []struct {
		name      string
		interests []parallax.Interest
		want      []int64
	}{
		{"muted source with another unmuted source stays",
			[]parallax.Interest{mute(parallax.InterestSource, "Reuters")}, []int64{1, 5, 2, 3, 4}},
		{"story covered only by the muted source goes",
			[]parallax.Interest{mute(parallax.InterestSource, "sports daily")}, []int64{1, 5, 2, 4}},
		{"story goes when all its sources are muted",
			[]parallax.Interest{mute(parallax.InterestSource, "Reuters"), mute(parallax.InterestSource, "Kyiv Independent")}, []int64{1, 5, 3, 4}},
		{"muted entity by surname",
			[]parallax.Interest{mute(parallax.InterestEntity, "Rubio")}, []int64{5, 2, 3, 4}},
		{"muted topic tag",
			[]parallax.Interest{mute(parallax.InterestTopic, "ukrainewar")}, []int64{1, 5, 3, 4}},
		{"muted topic entity",
			[]parallax.Interest{mute(parallax.InterestTopic, "Bank of England")}, []int64{1, 5, 2, 3}},
		{"keyword in a title, whole word",
			[]parallax.Interest{mute(parallax.InterestKeyword, "RATES")}, []int64{1, 5, 2, 3}},
		{"keyword is not a part of a word",
			[]parallax.Interest{mute(parallax.InterestKeyword, "rate")}, []int64{1, 5, 2, 3, 4}},
		{"keyword phrase",
			[]parallax.Interest{mute(parallax.InterestKeyword, "front line")}, []int64{1, 5, 3, 4}},
		{"keyword phrase out of order does not match",
			[]parallax.Interest{mute(parallax.InterestKeyword, "line front")}, []int64{1, 5, 2, 3, 4}},
		{"keyword in a camel-case tag",
			[]parallax.Interest{mute(parallax.InterestKeyword, "war")}, []int64{1, 5, 3, 4}},
		{"keyword in an entity name",
			[]parallax.Interest{mute(parallax.InterestKeyword, "bailey")}, []int64{1, 5, 2, 3}},
		{"mute beats follow",
			[]parallax.Interest{follow(parallax.InterestEntity, "Rubio"), mute(parallax.InterestKeyword, "sanctions")}, []int64{5, 2, 3, 4}},
		{"empty mute value ignored",
			[]parallax.Interest{mute(parallax.InterestKeyword, "  ")}, []int64{1, 5, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reader.FrontPage(corpus(), tt.interests, nil, now, 0)
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Fatalf("order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFrontPageUnread(t *testing.T) {
	reads := map[int64]time.Time{
		1: now.Add(-time.Hour),     // read after its last update (2h ago)
		2: now.Add(-6 * time.Hour), // read before its update (5h ago)
	}
	got := reader.FrontPage(corpus(), nil, reads, now, 0)
	want := map[int64]bool{1: false, 2: true, 3: true, 4: true, 5: true}
	for _, p := range got {
		if p.Unread != want[p.Story.ID] {
			t.Errorf("story %d Unread=%v, want %v", p.Story.ID, p.Unread, want[p.Story.ID])
		}
		if !p.Read.Equal(reads[p.Story.ID]) {
			t.Errorf("story %d Read=%v, want %v", p.Story.ID, p.Read, reads[p.Story.ID])
		}
	}
}

func TestFrontPageEdges(t *testing.T) {
	cs := corpus()
	cs = append(cs, reader.Candidate{}) // no story: skipped
	cs = append(cs, reader.Candidate{Story: &parallax.Story{ID: 9}, Profile: parallax.StoryProfile{StoryID: 9}})
	cs = append(cs, reader.Candidate{Story: &parallax.Story{ID: 8}, Profile: parallax.StoryProfile{StoryID: 8}})
	got := reader.FrontPage(cs, nil, nil, now, 0)
	if diff := cmp.Diff([]int64{1, 5, 2, 3, 4, 8, 9}, ids(got)); diff != "" {
		t.Fatalf("undated stories last, by ID (-want +got):\n%s", diff)
	}
	if got := reader.FrontPage(cs, nil, nil, now, 3); len(got) != 3 {
		t.Fatalf("limit 3 gave %d", len(got))
	}
	if got := reader.FrontPage(nil, nil, nil, now, 3); len(got) != 0 {
		t.Fatalf("no candidates gave %d", len(got))
	}
	// A story seen in the future (clock skew) counts as new, not newer.
	future := cand(7, -5*time.Hour, 1, "Future", nil, []string{"X"}, nil)
	fresh := cand(6, 0, 1, "Fresh", nil, []string{"X"}, nil)
	got = reader.FrontPage([]reader.Candidate{future, fresh}, nil, nil, now, 0)
	if diff := cmp.Diff([]int64{6, 7}, ids(got)); diff != "" {
		t.Fatalf("future story (-want +got):\n%s", diff)
	}
}

func TestFrontPageDeterministic(t *testing.T) {
	var cs []reader.Candidate
	for i := range 50 {
		cs = append(cs, cand(int64(100-i), time.Hour, 2, "Same story "+strings.Repeat("x", i%3), nil, []string{"A", "B"}, nil))
	}
	first := ids(reader.FrontPage(cs, nil, nil, now, 0))
	for i := 1; i < len(first); i++ {
		if first[i-1] > first[i] {
			t.Fatalf("ties not ordered by ID: %v", first)
		}
	}
}

// A story is new to a reader when an article arrived after their read,
// as the story page counts it; a reprocessed story whose newest article
// came before the read is not.
func TestUnreadByArrival(t *testing.T) {
	read := now.Add(-time.Hour)
	before := cand(1, 0, 2, "Reprocessed after the read", nil, []string{"A"}, nil)
	before.Profile.LastArrival = read.Add(-time.Minute)
	after := cand(2, 0, 2, "An article arrived after the read", nil, []string{"A"}, nil)
	after.Profile.LastArrival = read.Add(time.Minute)
	unknown := cand(3, 0, 2, "No arrival time", nil, []string{"A"}, nil)
	reads := map[int64]time.Time{1: read, 2: read, 3: read}
	got := map[int64]bool{}
	for _, p := range reader.FrontPage([]reader.Candidate{before, after, unknown}, nil, reads, now, 10) {
		got[p.Story.ID] = p.Unread
	}
	if want := map[int64]bool{1: false, 2: true, 3: true}; !cmp.Equal(got, want) {
		t.Errorf("unread %v, want %v", got, want)
	}
}
