package dedup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/dedup"
)

// restoreDocs generates articles with every relation the index decides:
// rewrites, rewrites that arrive before their original, exact copies,
// near-duplicates, unrelated and empty articles, some with times.
func restoreDocs(n int) []dedup.Doc {
	c := newCorpus(3)
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	docs := make([]dedup.Doc, 0, n)
	var early []string // originals held back until after their rewrite
	for i := range n {
		d := dedup.Doc{ID: int64(i + 1)}
		if i%3 == 0 {
			d.Published = t0.Add(time.Duration(i) * time.Minute)
		}
		switch k := c.rng.IntN(10); {
		case len(docs) == 0 || k < 3:
			d.Text = c.article(6 + c.rng.IntN(8))
		case k < 5:
			d.Text = c.rewrite(docs[c.rng.IntN(len(docs))].Text)
		case k == 5: // a rewrite first, its original later
			orig := c.article(6 + c.rng.IntN(8))
			early = append(early, orig)
			d.Text = c.rewrite(orig)
		case k == 6 && len(early) > 0:
			d.Text, early = early[0], early[1:]
		case k == 7:
			d.Text = strings.ToUpper(docs[c.rng.IntN(len(docs))].Text)
		case k == 8:
			d.Text = docs[c.rng.IntN(len(docs))].Text + "\nShare this article."
		default:
			d.Text = ""
		}
		docs = append(docs, d)
	}
	return docs
}

// TestRestoreAnswersLikeAdd checks that an index rebuilt with Restore,
// from each article's last derivation, decides later additions exactly as
// the index that added them.
func TestRestoreAnswersLikeAdd(t *testing.T) {
	docs := restoreDocs(400)
	history, later := docs[:250], docs[250:]
	added := dedup.NewIndex(dedup.Config{})
	changedOld := 0
	for _, d := range history {
		for _, dv := range added.Add(d) {
			if dv.ArticleID != d.ID {
				changedOld++
			}
		}
	}
	restored := dedup.NewIndex(dedup.Config{})
	linked := 0
	for _, d := range history {
		var stored *parallax.Derivation
		if dv, ok := added.DerivedFrom(d.ID); ok {
			stored, linked = &dv, linked+1
		}
		restored.Restore(d, stored)
	}
	if linked < 50 || changedOld == 0 {
		t.Fatalf("history has %d derivations, %d changed by a later article: too few to test", linked, changedOld)
	}
	if restored.Len() != added.Len() {
		t.Fatalf("restored Len = %d, want %d", restored.Len(), added.Len())
	}
	decided := 0
	for _, d := range later {
		want := added.Add(d)
		got := restored.Add(d)
		decided += len(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Add(%d) after Restore differs (-added +restored):\n%s", d.ID, diff)
		}
	}
	if decided < 20 {
		t.Fatalf("later additions changed %d derivations: too few to test", decided)
	}
	for _, d := range docs {
		want, wok := added.DerivedFrom(d.ID)
		got, gok := restored.DerivedFrom(d.ID)
		if diff := cmp.Diff(want, got); diff != "" || wok != gok {
			t.Errorf("DerivedFrom(%d) = %v, %v after Restore, want %v, %v:\n%s", d.ID, got, gok, want, wok, diff)
		}
	}
	restored.Restore(history[0], nil) // already indexed: ignored
	if restored.Len() != len(docs) {
		t.Errorf("Len after restoring an indexed ID = %d, want %d", restored.Len(), len(docs))
	}
	if _, ok := restored.DerivedFrom(history[0].ID); ok != hasDerivation(added, history[0].ID) {
		t.Errorf("restoring an indexed ID changed its derivation")
	}
}

func hasDerivation(ix *dedup.Index, id int64) bool {
	_, ok := ix.DerivedFrom(id)
	return ok
}

// TestSetDerivation checks that a derivation taken over from elsewhere is
// kept until a better one arrives.
func TestSetDerivation(t *testing.T) {
	ix := dedup.NewIndex(dedup.Config{})
	ix.Restore(dedup.Doc{ID: 1, Text: story}, nil)
	ix.Restore(dedup.Doc{ID: 2, Text: unrelated}, nil)
	dv := parallax.Derivation{ArticleID: 2, SourceID: 9, Kind: parallax.DerivedSharedSource, Coverage: 0.3}
	ix.SetDerivation(dv)
	if got, ok := ix.DerivedFrom(2); !ok || !cmp.Equal(got, dv) {
		t.Fatalf("DerivedFrom(2) = %v, %v, want %v", got, ok, dv)
	}
	ix.Add(dedup.Doc{ID: 3, Text: story + "\nShare this article."})
	if got, _ := ix.DerivedFrom(2); !cmp.Equal(got, dv) {
		t.Errorf("DerivedFrom(2) = %v after an unrelated addition, want %v", got, dv)
	}
}

// TestPreparedAnswersLikeAdd checks that articles prepared on other
// goroutines (Prepare) and then added in order (AddPrepared) get exactly
// the derivations Add gives, with every relation the index decides, and
// that a prepared article whose ID is indexed is ignored.
func TestPreparedAnswersLikeAdd(t *testing.T) {
	docs := restoreDocs(400)
	direct := dedup.NewIndex(dedup.Config{})
	prepared := dedup.NewIndex(dedup.Config{})
	preps := make(chan *dedup.Prepared, 8)
	go func() { // prepared while the index adds earlier articles
		for _, d := range docs {
			preps <- prepared.Prepare(d)
		}
	}()
	kinds := map[parallax.DerivationKind]int{}
	for _, d := range docs {
		want := direct.Add(d)
		got := prepared.AddPrepared(<-preps)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("article %d: AddPrepared differs from Add (-Add +AddPrepared):\n%s", d.ID, diff)
		}
		for _, dv := range want {
			kinds[dv.Kind]++
		}
	}
	if len(kinds) < 3 {
		t.Fatalf("only %v derivation kinds: the corpus does not test much", kinds)
	}
	if got := prepared.AddPrepared(prepared.Prepare(docs[0])); got != nil {
		t.Errorf("AddPrepared of an indexed ID = %v, want nil", got)
	}
}
