package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/jobs"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// TestWorker stores the seeds without processing them, enqueues a process
// job and runs `parallax worker` until every article has a story.
func TestWorker(t *testing.T) {
	seeds := shared.TestDir(t, "seeds")
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	if err := jobs.Migrate(ctx, st.Pool()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	sum, err := (&pipeline.Ingester{Store: st, Read: ingest.Options{MaxSize: 10 << 20}}).Ingest(ctx, []string{seeds})
	if err != nil || sum.New == 0 {
		t.Fatalf("Ingest: %d new, %v", sum.New, err)
	}
	q, err := jobs.NewQueue(st.Pool())
	if err != nil {
		t.Fatalf("NewQueue: %v", err)
	}
	if _, err := q.Process(ctx); err != nil {
		t.Fatalf("enqueue: %v", err)
	}

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(wctx, []string{"--db", dsn, "worker", "--concurrency", "2"}, func(string) string { return "" }, &out, &errOut)
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for !processed(t, st, sum.New) {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("articles not processed after 2 minutes; worker: %v\n%s", <-done, errOut.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("worker: %v\n%s", err, errOut.String())
	}
}

// processed reports whether n articles have a story and every story a
// brief.
func processed(t *testing.T, st parallax.Store, n int) bool {
	t.Helper()
	ctx := context.Background()
	as, err := st.FindAssignments(ctx, nil)
	if err != nil {
		t.Fatalf("FindAssignments: %v", err)
	}
	if len(as) < n {
		return false
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	for _, s := range stories {
		_, err := st.FindBrief(ctx, s.ID)
		if errors.Is(err, parallax.ErrNotFound) {
			return false
		}
		if err != nil {
			t.Fatalf("FindBrief(%d): %v", s.ID, err)
		}
	}
	return len(stories) > 0
}

func TestWorkerNeedsPostgres(t *testing.T) {
	_, _, err := runCLI(t, "--db", filepath.Join(t.TempDir(), "p.db"), "worker")
	if err == nil || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Errorf("worker on SQLite: err=%v, want one naming PostgreSQL", err)
	}
}
