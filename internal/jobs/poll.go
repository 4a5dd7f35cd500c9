package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// PollArgs is the job that polls every feed that is due.
type PollArgs struct{}

// Kind names the job kind in the queue.
func (PollArgs) Kind() string { return "poll" }

// InsertOpts makes the job unique while queued or running: one poll at a
// time across all workers (requests to one host are serialised within a
// worker's fetcher; one poller keeps that true across machines too).
func (PollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: activeStates()}}
}

type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	poll    func(ctx context.Context) (int, error)
	timeout time.Duration
	log     *slog.Logger
}

func (w *pollWorker) Timeout(*river.Job[PollArgs]) time.Duration { return w.timeout }

// Work polls the due feeds and, when new items were stored, queues the
// process job for them.
func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	n, err := w.poll(ctx)
	if err != nil {
		return fmt.Errorf("poll: %w", err)
	}
	w.log.InfoContext(ctx, "polled", slog.Int64("job_id", job.ID), slog.Int("feeds", n))
	if n == 0 {
		return nil
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("poll: %w", err)
	}
	if _, err := client.Insert(ctx, ProcessArgs{}, nil); err != nil {
		return fmt.Errorf("poll: queue process: %w", err)
	}
	return nil
}
