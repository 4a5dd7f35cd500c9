package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/parallax-news/parallax"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// ProcessArgs is the job that runs the pipeline's later stages over every
// unprocessed article.
type ProcessArgs struct{}

// Kind names the job kind in the queue.
func (ProcessArgs) Kind() string { return "process" }

// InsertOpts makes the job unique while queued or running.
func (ProcessArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByState: activeStates()}}
}

// BriefArgs is the job that rebuilds one story's brief.
type BriefArgs struct {
	StoryID int64 `json:"story_id"`
}

// Kind names the job kind in the queue.
func (BriefArgs) Kind() string { return "brief" }

// InsertOpts makes the job unique per story while queued or running.
func (BriefArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates()}}
}

// activeStates are the states in which a unique job blocks another: River's
// required ones and retryable; not completed, so that new work after a run
// gets a new job.
func activeStates() []rivertype.JobState {
	return []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateScheduled, rivertype.JobStateRetryable,
	}
}

// Migrate creates or updates River's tables in the schema first on the
// pool's search_path (River's migrations, each in its own transaction),
// holding a session advisory lock on a connection of its own so that
// workers starting together migrate once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (err error) {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("migrate jobs: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate jobs: %w", err)
	}
	defer conn.Release()
	const key = `hashtextextended('parallax.jobs.migrate.' || current_schema(), 0)`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		return errors.Join(fmt.Errorf("migrate jobs: lock: %w", err), conn.Conn().Close(context.WithoutCancel(ctx)))
	}
	defer func() {
		if _, uerr := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`); uerr != nil {
			err = errors.Join(err, fmt.Errorf("migrate jobs: unlock: %w", uerr), conn.Conn().Close(context.WithoutCancel(ctx)))
		}
	}()
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate jobs: %w", err)
	}
	return nil
}

// Queue enqueues jobs; it runs none (for `parallax ingest` and `serve`).
type Queue struct {
	client *river.Client[pgx.Tx]
}

// NewQueue returns a queue on pool, whose River tables Migrate created.
func NewQueue(pool *pgxpool.Pool) (*Queue, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: discard()})
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Queue{client: c}, nil
}

// Process enqueues a process job unless one is queued or running already;
// it reports whether it enqueued one.
func (q *Queue) Process(ctx context.Context) (bool, error) {
	return q.insert(ctx, ProcessArgs{})
}

// Brief enqueues a rebuild of the story's brief unless one is queued or
// running already; it reports whether it enqueued one.
func (q *Queue) Brief(ctx context.Context, storyID int64) (bool, error) {
	return q.insert(ctx, BriefArgs{StoryID: storyID})
}

func (q *Queue) insert(ctx context.Context, args river.JobArgs) (bool, error) {
	res, err := q.client.Insert(ctx, args, nil)
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// Config says what each kind of job does and how the worker runs them.
type Config struct {
	// Process runs the pipeline's later stages over every unprocessed
	// article and returns how many it processed. It must hold the store's
	// process lock (parallax.ProcessLocker) while it runs.
	Process func(ctx context.Context) (int, error)
	// RebuildBrief rebuilds and stores one story's brief.
	RebuildBrief func(ctx context.Context, storyID int64) error
	// Poll polls the feeds that are due and returns how many it polled;
	// nil: this worker does not poll.
	Poll func(ctx context.Context) (int, error)
	// PollEvery is the period of the poll job (default one minute).
	PollEvery time.Duration
	// Concurrency is how many jobs this worker runs at once (default 4).
	Concurrency int
	// ProcessEvery is the period of the safety-net process job (default
	// one minute; negative: none).
	ProcessEvery time.Duration
	// JobTimeout cancels a job running longer (default 10 minutes); the
	// process job saves its progress per batch, so a retry carries on.
	JobTimeout time.Duration
	// RescueAfter is when a job still running is taken to be lost with
	// its worker and retried (default JobTimeout + 5 minutes).
	RescueAfter time.Duration
	// Logger receives River's and the jobs' log lines (default: none).
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.ProcessEvery == 0 {
		c.ProcessEvery = time.Minute
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = 10 * time.Minute
	}
	if c.RescueAfter <= c.JobTimeout {
		c.RescueAfter = c.JobTimeout + 5*time.Minute
	}
	if c.Logger == nil {
		c.Logger = discard()
	}
	return c
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// Worker runs jobs.
type Worker struct {
	client *river.Client[pgx.Tx]
	log    *slog.Logger
}

// NewWorker returns a worker on pool, whose River tables Migrate created.
func NewWorker(pool *pgxpool.Pool, cfg Config) (*Worker, error) {
	if cfg.Process == nil || cfg.RebuildBrief == nil {
		return nil, errors.New("job worker: Process and RebuildBrief are required")
	}
	cfg = cfg.withDefaults()
	workers := river.NewWorkers()
	river.AddWorker(workers, &processWorker{process: cfg.Process, timeout: cfg.JobTimeout, log: cfg.Logger})
	river.AddWorker(workers, &briefWorker{rebuild: cfg.RebuildBrief, timeout: cfg.JobTimeout})
	if cfg.Poll != nil {
		river.AddWorker(workers, &pollWorker{poll: cfg.Poll, timeout: cfg.JobTimeout, log: cfg.Logger})
	}
	rc := &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Concurrency}},
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		Logger:               cfg.Logger,
	}
	if cfg.ProcessEvery > 0 {
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(cfg.ProcessEvery),
			func() (river.JobArgs, *river.InsertOpts) { return ProcessArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true},
		)}
	}
	if cfg.Poll != nil {
		every := cfg.PollEvery
		if every <= 0 {
			every = time.Minute
		}
		rc.PeriodicJobs = append(rc.PeriodicJobs, river.NewPeriodicJob(
			river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) { return PollArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true},
		))
	}
	c, err := river.NewClient(riverpgxv5.New(pool), rc)
	if err != nil {
		return nil, fmt.Errorf("job worker: %w", err)
	}
	return &Worker{client: c, log: cfg.Logger}, nil
}

// stopGrace is how long Run lets running jobs finish after ctx ends before
// cancelling them (they are retried elsewhere).
const stopGrace = 30 * time.Second

// Run works jobs until ctx ends, then lets the running ones finish for a
// while, cancels those still running and returns.
func (w *Worker) Run(ctx context.Context) error {
	if err := w.client.Start(ctx); err != nil {
		return fmt.Errorf("job worker: %w", err)
	}
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), stopGrace)
	defer cancel()
	if err := w.client.Stop(stop); err == nil {
		return nil
	}
	hard, cancelHard := context.WithTimeout(context.WithoutCancel(ctx), stopGrace)
	defer cancelHard()
	if err := w.client.StopAndCancel(hard); err != nil {
		return fmt.Errorf("job worker: stop: %w", err)
	}
	return nil
}

// maxRounds bounds how often one process job runs the stages again while
// it keeps finding new articles.
const maxRounds = 100

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	process func(ctx context.Context) (int, error)
	timeout time.Duration
	log     *slog.Logger
}

func (w *processWorker) Timeout(*river.Job[ProcessArgs]) time.Duration { return w.timeout }

// Work processes until a run finds nothing new, so that articles stored
// while a run went on (whose enqueue found this job running) are not left
// waiting for the periodic job.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	total := 0
	for range maxRounds {
		n, err := w.process(ctx)
		total += n
		if err != nil {
			return fmt.Errorf("process: %w", err)
		}
		if n == 0 {
			break
		}
	}
	w.log.InfoContext(ctx, "processed", slog.Int64("job_id", job.ID), slog.Int("articles", total), slog.Int("attempt", job.Attempt))
	return nil
}

type briefWorker struct {
	river.WorkerDefaults[BriefArgs]
	rebuild func(ctx context.Context, storyID int64) error
	timeout time.Duration
}

func (w *briefWorker) Timeout(*river.Job[BriefArgs]) time.Duration { return w.timeout }

func (w *briefWorker) Work(ctx context.Context, job *river.Job[BriefArgs]) error {
	if err := w.rebuild(ctx, job.Args.StoryID); err != nil {
		return fmt.Errorf("brief %d: %w", job.Args.StoryID, err)
	}
	return nil
}

// Locked returns process wrapped in l's process lock: the form Config's
// Process takes when the function does not lock by itself.
func Locked(l parallax.ProcessLocker, process func(ctx context.Context) (int, error)) func(ctx context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		var n int
		err := l.WithProcessLock(ctx, func(ctx context.Context) error {
			var err error
			n, err = process(ctx)
			return err
		})
		return n, err
	}
}
