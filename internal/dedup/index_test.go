package dedup_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/dedup"
)

const story = `The city council of Lakeview approved a budget of 48 million dollars on Tuesday after a heated four-hour debate.
Mayor Helen Ortiz said the plan would fund 120 new teachers and repair the old bridge over the Grey River.
Opposition councillor Mark Jensen called the spending reckless and warned that property taxes would rise by 6 percent.
The budget passed by seven votes to four, with two members absent.
Construction on the bridge is expected to begin in March and finish by the end of next year.
Local business owners welcomed the repairs, saying the closed bridge had cost them customers for months.`

const rewrite = `Lakeview's council voted on Tuesday to approve a $48 million budget following a four-hour debate that grew heated.
According to Mayor Helen Ortiz, the money will pay for 120 additional teachers and fix the ageing Grey River bridge.
Councillor Mark Jensen of the opposition described the spending as reckless, warning of a 6 percent rise in property taxes.
Seven members voted in favour and four against, while two were absent.
Work on the bridge should start in March and be completed by late next year.`

const unrelated = `Astronomers in Chile have spotted a comet that will pass close to Earth in the spring.
The icy body, named C/2026 K1, was found by a survey telescope on a mountain near La Serena.
Scientists say it may become visible to the naked eye for a few nights in April.
Amateur observers are advised to look low on the western horizon just after sunset.`

func TestAddKinds(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		first    dedup.Doc
		second   dedup.Doc
		wantKind parallax.DerivationKind // "" for unrelated
		wantFrom int64                   // the source of the derived article
		wantID   int64                   // the derived article
	}{
		{"same text twice is exact", dedup.Doc{ID: 1, Published: t0, Text: story}, dedup.Doc{ID: 2, Published: t0.Add(time.Hour), Text: story}, parallax.DerivedExact, 1, 2},
		{"spacing and case changes are exact", dedup.Doc{ID: 1, Text: story}, dedup.Doc{ID: 2, Text: strings.ToUpper(strings.ReplaceAll(story, " ", "  "))}, parallax.DerivedExact, 1, 2},
		{"near duplicate", dedup.Doc{ID: 1, Published: t0, Text: story}, dedup.Doc{ID: 2, Published: t0.Add(time.Hour), Text: strings.Replace(story, "heated", "lively", 1) + "\nShare this article."}, parallax.DerivedNearDup, 1, 2},
		{"rewrite", dedup.Doc{ID: 1, Published: t0, Text: story}, dedup.Doc{ID: 2, Published: t0.Add(time.Hour), Text: rewrite}, parallax.DerivedRewrite, 1, 2},
		{"original arrives after its rewrite", dedup.Doc{ID: 2, Published: t0.Add(time.Hour), Text: rewrite}, dedup.Doc{ID: 1, Published: t0, Text: story}, parallax.DerivedRewrite, 1, 2},
		{"no times: more detail is the original", dedup.Doc{ID: 2, Text: rewrite}, dedup.Doc{ID: 1, Text: story}, parallax.DerivedRewrite, 1, 2},
		{"a rewrite that changes a count is not one", dedup.Doc{ID: 1, Published: t0, Text: story}, dedup.Doc{ID: 2, Published: t0.Add(time.Hour), Text: strings.Replace(rewrite, "a 6 percent rise", "a 9 percent rise", 1)}, "", 0, 0},
		{"unrelated", dedup.Doc{ID: 1, Text: story}, dedup.Doc{ID: 2, Text: unrelated}, "", 0, 0},
		{"empty", dedup.Doc{ID: 1, Text: ""}, dedup.Doc{ID: 2, Text: ""}, "", 0, 0},
		{"all boilerplate", dedup.Doc{ID: 1, Text: "Share\nSign in\nRead more.\nSubscribe now"}, dedup.Doc{ID: 2, Text: "Share\nSign in\nRead more.\nSubscribe now"}, "", 0, 0},
		{"one sentence copied", dedup.Doc{ID: 1, Published: t0, Text: "Mayor Helen Ortiz said the plan would fund 120 new teachers."}, dedup.Doc{ID: 2, Published: t0.Add(time.Minute), Text: "Mayor Helen Ortiz said the plan would fund 120 new teachers."}, parallax.DerivedExact, 1, 2},
		{"one sentence against a story", dedup.Doc{ID: 1, Published: t0, Text: story}, dedup.Doc{ID: 2, Published: t0.Add(time.Minute), Text: "Mayor Helen Ortiz said the budget would fund 120 new teachers and repair the old bridge."}, parallax.DerivedRewrite, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := dedup.NewIndex(dedup.Config{})
			if got := ix.Add(tt.first); len(got) != 0 {
				t.Fatalf("first Add = %v, want nothing", got)
			}
			got := ix.Add(tt.second)
			if tt.wantKind == "" {
				if len(got) != 0 {
					t.Fatalf("Add = %+v, want nothing", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("Add returned %d derivations, want 1: %+v", len(got), got)
			}
			d := got[0]
			if d.Kind != tt.wantKind || d.SourceID != tt.wantFrom || d.ArticleID != tt.wantID {
				t.Errorf("Add = %d<-%d %s, want %d<-%d %s", d.ArticleID, d.SourceID, d.Kind, tt.wantID, tt.wantFrom, tt.wantKind)
			}
			if d.Coverage <= 0 || d.Coverage > 1 || len(d.Pairs) == 0 {
				t.Errorf("Coverage=%.2f with %d pairs, want (0, 1] with evidence", d.Coverage, len(d.Pairs))
			}
			if cur, ok := ix.DerivedFrom(d.ArticleID); !ok || cur.SourceID != d.SourceID {
				t.Errorf("DerivedFrom(%d) = %+v, %v", d.ArticleID, cur, ok)
			}
		})
	}
}

func TestAddSameIDTwice(t *testing.T) {
	ix := dedup.NewIndex(dedup.Config{})
	ix.Add(dedup.Doc{ID: 7, Text: story})
	if got := ix.Add(dedup.Doc{ID: 7, Text: story}); got != nil {
		t.Errorf("re-adding an id = %+v, want nil", got)
	}
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
}

func TestVeryLongArticleIsCapped(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "Report number %d describes shipment %d of grain from port %d to the northern warehouse.\n", i, i*7, i%13)
	}
	long := b.String()
	ix := dedup.NewIndex(dedup.Config{MaxSentences: 500})
	ix.Add(dedup.Doc{ID: 1, Text: long})
	got := ix.Add(dedup.Doc{ID: 2, Text: long + "Extra closing line about the weather in the harbour today."})
	if len(got) != 1 {
		t.Fatalf("Add = %d derivations, want 1", len(got))
	}
	if n := len(got[0].Pairs); n > 500 {
		t.Errorf("%d aligned pairs, want at most the 500-sentence cap", n)
	}
}

func TestAddReturnsChangedDerivations(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	ix := dedup.NewIndex(dedup.Config{})
	ix.Add(dedup.Doc{ID: 10, Published: t0.Add(2 * time.Hour), Text: rewrite})
	ix.Add(dedup.Doc{ID: 11, Published: t0.Add(3 * time.Hour), Text: rewrite})
	// The original arrives last: both rewrites now derive from it? 11 is an
	// exact copy of 10 (stronger), so only 10 changes.
	got := ix.Add(dedup.Doc{ID: 1, Published: t0, Text: story})
	var ids []int64
	for _, d := range got {
		ids = append(ids, d.ArticleID)
	}
	if diff := cmp.Diff([]int64{10}, ids); diff != "" {
		t.Errorf("changed derivations (-want +got):\n%s", diff)
	}
	roots := dedup.Roots(append(got, mustDerived(t, ix, 11)))
	if roots[11] != 1 || roots[10] != 1 {
		t.Errorf("Roots = %v, want 10 and 11 rooted at 1", roots)
	}
}

func mustDerived(t *testing.T, ix *dedup.Index, id int64) parallax.Derivation {
	t.Helper()
	d, ok := ix.DerivedFrom(id)
	if !ok {
		t.Fatalf("DerivedFrom(%d): none", id)
	}
	return d
}

func TestRoots(t *testing.T) {
	ds := []parallax.Derivation{
		{ArticleID: 2, SourceID: 1}, {ArticleID: 3, SourceID: 2}, {ArticleID: 5, SourceID: 4},
		{ArticleID: 7, SourceID: 8}, {ArticleID: 8, SourceID: 7}, // a cycle
	}
	want := map[int64]int64{1: 1, 2: 1, 3: 1, 4: 4, 5: 4, 7: 7, 8: 7}
	if diff := cmp.Diff(want, dedup.Roots(ds)); diff != "" {
		t.Errorf("Roots (-want +got):\n%s", diff)
	}
	if n := dedup.Independent([]int64{1, 2, 3, 4, 5, 6}, ds); n != 3 {
		t.Errorf("Independent = %d, want 3", n)
	}
}

func TestSimilarSentences(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"The budget passed by seven votes to four on Tuesday.", "On Tuesday the budget passed by seven votes to four.", true},
		{"The budget passed by seven votes to four on Tuesday.", "A comet will pass close to Earth in the spring.", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if _, got := dedup.SimilarSentences(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarSentences(%q, %q) same=%v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzAdd(f *testing.F) {
	f.Add(story, rewrite)
	f.Add("", "…")
	f.Add("A. B. C.", "A. B. C.")
	f.Fuzz(func(t *testing.T, a, b string) {
		ix := dedup.NewIndex(dedup.Config{MaxSentences: 50})
		ix.Add(dedup.Doc{ID: 1, Text: a})
		for _, d := range ix.Add(dedup.Doc{ID: 2, Text: b}) {
			if d.ArticleID == d.SourceID || d.Coverage < 0 || d.Coverage > 1 {
				t.Fatalf("bad derivation %+v", d)
			}
		}
		ix.Add(dedup.Doc{ID: 3, Text: a + "\n" + b})
	})
}
