package dedup_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/shared"
)

// storyDocs is a labelled corpus: articles and the story each belongs to.
type storyDocs struct {
	docs  []dedup.Doc
	story map[int64]string
}

func basil(t *testing.T) storyDocs {
	t.Helper()
	dir := shared.TestDir(t, "bench-data/basil/data/articles")
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("basil articles under %s: %v", dir, err)
	}
	c := storyDocs{story: map[int64]string{}}
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var a struct {
			Body    [][]string `json:"body-paragraphs"`
			Triplet string     `json:"triplet-uuid"`
		}
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		paras := make([]string, len(a.Body))
		for k, s := range a.Body {
			paras[k] = strings.Join(s, " ")
		}
		c.docs = append(c.docs, dedup.Doc{ID: int64(i), Text: strings.Join(paras, "\n")})
		c.story[int64(i)] = a.Triplet
	}
	return c
}

func ecbplus(t *testing.T) storyDocs {
	t.Helper()
	path := filepath.Join(shared.TestDir(t, "bench-data/ecbplus-docs"), "ecbplus_docs.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := storyDocs{story: map[int64]string{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for i := 0; sc.Scan(); i++ {
		var a struct{ Text, Subtopic string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s line %d: %v", path, i+1, err)
		}
		c.docs = append(c.docs, dedup.Doc{ID: int64(i), Text: a.Text})
		c.story[int64(i)] = a.Subtopic
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestNoLinksAcrossStories indexes independent articles (BASIL: one story
// told by three outlets; ECB+: documents on 70 events, two of each kind)
// and counts derivations between articles of different stories, which are
// all wrong. Links within a story are logged, not judged: outlets do share
// wire copy and statements.
func TestNoLinksAcrossStories(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes two corpora")
	}
	for name, load := range map[string]func(*testing.T) storyDocs{"basil": basil, "ecbplus": ecbplus} {
		t.Run(name, func(t *testing.T) {
			c := load(t)
			ix := dedup.NewIndex(dedup.Config{})
			within, across := map[string]int{}, 0
			for _, d := range c.docs {
				for _, dv := range ix.Add(d) {
					if c.story[dv.ArticleID] != c.story[dv.SourceID] {
						across++
						continue
					}
					within[string(dv.Kind)]++
				}
			}
			t.Logf("%d articles: within a story %v, across stories %d", len(c.docs), within, across)
			if across*100 > len(c.docs) {
				t.Errorf("%d links across stories among %d articles, want under 1%%", across, len(c.docs))
			}
		})
	}
}
