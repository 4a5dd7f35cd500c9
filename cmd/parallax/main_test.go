package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/view"
)

// TestMain lets the test binary stand in for the parallax command in child
// processes (the crash test).
func TestMain(m *testing.M) {
	if os.Getenv("PARALLAX_TEST_CHILD") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// runCLI runs the command in-process and returns its stdout and stderr.
func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		if k == "HOME" {
			return t.TempDir()
		}
		return ""
	}
	err := run(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("parallax %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

func TestIngestSeedsIdempotent(t *testing.T) {
	seeds := shared.TestDir(t, "seeds")
	db := filepath.Join(t.TempDir(), "p.db")
	out := mustRun(t, "--db", db, "ingest", seeds)
	if !strings.Contains(out, "5 new articles, 0 already known, 0 failed") {
		t.Fatalf("first ingest: %s", out)
	}
	out = mustRun(t, "--db", db, "ingest", seeds)
	if !strings.Contains(out, "0 new articles, 5 already known, 0 failed") {
		t.Fatalf("second ingest: %s", out)
	}
	var arts []view.Article
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "articles", "--json")), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 5 {
		t.Fatalf("articles = %d, want 5", len(arts))
	}
	var detail view.ArticleDetail
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "article", fmt.Sprint(arts[0].ID), "--json")), &detail); err != nil {
		t.Fatal(err)
	}
	if len(detail.Body) == 0 || detail.StoryReason == nil {
		t.Errorf("article detail lacks body or story reason: %+v", detail)
	}
	var stories []view.Story
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "stories", "--json")), &stories); err != nil {
		t.Fatal(err)
	}
	if len(stories) == 0 {
		t.Fatal("no stories")
	}
	mustRun(t, "--db", db, "story", fmt.Sprint(stories[0].ID), "--json")
}

func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "p.db")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Harbour pilots in Port Ellis voted on Tuesday to end a three-day strike.\n\nThe union said 340 members took part."))
	// Stored before the bad batch: it must not change.
	mustRun(t, "--db", db, "ingest", good)
	before := mustRun(t, "--db", db, "articles", "--json")

	write("latin1.txt", []byte("Caf\xe9 owners in M\xfcnster said the na\xefve plan would fail, according to the chamber."))
	write("good.jsonl", []byte(`{"url":"https://example.org/a","title":"A","text":"Council members approved the city budget on Monday after a long debate. The vote was seven to two, and the mayor said the money would go to roads and schools."}`+"\n"+`{broken`+"\n"))
	bad := map[string]string{
		"empty.txt":  write("empty.txt", nil),
		"binary.txt": write("binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")),
		"big.txt":    write("big.txt", bytes.Repeat([]byte("Long line of words. "), 500)),
		"good.jsonl": filepath.Join(dir, "good.jsonl") + ":2",
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	bad["dangling.txt"] = filepath.Join(dir, "dangling.txt")
	if os.Geteuid() != 0 { // root reads anything
		p := write("locked.txt", []byte("Locked away."))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		bad["locked.txt"] = p
	}
	missing := filepath.Join(dir, "does-not-exist")
	out, _, err := runCLI(t, "--db", db, "--max-size", "4KiB", "ingest", dir, missing)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want a reported failure (exit 1)\n%s", err, out)
	}
	for name, input := range bad {
		if !strings.Contains(out, "failed: "+input+": ") {
			t.Errorf("%s not reported as failed with its path %q:\n%s", name, input, out)
		}
	}
	if !strings.Contains(out, "failed: "+missing+": ") {
		t.Errorf("missing path not reported:\n%s", out)
	}
	// good.txt again (known), latin1.txt and the good .jsonl record (new).
	if !strings.Contains(out, "2 new articles, 1 already known") {
		t.Errorf("summary: %s", out)
	}
	var arts []view.Article
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "articles", "--json")), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Errorf("articles = %d, want 3", len(arts))
	}
	var first []view.Article
	if err := json.Unmarshal([]byte(before), &first); err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(arts[0]); string(got) != mustMarshal(t, first[0]) {
		t.Errorf("article stored before changed:\nbefore %s\nafter  %s", mustMarshal(t, first[0]), got)
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIngestCrashResume kills an ingest with SIGKILL in the middle and runs
// it again: every document ends up stored exactly once.
func TestIngestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test spawns child processes")
	}
	dir := t.TempDir()
	const n = 3000
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("Report number %d from the harbour.\n\nOfficials counted %d containers on pier %d. The count was checked twice.", i, i*7, i%40)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "--db", db, "--quiet", "ingest", dir)
		cmd.Env = append(os.Environ(), "PARALLAX_TEST_CHILD=1")
		return cmd
	}
	killed := false
	for _, delay := range []time.Duration{300 * time.Millisecond, 600 * time.Millisecond} {
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			killed = true
		}
		_ = cmd.Wait() // killed: the exit status is the point
	}
	if !killed {
		t.Log("the child finished before it could be killed; the resume check still runs")
	}
	out, err := child().CombinedOutput()
	if err != nil {
		t.Fatalf("resumed ingest: %v\n%s", err, out)
	}
	var arts []view.Article
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "articles", "--json")), &arts); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.URL] {
			t.Fatalf("%s stored twice", a.URL)
		}
		seen[a.URL] = true
	}
	if len(arts) != n {
		t.Fatalf("articles = %d, want %d (resumed run said %s)", len(arts), n, out)
	}
}
