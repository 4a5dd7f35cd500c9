package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax"
)

// WithProcessLock runs fn holding a PostgreSQL session advisory lock keyed
// by this database and schema, on a connection set aside for it, so that
// one Processor at a time runs across every worker on every machine. The
// lock goes with the session: a worker killed mid-run releases it when its
// connection drops. fn uses the store's other connections as usual.
//
// The lock is not a fence: if the lock's connection is lost while fn runs
// (a network partition), another worker may start before fn returns.
// CockroachDB has no advisory locks; there the same role falls to a row
// locked with SELECT … FOR UPDATE in a transaction held for fn's duration.
func (db *DB) WithProcessLock(ctx context.Context, fn func(ctx context.Context) error) error {
	_, err := db.processLock(ctx, true, fn)
	return err
}

// TryProcessLock is WithProcessLock without the wait: pg_try_advisory_lock.
func (db *DB) TryProcessLock(ctx context.Context, fn func(ctx context.Context) error) (bool, error) {
	return db.processLock(ctx, false, fn)
}

func (db *DB) processLock(ctx context.Context, wait bool, fn func(ctx context.Context) error) (ran bool, err error) {
	if db.pool.Config().MaxConns < 2 {
		// The lock keeps one connection; fn needs another.
		return false, errors.New("process lock: pool_max_conns must be 2 or more")
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("process lock: %w", err)
	}
	defer conn.Release()
	if wait {
		_, err = conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, db.lockKey)
	} else {
		var got bool
		if err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, db.lockKey).Scan(&got); err == nil && !got {
			return false, nil
		}
	}
	if err != nil {
		// A wait cut short by ctx leaves the connection in an unknown
		// state: close it rather than return it to the pool.
		return false, errors.Join(fmt.Errorf("process lock: %w", err), conn.Conn().Close(context.WithoutCancel(ctx)))
	}
	defer func() {
		var unlocked bool
		uerr := conn.QueryRow(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, db.lockKey).Scan(&unlocked)
		if uerr == nil && !unlocked {
			uerr = errors.New("lock was not held")
		}
		if uerr != nil {
			err = errors.Join(err, fmt.Errorf("process unlock: %w", uerr), conn.Conn().Close(context.WithoutCancel(ctx)))
		}
	}()
	return true, fn(ctx)
}

var _ parallax.ProcessLocker = (*DB)(nil)
