package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/migrate"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations returns the embedded migrations, in version order.
func Migrations() ([]migrate.Migration, error) {
	return migrate.Load(migrationFS, "migrations")
}

// DB is a Parallax store in a PostgreSQL database (the schema first on the
// connection's search_path).
type DB struct {
	pool *pgxpool.Pool
	// lockKey is the advisory lock key of WithProcessLock, derived from
	// the database and schema so that stores in other schemas of the same
	// database do not contend.
	lockKey int64
	// bulkTx begins the transactions that write in bulk (ingest and
	// search indexing): with lz4 TOAST compression where the server has
	// it (PostgreSQL 14 and later, built with it), which costs a third of
	// pglz's CPU per stored body, asked for in the same round trip.
	bulkTx pgx.TxOptions
}

var _ parallax.Store = (*DB)(nil)

// Open connects to the database dsn names (a postgres:// URL or key=value
// string; pgx's pool_max_conns and other pool parameters apply, and any
// other parameter such as search_path is sent as a run-time setting) and
// brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	ms, err := Migrations()
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", cfg.ConnConfig.Database, err)
	}
	db := &DB{pool: pool}
	if err := db.setUp(ctx, ms); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", cfg.ConnConfig.Database, err)
	}
	return db, nil
}

func (db *DB) setUp(ctx context.Context, ms []migrate.Migration) error {
	var name, schema string
	err := db.pool.QueryRow(ctx, `SELECT current_database(), COALESCE(current_schema(), '')`).Scan(&name, &schema)
	if err != nil {
		return err
	}
	if schema == "" {
		return errors.New("no schema on the search_path to create tables in")
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "parallax.process\x00%s\x00%s", name, schema)
	db.lockKey = int64(h.Sum64())
	lz4, err := hasLZ4(ctx, db.pool)
	if err != nil {
		return err
	}
	if lz4 {
		db.bulkTx.BeginQuery = `BEGIN; SET LOCAL default_toast_compression = lz4`
	}
	return runMigrations(ctx, db.pool, ms)
}

// hasLZ4 reports whether the server offers lz4 for TOAST compression. A
// server that refuses the question (a PostgreSQL-compatible engine without
// pg_settings or the setting) has none.
func hasLZ4(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	const q = `SELECT EXISTS (SELECT 1 FROM pg_settings
WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))`
	var ok bool
	err := pool.QueryRow(ctx, q).Scan(&ok)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return false, nil
	}
	return ok, err
}

// Pool returns the connection pool, for packages that share the database
// (the job queue).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the connection pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// runMigrations applies the pending migrations, each in its own
// transaction that first claims the version's row in schema_migrations:
// when several processes start at once, the others wait on that row and
// then find the version applied.
func runMigrations(ctx context.Context, pool *pgxpool.Pool, ms []migrate.Migration) error {
	if err := createMigrationsTable(ctx, pool); err != nil {
		return err
	}
	for {
		var applied int
		if err := pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&applied); err != nil {
			return fmt.Errorf("migrate: read version: %w", err)
		}
		pending, err := migrate.Pending(ms, applied)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		if err := apply(ctx, pool, pending[0]); err != nil {
			return err
		}
	}
}

// createMigrationsTable creates schema_migrations unless it exists. Two
// processes creating it at once may collide in the catalog: the loser
// retries and finds it.
func createMigrationsTable(ctx context.Context, pool *pgxpool.Pool) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`
	var err error
	for range 3 {
		// 23505 unique_violation (pg_type's name index), 42P07
		// duplicate_table, 42710 duplicate_object (the table's row type):
		// which one the loser sees depends on timing.
		if _, err = pool.Exec(ctx, create); err == nil || !isCode(err, "23505", "42P07", "42710") {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

func apply(ctx context.Context, pool *pgxpool.Pool, m migrate.Migration) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		const claim = `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)
ON CONFLICT (version) DO NOTHING RETURNING version`
		var v int
		err := tx.QueryRow(ctx, claim, m.Version, m.Name).Scan(&v)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // another process applied it
		}
		if err != nil {
			return err
		}
		// No arguments: the simple protocol, which runs every statement.
		_, err = tx.Exec(ctx, m.SQL)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate %04d_%s: %w", m.Version, m.Name, err)
	}
	return nil
}

// SchemaVersion returns the highest migration version the database records.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// isCode reports whether err is a PostgreSQL error with one of the codes.
func isCode(err error, codes ...string) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	for _, c := range codes {
		if pe.Code == c {
			return true
		}
	}
	return false
}

// mapErr adds the domain sentinel to constraint errors: a missing
// referenced row is parallax.ErrNotFound, a duplicate is
// parallax.ErrConflict.
func mapErr(err error) error {
	switch {
	case isCode(err, "23503"): // foreign_key_violation
		return fmt.Errorf("%w: %w", parallax.ErrNotFound, err)
	case isCode(err, "23505"): // unique_violation
		return fmt.Errorf("%w: %w", parallax.ErrConflict, err)
	}
	return err
}

// maxAttempts bounds the retries of a transaction that lost a deadlock or
// a serialization conflict (what CockroachDB reports for contention).
const maxAttempts = 5

// inTx runs fn in a read-write transaction and commits it, retrying the
// whole transaction when it lost a deadlock or serialization conflict; fn
// must therefore only touch the database and its own locals.
func (db *DB) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return db.inTxWith(ctx, pgx.TxOptions{}, fn)
}

// inTxWith is inTx with the transaction's options.
func (db *DB) inTxWith(ctx context.Context, opts pgx.TxOptions, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := range maxAttempts {
		if attempt > 0 {
			if werr := sleep(ctx, time.Duration(attempt*attempt)*10*time.Millisecond); werr != nil {
				return errors.Join(err, werr)
			}
		}
		err = pgx.BeginTxFunc(ctx, db.pool, opts, fn)
		if !isCode(err, "40001", "40P01") {
			break
		}
	}
	return mapErr(err)
}

// inReadTx runs fn in a read-only repeatable-read transaction, so that its
// queries see one snapshot.
func (db *DB) inReadTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	return pgx.BeginTxFunc(ctx, db.pool, opts, fn)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
