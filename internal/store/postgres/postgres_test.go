package postgres_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store/migrate"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

// openTemp opens a store in a schema of its own, dropped when t ends.
func openTemp(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	pgtest.BaseDSN(t)
	storetest.Run(t, func(t *testing.T) parallax.Store { return openTemp(t) })
}

// TestMigrationsInLockstep checks that the PostgreSQL and SQLite stores
// hold the same migration versions with the same names.
func TestMigrationsInLockstep(t *testing.T) {
	pg, err := postgres.Migrations()
	if err != nil {
		t.Fatalf("postgres.Migrations: %v", err)
	}
	lite, err := sqlite.Migrations()
	if err != nil {
		t.Fatalf("sqlite.Migrations: %v", err)
	}
	names := func(ms []migrate.Migration) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = m.Name
		}
		return out
	}
	if diff := cmp.Diff(migrate.Versions(lite), migrate.Versions(pg)); diff != "" {
		t.Errorf("migration versions (-sqlite +postgres):\n%s", diff)
	}
	if diff := cmp.Diff(names(lite), names(pg)); diff != "" {
		t.Errorf("migration names (-sqlite +postgres):\n%s", diff)
	}
}
