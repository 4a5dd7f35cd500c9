package claim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
)

// article800 is an 800-word article made of the seeds' bodies.
func article800(b *testing.B) string {
	b.Helper()
	var words []string
	for _, seed := range []string{"003", "004", "002", "001", "000"} {
		for _, line := range strings.Split(readSeed(b, seed), "\n") {
			words = append(words, strings.Fields(line)...)
			words = append(words, "\n")
			if len(words) >= 800 {
				return strings.ReplaceAll(strings.Join(words, " "), " \n ", "\n")
			}
		}
	}
	return strings.Join(words, " ")
}

func BenchmarkExtract(b *testing.B) {
	s := article800(b)
	ms := standInMentions(s)
	pub := time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		claim.Extract(s, ms, pub)
	}
}

// BenchmarkQuotesAndClaims is the quotes and claims part of analysing one
// 800-word article (entity recognition excluded); articles/s = 1e9 /
// ns/op.
func BenchmarkQuotesAndClaims(b *testing.B) {
	s := article800(b)
	ms := standInMentions(s)
	pub := time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		quote.Extract(s, ms)
		claim.Extract(s, ms, pub)
	}
}

// BenchmarkAnalysis is the whole analysis of one 800-word article, as the
// pipeline runs it: entity recognition, then quotes and claims over its
// mentions; articles/s per core = 1e9 / ns/op. On a shared machine
// cpu-ms/article (the process's CPU time per article) is the steadier
// figure.
func BenchmarkAnalysis(b *testing.B) {
	s := article800(b)
	pub := time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)
	entity.Recognize(s) // decode the model before measuring
	b.ReportAllocs()
	cpu0, _ := cputime.Process()
	for b.Loop() {
		ms := entity.Recognize(s)
		quote.Extract(s, ms)
		claim.Extract(s, ms, pub)
	}
	if now, ok := cputime.Process(); ok && now > cpu0 {
		cpu := now - cpu0
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/article")
	}
}
