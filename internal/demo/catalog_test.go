package demo_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/demo"
)

func TestCatalogHelpers(t *testing.T) {
	c := demo.Catalog{
		Events: []demo.Event{{Key: "e1"}, {Key: "e2"}},
		Articles: []demo.Article{
			{Key: "a/e1", Event: "e1"},
			{Key: "b/e1", Event: "e1", RewriteOf: "a/e1"},
			{Key: "c/e1", Event: "e1"},
			{Key: "d/e1", Event: "e1", CopyOf: "c/e1"},
			{Key: "e/e1", Event: "e1", Wraps: "c/e1"},
			{Key: "f/e1", Event: "e1", SharesSourceWith: "a/e1"},
			{Key: "a/e2", Event: "e2"},
		},
	}
	tests := []struct {
		name    string
		event   string
		sources int
		keys    []string
	}{
		{name: "derived articles count once", event: "e1", sources: 2, keys: []string{"a/e1", "b/e1", "c/e1", "d/e1", "e/e1", "f/e1"}},
		{name: "single original", event: "e2", sources: 1, keys: []string{"a/e2"}},
		{name: "unknown event", event: "nope", sources: 0, keys: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IndependentSources(tt.event); got != tt.sources {
				t.Errorf("IndependentSources(%q)=%d, want %d", tt.event, got, tt.sources)
			}
			var keys []string
			for _, a := range c.ArticlesOf(tt.event) {
				keys = append(keys, a.Key)
			}
			if diff := cmp.Diff(tt.keys, keys); diff != "" {
				t.Errorf("ArticlesOf(%q) (-want +got):\n%s", tt.event, diff)
			}
		})
	}

	kinds := []struct {
		key  string
		from string
		kind parallax.DerivationKind
	}{
		{"a/e1", "", ""},
		{"b/e1", "a/e1", parallax.DerivedRewrite},
		{"d/e1", "c/e1", parallax.DerivedNearDup},
		{"e/e1", "c/e1", parallax.DerivedNearDup},
		{"f/e1", "a/e1", parallax.DerivedSharedSource},
	}
	for _, k := range kinds {
		a, ok := c.Article(k.key)
		if !ok {
			t.Fatalf("Article(%q) not found", k.key)
		}
		from, kind := a.Derivation()
		if from != k.from || kind != k.kind {
			t.Errorf("%s: Derivation()=(%q, %q), want (%q, %q)", k.key, from, kind, k.from, k.kind)
		}
		if got := a.DerivedFrom(); got != k.from {
			t.Errorf("%s: DerivedFrom()=%q, want %q", k.key, got, k.from)
		}
	}
	if _, ok := c.Article("missing"); ok {
		t.Error("Article(missing) found")
	}
}
