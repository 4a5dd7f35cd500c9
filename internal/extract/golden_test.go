package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenArticle is the reviewable form of an extraction result.
type goldenArticle struct {
	Error     string             `json:"error,omitempty"`
	Title     string             `json:"title,omitempty"`
	Byline    string             `json:"byline,omitempty"`
	Source    string             `json:"source,omitempty"`
	Section   string             `json:"section,omitempty"`
	Published string             `json:"published,omitempty"`
	Dateline  parallax.Dateline  `json:"dateline,omitzero"`
	Language  string             `json:"language,omitempty"`
	Tags      []string           `json:"tags,omitempty"`
	Body      []parallax.Block   `json:"body,omitempty"`
	Removed   []parallax.Removed `json:"removed,omitempty"`
}

func toGolden(a *parallax.Article, err error) goldenArticle {
	if err != nil {
		return goldenArticle{Error: err.Error()}
	}
	g := goldenArticle{
		Title: a.Title, Byline: a.Byline, Source: a.Source, Section: a.Section,
		Dateline: a.Dateline, Language: a.Language, Tags: a.Tags, Body: a.Body, Removed: a.Removed,
	}
	if !a.Published.IsZero() {
		g.Published = a.Published.UTC().Format(time.RFC3339)
	}
	return g
}

// fixtureType is the content type a fixture is read as, from its name.
func fixtureType(name string) string {
	if strings.HasPrefix(name, "html-") {
		return "text/html"
	}
	return "text/plain"
}

func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"testdata/*.txt", "testdata/*.html"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := extract.Document(&parallax.Document{URL: "file:///" + name, ContentType: fixtureType(name), Body: body})
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(toGolden(a, err)); err != nil {
				t.Fatal(err)
			}
			gold := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden.json"
			if *update {
				if err := os.WriteFile(gold, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gold)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if d := cmp.Diff(string(want), buf.String()); d != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", name, d)
			}
		})
	}
}
