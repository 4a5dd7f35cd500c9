package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
)

// hookStore runs before once, on the first SaveBriefIfCurrent, before
// saving: another worker's run slipped in between a run's results and its
// briefs (which are built after the process lock is released).
type hookStore struct {
	parallax.Store
	before func()
	saved  []bool
}

func (s *hookStore) SaveBriefIfCurrent(ctx context.Context, b *parallax.Brief, at time.Time) (bool, error) {
	if f := s.before; f != nil {
		s.before = nil
		f()
	}
	ok, err := s.Store.SaveBriefIfCurrent(ctx, b, at)
	s.saved = append(s.saved, ok)
	return ok, err
}

// TestLateBriefNotSaved: when another processor changes a story after a
// run saved its results but before it saved the story's brief, the late
// brief (built from the earlier state) is not saved over the other's.
func TestLateBriefNotSaved(t *testing.T) {
	ctx := context.Background()
	seeds := shared.TestDir(t, "seeds")
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, filepath.Join(seeds, e.Name()))
	}
	slices.Sort(files)
	if len(files) != 5 {
		t.Fatalf("%d seeds, want 5", len(files))
	}
	base := openStore(t)
	in := &pipeline.Ingester{Store: base}
	if _, err := in.Ingest(ctx, files[:4]); err != nil {
		t.Fatal(err)
	}
	other := &pipeline.Processor{Store: base}
	st := &hookStore{Store: base}
	st.before = func() {
		if _, err := in.Ingest(ctx, files[4:]); err != nil {
			t.Fatal(err)
		}
		if n, err := other.Process(ctx); err != nil || n != 1 {
			t.Fatalf("other processor: Process = %d, %v; want 1", n, err)
		}
	}
	if n, err := (&pipeline.Processor{Store: st}).Process(ctx); err != nil || n != 4 {
		t.Fatalf("Process = %d, %v; want 4", n, err)
	}
	if !slices.Equal(st.saved, []bool{false}) {
		t.Errorf("late brief saves = %v, want [false] (the story changed after the run)", st.saved)
	}
	stories, err := base.FindStories(ctx, parallax.StoryFilter{})
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories = %d, %v; want 1", len(stories), err)
	}
	b, err := base.FindBrief(ctx, stories[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sources) != 5 {
		t.Errorf("brief cites %d sources, want the 5 articles of the later state", len(b.Sources))
	}
}
