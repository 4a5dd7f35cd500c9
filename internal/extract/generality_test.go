package extract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/shared"
)

// TestTextClassifierKeepsArticles runs the plain-text classifier on text
// its rules were not written from: the human-verified article bodies of the
// article-extraction benchmark, which hold no chrome. Nearly every word
// must stay in the body (or become the title); what is lost is reported.
func TestTextClassifierKeepsArticles(t *testing.T) {
	dir := shared.TestDir(t, filepath.Join("bench-data", "article-extraction-benchmark"))
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var total, kept, pagesAllKept int
	var removedReasons = map[string]int{}
	for _, id := range ids {
		text := gold[id].ArticleBody
		words := countWords(text)
		if words == 0 {
			continue
		}
		a, err := extract.Document(&parallax.Document{ContentType: "text/plain", Body: []byte(text)})
		if err != nil {
			t.Errorf("%s: %v", id[:10], err)
			total += words
			continue
		}
		k := countWords(a.Title + "\n" + a.Byline + "\n" + a.Text() + "\n" + strings.Join(a.Tags, " "))
		total += words
		kept += min(k, words)
		if k >= words {
			pagesAllKept++
		}
		for _, r := range a.Removed {
			removedReasons[r.Reason] += countWords(r.Text)
		}
	}
	share := float64(kept) / float64(total)
	t.Logf("kept %.4f of %d words; %d of %d articles kept whole; removed words by reason %v",
		share, total, pagesAllKept, len(ids), removedReasons)
	if share < 0.97 {
		t.Errorf("kept %.3f of the words of clean articles, want >= 0.97", share)
	}
}

func countWords(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }))
}

func TestZZRemovedDetail(t *testing.T) {
	if os.Getenv("DETAIL") == "" {
		t.Skip()
	}
	dir := shared.TestDir(t, filepath.Join("bench-data", "article-extraction-benchmark"))
	raw, _ := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	json.Unmarshal(raw, &gold)
	for id, g := range gold {
		a, err := extract.Document(&parallax.Document{ContentType: "text/plain", Body: []byte(g.ArticleBody)})
		if err != nil {
			t.Logf("%s ERR %v %q", id[:8], err, g.ArticleBody[:min(200, len(g.ArticleBody))])
			continue
		}
		if a.Title != "" {
			t.Logf("%s TITLE %q", id[:8], a.Title)
		}
		for _, r := range a.Removed {
			t.Logf("%s %s %q", id[:8], r.Reason, r.Text[:min(100, len(r.Text))])
		}
	}
}
