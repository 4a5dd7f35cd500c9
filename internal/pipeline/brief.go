package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
)

// RebuildBrief builds a story's brief again from what is stored and saves
// it unless the story changed meanwhile (then whoever changed it saves its
// own). A story merged away since (not found) is not an error.
func RebuildBrief(ctx context.Context, st parallax.Store, storyID int64, now func() time.Time) error {
	s, err := st.FindStoryByID(ctx, storyID)
	if errors.Is(err, parallax.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("rebuild brief %d: %w", storyID, err)
	}
	arts, err := st.FindArticles(ctx, parallax.ArticleFilter{IDs: s.ArticleIDs})
	if err != nil {
		return fmt.Errorf("rebuild brief %d: %w", storyID, err)
	}
	derivs, err := st.FindDerivations(ctx, s.ArticleIDs)
	if err != nil {
		return fmt.Errorf("rebuild brief %d: %w", storyID, err)
	}
	analyses, err := st.FindAnalyses(ctx, s.ArticleIDs)
	if err != nil {
		return fmt.Errorf("rebuild brief %d: %w", storyID, err)
	}
	if now == nil {
		now = func() time.Time { return time.Now().UTC() }
	}
	b := buildBrief(brief.NewBuilder(), storyID, arts, derivs, analyses, time.Time{}, now)
	// Saved only if the story did not change while it was read and built.
	if _, err := st.SaveBriefIfCurrent(ctx, b, s.UpdatedAt); err != nil {
		return fmt.Errorf("rebuild brief %d: %w", storyID, err)
	}
	return nil
}
