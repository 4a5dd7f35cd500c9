package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax/internal/cputime"
)

// Env names the variable holding the test database's URL; RequireEnv the
// one that turns a skip into a failure.
const (
	Env        = "PARALLAX_TEST_POSTGRES"
	RequireEnv = "PARALLAX_REQUIRE_POSTGRES"
)

// BaseDSN returns the test database's URL, or skips t (fails it under
// PARALLAX_REQUIRE_POSTGRES=1) when none is set.
func BaseDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(Env)
	if dsn != "" {
		return dsn
	}
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s=1 but %s is not set", RequireEnv, Env)
	}
	t.Skipf("PostgreSQL tests skipped: set %s to a postgres:// URL to run them", Env)
	return ""
}

// DSN creates a schema of its own for t in the test database and returns a
// DSN whose search_path is that schema; the schema and everything in it is
// dropped when t ends (after the cleanups registered later, such as
// closing a store opened on it).
func DSN(t testing.TB) string {
	t.Helper()
	base := BaseDSN(t)
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatalf("schema name: %v", err)
	}
	schema := "parallax_test_" + hex.EncodeToString(b[:])
	exec(t, base, `CREATE SCHEMA `+schema)
	t.Cleanup(func() { exec(t, base, `DROP SCHEMA `+schema+` CASCADE`) })
	return WithSearchPath(base, schema)
}

// WithSearchPath returns dsn with its search_path set to schema.
func WithSearchPath(dsn, schema string) string {
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn + "&search_path=" + schema // let pgx report the bad URL
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func exec(t testing.TB, dsn, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", Env, err)
	}
	defer func() {
		if err := conn.Close(ctx); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// BackendCPU returns the CPU time used so far by the server backends of
// the connections named app (application_name), read from /proc: it
// works when the server runs on this machine, as the local test cluster
// does, and ok is false otherwise. Backends exit with their connections,
// so it is read before a pool closes.
func BackendCPU(ctx context.Context, db interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}, app string) (total time.Duration, ok bool) {
	rows, err := db.Query(ctx, `SELECT pid FROM pg_stat_activity
WHERE datname = current_database() AND backend_type = 'client backend' AND application_name = $1`, app)
	if err != nil {
		return 0, false
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return 0, false
	}
	for _, pid := range pids {
		d, ok := cputime.PID(int(pid))
		if !ok {
			return 0, false
		}
		total += d
	}
	return total, true
}
