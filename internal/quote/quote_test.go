package quote_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/shared"
)

func readSeedB(b *testing.B, prefix string) string { return readSeed(b, prefix) }

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, prefix+"_*.txt"))
	if err != nil || len(files) != 1 {
		t.Fatalf("seed %s: %v (%d files)", prefix, err, len(files))
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatalf("seed %s: %v", prefix, err)
	}
	return seedBody(string(b))
}

func TestSeedQuotes(t *testing.T) {
	tests := []struct {
		seed, speaker, text string
		kind                parallax.QuoteKind
	}{
		{"003", "Volodymyr Zelensky", "Ukraine may now face a choice between the loss of dignity or the loss of a key ally", parallax.QuoteDirect},
		{"003", "Marco Rubio", "There’s been a tremendous amount of progress", parallax.QuoteDirect},
		{"003", "Johann Wadephul", "It was clear from the outset that no agreement would be reached over the heads of Europeans or Ukrainians", parallax.QuoteDirect},
		{"001", "Donald Tusk", "I am not sure if we are closer to peace", parallax.QuoteReported},
		{"001", "Marco Rubio", "I honestly believe we'll get there", parallax.QuoteReported},
	}
	for _, tt := range tests {
		t.Run(tt.seed+"/"+tt.speaker, func(t *testing.T) {
			body := readSeed(t, tt.seed)
			qs := quote.Extract(body, standInMentions(body))
			for _, q := range qs {
				if strings.HasPrefix(q.Text, tt.text) {
					if q.Speaker != tt.speaker || q.Kind != tt.kind {
						t.Errorf("quote %q: Speaker=%q Kind=%q, want %q %q", tt.text, q.Speaker, q.Kind, tt.speaker, tt.kind)
					}
					return
				}
			}
			t.Errorf("no quote starting %q among %d quotes", tt.text, len(qs))
		})
	}
}

// seedBody is a seed's crude body: its non-blank lines not starting with '#'.
func seedBody(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}
