package dedup

import (
	"math/bits"

	"github.com/parallax-news/parallax/internal/text"
)

// Fingerprint is what the near-duplicate index keeps of an article: a hash
// of its normalised text (exact copies) and a 64-bit SimHash of its word
// 3-shingles (near-duplicates: a few bits apart).
type Fingerprint struct {
	Exact uint64
	Sim   uint64
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// FingerprintOf fingerprints a body. The text is normalised by folding case
// and diacritics and keeping only word tokens, so spacing and punctuation
// changes are still exact copies. The SimHash runs over shingles of three
// consecutive folded tokens.
func FingerprintOf(body string) Fingerprint {
	toks := text.Tokens(body)
	folded := make([]string, len(toks))
	exact := uint64(fnvOffset)
	for i, t := range toks {
		folded[i] = text.Fold(t.Text)
		exact = fnvString(exact, folded[i])
		exact = fnvByte(exact, ' ')
	}
	return Fingerprint{Exact: exact, Sim: simHash(folded)}
}

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime
}

// mix is a 64-bit finaliser (splitmix64) that spreads FNV's weak high bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func simHash(tokens []string) uint64 {
	if len(tokens) == 0 {
		return 0
	}
	var acc [64]int32
	n := max(1, len(tokens)-2)
	for i := 0; i < n; i++ {
		h := uint64(fnvOffset)
		for _, t := range tokens[i:min(i+3, len(tokens))] {
			h = fnvByte(fnvString(h, t), ' ')
		}
		h = mix(h)
		for b := 0; b < 64; b++ {
			if h&(1<<b) != 0 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
	}
	var sim uint64
	for b, v := range acc {
		if v > 0 {
			sim |= 1 << b
		}
	}
	return sim
}

// Distance is the Hamming distance between two SimHashes.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// simTables is the number of 16-bit blocks a SimHash is cut into. By the
// pigeonhole principle two hashes at most simTables-1 bits apart agree on
// at least one whole block, so one exact-match table per block finds every
// near-duplicate within MaxSimDistance without scanning.
const simTables = 4

// MaxSimDistance is the largest Hamming distance the index can answer.
const MaxSimDistance = simTables - 1

// FingerprintIndex holds fingerprints by slot (0, 1, 2, … in the order
// added) and answers which slots are exact copies or near-duplicates of a
// fingerprint. It keeps 8 bytes per slot for the SimHash, 4 per table, and
// one map entry per distinct exact hash. It is not safe for concurrent use.
type FingerprintIndex struct {
	exact  map[uint64]uint32
	sims   []uint64
	tables [simTables][][]uint32
}

// NewFingerprintIndex returns an empty index.
func NewFingerprintIndex() *FingerprintIndex {
	return &FingerprintIndex{exact: make(map[uint64]uint32)}
}

// Len is the number of fingerprints added.
func (f *FingerprintIndex) Len() int { return len(f.sims) }

// Add stores a fingerprint and returns its slot. A zero Sim (a text too
// short to compare) is kept for exact matching only.
func (f *FingerprintIndex) Add(fp Fingerprint) uint32 {
	slot := uint32(len(f.sims))
	f.sims = append(f.sims, fp.Sim)
	if _, ok := f.exact[fp.Exact]; !ok {
		f.exact[fp.Exact] = slot
	}
	if fp.Sim == 0 {
		return slot
	}
	for t := range f.tables {
		if f.tables[t] == nil {
			f.tables[t] = make([][]uint32, 1<<16)
		}
		k := block(fp.Sim, t)
		f.tables[t][k] = append(f.tables[t][k], slot)
	}
	return slot
}

func block(sim uint64, t int) uint16 { return uint16(sim >> (16 * t)) }

// Exact returns the first slot added with the same exact hash.
func (f *FingerprintIndex) Exact(fp Fingerprint) (uint32, bool) {
	s, ok := f.exact[fp.Exact]
	return s, ok
}

// Near appends to dst the slots whose SimHash is within maxDist bits of
// fp's (maxDist is clamped to MaxSimDistance), each once, in slot order of
// discovery.
func (f *FingerprintIndex) Near(fp Fingerprint, maxDist int, dst []uint32) []uint32 {
	maxDist = min(maxDist, MaxSimDistance)
	if fp.Sim == 0 {
		return dst
	}
	start := len(dst)
	for t := range f.tables {
		if f.tables[t] == nil {
			return dst
		}
		for _, s := range f.tables[t][block(fp.Sim, t)] {
			if Distance(f.sims[s], fp.Sim) > maxDist || seen(dst[start:], s) {
				continue
			}
			dst = append(dst, s)
		}
	}
	return dst
}

func seen(xs []uint32, x uint32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
