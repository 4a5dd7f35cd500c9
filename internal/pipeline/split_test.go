package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pipeline"
)

// twoQuakes are reports of two earthquakes told in the same words, in
// arrival order: the second quake's first report joins the first quake's
// story, which splits once each quake has two reports. The last two come
// after the split, one for each quake.
var twoQuakes = []struct{ title, text string }{
	{"Strong earthquake shakes Vanuatu near Port Vila",
		"A magnitude 6.4 earthquake struck off the coast of Vanuatu on Tuesday, the Geological Survey said. " +
			"Officials in Port Vila reported damaged buildings and power cuts across Efate island. " +
			"Prime Minister Charlot Salwai said rescue teams were checking villages on Efate."},
	{"Earthquake shakes Chile near Valparaiso, buildings damaged",
		"A magnitude 7.1 earthquake struck off the coast of Chile on Tuesday, the Geological Survey said. " +
			"Officials in Valparaiso reported damaged buildings and power cuts across the region. " +
			"President Michelle Bachelet said rescue teams were checking towns near Valparaiso."},
	{"Vanuatu quake: Port Vila counts damage on Efate",
		"Residents of Port Vila on Efate cleared rubble on Wednesday after the magnitude 6.4 earthquake shook Vanuatu. " +
			"Charlot Salwai toured damaged schools in Port Vila and said Vanuatu would ask Australia for help. " +
			"The earthquake cut power across Efate."},
	{"Chile quake: Valparaiso counts damage, Bachelet visits",
		"Residents of Valparaiso cleared rubble on Wednesday after the magnitude 7.1 earthquake shook Chile. " +
			"Michelle Bachelet toured damaged schools in Valparaiso and said Chile would rebuild quickly. " +
			"The earthquake cut power across the Valparaiso region."},
	{"Aftershock rattles Port Vila",
		"An aftershock of magnitude 5.2 rattled Port Vila and Efate in Vanuatu on Thursday. Charlot Salwai said no one was hurt."},
	{"Aftershock rattles Valparaiso",
		"An aftershock of magnitude 5.9 rattled Valparaiso in Chile on Thursday. Michelle Bachelet said no one was hurt."},
}

var splitNow = time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC)

func quakeArticle(i int) *parallax.Article {
	q := twoQuakes[i]
	return &parallax.Article{ID: int64(i + 1), DocumentID: int64(i + 1), URL: fmt.Sprintf("https://example.org/quake-%d", i+1),
		Title: q.title, Body: []parallax.Block{{Kind: parallax.BlockParagraph, Text: q.text}}}
}

func TestSplitReachesChange(t *testing.T) {
	eng := pipeline.NewEngine(func() time.Time { return splitNow })
	var ch pipeline.Change
	for i := range 4 {
		ch = eng.Add(quakeArticle(i))
	}
	if diff := cmp.Diff([]int64{1, 4}, ch.Stories); diff != "" {
		t.Errorf("Change.Stories (-want +got):\n%s", diff)
	}
	got := map[int64]parallax.Assignment{}
	for _, pr := range ch.Processed {
		got[pr.ArticleID] = pr.Assignment
		if pr.Analysis == nil {
			t.Errorf("article %d: Change.Processed without its analysis", pr.ArticleID)
		}
	}
	for _, id := range []int64{2, 4} {
		as, ok := got[id]
		if !ok {
			t.Fatalf("article %d missing from Change.Processed %v", id, slices.Sorted(maps.Keys(got)))
		}
		if as.StoryID != 4 || !strings.Contains(as.Reason, "moved to new story 4") {
			t.Errorf("article %d: %+v, want story 4 with the split in the reason", id, as)
		}
	}
	for id, want := range map[int64][]int64{1: {1, 3}, 4: {2, 4}} {
		if diff := cmp.Diff(want, eng.Story(id).ArticleIDs); diff != "" {
			t.Errorf("Story(%d) (-want +got):\n%s", id, diff)
		}
	}
}

// writeQuake writes report i as a one-line JSONL file.
func writeQuake(t *testing.T, dir string, i int) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"id": fmt.Sprint(i + 1), "url": fmt.Sprintf("https://example.org/quake-%d", i+1),
		"title": twoQuakes[i].title, "text": twoQuakes[i].text})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("quake-%d.jsonl", i+1))
	if err := os.WriteFile(p, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// storedStories maps each stored story to its articles' positions in
// twoQuakes (by URL), and returns the stored assignments by position.
func storedStories(t *testing.T, st parallax.Store) (map[string][]int, map[int]parallax.Assignment) {
	t.Helper()
	ctx := context.Background()
	articles, err := st.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	pos := map[int64]int{}
	for _, a := range articles {
		var n int
		if _, err := fmt.Sscanf(a.URL, "https://example.org/quake-%d", &n); err != nil {
			t.Fatalf("article %d: url %q", a.ID, a.URL)
		}
		pos[a.ID] = n
	}
	assigned, err := st.FindAssignments(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	byPos := map[int]parallax.Assignment{}
	for _, as := range assigned {
		byPos[pos[as.ArticleID]] = as
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]int{}
	for _, s := range stories {
		var ps []int
		for _, id := range s.ArticleIDs {
			ps = append(ps, pos[id])
		}
		slices.Sort(ps)
		out[fmt.Sprint(ps)] = ps
	}
	return out, byPos
}

// TestSplitIsStored processes the reports through a SQLite store, in one
// batch or one run per report (the moved article was stored by an earlier
// run), and checks that the split is stored and that a processor restored
// from the store carries on with both stories.
func TestSplitIsStored(t *testing.T) {
	for _, tt := range []struct {
		name     string
		oneByOne bool
	}{{"one batch", false}, {"one run per report", true}} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t)
			dir := t.TempDir()
			in := &pipeline.Ingester{Store: st}
			p := &pipeline.Processor{Store: st, Now: func() time.Time { return splitNow }}
			var files []string
			for i := range 4 {
				files = append(files, writeQuake(t, dir, i))
				if !tt.oneByOne && i < 3 {
					continue
				}
				if _, err := in.Ingest(ctx, files); err != nil {
					t.Fatal(err)
				}
				if _, err := p.Process(ctx); err != nil {
					t.Fatal(err)
				}
			}
			stories, byPos := storedStories(t, st)
			want := map[string][]int{"[1 3]": {1, 3}, "[2 4]": {2, 4}}
			if diff := cmp.Diff(want, stories); diff != "" {
				t.Fatalf("stored stories by report (-want +got):\n%s", diff)
			}
			for _, n := range []int{2, 4} {
				if r := byPos[n].Reason; !strings.Contains(r, "moved to new story") || !strings.Contains(r, "split in two") {
					t.Errorf("report %d: story_reason %q, want the split explained", n, r)
				}
			}
			if byPos[2].StoryID != byPos[4].StoryID || byPos[2].StoryID == byPos[1].StoryID {
				t.Errorf("stored story IDs %d %d %d %d, want reports 2 and 4 apart from 1", byPos[1].StoryID, byPos[2].StoryID, byPos[3].StoryID, byPos[4].StoryID)
			}
			// A new processor restores the split from the store; the
			// aftershocks find their own quake's story.
			files = append(files, writeQuake(t, dir, 4), writeQuake(t, dir, 5))
			if _, err := in.Ingest(ctx, files); err != nil {
				t.Fatal(err)
			}
			p2 := &pipeline.Processor{Store: st, Now: func() time.Time { return splitNow }}
			if _, err := p2.Process(ctx); err != nil {
				t.Fatal(err)
			}
			stories, _ = storedStories(t, st)
			want = map[string][]int{"[1 3 5]": {1, 3, 5}, "[2 4 6]": {2, 4, 6}}
			if diff := cmp.Diff(want, stories); diff != "" {
				t.Errorf("after restore, stored stories by report (-want +got):\n%s", diff)
			}
		})
	}
}
