package postgres_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// TestWithProcessLock runs holders on one store and on stores of their own
// (as workers on other machines would) and checks that no two overlap.
func TestWithProcessLock(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	open := func() *postgres.DB {
		db, err := postgres.Open(ctx, dsn)
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
	shared := open()
	const holders = 8
	dbs := []*postgres.DB{shared, shared, shared}
	for len(dbs) < holders {
		dbs = append(dbs, open())
	}
	var (
		inside, most, runs atomic.Int32
		wg                 sync.WaitGroup
	)
	for i, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.WithProcessLock(ctx, func(context.Context) error {
				n := inside.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(10 * time.Millisecond)
				inside.Add(-1)
				runs.Add(1)
				return nil
			})
			if err != nil {
				t.Errorf("holder %d: WithProcessLock: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if got := most.Load(); got != 1 {
		t.Errorf("at most %d holders at once, want 1", got)
	}
	if got := runs.Load(); got != holders {
		t.Errorf("fn ran %d times, want %d", got, holders)
	}
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

func TestWithProcessLockCancelled(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.WithProcessLock(context.Background(), func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	ran := false
	err := db.WithProcessLock(ctx, func(context.Context) error { ran = true; return nil })
	if err == nil || ran {
		t.Errorf("WithProcessLock while held: err=%v ran=%v, want a context error and fn not run", err, ran)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("holder: %v", err)
	}
	// The lock is free again.
	if err := db.WithProcessLock(context.Background(), func(context.Context) error { return nil }); err != nil {
		t.Errorf("WithProcessLock after release: %v", err)
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
