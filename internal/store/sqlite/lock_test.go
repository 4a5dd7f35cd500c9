package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// TestWithProcessLock runs holders on one handle and on handles of their
// own (as separate processes would) and checks that no two overlap.
func TestWithProcessLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parallax.db")
	ctx := context.Background()
	open := func() *sqlite.DB {
		db, err := sqlite.Open(ctx, path)
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
	const holders = 6
	dbs := []*sqlite.DB{shared, shared, shared}
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

func TestWithProcessLockCancelled(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parallax.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
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
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	ran := false
	err = db.WithProcessLock(ctx, func(context.Context) error { ran = true; return nil })
	if err == nil || ran {
		t.Errorf("WithProcessLock while held: err=%v ran=%v, want a context error and fn not run", err, ran)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("holder: %v", err)
	}
}
