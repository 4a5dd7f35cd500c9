package jobs_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/jobs"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// open opens a store on dsn (a separate pool, as another machine would
// have) and closes it when t ends.
func open(t *testing.T, dsn string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// migrated returns a fresh schema's DSN with the store's and River's
// tables.
func migrated(t *testing.T) string {
	t.Helper()
	dsn := pgtest.DSN(t)
	db := open(t, dsn)
	if err := jobs.Migrate(context.Background(), db.Pool()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return dsn
}

// startWorker runs a worker on its own store until t ends.
func startWorker(t *testing.T, db *postgres.DB, cfg jobs.Config) {
	t.Helper()
	w, err := jobs.NewWorker(db.Pool(), cfg)
	if err != nil {
		t.Fatalf("NewWorker: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker Run: %v", err)
		}
	})
}

// pipelineConfig is a worker running the real pipeline on db.
func pipelineConfig(db *postgres.DB) jobs.Config {
	proc := &pipeline.Processor{Store: db}
	return jobs.Config{
		Process:      proc.Process, // Process holds the store's process lock itself
		RebuildBrief: func(context.Context, int64) error { return nil },
		ProcessEvery: -1,
		Concurrency:  2,
	}
}

// seedFiles returns the seed articles, one event reported by several
// outlets.
func seedFiles(t *testing.T) []string {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("seed files in %s: %v (%d)", dir, err, len(files))
	}
	sort.Strings(files)
	return files
}

// partition returns the stories as sorted lists of article URLs, sorted.
func partition(articles []*parallax.Article, stories []*parallax.Story) [][]string {
	url := map[int64]string{}
	for _, a := range articles {
		url[a.ID] = a.URL
	}
	var out [][]string
	for _, s := range stories {
		var urls []string
		for _, id := range s.ArticleIDs {
			urls = append(urls, url[id])
		}
		sort.Strings(urls)
		out = append(out, urls)
	}
	sort.Slice(out, func(i, j int) bool { return slices.Compare(out[i], out[j]) < 0 })
	return out
}

// storedPartition waits until every one of n articles has a story and
// returns the stories' partition.
func storedPartition(t *testing.T, db *postgres.DB, n int) [][]string {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		as, err := db.FindAssignments(ctx, nil)
		if err != nil {
			t.Fatalf("FindAssignments: %v", err)
		}
		if len(as) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d articles assigned after 3 minutes", len(as), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	articles, err := db.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	stories, err := db.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	return partition(articles, stories)
}

// TestConcurrentWorkers has several workers, each on its own connection
// pool (as on separate machines), store one seed article each at the same
// moment and process, either racing each other directly or as queued jobs.
// The seeds report one event. Story assignment depends on arrival order,
// so the stories must be those of a serial run over the same articles in
// the order they were stored: what one worker alone would have made.
// Without the process lock, two processors that restore before either
// saves each start a story for the same event.
func TestConcurrentWorkers(t *testing.T) {
	files := seedFiles(t)
	ctx := context.Background()
	n := max(4, len(files))
	tests := []struct {
		name string
		// after storing, worker i processes directly or enqueues.
		queued bool
	}{
		{"direct", false},
		{"queued", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsn := migrated(t)
			dbs := make([]*postgres.DB, n)
			for i := range dbs {
				dbs[i] = open(t, dsn)
				if tt.queued {
					startWorker(t, dbs[i], pipelineConfig(dbs[i]))
				}
			}
			start := make(chan struct{})
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i, db := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					errs[i] = storeAndProcess(ctx, db, files[i%len(files)], tt.queued)
				}()
			}
			close(start)
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			got := storedPartition(t, dbs[0], len(files))
			want := serialPartition(t, dbs[0])
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stories as article URLs (-serial +%d concurrent workers):\n%s", n, diff)
			}
		})
	}
}

// serialPartition stores the documents and articles of from, in from's ID
// order, in a fresh schema, processes them with one processor and returns
// the stories' partition.
func serialPartition(t *testing.T, from *postgres.DB) [][]string {
	t.Helper()
	ctx := context.Background()
	articles, err := from.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	items := make([]parallax.Ingested, len(articles))
	for i, a := range articles {
		d, err := from.FindDocumentByID(ctx, a.DocumentID)
		if err != nil {
			t.Fatalf("FindDocumentByID: %v", err)
		}
		d.ID, a.ID, a.DocumentID = 0, 0, 0
		items[i] = parallax.Ingested{Document: d, Article: a}
	}
	db := open(t, pgtest.DSN(t))
	if _, err := db.CreateDocuments(ctx, items); err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	if _, err := (&pipeline.Processor{Store: db}).Process(ctx); err != nil {
		t.Fatalf("Process: %v", err)
	}
	return storedPartition(t, db, len(items))
}

// storeAndProcess ingests one file through db, then processes under the
// lock or enqueues a process job.
func storeAndProcess(ctx context.Context, db *postgres.DB, file string, queued bool) error {
	in := &pipeline.Ingester{Store: db, Read: ingest.Options{MaxSize: 10 << 20}}
	if _, err := in.Ingest(ctx, []string{file}); err != nil {
		return err
	}
	if queued {
		q, err := jobs.NewQueue(db.Pool())
		if err != nil {
			return err
		}
		_, err = q.Process(ctx)
		return err
	}
	proc := &pipeline.Processor{Store: db}
	_, err := proc.Process(ctx)
	return err
}

func TestQueueUnique(t *testing.T) {
	db := open(t, migrated(t))
	q, err := jobs.NewQueue(db.Pool())
	if err != nil {
		t.Fatalf("NewQueue: %v", err)
	}
	ctx := context.Background()
	tests := []struct {
		name    string
		enqueue func() (bool, error)
		want    bool
	}{
		{"process", func() (bool, error) { return q.Process(ctx) }, true},
		{"process again", func() (bool, error) { return q.Process(ctx) }, false},
		{"brief 1", func() (bool, error) { return q.Brief(ctx, 1) }, true},
		{"brief 2", func() (bool, error) { return q.Brief(ctx, 2) }, true},
		{"brief 1 again", func() (bool, error) { return q.Brief(ctx, 1) }, false},
	}
	for _, tt := range tests {
		got, err := tt.enqueue()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("%s: enqueued = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRetry checks that a failed job is retried (after River's backoff)
// and that a brief job reaches its function with its story.
func TestRetry(t *testing.T) {
	db := open(t, migrated(t))
	var calls atomic.Int32
	briefs := make(chan int64, 1)
	startWorker(t, db, jobs.Config{
		Process: func(context.Context) (int, error) {
			if calls.Add(1) == 1 {
				return 0, errors.New("first attempt fails")
			}
			return 0, nil
		},
		RebuildBrief: func(_ context.Context, id int64) error { briefs <- id; return nil },
		ProcessEvery: -1,
	})
	q, err := jobs.NewQueue(db.Pool())
	if err != nil {
		t.Fatalf("NewQueue: %v", err)
	}
	ctx := context.Background()
	if _, err := q.Process(ctx); err != nil {
		t.Fatalf("Process: %v", err)
	}
	if _, err := q.Brief(ctx, 42); err != nil {
		t.Fatalf("Brief: %v", err)
	}
	select {
	case id := <-briefs:
		if id != 42 {
			t.Errorf("brief of story %d, want 42", id)
		}
	case <-time.After(time.Minute):
		t.Fatal("brief job not run within a minute")
	}
	deadline := time.Now().Add(time.Minute)
	for calls.Load() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("process ran %d times in a minute, want a retry", calls.Load())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestPollQueuesProcess checks that the periodic poll job runs and, when
// feeds brought something, queues the process job.
func TestPollQueuesProcess(t *testing.T) {
	db := open(t, migrated(t))
	var polls, processed atomic.Int32
	startWorker(t, db, jobs.Config{
		Poll: func(context.Context) (int, error) {
			polls.Add(1)
			return 1, nil
		},
		PollEvery: time.Hour, // RunOnStart gives the one run this test needs
		Process: func(context.Context) (int, error) {
			processed.Add(1)
			return 0, nil
		},
		RebuildBrief: func(context.Context, int64) error { return nil },
		ProcessEvery: -1,
	})
	deadline := time.Now().Add(30 * time.Second)
	for processed.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if polls.Load() == 0 || processed.Load() == 0 {
		t.Fatalf("polls = %d, process runs = %d; want the poll to queue a process job", polls.Load(), processed.Load())
	}
}
