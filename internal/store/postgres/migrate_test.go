package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// TestOpenConcurrently opens one fresh schema from several goroutines at
// once, as workers starting together would: each migration is applied
// once and every Open succeeds.
func TestOpenConcurrently(t *testing.T) {
	dsn := pgtest.DSN(t)
	ms, err := postgres.Migrations()
	if err != nil {
		t.Fatalf("Migrations: %v", err)
	}
	const n = 6
	dbs := make([]*postgres.DB, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = postgres.Open(context.Background(), dsn)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
			continue
		}
		defer dbs[i].Close()
	}
	if t.Failed() {
		return
	}
	v, err := dbs[0].SchemaVersion(context.Background())
	if err != nil {
		t.Fatalf("SchemaVersion: %v", err)
	}
	if want := ms[len(ms)-1].Version; v != want {
		t.Errorf("SchemaVersion = %d, want %d", v, want)
	}
	var rows int
	if err := dbs[0].Pool().QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&rows); err != nil {
		t.Fatalf("count migrations: %v", err)
	}
	if rows != len(ms) {
		t.Errorf("schema_migrations holds %d rows, want %d", rows, len(ms))
	}
}

// TestOpenNewerSchema checks that a program refuses a database migrated by
// a newer one.
func TestOpenNewerSchema(t *testing.T) {
	dsn := pgtest.DSN(t)
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	if _, err := db.Pool().Exec(context.Background(), `INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')`); err != nil {
		t.Fatalf("record a future migration: %v", err)
	}
	again, err := postgres.Open(context.Background(), dsn)
	if err == nil {
		t.Errorf("Open of a newer schema: nil error, want one")
		if err := again.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
}
