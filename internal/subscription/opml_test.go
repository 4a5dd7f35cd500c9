package subscription_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/subscription"
)

func TestParseOPML(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "folders.opml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := subscription.ParseOPML(f)
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	want := []subscription.Outline{
		{Title: "Top level", FeedURL: "https://top.example/feed", SiteURL: "https://top.example/"},
		{Title: "Le Monde diplomatique", FeedURL: "https://monde.example/rss.xml", Category: "News/World"},
		{Title: "Café Nachrichten", FeedURL: "https://cafe.example/atom", SiteURL: "https://cafe.example", Category: "News/World"},
		{Title: "Local", FeedURL: "https://local.example/feed.json", Category: "News"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseOPML (-want +got):\n%s", diff)
	}
}

func TestParseOPMLErrors(t *testing.T) {
	for _, in := range []string{"", "<html><body>no</body></html>", "<opml><body><outline"} {
		if _, err := subscription.ParseOPML(strings.NewReader(in)); err == nil {
			t.Errorf("ParseOPML(%q) succeeded, want an error", in)
		}
	}
}

// TestOPMLRoundTrip imports 200 feeds in folders, exports them and imports
// the export: the same feeds, titles, sites and folders.
func TestOPMLRoundTrip(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>200</title></head><body>`)
	for folder := range 5 {
		if folder > 0 {
			fmt.Fprintf(&b, `<outline text="Folder %d &amp; co">`, folder)
		}
		for i := range 40 {
			n := folder*40 + i
			fmt.Fprintf(&b, `<outline type="rss" text="Feed %d — «%d»" xmlUrl="https://site%d.example/feed?a=1&amp;b=%d" htmlUrl="https://site%d.example/"/>`, n, n, n, n, n)
		}
		if folder > 0 {
			b.WriteString(`</outline>`)
		}
	}
	b.WriteString(`</body></opml>`)
	first, err := subscription.ParseOPML(strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	if len(first) != 200 {
		t.Fatalf("%d feeds imported, want 200", len(first))
	}
	var out bytes.Buffer
	if err := subscription.WriteOPML(&out, "export", time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC), first); err != nil {
		t.Fatalf("WriteOPML: %v", err)
	}
	if !strings.Contains(out.String(), `<opml version="2.0">`) || !strings.Contains(out.String(), "<dateCreated>Mon, 24 Nov 2025 00:00:00 +0000</dateCreated>") {
		t.Errorf("export is not OPML 2.0 with a date:\n%.300s", out.String())
	}
	second, err := subscription.ParseOPML(&out)
	if err != nil {
		t.Fatalf("ParseOPML(export): %v", err)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("round trip (-import +re-import):\n%s", diff)
	}
}

func FuzzParseOPML(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "folders.opml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`<opml><body><outline xmlUrl="x"><outline xmlUrl="y"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feeds, err := subscription.ParseOPML(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever parses survives a round trip.
		var out bytes.Buffer
		if err := subscription.WriteOPML(&out, "fuzz", time.Time{}, feeds); err != nil {
			t.Fatalf("WriteOPML: %v", err)
		}
		again, err := subscription.ParseOPML(&out)
		if err != nil {
			t.Fatalf("ParseOPML(WriteOPML(…)): %v\n%s", err, out.String())
		}
		if len(again) != len(feeds) {
			t.Fatalf("round trip kept %d of %d feeds", len(again), len(feeds))
		}
	})
}
