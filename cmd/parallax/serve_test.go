package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
)

func TestToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	secret := strings.TrimSpace(mustRun(t, "--db", db, "token", "create", "--name", "ci"))
	if !strings.HasPrefix(secret, "plx_") || len(secret) != 4+64 {
		t.Fatalf("token create printed %q, want a plx_ secret", secret)
	}
	list := mustRun(t, "--db", db, "token", "list")
	if !strings.Contains(list, "ci") || !strings.Contains(list, "live") || strings.Contains(list, secret) {
		t.Errorf("token list: %q, want the live token by name and never its secret", list)
	}
	mustRun(t, "--db", db, "token", "revoke", "1")
	if list := mustRun(t, "--db", db, "token", "list"); !strings.Contains(list, "revoked") {
		t.Errorf("token list after revoke: %q", list)
	}
	if _, _, err := runCLI(t, "--db", db, "token", "revoke", "9"); err == nil {
		t.Error("revoking an unknown token succeeded")
	}
	if _, _, err := runCLI(t, "--db", db, "token", "mint"); err == nil {
		t.Error("an unknown subcommand succeeded")
	}
}

// TestServe starts `parallax serve` on a free port, asks it for its health
// and stops it as SIGINT would (by cancelling its context).
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, func(string) string { return "" }, pw, io.Discard)
		pw.CloseWithError(err)
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	_, rest, ok := strings.Cut(line, "http://")
	if !ok {
		t.Fatalf("serve printed %q, want its address", line)
	}
	base := "http://" + strings.Fields(rest)[0]
	res, err := http.Get(base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Body.Close(); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d %v", res.StatusCode, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestInlineWorker runs the single-machine worker of `serve --with-worker`
// against a subscribed feed: the due feed is polled, its items stored and
// processed into stories, and the loop ends with its context.
func TestInlineWorker(t *testing.T) {
	site := newNewsSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateFeed(ctx, &parallax.Feed{URL: site.srv.URL + "/rss.xml"}); err != nil {
		t.Fatal(err)
	}
	f := fetch.New(fetch.Options{AllowPrivate: true, Delay: -1})
	done := make(chan error, 1)
	go func() {
		done <- inlineWorker(ctx, st, &pipeline.Processor{Store: st}, f, time.Hour, slog.New(slog.DiscardHandler))
	}()
	deadline := time.Now().Add(30 * time.Second)
	var stories []*parallax.Story
	for len(stories) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		if stories, err = st.FindStories(ctx, parallax.StoryFilter{}); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("inlineWorker: %v", err)
	}
	if len(stories) == 0 {
		t.Fatal("no story after the worker polled the feed")
	}
	feeds, err := st.FindFeeds(context.Background(), parallax.FeedFilter{})
	if err != nil || len(feeds) != 1 || feeds[0].Status != parallax.FeedOK {
		t.Fatalf("feeds = %+v, %v; want one polled feed", feeds, err)
	}
}
