package quote_test

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/quote"
)

func BenchmarkExtract(b *testing.B) {
	var words []string
	for _, seed := range []string{"003", "004", "002"} {
		words = append(words, strings.Fields(readSeedB(b, seed))...)
	}
	s := strings.Join(words[:min(800, len(words))], " ")
	ms := standInMentions(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		quote.Extract(s, ms)
	}
}
