package dedup

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/shared"
)

// BenchmarkSimilar measures the paraphrase decision on the MSRP training
// pairs: "per-pair" is Stats.Similar from the two strings (analysis
// included, as `parallax eval paraphrase` calls it); "score" is the part
// the alignment repeats for each candidate pair, the features and the
// model on sentences analysed once (their n-grams cached, as an article's
// sentences are). Both report CPU time per pair.
func BenchmarkSimilar(b *testing.B) {
	pairs := msrpPairs(b)
	st := NewStats()
	for _, p := range pairs {
		st.AddSentence(p[0])
		st.AddSentence(p[1])
	}
	b.Run("per-pair", func(b *testing.B) {
		benchPairs(b, len(pairs), func(i int) float64 {
			s, _ := st.Similar(pairs[i][0], pairs[i][1])
			return s
		})
	})
	b.Run("score", func(b *testing.B) {
		sents := make([][2]sentence, len(pairs))
		for i, p := range pairs {
			sents[i] = [2]sentence{analyse(p[0]), analyse(p[1])}
			sents[i][0].hashed()
			sents[i][1].hashed()
		}
		m := paraphraseModel()
		benchPairs(b, len(pairs), func(i int) float64 {
			return st.score(&m, &sents[i][0], &sents[i][1])
		})
	})
}

// benchPairs runs fn over the pairs in turn and reports CPU microseconds
// a pair.
func benchPairs(b *testing.B, n int, fn func(i int) float64) {
	var sum float64
	var cpu0 time.Duration
	i := 0
	for ; b.Loop(); i++ {
		if i == 0 {
			cpu0, _ = cputime.Process()
		}
		sum += fn(i % n)
	}
	if cpu1, ok := cputime.Process(); ok && i > 1 {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/1e3/float64(i-1), "cpu-µs/pair")
	}
	if sum < 0 {
		b.Fatal("negative score")
	}
}

// msrpPairs reads the sentence pairs of the MSRP training file.
func msrpPairs(b *testing.B) [][2]string {
	b.Helper()
	path := filepath.Join(shared.TestDir(b, "bench-data/msrp"), "msr_paraphrase_train.txt")
	f, err := os.Open(path)
	if err != nil {
		b.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line > 0 && len(cols) == 5 {
			out = append(out, [2]string{cols[3], cols[4]})
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("read %s: %v", path, err)
	}
	return out
}
