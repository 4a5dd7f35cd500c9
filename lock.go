package parallax

import "context"

// ProcessLocker serialises the pipeline's ordered stages (provenance, story
// assignment) across goroutines, processes and machines sharing one store. The Processor restores its engine from the store, assigns the
// unprocessed articles and saves the results; two of those interleaved
// would each start a story for the same new event. Holding the lock from
// the restore to the last save makes every run see the previous one's
// stories.
type ProcessLocker interface {
	// WithProcessLock waits for the store's process lock (or ctx), runs fn
	// holding it and releases it. The lock is released if the process
	// dies. fn must not call WithProcessLock again.
	WithProcessLock(ctx context.Context, fn func(ctx context.Context) error) error
	// TryProcessLock runs fn holding the lock when no one else holds it,
	// and otherwise returns false at once without running fn.
	TryProcessLock(ctx context.Context, fn func(ctx context.Context) error) (bool, error)
}
