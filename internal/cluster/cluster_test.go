package cluster_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/shared"
)

var (
	now = time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC)
	day = 24 * time.Hour
)

func newClusterer() *cluster.Clusterer {
	return cluster.New(cluster.Config{Now: func() time.Time { return now }})
}

// crudeBody keeps a seed's non-blank lines that do not start with '#'.
func crudeBody(b []byte) string {
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func TestSeedsFormOneStory(t *testing.T) {
	dir := shared.TestDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d seeds in %s, want several", len(files), dir)
	}
	slices.Sort(files)
	c := newClusterer()
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := c.Add(cluster.Doc{ID: int64(i + 1), Text: crudeBody(b)})
		t.Logf("%s: %s", filepath.Base(f), r.Assignment.Reason)
	}
	if got := c.Stories(); len(got) != 1 {
		t.Fatalf("Stories()=%v, want one story", got)
	}
	if got := c.Story(1); len(got) != len(files) {
		t.Errorf("Story(1)=%v, want all %d seeds", got, len(files))
	}
}

const (
	quakeText = "A magnitude 6.4 earthquake struck off the coast of Vanuatu on Tuesday, the United States Geological Survey said. " +
		"The quake hit near Port Vila at a depth of 10 kilometres. Officials in Port Vila reported damaged buildings and power cuts, " +
		"and the Pacific Tsunami Warning Center briefly issued a tsunami warning for Vanuatu and Fiji."
	quakeTitle = "Strong earthquake shakes Vanuatu, tsunami warning lifted"
	rehabText  = "Actress Tara Reid has checked into the Promises Treatment Center in Malibu, her publicist Jack Ketsoyan said on Friday. " +
		"Reid, who starred in American Pie, did not say what she was being treated for. Promises has treated many Hollywood stars."
	rehabTitle = "Tara Reid checks into rehab at Promises in Malibu"
)

func TestAssignment(t *testing.T) {
	c := newClusterer()
	first := c.Add(cluster.Doc{ID: 10, Title: quakeTitle, Text: quakeText, Time: now})
	if first.Assignment.StoryID != 10 || !strings.Contains(first.Assignment.Reason, "started story 10") {
		t.Fatalf("first article: %+v, want a new story 10", first.Assignment)
	}
	second := c.Add(cluster.Doc{ID: 11, Title: "Vanuatu earthquake: tsunami warning for Fiji",
		Text: "Buildings were damaged in Port Vila after a strong earthquake off Vanuatu, and a tsunami warning was issued for Fiji.",
		Time: now.Add(time.Hour)})
	as := second.Assignment
	if as.StoryID != 10 {
		t.Fatalf("related article: StoryID=%d, want 10 (%s)", as.StoryID, as.Reason)
	}
	if as.Similarity < as.Threshold || as.Threshold <= 0 {
		t.Errorf("Similarity=%.2f Threshold=%.2f, want similarity above a positive threshold", as.Similarity, as.Threshold)
	}
	if !slices.Contains(as.SharedNames, "Vanuatu") || !slices.Contains(as.SharedTerms, "earthquake") {
		t.Errorf("SharedNames=%q SharedTerms=%q, want Vanuatu and earthquake", as.SharedNames, as.SharedTerms)
	}
	for _, want := range []string{"joined story 10", "threshold", "Vanuatu", fmt.Sprintf("%.2f", as.Similarity)} {
		if !strings.Contains(as.Reason, want) {
			t.Errorf("Reason=%q, want it to mention %q", as.Reason, want)
		}
	}
	third := c.Add(cluster.Doc{ID: 12, Title: rehabTitle, Text: rehabText, Time: now})
	if third.Assignment.StoryID != 12 {
		t.Errorf("unrelated article: StoryID=%d, want a new story 12 (%s)", third.Assignment.StoryID, third.Assignment.Reason)
	}
	if got, ok := c.StoryOf(11); !ok || got != 10 {
		t.Errorf("StoryOf(11)=%d,%v, want 10,true", got, ok)
	}
	if rep, ok := c.Representative(10); !ok || (rep != 10 && rep != 11) {
		t.Errorf("Representative(10)=%d,%v, want a member of story 10", rep, ok)
	}
	if _, ok := c.Representative(999); ok {
		t.Error("Representative(999): found a story that does not exist")
	}
	again := c.Add(cluster.Doc{ID: 11, Title: rehabTitle, Text: rehabText})
	if again.Assignment.StoryID != 10 || c.Len() != 3 {
		t.Errorf("re-adding article 11: StoryID=%d Len=%d, want 10 and 3", again.Assignment.StoryID, c.Len())
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		doc  cluster.Doc
		// join says whether the article should join the quake story.
		join bool
	}{
		{"no text", cluster.Doc{Title: "", Text: ""}, false},
		{"only punctuation", cluster.Doc{Text: "… — !!! ?"}, false},
		{"no title", cluster.Doc{Text: quakeText}, true},
		{"title only", cluster.Doc{Title: "Earthquake near Port Vila, Vanuatu: tsunami warning for Fiji"}, true},
		{"no date", cluster.Doc{Title: quakeTitle, Text: quakeText}, true},
		{"far-future date", cluster.Doc{Title: quakeTitle, Text: quakeText, Time: now.AddDate(30, 0, 0)}, true},
		{"date before 1970", cluster.Doc{Title: quakeTitle, Text: quakeText, Time: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)}, true},
		{"a year later", cluster.Doc{Title: quakeTitle, Text: quakeText, Time: now.AddDate(-1, 0, 0)}, false},
		{"names given", cluster.Doc{Text: quakeText, Names: []string{"Vanuatu", "Port Vila"}}, true},
		{"unrelated", cluster.Doc{Title: rehabTitle, Text: rehabText}, false},
		{"huge text", cluster.Doc{Title: quakeTitle, Text: strings.Repeat(quakeText+"\n", 2000)}, true},
		{"rewrite of an unknown article", cluster.Doc{Title: rehabTitle, Text: rehabText, DerivedFrom: 999}, false},
		{"rewrite of the quake article", cluster.Doc{Title: rehabTitle, Text: rehabText, DerivedFrom: 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClusterer()
			c.Add(cluster.Doc{ID: 1, Title: quakeTitle, Text: quakeText, Time: now})
			tt.doc.ID = 2
			r := c.Add(tt.doc)
			if r.Assignment.Reason == "" {
				t.Error("empty Reason")
			}
			if joined := r.Assignment.StoryID == 1; joined != tt.join {
				t.Errorf("StoryID=%d, want joined=%v (%s)", r.Assignment.StoryID, tt.join, r.Assignment.Reason)
			}
			if got := len(c.Story(r.Assignment.StoryID)); got < 1 {
				t.Errorf("story %d has %d members", r.Assignment.StoryID, got)
			}
		})
	}
}

// variant returns the i-th of many near-identical wire copies.
func variant(i int) cluster.Doc {
	return cluster.Doc{
		ID:    int64(i + 1),
		Title: fmt.Sprintf("%s (update %d)", quakeTitle, i),
		Text:  quakeText + fmt.Sprintf(" Reporting by desk %d.", i%37),
		Time:  now.Add(time.Duration(i) * time.Minute),
	}
}

func TestFloodIsOneStory(t *testing.T) {
	c := newClusterer()
	for i := range 1000 {
		c.Add(variant(i))
	}
	if got := c.Stories(); len(got) != 1 {
		t.Fatalf("%d stories from 1000 near-identical articles, want 1", len(got))
	}
	if got := len(c.Story(1)); got != 1000 {
		t.Errorf("story 1 has %d members, want 1000", got)
	}
}

func TestBigStoryStaysBounded(t *testing.T) {
	c := newClusterer()
	cfg := c.Config()
	for i := range 3000 {
		d := variant(i)
		// every article brings new words, so an unbounded centroid would
		// grow by a few features each time
		d.Text += fmt.Sprintf(" Witness %s described %s damage.", word(i), word(i+5000))
		c.Add(d)
	}
	st := c.Stats()
	if st.Stories != 1 {
		t.Errorf("Stories=%d, want 1", st.Stories)
	}
	if st.LargestCentroid > 2*cfg.StoryFeatures {
		t.Errorf("LargestCentroid=%d, want <= %d", st.LargestCentroid, 2*cfg.StoryFeatures)
	}
	if st.LongestPosting > 2*cfg.PostingLimit {
		t.Errorf("LongestPosting=%d, want <= %d", st.LongestPosting, 2*cfg.PostingLimit)
	}
	if st.Features < 3000 {
		t.Errorf("Features=%d: the test did not bring new words", st.Features)
	}
}

// word spells i as a made-up lower-case word.
func word(i int) string {
	const syl = "bacadafagalamanaparasatavaza"
	var b strings.Builder
	for {
		k := i % 14
		b.WriteString(syl[2*k : 2*k+2])
		i /= 14
		if i == 0 {
			return b.String()
		}
	}
}

func TestRewriteJoinsOriginal(t *testing.T) {
	c := newClusterer()
	c.Add(cluster.Doc{ID: 1, Title: quakeTitle, Text: quakeText})
	r := c.Add(cluster.Doc{ID: 2, Title: rehabTitle, Text: rehabText, DerivedFrom: 1})
	if r.Assignment.StoryID != 1 || !strings.Contains(r.Assignment.Reason, "rewrite of article 1") {
		t.Errorf("Assignment=%+v, want story 1 as a rewrite", r.Assignment)
	}
}

func TestBridgeMergesStories(t *testing.T) {
	// The time constants are pinned, and lone articles merge like stories:
	// the test is about merging on centroids, not about the tuned defaults.
	c := cluster.New(cluster.Config{Now: func() time.Time { return now }, Threshold: 0.3, MergeThreshold: 0.5,
		LoneThreshold: -1, TimeWindow: 3 * day, TimeDecay: 7 * day})
	add := func(id int64, at time.Duration) cluster.Result {
		return c.Add(cluster.Doc{ID: id, Title: quakeTitle, Text: quakeText, Time: now.Add(at)})
	}
	add(1, -60*day)
	if r := add(2, -40*day); r.Assignment.StoryID != 2 {
		t.Fatalf("three weeks later: StoryID=%d, want a new story 2 (%s)", r.Assignment.StoryID, r.Assignment.Reason)
	}
	if r := add(3, -51*day); r.Assignment.StoryID != 1 || r.Merged != nil {
		t.Fatalf("ten days later: %+v, want story 1 and no merge", r)
	}
	r := add(4, -47*day)
	if diff := cmp.Diff(map[int64]int64{2: 1}, r.Merged); diff != "" {
		t.Errorf("Merged (-want +got):\n%s", diff)
	}
	if r.Assignment.StoryID != 1 || !strings.Contains(r.Assignment.Reason, "merged story 2 into 1") {
		t.Errorf("Assignment=%+v, want story 1 with the merge in the reason", r.Assignment)
	}
	if diff := cmp.Diff([]int64{1, 2, 3, 4}, c.Story(2)); diff != "" {
		t.Errorf("Story(2) (-want +got):\n%s", diff)
	}
	if got := c.Stories(); !slices.Equal(got, []int64{1}) {
		t.Errorf("Stories()=%v, want [1]", got)
	}
}

func TestRestore(t *testing.T) {
	c := newClusterer()
	if err := c.Restore(cluster.Doc{ID: 5, Title: quakeTitle, Text: quakeText, Time: now}, 3); err != nil {
		t.Fatal(err)
	}
	if err := c.Restore(cluster.Doc{ID: 6, Title: rehabTitle, Text: rehabText, Time: now}, 3); err != nil {
		t.Fatal(err)
	}
	if err := c.Restore(cluster.Doc{ID: 6, Title: rehabTitle, Text: rehabText}, 3); err != nil {
		t.Errorf("restoring again into the same story: %v", err)
	}
	if err := c.Restore(cluster.Doc{ID: 6, Title: rehabTitle, Text: rehabText}, 9); err == nil {
		t.Error("restoring into another story: no error")
	}
	if diff := cmp.Diff([]int64{5, 6}, c.Story(3)); diff != "" {
		t.Errorf("Story(3) (-want +got):\n%s", diff)
	}
	r := c.Add(cluster.Doc{ID: 7, Title: quakeTitle, Text: quakeText, Time: now})
	if r.Assignment.StoryID != 3 {
		t.Errorf("new article: StoryID=%d, want the restored story 3 (%s)", r.Assignment.StoryID, r.Assignment.Reason)
	}
}

func TestDeterministic(t *testing.T) {
	docs := []cluster.Doc{
		{ID: 1, Title: quakeTitle, Text: quakeText, Time: now},
		{ID: 2, Title: rehabTitle, Text: rehabText, Time: now},
		{ID: 3, Text: quakeText + " " + rehabText, Time: now},
		{ID: 4, Title: "Reid in rehab", Text: rehabText, Time: now.Add(day)},
		{ID: 5, Title: "Aftershocks", Text: quakeText, Time: now.Add(day)},
	}
	run := func() []cluster.Result {
		c := newClusterer()
		var out []cluster.Result
		for _, d := range docs {
			out = append(out, c.Add(d))
		}
		return out
	}
	first := run()
	for range 5 {
		if diff := cmp.Diff(first, run()); diff != "" {
			t.Fatalf("second run differs (-first +again):\n%s", diff)
		}
	}
}
