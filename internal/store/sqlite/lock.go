package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/parallax-news/parallax"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var _ parallax.ProcessLocker = (*DB)(nil)

// lockRetry is how long WithProcessLock waits between tries of a lock
// another holder keeps, on top of the busy timeout.
const lockRetry = 20 * time.Millisecond

// WithProcessLock runs fn holding the process lock of this database: an
// immediate (write) transaction on a small file beside it, <path>.lock,
// kept open while fn runs. It excludes other goroutines and other
// processes on the same file, and the operating system releases it when a
// holder dies. It is a separate file so that fn's own writes to the
// database do not wait for it.
func (db *DB) WithProcessLock(ctx context.Context, fn func(ctx context.Context) error) error {
	_, err := db.processLock(ctx, true, fn)
	return err
}

// TryProcessLock is WithProcessLock with one try of the lock (no busy
// timeout): false when another holder keeps it.
func (db *DB) TryProcessLock(ctx context.Context, fn func(ctx context.Context) error) (bool, error) {
	return db.processLock(ctx, false, fn)
}

func (db *DB) processLock(ctx context.Context, wait bool, fn func(ctx context.Context) error) (ran bool, err error) {
	q := url.Values{}
	if wait {
		q.Add("_pragma", "busy_timeout(1000)")
	}
	q.Set("_txlock", "immediate")
	path := db.path + ".lock"
	lk, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return false, fmt.Errorf("process lock %s: %w", path, err)
	}
	defer func() { err = errors.Join(err, lk.Close()) }()
	lk.SetMaxOpenConns(1)
	tx, err := beginLocked(ctx, lk, wait)
	if errors.Is(err, errBusy) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("process lock %s: %w", path, err)
	}
	defer func() {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			err = errors.Join(err, fmt.Errorf("process unlock %s: %w", path, rerr))
		}
	}()
	return true, fn(ctx)
}

// errBusy is beginLocked's answer, without wait, when the lock is held.
var errBusy = errors.New("process lock held")

// beginLocked begins an immediate transaction on lk, trying again while
// another holder keeps the lock, until ctx ends; without wait, it tries
// once and returns errBusy when the lock is held.
func beginLocked(ctx context.Context, lk *sql.DB, wait bool) (*sql.Tx, error) {
	for {
		tx, err := lk.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		var se *sqlite.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY {
			return nil, err
		}
		if !wait {
			return nil, errBusy
		}
		t := time.NewTimer(lockRetry)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
