package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/migrate"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations returns the embedded migrations, in version order.
func Migrations() ([]migrate.Migration, error) {
	return migrate.Load(migrationFS, "migrations")
}

// busyTimeout is how long a write waits for another process holding the
// write lock, in milliseconds.
const busyTimeout = 10000

// DB is a Parallax store in one SQLite file.
type DB struct {
	path  string
	write *sql.DB // one connection: SQLite has one writer at a time
	read  *sql.DB // read-only connections, concurrent under WAL
}

var _ parallax.Store = (*DB)(nil)

// Open opens (creating it if needed) the SQLite database at path and brings
// its schema up to date. The parent directory must exist.
func Open(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	ms, err := Migrations()
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	if err := setUp(ctx, w); err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), w.Close())
	}
	if err := runMigrations(ctx, w, ms); err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), w.Close())
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), w.Close())
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &DB{path: abs, write: w, read: r}, nil
}

// dsn builds the driver's connection string for the file at abs.
func dsn(abs string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout))
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// NORMAL is safe in WAL mode against a crash of the process: a
		// committed transaction survives kill -9; only a power cut may lose
		// the last commits, never consistency.
		q.Add("_pragma", "synchronous(NORMAL)")
		// Statement journals (undo of one failed statement inside a
		// transaction) in memory rather than in temporary files.
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-8000)") // KiB: 500 pages
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
}

// setUp switches the file to WAL mode, first choosing a page size that
// holds a few articles per page when the file is new (the page size of a
// file in WAL mode cannot change).
func setUp(ctx context.Context, w *sql.DB) error {
	if _, err := w.ExecContext(ctx, `PRAGMA page_size = 16384`); err != nil {
		return fmt.Errorf("page size: %w", err)
	}
	var mode string
	if err := w.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return fmt.Errorf("journal mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes both connection pools.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

// runMigrations applies the pending migrations, each in its own transaction
// that re-reads the recorded version, so that two processes opening a new
// file at once apply each migration once.
func runMigrations(ctx context.Context, w *sql.DB, ms []migrate.Migration) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)`
	if _, err := w.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for {
		applied, err := appliedVersion(ctx, w)
		if err != nil {
			return err
		}
		pending, err := migrate.Pending(ms, applied)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		if err := apply(ctx, w, pending[0]); err != nil {
			return err
		}
	}
}

func appliedVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("migrate: read version: %w", err)
	}
	return v, nil
}

func apply(ctx context.Context, w *sql.DB, m migrate.Migration) error {
	err := inTx(ctx, w, func(tx *sql.Tx) error {
		applied, err := appliedVersion(ctx, tx)
		if err != nil {
			return err
		}
		if applied >= m.Version {
			return nil // another process got there first
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.Version, m.Name)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate %04d_%s: %w", m.Version, m.Name, err)
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx share for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in a transaction of w and commits it, or rolls it back when
// fn or the commit fails.
func inTx(ctx context.Context, w *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			return errors.Join(mapErr(err), rerr)
		}
		return mapErr(err)
	}
	if err := tx.Commit(); err != nil {
		return mapErr(err)
	}
	return nil
}

// mapErr adds the domain sentinel to SQLite constraint errors: a missing
// referenced row is parallax.ErrNotFound, a duplicate is parallax.ErrConflict.
func mapErr(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %w", parallax.ErrNotFound, err)
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", parallax.ErrConflict, err)
	}
	return err
}
