package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
)

// seedStore returns a store holding the first n of the five seed articles
// (in name order), and a func that ingests the others.
func seedStore(t *testing.T, n int) (parallax.Store, func()) {
	t.Helper()
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
	st := openStore(t)
	in := &pipeline.Ingester{Store: st}
	ingest := func(files []string) {
		if _, err := in.Ingest(context.Background(), files); err != nil {
			t.Fatal(err)
		}
	}
	ingest(files[:n])
	return st, func() { ingest(files[n:]) }
}

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
	base, ingestRest := seedStore(t, 4)
	other := &pipeline.Processor{Store: base}
	st := &hookStore{Store: base}
	st.before = func() {
		ingestRest()
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

// saveHookStore runs before once, on the first SaveProcessed: while the
// run that saves holds the process lock.
type saveHookStore struct {
	parallax.Store
	before func()
}

func (s *saveHookStore) WithProcessLock(ctx context.Context, fn func(context.Context) error) error {
	return s.Store.(parallax.ProcessLocker).WithProcessLock(ctx, fn)
}

func (s *saveHookStore) TryProcessLock(ctx context.Context, fn func(context.Context) error) (bool, error) {
	return s.Store.(parallax.ProcessLocker).TryProcessLock(ctx, fn)
}

func (s *saveHookStore) SaveProcessed(ctx context.Context, r []parallax.Processed, st []*parallax.Story, m map[int64]int64) error {
	if f := s.before; f != nil {
		s.before = nil
		f()
	}
	return s.Store.SaveProcessed(ctx, r, st, m)
}

// TestYieldLeavesNothing: a yielding processor returns at once while
// another run holds the lock, and the article it stored first is processed
// by that run after it releases the lock.
func TestYieldLeavesNothing(t *testing.T) {
	ctx := context.Background()
	base, ingestRest := seedStore(t, 3)
	other := &pipeline.Processor{Store: base, Yield: true}
	st := &saveHookStore{Store: base}
	st.before = func() {
		ingestRest()
		start := time.Now()
		if n, err := other.Process(ctx); err != nil || n != 0 {
			t.Errorf("yielding Process while the lock is held = %d, %v; want 0, nil", n, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("yielding Process waited %v", d)
		}
	}
	n, err := (&pipeline.Processor{Store: st, Yield: true}).Process(ctx)
	if err != nil || n != 5 {
		t.Fatalf("Process = %d, %v; want 5 (3, then the 2 stored by the yielding caller)", n, err)
	}
	left, err := base.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true})
	if err != nil || len(left) != 0 {
		t.Errorf("unprocessed after the runs: %d, %v; want none", len(left), err)
	}
	stories, err := base.FindStories(ctx, parallax.StoryFilter{})
	if err != nil || len(stories) != 1 || len(stories[0].ArticleIDs) != 5 {
		t.Errorf("stories = %v, %v; want one of 5 articles", stories, err)
	}
}

// failBriefStore fails SaveBriefIfCurrent while fail is set.
type failBriefStore struct {
	parallax.Store
	fail bool
}

func (s *failBriefStore) SaveBriefIfCurrent(ctx context.Context, b *parallax.Brief, at time.Time) (bool, error) {
	if s.fail {
		return false, errors.New("connection lost")
	}
	return s.Store.SaveBriefIfCurrent(ctx, b, at)
}

// TestBriefRepairedAfterFailedSave: a run whose brief save fails leaves the
// story with the brief of its earlier state; the next run (here another
// processor's) finds it stale and rebuilds it.
func TestBriefRepairedAfterFailedSave(t *testing.T) {
	ctx := context.Background()
	base, ingestRest := seedStore(t, 4)
	if _, err := (&pipeline.Processor{Store: base}).Process(ctx); err != nil {
		t.Fatal(err)
	}
	ingestRest()
	st := &failBriefStore{Store: base, fail: true}
	if _, err := (&pipeline.Processor{Store: st}).Process(ctx); err == nil {
		t.Fatal("Process with a failing brief save: no error")
	}
	if stale, err := base.FindStaleBriefs(ctx); err != nil || len(stale) != 1 {
		t.Fatalf("stale briefs after the failed save = %v, %v; want the story", stale, err)
	}
	if _, err := (&pipeline.Processor{Store: base}).Process(ctx); err != nil {
		t.Fatal(err)
	}
	if stale, err := base.FindStaleBriefs(ctx); err != nil || len(stale) != 0 {
		t.Errorf("stale briefs after the next run = %v, %v; want none", stale, err)
	}
	stories, err := base.FindStories(ctx, parallax.StoryFilter{})
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories = %d, %v", len(stories), err)
	}
	b, err := base.FindBrief(ctx, stories[0].ID)
	if err != nil || len(b.Sources) != 5 {
		t.Errorf("brief after repair cites %d sources (%v), want 5", len(b.Sources), err)
	}
}
