package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

// TestProcessLock runs the shared lock tests on stores of their own on one
// schema, as workers on other machines would hold them.
func TestProcessLock(t *testing.T) {
	storetest.RunProcessLock(t, func(t *testing.T) func() parallax.ProcessLocker {
		dsn := pgtest.DSN(t)
		return func() parallax.ProcessLocker {
			db, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			t.Cleanup(func() {
				if err := db.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			return db
		}
	})
}

// TestWithProcessLockOtherSchema checks that stores in other schemas of one
// database do not share the lock.
func TestWithProcessLockOtherSchema(t *testing.T) {
	ctx := context.Background()
	a, b := openTemp(t), openTemp(t)
	defer a.Close()
	defer b.Close()
	err := a.WithProcessLock(ctx, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		return b.WithProcessLock(ctx, func(context.Context) error { return nil })
	})
	if err != nil {
		t.Errorf("lock of another schema while one is held: %v", err)
	}
}

func TestWithProcessLockOneConnection(t *testing.T) {
	db, err := postgres.Open(context.Background(), pgtest.DSN(t)+"&pool_max_conns=1")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	ran := false
	err = db.WithProcessLock(context.Background(), func(context.Context) error { ran = true; return nil })
	if err == nil || ran {
		t.Errorf("WithProcessLock with one connection: err=%v ran=%v, want an error instead of a deadlock", err, ran)
	}
}
