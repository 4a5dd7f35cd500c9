package dedup_test

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/dedup"
)

// simHash is the alternative measured against MinHash-LSH: a 64-bit
// SimHash of word 3-shingles, candidates within 3 bits (what a 4-table
// index of 16-bit blocks finds without scanning; 8 bytes of hash and 4
// postings per article).
func simHash(body string) uint64 {
	ws := strings.Fields(strings.ToLower(body))
	var acc [64]int
	for i := 0; i+3 <= len(ws); i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(ws[i:i+3], " ")))
		x := h.Sum64()
		x ^= x >> 31
		x *= 0xbf58476d1ce4e5b9
		x ^= x >> 29
		for b := range acc {
			if x&(1<<b) != 0 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
	}
	var s uint64
	for b, v := range acc {
		if v > 0 {
			s |= 1 << b
		}
	}
	return s
}

func simNear(a, b string) bool { return bits.OnesCount64(simHash(a)^simHash(b)) <= 3 }

func bandHit(a, b string) bool {
	fa, fb := dedup.FingerprintOf(a), dedup.FingerprintOf(b)
	for i := range fa.Bands {
		if fa.Bands[i] != 0 && fa.Bands[i] == fb.Bands[i] {
			return true
		}
	}
	return false
}

// edit replaces a share of the words of body.
func (c *corpus) edit(body string, share float64) string {
	ws := strings.Split(body, " ")
	for i := range ws {
		if c.rng.Float64() < share {
			ws[i] = c.words[c.zipf.Uint64()]
		}
	}
	return strings.Join(ws, " ")
}

// TestFingerprintChoice records the measurement behind choosing MinHash-LSH:
// the share of edited copies each scheme finds as candidates, and the
// share of unrelated pairs it wrongly proposes.
func TestFingerprintChoice(t *testing.T) {
	c := newCorpus(3)
	const n = 300
	for _, share := range []float64{0.01, 0.03, 0.1} {
		var simHit, minHit, simFalse, minFalse int
		prev := ""
		for range n {
			body := c.article(15)
			copyOf := c.edit(body, share)
			if simNear(body, copyOf) {
				simHit++
			}
			if bandHit(body, copyOf) {
				minHit++
			}
			if prev != "" {
				if simNear(body, prev) {
					simFalse++
				}
				if bandHit(body, prev) {
					minFalse++
				}
			}
			prev = body
		}
		t.Logf("%2.0f%% words edited: SimHash finds %5.1f%% (false %d/%d), MinHash-LSH finds %5.1f%% (false %d/%d)",
			100*share, 100*float64(simHit)/n, simFalse, n-1, 100*float64(minHit)/n, minFalse, n-1)
		if share <= 0.03 && minHit < n*9/10 {
			t.Errorf("MinHash-LSH finds %d/%d copies with %.0f%% of words edited, want nearly all", minHit, n, 100*share)
		}
		if minFalse > n/100 {
			t.Errorf("MinHash-LSH proposes %d unrelated pairs of %d", minFalse, n-1)
		}
	}
}
