package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

func testFindArticles(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	as := create(t, s, items(1, 8))
	id := articleIDs(as)
	story := &parallax.Story{ID: id[2], Headline: "story", Sources: 2}
	var results []parallax.Processed
	for _, i := range []int{2, 5, 6} {
		results = append(results, parallax.Processed{
			ArticleID:  id[i],
			Assignment: parallax.Assignment{ArticleID: id[i], StoryID: story.ID},
		})
	}
	if err := s.SaveProcessed(ctx, results, []*parallax.Story{story}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	tests := []struct {
		name string
		f    parallax.ArticleFilter
		want []int64
	}{
		{"all", parallax.ArticleFilter{}, id},
		{"ids in any order", parallax.ArticleFilter{IDs: []int64{id[4], id[0], id[7]}}, []int64{id[0], id[4], id[7]}},
		{"missing ids", parallax.ArticleFilter{IDs: []int64{id[7] + 100}}, nil},
		{"after", parallax.ArticleFilter{AfterID: id[5]}, id[6:]},
		{"limit", parallax.ArticleFilter{Limit: 3}, id[:3]},
		{"after and limit", parallax.ArticleFilter{AfterID: id[1], Limit: 2}, id[2:4]},
		{"story", parallax.ArticleFilter{StoryID: story.ID}, []int64{id[2], id[5], id[6]}},
		{"story and after", parallax.ArticleFilter{StoryID: story.ID, AfterID: id[2]}, []int64{id[5], id[6]}},
		{"story and ids", parallax.ArticleFilter{StoryID: story.ID, IDs: []int64{id[0], id[6]}}, []int64{id[6]}},
		{"missing story", parallax.ArticleFilter{StoryID: id[7] + 100}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FindArticles(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindArticles(%+v): %v", tt.f, err)
			}
			if diff := cmp.Diff(tt.want, articleIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindArticles(%+v) ids (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	got, err := s.FindArticles(ctx, parallax.ArticleFilter{IDs: []int64{id[3]}})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	if diff := cmp.Diff([]*parallax.Article{as[3]}, got); diff != "" {
		t.Errorf("FindArticles article (-want +got):\n%s", diff)
	}
}

func testUpdateArticle(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	its := items(1, 2)
	as := create(t, s, its)
	docBefore, err := s.FindDocumentByID(ctx, as[0].DocumentID)
	if err != nil {
		t.Fatalf("FindDocumentByID: %v", err)
	}
	next := item(50).Article
	next.ID, next.DocumentID = as[0].ID, as[0].DocumentID
	next.Published = when(1, 1)
	next.Tags = nil
	next.Body = []parallax.Block{{Kind: parallax.BlockParagraph, Text: "Re-extracted text."}}
	if err := s.UpdateArticle(ctx, next); err != nil {
		t.Fatalf("UpdateArticle: %v", err)
	}
	got, err := s.FindArticleByID(ctx, as[0].ID)
	if err != nil {
		t.Fatalf("FindArticleByID: %v", err)
	}
	if diff := cmp.Diff(next, got); diff != "" {
		t.Errorf("updated article (-want +got):\n%s", diff)
	}
	other, err := s.FindArticleByID(ctx, as[1].ID)
	if err != nil {
		t.Fatalf("FindArticleByID: %v", err)
	}
	if diff := cmp.Diff(as[1], other); diff != "" {
		t.Errorf("other article changed (-want +got):\n%s", diff)
	}
	docAfter, err := s.FindDocumentByID(ctx, as[0].DocumentID)
	if err != nil {
		t.Fatalf("FindDocumentByID: %v", err)
	}
	if diff := cmp.Diff(docBefore, docAfter); diff != "" {
		t.Errorf("document changed by UpdateArticle (-want +got):\n%s", diff)
	}
}
