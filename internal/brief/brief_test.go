package brief_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func handmadeInput(withLate bool) brief.Input {
	late, arts, derivs, analyses, entities := handmade()
	if withLate {
		arts = append(arts, &late)
	}
	return brief.Input{StoryID: 10, Articles: arts, Derivations: derivs, Analyses: analyses, Entities: entities,
		Since: day(4, 0), Now: func() time.Time { return day(6, 0) }}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	b := brief.Build(handmadeInput(true))
	js, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "handmade.golden.json", append(js, '\n'))
	for _, width := range []int{72, 100} {
		var buf bytes.Buffer
		if err := brief.WriteText(&buf, b, width); err != nil {
			t.Fatal(err)
		}
		golden(t, "handmade."+map[int]string{72: "72", 100: "100"}[width]+".golden.txt", buf.Bytes())
		for _, line := range strings.Split(buf.String(), "\n") {
			if n := len([]rune(line)); n > width && !strings.Contains(strings.TrimSpace(line), " ") {
				continue // a single long word (a URL) may overflow
			} else if n > width {
				t.Errorf("line of %d runes exceeds width %d: %q", n, width, line)
			}
		}
	}
	var md bytes.Buffer
	if err := brief.WriteMarkdown(&md, b); err != nil {
		t.Fatal(err)
	}
	golden(t, "handmade.golden.md", md.Bytes())
}

func TestBuildDeterministic(t *testing.T) {
	in := handmadeInput(true)
	first := brief.Build(in)
	shuffled := in
	shuffled.Articles = slices.Clone(in.Articles)
	slices.Reverse(shuffled.Articles)
	shuffled.Analyses = slices.Clone(in.Analyses)
	slices.Reverse(shuffled.Analyses)
	b := brief.NewBuilder()
	for range 2 { // the second build runs from the cache
		if diff := cmp.Diff(first, b.Build(shuffled)); diff != "" {
			t.Fatalf("Build differs with input order or cache (-first +again):\n%s", diff)
		}
	}
}

func TestSummary(t *testing.T) {
	b := brief.Build(handmadeInput(true))
	if n := len(b.Summary); n < 5 || n > 10 {
		t.Fatalf("summary has %d sentences, want 5 to 10", n)
	}
	cited := map[int64]bool{}
	seen := map[string]bool{}
	for _, c := range b.Summary {
		if seen[c.Text] {
			t.Errorf("sentence repeated: %q", c.Text)
		}
		seen[c.Text] = true
		for _, id := range c.ArticleIDs {
			cited[id] = true
		}
		if !slices.IsSorted(c.ArticleIDs) || len(c.ArticleIDs) == 0 {
			t.Errorf("citations %v of %q not sorted or empty", c.ArticleIDs, c.Text)
		}
	}
	if len(cited) < 4 {
		t.Errorf("summary cites %d articles, want at least 4", len(cited))
	}
	// The opening sentence is stated by the wire, its rewrite (aligned) and
	// the radio; the rewrite's version must not appear beside the wire's.
	var opening *parallax.Cited
	for i, c := range b.Summary {
		if strings.Contains(c.Text, "reopened to traffic on Monday") {
			if opening != nil {
				t.Errorf("both the original and its rewrite are in the summary: %q", c.Text)
			}
			opening = &b.Summary[i]
		}
	}
	if opening == nil {
		t.Fatalf("the opening statement is missing from the summary: %+v", b.Summary)
	}
	for _, id := range []int64{10, 11} {
		if !slices.Contains(opening.ArticleIDs, id) {
			t.Errorf("opening cites %v, want it to include %d", opening.ArticleIDs, id)
		}
	}
}

func TestDisagreement(t *testing.T) {
	b := brief.Build(handmadeInput(false))
	var found bool
	for _, c := range b.Claims {
		if c.Subject != "Ana Lopes" {
			continue
		}
		found = true
		if !c.Conflict || len(c.Values) != 2 {
			t.Fatalf("Ana Lopes's title: %+v, want a conflict of two values", c)
		}
		if !strings.Contains(c.Note, "article 11, a rewrite of article 10, contradicts it") {
			t.Errorf("Note=%q, want the rewrite named", c.Note)
		}
	}
	if !found {
		t.Fatalf("no comparison for Ana Lopes in %+v", b.Claims)
	}
}

func TestKeyPoints(t *testing.T) {
	b := brief.Build(handmadeInput(false))
	want := map[string][]int64{
		"Tolls are suspended": {10, 12},
		"48 million euros":    {10, 11, 12, 13},
		"cyclists":            {10, 12},
	}
	texts := map[string]bool{}
	for _, k := range b.KeyPoints {
		if texts[k.Text] {
			t.Errorf("key point repeated: %q", k.Text)
		}
		texts[k.Text] = true
	}
	for frag, ids := range want {
		var hit *parallax.Cited
		for i, k := range b.KeyPoints {
			if strings.Contains(strings.ToLower(k.Text), strings.ToLower(frag)) {
				hit = &b.KeyPoints[i]
				break
			}
		}
		if hit == nil {
			t.Errorf("no key point with %q in %+v", frag, b.KeyPoints)
			continue
		}
		if diff := cmp.Diff(ids, hit.ArticleIDs); diff != "" {
			t.Errorf("key point %q articles (-want +got):\n%s", hit.Text, diff)
		}
	}
}

func TestQuotes(t *testing.T) {
	b := brief.Build(handmadeInput(false))
	type q struct {
		Speaker string
		Kind    parallax.QuoteKind
		IDs     []int64
	}
	var got []q
	for _, x := range b.Quotes {
		got = append(got, q{x.Speaker, x.Kind, x.ArticleIDs})
	}
	want := []q{
		{"Ana Lopes", parallax.QuoteDirect, []int64{10, 13}},
		{"Tom Reyes", parallax.QuoteDirect, []int64{12}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quotes mismatch (-want +got):\n%s", diff)
	}
}

func TestSourcesAndNew(t *testing.T) {
	b := brief.Build(handmadeInput(true))
	type s struct {
		N           int
		ID, Derived int64
		New         bool
	}
	var got []s
	for _, x := range b.Sources {
		got = append(got, s{x.N, x.ArticleID, x.DerivedFrom, x.New})
	}
	want := []s{{1, 10, 0, false}, {2, 11, 10, false}, {3, 12, 0, false}, {4, 13, 0, true}, {5, 14, 0, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources mismatch (-want +got):\n%s", diff)
	}
	if len(b.Timeline) != 1 || len(b.Timeline[0].ArticleIDs) != 2 {
		t.Errorf("timeline %+v, want one entry for the reopening from two articles", b.Timeline)
	}
}

func TestHeadline(t *testing.T) {
	in := handmadeInput(false)
	if got := brief.Build(in).Headline; got == "" {
		t.Fatalf("empty headline")
	}
	var untitled []*parallax.Article
	for _, a := range in.Articles {
		c := *a
		c.Title = ""
		untitled = append(untitled, &c)
	}
	in.Articles = untitled
	got := brief.Build(in).Headline
	found := false
	for _, a := range untitled {
		if strings.Contains(a.Text(), got) && strings.HasSuffix(got, ".") {
			found = true
		}
	}
	if !found {
		t.Errorf("Headline=%q, want a sentence of the articles when none has a title", got)
	}
}

func TestEmpty(t *testing.T) {
	b := brief.Build(brief.Input{StoryID: 1})
	if b.Headline != "" || len(b.Summary) != 0 || len(b.Sources) != 0 {
		t.Errorf("Build of nothing = %+v", b)
	}
	var buf bytes.Buffer
	if err := brief.WriteText(&buf, b, 80); err != nil {
		t.Fatal(err)
	}
	if err := brief.WriteMarkdown(&buf, b); err != nil {
		t.Fatal(err)
	}
	if err := brief.WriteText(&buf, nil, 80); err == nil {
		t.Error("WriteText(nil) returned no error")
	}
	js, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "null") {
		t.Errorf("empty brief marshals with null lists: %s", js)
	}
}

func TestQuotesThroughMentions(t *testing.T) {
	in := handmadeInput(false)
	in.Entities = nil
	for i := range in.Analyses {
		in.Analyses[i].Mentions = []parallax.Mention{{Text: "Lopes", Kind: parallax.EntityPerson, Canonical: "Ana Lopes"}}
	}
	b := brief.Build(in)
	if len(b.Quotes) == 0 || b.Quotes[0].Speaker != "Ana Lopes" || len(b.Quotes[0].ArticleIDs) != 2 {
		t.Errorf("first quote %+v, want Ana Lopes's from two articles", b.Quotes)
	}
}
