package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

// TestProcessLock runs the shared lock tests on handles of one database
// file, as separate processes would hold them.
func TestProcessLock(t *testing.T) {
	storetest.RunProcessLock(t, func(t *testing.T) func() parallax.ProcessLocker {
		path := filepath.Join(t.TempDir(), "parallax.db")
		return func() parallax.ProcessLocker {
			db, err := sqlite.Open(context.Background(), path)
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
