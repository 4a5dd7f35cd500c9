package feed_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/feed"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden is the reviewable summary of a parsed feed.
type golden struct {
	Title string       `json:"title"`
	Link  string       `json:"link"`
	Type  string       `json:"type"`
	Items []goldenItem `json:"items"`
}

type goldenItem struct {
	URL         string   `json:"url"`
	ID          string   `json:"id,omitempty"`
	Title       string   `json:"title"`
	Source      string   `json:"source"`
	Byline      string   `json:"byline,omitempty"`
	Published   string   `json:"published,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	ContentType string   `json:"content_type"`
	BodyStart   string   `json:"body_start"`
	SummaryOnly bool     `json:"summary_only"`
}

func summarise(f *feed.Feed) golden {
	g := golden{Title: f.Title, Link: f.Link, Type: f.Type}
	for _, it := range f.Items {
		d := it.Doc
		gi := goldenItem{
			URL: d.URL, ID: d.Hints.ID, Title: d.Hints.Title, Source: d.Hints.Source,
			Byline: d.Hints.Byline, Tags: d.Hints.Tags, ContentType: d.ContentType,
			SummaryOnly: it.SummaryOnly,
		}
		if !d.Hints.Published.IsZero() {
			gi.Published = d.Hints.Published.Format("2006-01-02T15:04:05Z07:00")
		}
		body := string(d.Body)
		if len(body) > 60 {
			body = body[:60]
		}
		gi.BodyStart = body
		g.Items = append(g.Items, gi)
	}
	return g
}

func TestParseGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, ".golden.json") || strings.Contains(path, "invalid") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !feed.Sniff(raw) {
				t.Errorf("Sniff=false for a feed")
			}
			f, err := feed.Parse(bytes.NewReader(raw), "https://feeds.example/"+filepath.Base(path))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(summarise(f)); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			gold := path + ".golden.json"
			if *update {
				if err := os.WriteFile(gold, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gold)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if d := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		notFeed bool
	}{
		{"html page", "testdata/invalid-html.xml", true},
		{"truncated rss", "testdata/invalid-truncated.xml", false},
		{"empty", "", true},
		{"json object that is not a feed", `{"text": "x"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.body)
			if strings.HasPrefix(tt.body, "testdata/") {
				var err error
				if raw, err = os.ReadFile(tt.body); err != nil {
					t.Fatal(err)
				}
			}
			_, err := feed.Parse(bytes.NewReader(raw), "bad.xml")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "bad.xml") {
				t.Errorf("error %q does not name the feed", err)
			}
			if got := errors.Is(err, feed.ErrNotFeed); got != tt.notFeed {
				t.Errorf("errors.Is(ErrNotFeed)=%v, want %v (%v)", got, tt.notFeed, err)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, true},
		{`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, true},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>`, true},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": []}`, true},
		{`{"text": "a jsonl record"}`, false},
		{`<html><body>page</body></html>`, false},
		{`plain text`, false},
	}
	for _, tt := range tests {
		if got := feed.Sniff([]byte(tt.body)); got != tt.want {
			t.Errorf("Sniff(%.30q)=%v, want %v", tt.body, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fd, err := feed.Parse(bytes.NewReader(body), "fuzz.xml")
		if err != nil {
			return
		}
		for _, it := range fd.Items {
			if it.Doc == nil || it.Doc.URL == "" {
				t.Fatalf("item without document or URL: %+v", it)
			}
		}
	})
}
