package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
)

// TestSeedsEndToEnd runs the whole pipeline in memory over the five seed
// articles and checks what the issues promise for them.
func TestSeedsEndToEnd(t *testing.T) {
	seeds := shared.TestDir(t, "seeds")
	fixed := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	res, err := pipeline.RunInMemory(context.Background(), []string{seeds}, ingest.Options{}, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Summary.Failed) > 0 || len(res.Articles) != 5 {
		t.Fatalf("articles %d, failures %v", len(res.Articles), res.Summary.Failed)
	}
	// Files are read in name order: article i+1 is seed 00i.
	seed := func(id int64) string { return filepath.Base(res.Articles[id-1].URL)[:3] }
	if len(res.Stories) != 1 {
		for _, s := range res.Stories {
			t.Logf("story %d: %v %q", s.ID, s.ArticleIDs, s.Headline)
		}
		t.Fatalf("stories = %d, want 1", len(res.Stories))
	}
	st := res.Stories[0]
	if len(st.ArticleIDs) != 5 || st.Sources != 3 {
		t.Errorf("story has %d articles and %d independent sources, want 5 and 3", len(st.ArticleIDs), st.Sources)
	}
	b := res.Briefs[st.ID]
	derived := map[string]parallax.Derivation{}
	for _, d := range b.Derivations {
		derived[seed(d.ArticleID)] = d
	}
	if d, ok := derived["000"]; !ok || seed(d.SourceID) != "001" || d.Kind != parallax.DerivedRewrite {
		t.Errorf("000 derivation = %+v, want a rewrite of 001", d)
	}
	if d, ok := derived["002"]; ok && seed(d.SourceID) != "003" {
		t.Errorf("002 derives from %s, want 003 (shared source) or the reverse", seed(d.SourceID))
	}
	if d, ok := derived["003"]; ok && seed(d.SourceID) != "002" {
		t.Errorf("003 derives from %s, want 002 or the reverse", seed(d.SourceID))
	}
	for _, s := range []string{"001", "004"} {
		if d, ok := derived[s]; ok {
			t.Errorf("%s derives from %s, want nothing", s, seed(d.SourceID))
		}
	}
	var trump *parallax.Comparison
	for i, c := range b.Claims {
		if c.Subject == "Donald Trump" && c.Conflict {
			trump = &b.Claims[i]
		}
		if c.Conflict && (strings.Contains(c.Subject, "Peskov") || strings.Contains(c.Attribute, "name")) {
			t.Errorf("spelling treated as a disagreement: %+v", c)
		}
	}
	if trump == nil {
		t.Fatalf("no disagreement on Donald Trump's role; claims: %+v", b.Claims)
	}
	sides := map[string]bool{}
	for _, v := range trump.Values {
		for _, id := range v.ArticleIDs {
			former := strings.Contains(strings.ToLower(v.Value), "former")
			sides[seed(id)] = former
		}
	}
	for s, want := range map[string]bool{"000": true, "004": true, "001": false} {
		if got, ok := sides[s]; !ok || got != want {
			t.Errorf("Trump's role in %s: former=%v (present %v), want former=%v", s, got, ok, want)
		}
	}
	cited := map[int64]bool{}
	for _, c := range b.Summary {
		for _, id := range c.ArticleIDs {
			cited[id] = true
		}
	}
	if len(cited) < 4 || len(b.Summary) < 5 || len(b.Summary) > 10 {
		t.Errorf("summary has %d sentences citing %d articles, want 5-10 citing at least 4", len(b.Summary), len(cited))
	}
	speakers := map[string]bool{}
	for _, q := range b.Quotes {
		speakers[q.Speaker] = true
	}
	for _, who := range []string{"Volodymyr Zelensky", "Marco Rubio", "Johann Wadephul", "Donald Tusk"} {
		if !speakers[who] {
			t.Errorf("no quote by %s", who)
		}
	}
	points := ""
	for _, k := range b.KeyPoints {
		points += strings.ToLower(k.Text) + "\n"
	}
	for _, want := range []string{"28-point", "600,000"} {
		if !strings.Contains(points, want) {
			t.Errorf("key points lack %q:\n%s", want, points)
		}
	}
}
