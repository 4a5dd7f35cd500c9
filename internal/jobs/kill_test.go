package jobs_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/jobs"
	"github.com/parallax-news/parallax/internal/pipeline"
)

// Environment of the helper worker process.
const (
	helperDSN   = "PARALLAX_JOBS_HELPER_DSN"
	helperReady = "PARALLAX_JOBS_HELPER_READY"
)

// TestHelperWorker is not a test: run by TestKilledWorker as a separate
// process, it is a worker whose process job takes the lock, says so in a
// file and never ends, until the process is killed.
func TestHelperWorker(t *testing.T) {
	dsn, ready := os.Getenv(helperDSN), os.Getenv(helperReady)
	if dsn == "" || ready == "" {
		t.Skip("helper process for TestKilledWorker")
	}
	db := open(t, dsn)
	hang := func(ctx context.Context) (int, error) {
		if err := os.WriteFile(ready, []byte("in the job\n"), 0o600); err != nil {
			return 0, err
		}
		<-ctx.Done()
		return 0, ctx.Err()
	}
	w, err := jobs.NewWorker(db.Pool(), jobs.Config{
		Process:      jobs.Locked(db, hang),
		RebuildBrief: func(context.Context, int64) error { return nil },
		ProcessEvery: -1,
		JobTimeout:   time.Hour,
	})
	if err != nil {
		t.Fatalf("NewWorker: %v", err)
	}
	if err := w.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// TestKilledWorker kills (SIGKILL) a worker process in the middle of a
// process job, holding the process lock: the lock goes with its
// connection, another worker rescues the job and retries it, and every
// article is stored and assigned once.
func TestKilledWorker(t *testing.T) {
	files := seedFiles(t)
	dsn := migrated(t)
	db := open(t, dsn)
	ctx := context.Background()
	in := &pipeline.Ingester{Store: db, Read: ingest.Options{MaxSize: 10 << 20}}
	if _, err := in.Ingest(ctx, files); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	q, err := jobs.NewQueue(db.Pool())
	if err != nil {
		t.Fatalf("NewQueue: %v", err)
	}
	if ok, err := q.Process(ctx); err != nil || !ok {
		t.Fatalf("enqueue process = %v, %v; want enqueued", ok, err)
	}

	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWorker$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperDSN+"="+dsn, helperReady+"="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start helper worker: %v", err)
	}
	t.Cleanup(func() { // when the test fails before the kill
		if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("kill helper worker: %v", err)
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("helper worker did not start the job within 2 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill helper worker: %v", err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("helper worker exited cleanly, want killed")
	}

	// A second worker (in this process) rescues the job once it has run
	// longer than RescueAfter, and retries it.
	cfg := pipelineConfig(db)
	cfg.JobTimeout, cfg.RescueAfter = 20*time.Second, 21*time.Second
	startWorker(t, db, cfg)
	storedPartition(t, db, len(files))

	var state string
	var attempt, n int
	err = db.Pool().QueryRow(ctx, `SELECT count(*), max(state::text), max(attempt) FROM river_job WHERE kind = 'process'`).Scan(&n, &state, &attempt)
	if err != nil {
		t.Fatalf("read jobs: %v", err)
	}
	if n != 1 || attempt != 2 {
		t.Errorf("process jobs: %d, attempt %d (state %s); want 1 job retried once", n, attempt, state)
	}
	as, err := db.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	if len(as) != len(files) {
		t.Errorf("%d articles stored, want %d", len(as), len(files))
	}
}
