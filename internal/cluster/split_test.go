package cluster_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
)

// Two earthquakes told in the same words: the second one's first report
// joins the first one's story, and once each has two reports the story
// splits in two.
var twoQuakes = []cluster.Doc{
	{ID: 1, Title: "Strong earthquake shakes Vanuatu near Port Vila",
		Text: "A magnitude 6.4 earthquake struck off the coast of Vanuatu on Tuesday, the Geological Survey said. " +
			"Officials in Port Vila reported damaged buildings and power cuts across Efate island. " +
			"Prime Minister Charlot Salwai said rescue teams were checking villages on Efate."},
	{ID: 2, Title: "Earthquake shakes Chile near Valparaiso, buildings damaged",
		Text: "A magnitude 7.1 earthquake struck off the coast of Chile on Tuesday, the Geological Survey said. " +
			"Officials in Valparaiso reported damaged buildings and power cuts across the region. " +
			"President Michelle Bachelet said rescue teams were checking towns near Valparaiso."},
	{ID: 3, Title: "Vanuatu quake: Port Vila counts damage on Efate",
		Text: "Residents of Port Vila on Efate cleared rubble on Wednesday after the magnitude 6.4 earthquake shook Vanuatu. " +
			"Charlot Salwai toured damaged schools in Port Vila and said Vanuatu would ask Australia for help. " +
			"The earthquake cut power across Efate."},
	{ID: 4, Title: "Chile quake: Valparaiso counts damage, Bachelet visits",
		Text: "Residents of Valparaiso cleared rubble on Wednesday after the magnitude 7.1 earthquake shook Chile. " +
			"Michelle Bachelet toured damaged schools in Valparaiso and said Chile would rebuild quickly. " +
			"The earthquake cut power across the Valparaiso region."},
}

func TestSplitExplained(t *testing.T) {
	c := newClusterer()
	var last cluster.Result
	for _, d := range twoQuakes {
		last = c.Add(d)
		t.Logf("article %d: %s", d.ID, last.Assignment.Reason)
		if d.ID < 4 && last.Split != nil {
			t.Fatalf("article %d: split %+v, want none before both quakes have two reports", d.ID, last.Split)
		}
	}
	sp := last.Split
	if sp == nil {
		t.Fatal("Split=nil, want story 1 split")
	}
	if sp.From != 1 || sp.To != 4 {
		t.Errorf("Split from %d to %d, want from 1 to 4 (the new article's ID)", sp.From, sp.To)
	}
	if len(sp.Moved) != 1 || sp.Moved[0].ArticleID != 2 || sp.Moved[0].StoryID != 4 {
		t.Fatalf("Moved=%+v, want article 2 into story 4", sp.Moved)
	}
	for _, as := range []parallax.Assignment{last.Assignment, sp.Moved[0]} {
		for _, want := range []string{"moved to new story 4", "story 1 split in two", "split threshold", "Valparaiso"} {
			if !strings.Contains(as.Reason, want) {
				t.Errorf("article %d: Reason=%q, want it to say %q", as.ArticleID, as.Reason, want)
			}
		}
	}
	if last.Assignment.StoryID != 4 {
		t.Errorf("new article: StoryID=%d, want 4", last.Assignment.StoryID)
	}
	for id, want := range map[int64][]int64{1: {1, 3}, 4: {2, 4}} {
		if diff := cmp.Diff(want, c.Story(id)); diff != "" {
			t.Errorf("Story(%d) (-want +got):\n%s", id, diff)
		}
	}
	// A clusterer restored from the assignments holds the same stories,
	// and the next report of each quake finds its own story.
	r := newClusterer()
	for _, d := range twoQuakes {
		id, _ := c.StoryOf(d.ID)
		if err := r.Restore(d, id); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(c.Stories(), r.Stories()); diff != "" {
		t.Errorf("restored Stories (-live +restored):\n%s", diff)
	}
	next := []struct {
		doc  cluster.Doc
		want int64
	}{
		{cluster.Doc{ID: 5, Title: "Aftershock rattles Port Vila", Text: "An aftershock of magnitude 5.2 rattled Port Vila and Efate in Vanuatu on Thursday. Charlot Salwai said no one was hurt."}, 1},
		{cluster.Doc{ID: 6, Title: "Aftershock rattles Valparaiso", Text: "An aftershock of magnitude 5.9 rattled Valparaiso in Chile on Thursday. Michelle Bachelet said no one was hurt."}, 4},
	}
	for _, tt := range next {
		for name, cl := range map[string]*cluster.Clusterer{"live": c, "restored": r} {
			if got := cl.Add(tt.doc).Assignment.StoryID; got != tt.want {
				t.Errorf("%s: article %d: StoryID=%d, want %d", name, tt.doc.ID, got, tt.want)
			}
		}
	}
}

func TestSplitOff(t *testing.T) {
	c := cluster.New(cluster.Config{Now: func() time.Time { return now }, SplitMax: -1})
	for _, d := range twoQuakes {
		if r := c.Add(d); r.Split != nil {
			t.Fatalf("article %d: Split=%+v with splitting off", d.ID, r.Split)
		}
	}
	if got := c.Stories(); len(got) != 1 {
		t.Errorf("Stories()=%v, want the one story", got)
	}
}

// A story of three (one report and two of another event) does not split:
// each group needs two articles to show it is one.
func TestSplitNeedsTwoEach(t *testing.T) {
	c := newClusterer()
	for _, d := range twoQuakes[:3] {
		if r := c.Add(d); r.Split != nil {
			t.Fatalf("article %d: Split=%+v, want none", d.ID, r.Split)
		}
	}
}

// A report that started its own story, just short of the threshold, merges
// into the story once a later report brings that story close enough that
// the lone report would (nearly) join it now.
func TestLoneArticleMerges(t *testing.T) {
	docs := []cluster.Doc{
		{ID: 1, Title: "Strong earthquake shakes Vanuatu near Port Vila", Text: twoQuakes[0].Text},
		{ID: 2, Title: "Charlot Salwai tours Efate", Text: "Charlot Salwai toured damaged schools on Efate on Wednesday and said Vanuatu would ask Australia for help."},
		{ID: 3, Title: twoQuakes[2].Title, Text: twoQuakes[2].Text},
	}
	for _, tt := range []struct {
		name string
		lone float64
		want map[int64]int64
	}{
		{"lone merge", 0, map[int64]int64{2: 1}},
		{"off", -1, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := cluster.New(cluster.Config{Now: func() time.Time { return now }, Threshold: 0.35, LoneThreshold: tt.lone})
			var last cluster.Result
			for _, d := range docs {
				last = c.Add(d)
				t.Logf("article %d: %s", d.ID, last.Assignment.Reason)
			}
			if diff := cmp.Diff(tt.want, last.Merged); diff != "" {
				t.Errorf("Merged (-want +got):\n%s", diff)
			}
			if said := strings.Contains(last.Assignment.Reason, "lone article 2 merged in"); said != (tt.want != nil) {
				t.Errorf("Reason=%q: says the lone article merged: %v, want %v", last.Assignment.Reason, said, tt.want != nil)
			}
		})
	}
}

// Two title fights of one champion against different opponents share most
// of their words; the story of both splits because each group names an
// opponent and a venue the other never does. With that test off it stays
// one story.
var twoFights = []cluster.Doc{
	{ID: 1, Title: "Klitschko stops Rahman to keep heavyweight titles",
		Text: "Wladimir Klitschko stopped Hasim Rahman in the seventh round in Mannheim to keep his heavyweight titles. " +
			"Rahman, a substitute who took the fight at late notice, barely landed a punch before the referee stepped in."},
	{ID: 2, Title: "Klitschko stops Thompson to keep heavyweight titles",
		Text: "Wladimir Klitschko stopped Tony Thompson in the sixth round in Bern to keep his heavyweight titles. " +
			"Thompson, the American southpaw in a rematch, went down twice before the referee stepped in."},
	{ID: 3, Title: "Rahman no match for Klitschko in Mannheim",
		Text: "Hasim Rahman, the substitute on late notice, was no match for Wladimir Klitschko in Mannheim. " +
			"Klitschko kept his heavyweight titles when the referee stopped it in the seventh round."},
	{ID: 4, Title: "Thompson no match for Klitschko in Bern",
		Text: "Tony Thompson, the American southpaw, was no match for Wladimir Klitschko in the rematch in Bern. " +
			"Klitschko kept his heavyweight titles when the referee stopped it in the sixth round."},
}

func TestSplitOnNames(t *testing.T) {
	c := newClusterer()
	var last cluster.Result
	for _, d := range twoFights {
		last = c.Add(d)
		t.Logf("article %d: %s", d.ID, last.Assignment.Reason)
	}
	if last.Split == nil {
		t.Fatalf("Split=nil, want story 1 split; stories %v", c.Stories())
	}
	for _, want := range []string{"names of the group that stays only", "Rahman", "Thompson"} {
		if !strings.Contains(last.Split.Reason, want) {
			t.Errorf("Split.Reason=%q, want it to say %q", last.Split.Reason, want)
		}
	}
	for id, want := range map[int64][]int64{1: {1, 3}, 4: {2, 4}} {
		if diff := cmp.Diff(want, c.Story(id)); diff != "" {
			t.Errorf("Story(%d) (-want +got):\n%s", id, diff)
		}
	}

	off := cluster.New(cluster.Config{Now: func() time.Time { return now }, SplitNames: -1})
	for _, d := range twoFights {
		if r := off.Add(d); r.Split != nil {
			t.Fatalf("names test off: article %d: Split=%+v", d.ID, r.Split)
		}
	}
	if got := off.Stories(); len(got) != 1 {
		t.Errorf("names test off: Stories()=%v, want the one story", got)
	}
}
