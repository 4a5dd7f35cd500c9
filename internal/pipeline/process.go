package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// Processor runs the stages after extraction over stored articles that
// have not been processed yet, in ID (arrival) order.
type Processor struct {
	Store parallax.Store
	Now   func() time.Time
}

// Process handles every article without a story assignment and returns how
// many it processed.
func (p *Processor) Process(ctx context.Context) (int, error) {
	articles, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		return 0, fmt.Errorf("process: %w", err)
	}
	assigned, err := p.Store.FindAssignments(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("process: %w", err)
	}
	done := make(map[int64]bool, len(assigned))
	for _, a := range assigned {
		done[a.ArticleID] = true
	}
	var results []parallax.Processed
	var stories []*parallax.Story
	for _, a := range articles {
		if done[a.ID] {
			continue
		}
		results = append(results, parallax.Processed{ArticleID: a.ID, Assignment: parallax.Assignment{
			ArticleID: a.ID, StoryID: a.ID, Reason: "started a new story",
		}})
		when := a.When()
		stories = append(stories, &parallax.Story{
			ID: a.ID, Headline: Headline(a), ArticleIDs: []int64{a.ID}, Sources: 1,
			FirstSeen: when, LastSeen: when, UpdatedAt: p.now(),
		})
	}
	if len(results) == 0 {
		return 0, nil
	}
	if err := p.Store.SaveProcessed(ctx, results, stories, nil); err != nil {
		return 0, fmt.Errorf("process: %w", err)
	}
	return len(results), nil
}

func (p *Processor) now() time.Time {
	if p.Now == nil {
		return time.Now().UTC()
	}
	return p.Now().UTC()
}

// Headline is an article's title, or its first sentence when it has none.
func Headline(a *parallax.Article) string {
	if a.Title != "" {
		return a.Title
	}
	for _, b := range a.Body {
		if s := text.Sentences(b.Text); len(s) > 0 {
			return s[0].Text
		}
	}
	return ""
}
