package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

// searchable returns an item whose title and body say the given words.
func searchable(n int, title, body string) parallax.Ingested {
	it := item(n)
	it.Article.Title = title
	it.Article.Body = []parallax.Block{{Kind: parallax.BlockParagraph, Text: body}}
	return it
}

func testSearchArticles(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	se, ok := s.(parallax.ArticleSearcher)
	if !ok {
		t.Fatalf("%T is not a parallax.ArticleSearcher", s)
	}
	as := create(t, s, []parallax.Ingested{
		searchable(1, "Ceasefire talks in Geneva", "Delegates met on Sunday."),
		searchable(2, "Markets today", "Traders watched the ceasefire talks closely."),
		searchable(3, "Weather", "Rain in Geneva; nothing about talks."),
		searchable(4, "Café owners protest", "The naïve plan was dropped."),
	})
	ids := articleIDs(as)
	ranked := func(hs []parallax.SearchHit) []int64 {
		out := []int64{}
		for i, h := range hs {
			out = append(out, h.ArticleID)
			if i > 0 && h.Score > hs[i-1].Score {
				t.Errorf("hit %d scores %v, more than the hit before it (%v)", i, h.Score, hs[i-1].Score)
			}
		}
		return out
	}
	tests := []struct {
		q     string
		limit int
		want  []int64
	}{
		{"ceasefire talks", 0, []int64{ids[0], ids[1]}}, // the title match first
		{"CEASEFIRE", 0, []int64{ids[0], ids[1]}},
		{"talks", 1, []int64{ids[0]}},
		{"geneva", 0, nil}, // filled below: ids 0 and 2 in either order of score
		{"café naïve", 0, []int64{ids[3]}},
		{"ceasefire weather", 0, []int64{}},
		{`"talks" AND (NEAR OR *`, 0, []int64{}}, // query syntax is plain words
		{"", 0, []int64{}},
		{"  ,;  ", 0, []int64{}},
	}
	for _, tt := range tests {
		hs, err := se.SearchArticles(ctx, tt.q, tt.limit)
		if err != nil {
			t.Errorf("SearchArticles(%q): %v", tt.q, err)
			continue
		}
		got := ranked(hs)
		if tt.want == nil {
			if len(got) != 2 || got[0]+got[1] != ids[0]+ids[2] {
				t.Errorf("SearchArticles(%q) = %v, want %d and %d", tt.q, got, ids[0], ids[2])
			}
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("SearchArticles(%q, %d) (-want +got):\n%s", tt.q, tt.limit, diff)
		}
	}
	// Articles stored after a search are found by the next one, and a
	// rewritten article is found by its new words only.
	more := create(t, s, []parallax.Ingested{searchable(5, "Late news", "Ceasefire collapsed.")})
	up := *as[2]
	up.Body = []parallax.Block{{Kind: parallax.BlockParagraph, Text: "Snow in Oslo."}}
	if err := s.UpdateArticle(ctx, &up); err != nil {
		t.Fatalf("UpdateArticle: %v", err)
	}
	for _, c := range []struct {
		q    string
		want int
	}{{"ceasefire", 3}, {"collapsed", 1}, {"oslo", 1}, {"rain", 0}} {
		hs, err := se.SearchArticles(ctx, c.q, 0)
		if err != nil {
			t.Fatalf("SearchArticles(%q): %v", c.q, err)
		}
		if len(hs) != c.want {
			t.Errorf("SearchArticles(%q) after more writes = %v, want %d hits", c.q, ranked(hs), c.want)
		}
	}
	if hs, err := se.SearchArticles(ctx, "collapsed", 0); err == nil && len(hs) == 1 && hs[0].ArticleID != more[0].ID {
		t.Errorf("SearchArticles(collapsed) = %d, want %d", hs[0].ArticleID, more[0].ID)
	}
}

func testBrowse(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	br, ok := s.(parallax.Browser)
	if !ok {
		t.Fatalf("%T is not a parallax.Browser", s)
	}
	its := items(1, 4)
	its[3].Article.Source = "Other Wire"
	ids := articleIDs(create(t, s, its))
	// Two stories: articles 0 and 1 in the first, 2 and 3 in the second.
	// Article 3 names an unresolved entity; every article names Zelensky.
	var results []parallax.Processed
	for i, id := range ids {
		story := ids[0]
		if i >= 2 {
			story = ids[2]
		}
		p := processed(id, 0, story)
		if i == 3 {
			p.Analysis.Mentions = append(p.Analysis.Mentions, parallax.Mention{Text: "Kaja Kallas", Kind: parallax.EntityPerson})
		}
		results = append(results, p)
	}
	stories := []*parallax.Story{
		{ID: ids[0], Headline: "One", ArticleIDs: ids[:2], Sources: 1, FirstSeen: when(20, 1), LastSeen: when(20, 2)},
		{ID: ids[2], Headline: "Two", ArticleIDs: ids[2:], Sources: 2, FirstSeen: when(21, 1), LastSeen: when(21, 2)},
	}
	if err := s.SaveProcessed(ctx, results, stories, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	ents, err := br.FindEntities(ctx, parallax.NameFilter{})
	if err != nil {
		t.Fatalf("FindEntities: %v", err)
	}
	wantE := []parallax.EntityRef{
		{Name: "Volodymyr Zelensky", Kind: parallax.EntityPerson, Articles: 4, StoryIDs: []int64{ids[0], ids[2]}},
		{Name: "Kaja Kallas", Kind: parallax.EntityPerson, Articles: 1, StoryIDs: []int64{ids[2]}},
	}
	if diff := cmp.Diff(wantE, ents); diff != "" {
		t.Errorf("FindEntities (-want +got):\n%s", diff)
	}
	for _, name := range []string{"Kaja Kallas", "Volodymyr Zelensky"} {
		got, err := br.FindEntities(ctx, parallax.NameFilter{Name: name})
		if err != nil {
			t.Fatalf("FindEntities(%s): %v", name, err)
		}
		if len(got) != 1 || got[0].Name != name {
			t.Errorf("FindEntities(%s) = %+v, want that entity only", name, got)
		}
	}
	if got, err := br.FindEntities(ctx, parallax.NameFilter{Limit: 1}); err != nil || len(got) != 1 {
		t.Errorf("FindEntities(limit 1) = %d entities, %v; want 1", len(got), err)
	}
	srcs, err := br.FindSources(ctx, parallax.NameFilter{})
	if err != nil {
		t.Fatalf("FindSources: %v", err)
	}
	wantS := []parallax.SourceRef{
		{Name: "Example News", Articles: 3, StoryIDs: []int64{ids[0], ids[2]}},
		{Name: "Other Wire", Articles: 1, StoryIDs: []int64{ids[2]}},
	}
	if diff := cmp.Diff(wantS, srcs); diff != "" {
		t.Errorf("FindSources (-want +got):\n%s", diff)
	}
	got, err := br.FindSources(ctx, parallax.NameFilter{Name: "Other Wire"})
	if err != nil {
		t.Fatalf("FindSources(Other Wire): %v", err)
	}
	if diff := cmp.Diff(wantS[1:], got); diff != "" {
		t.Errorf("FindSources(Other Wire) (-want +got):\n%s", diff)
	}
	none, err := br.FindSources(ctx, parallax.NameFilter{Name: fmt.Sprint("missing")})
	if err != nil || len(none) != 0 {
		t.Errorf("FindSources(missing) = %v, %v; want none", none, err)
	}
}
