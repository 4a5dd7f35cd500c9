package brief_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/shared"
)

// seedsInput runs the stages before the brief over ../shared/seeds, one
// story; seed 000 is article 1, 004 article 5.
func seedsInput(t *testing.T) brief.Input {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	if len(paths) != 5 {
		t.Fatalf("%d seeds, want 5", len(paths))
	}
	in := brief.Input{StoryID: 1}
	ix := dedup.NewIndex(dedup.Config{})
	derived := map[int64]parallax.Derivation{}
	var docs []entity.DocMentions
	for i, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Document(&parallax.Document{ID: int64(i + 1), URL: "file://" + p, ContentType: "text/plain", Body: body})
		if err != nil {
			t.Fatalf("extract %s: %v", p, err)
		}
		a.ID = int64(i + 1)
		in.Articles = append(in.Articles, a)
		for _, d := range ix.Add(dedup.Doc{ID: a.ID, Published: a.When(), Text: a.Text()}) {
			derived[d.ArticleID] = d
		}
		docs = append(docs, entity.DocMentions{ArticleID: a.ID, Mentions: entity.Recognize(a.Text())})
	}
	for _, id := range slices.Sorted(mapsKeys(derived)) {
		in.Derivations = append(in.Derivations, derived[id])
	}
	in.Entities = entity.Resolve(docs)
	for i, a := range in.Articles {
		txt, ms := a.Text(), docs[i].Mentions
		in.Analyses = append(in.Analyses, parallax.Analysis{ArticleID: a.ID, Mentions: ms,
			Quotes: quote.Extract(txt, ms), Claims: claim.Extract(txt, ms, a.When())})
	}
	return in
}

func mapsKeys(m map[int64]parallax.Derivation) func(func(int64) bool) {
	return func(yield func(int64) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestSeeds(t *testing.T) {
	in := seedsInput(t)
	b := brief.Build(in)
	if testing.Verbose() {
		var buf bytes.Buffer
		if err := brief.WriteText(&buf, b, 100); err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + buf.String())
	}

	t.Run("Trump's role", func(t *testing.T) {
		var role *parallax.Comparison
		for i, c := range b.Claims {
			if strings.Contains(c.Subject, "Trump") && c.Conflict {
				role = &b.Claims[i]
			}
		}
		if role == nil {
			t.Fatalf("no disagreement on Donald Trump; comparisons: %+v", b.Claims)
		}
		sides := map[bool][]int64{}
		for _, v := range role.Values {
			former := strings.Contains(strings.ToLower(v.Value), "former")
			sides[former] = append(sides[former], v.ArticleIDs...)
		}
		if diff := cmp.Diff(map[bool][]int64{true: {1, 5}, false: {2, 3, 4}}, sides); diff != "" {
			t.Errorf("sides of %q (-want +got):\n%s", role.Subject, diff)
		}
		if !strings.Contains(role.Note, "article 1, a rewrite of article 2, contradicts it") {
			t.Errorf("Note=%q, want 000 (article 1) named as a rewrite of 001 contradicting it", role.Note)
		}
	})

	t.Run("no spelling disagreements", func(t *testing.T) {
		for _, c := range b.Claims {
			s := strings.ToLower(c.Subject)
			if c.Conflict && (strings.Contains(s, "peskov") || strings.Contains(s, "zelensk")) {
				t.Errorf("disagreement over %s: %+v", c.Subject, c)
			}
		}
	})

	t.Run("summary", func(t *testing.T) {
		cited := map[int64]bool{}
		for _, c := range b.Summary {
			for _, id := range c.ArticleIDs {
				cited[id] = true
			}
		}
		if n := len(b.Summary); n < 5 || n > 10 {
			t.Errorf("summary of %d sentences, want 5 to 10", n)
		}
		if len(cited) < 4 {
			t.Errorf("summary cites %d articles, want at least 4 of 5", len(cited))
		}
	})

	t.Run("quotes", func(t *testing.T) {
		speakers := map[string]bool{}
		for _, q := range b.Quotes {
			speakers[q.Speaker] = true
		}
		for _, want := range []string{"Zelensky", "Rubio", "Wadephul", "Tusk"} {
			found := false
			for s := range speakers {
				if strings.Contains(s, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no quote by %s; speakers %v", want, slices.Sorted(func(yield func(string) bool) {
					for s := range speakers {
						if !yield(s) {
							return
						}
					}
				}))
			}
		}
	})

	t.Run("key points", func(t *testing.T) {
		for _, want := range []string{"28-point", "600,000"} {
			found := false
			for _, k := range b.KeyPoints {
				if strings.Contains(strings.ToLower(k.Text), want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no key point with %q in %+v", want, b.KeyPoints)
			}
		}
	})
}
