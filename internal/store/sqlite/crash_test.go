package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// crashEnv names the database the crash child writes to.
const crashEnv = "PARALLAX_SQLITE_CRASH_DB"

const crashBatch = 100

// crashItems is batch b of the crash test's ingest: the same URLs every run.
func crashItems(b int) []parallax.Ingested {
	items := make([]parallax.Ingested, crashBatch)
	for i := range items {
		items[i] = article(b*crashBatch+i, strings.Repeat("filler ", 400))
	}
	return items
}

// TestCrashChild is the child process of TestCrashMidIngest: it ingests
// batches until killed, printing each committed batch.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs as the child process of TestCrashMidIngest")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; ; b++ {
		if _, err := db.CreateDocuments(context.Background(), crashItems(b)); err != nil {
			t.Fatal(err)
		}
		// The parent reads progress from stdout.
		if _, err := fmt.Fprintf(os.Stdout, "committed %d\n", b); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashMidIngest kills (SIGKILL) a process in the middle of an ingest
// and checks that every batch is stored whole or not at all, and that the
// same ingest again stores each document exactly once.
func TestCrashMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parallax.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := -1
	lines := bufio.NewScanner(out)
	for committed < 2 && lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "committed "); ok {
			if committed, err = strconv.Atoi(n); err != nil {
				t.Fatal(err)
			}
		}
	}
	time.Sleep(7 * time.Millisecond) // into the next transaction
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("child exited cleanly; want it killed")
	}
	if committed < 2 {
		t.Fatalf("child committed %d batches before dying, want 3", committed+1)
	}

	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after the crash: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	var check string
	if err := db.Raw().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	as, err := db.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(as)%crashBatch != 0 || len(as) < (committed+1)*crashBatch {
		t.Fatalf("after the crash: %d articles, want whole batches of %d, at least %d", len(as), crashBatch, (committed+1)*crashBatch)
	}
	// The same ingest again, one batch further than the child got.
	last := len(as) / crashBatch
	for b := 0; b <= last; b++ {
		created, err := db.CreateDocuments(ctx, crashItems(b))
		if err != nil {
			t.Fatal(err)
		}
		want := b == last
		for i, ok := range created {
			if ok != want {
				t.Fatalf("batch %d item %d: created %v, want %v", b, i, ok, want)
			}
		}
	}
	as, err = db.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range as {
		if seen[a.URL] {
			t.Errorf("%s stored twice", a.URL)
		}
		seen[a.URL] = true
	}
	if len(seen) != (last+1)*crashBatch {
		t.Errorf("stored %d documents, want %d", len(seen), (last+1)*crashBatch)
	}
}
