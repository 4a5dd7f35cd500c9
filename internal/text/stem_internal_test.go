package text

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/shared"
)

// FuzzStem checks that a remembered stem is the one stemming gives, on
// the first call (stemmed) and the second (remembered), and that Term
// agrees with Fold and Stem.
func FuzzStem(f *testing.F) {
	for _, w := range []string{"negotiations", "Negotiations", "Zelenskyy's", "Šefčovič", "others", "was", "28-point", "880,000", "", "a", "O'Brien", "Kyiv’s"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		want := stem(Fold(w))
		for range 2 {
			if got := Stem(w); got != want {
				t.Fatalf("Stem(%q) = %q, want %q", w, got, want)
			}
		}
		term, ok := Term(w)
		if f := Fold(w); len(w) > 0 && !IsNumber(w) && (len(f) < 2 || IsStopword(f)) {
			if ok {
				t.Fatalf("Term(%q) = %q, true for a stopword", w, term)
			}
		} else if len(w) > 0 && !IsNumber(w) && term != want {
			t.Fatalf("Term(%q) = %q, want %q", w, term, want)
		}
	})
}

// TestStemConcurrent stems one vocabulary from many goroutines at once
// (run with -race) and checks every answer.
func TestStemConcurrent(t *testing.T) {
	words := []string{"talks", "talked", "Geneva", "peace", "plans", "planning", "Ukrainian", "Ukraine's", "Šefčovič", "delegations"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				w := words[(g+i)%len(words)]
				if got, want := Stem(w), stem(Fold(w)); got != want {
					t.Errorf("Stem(%q) = %q, want %q", w, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkTerms reports the cost per token of Terms over the seed
// articles, each read again as every stage reads it (the stems are
// remembered after the first).
func BenchmarkTerms(b *testing.B) {
	dir := shared.TestDir(b, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds in %s: %v", dir, err)
	}
	var texts []string
	toks := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		toks += len(Tokens(string(data)))
	}
	for b.Loop() {
		for _, s := range texts {
			Terms(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*toks), "ns/token")
}
