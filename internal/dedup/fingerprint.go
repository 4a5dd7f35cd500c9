package dedup

import (
	"github.com/parallax-news/parallax/internal/text"
)

// Bands and rows of the MinHash-LSH near-duplicate index: 48 min-hashes of
// word 3-shingles, cut into 12 bands of 4; two texts are candidates when a
// whole band agrees. For a Jaccard similarity J of their shingle sets that
// happens with probability 1-(1-J⁴)¹²: 0.99 at J = 0.8, 0.74 at J = 0.57
// (a tenth of the words changed), 0.0001 at J = 0.05.
const (
	Bands = 12
	rows  = 4
)

// Fingerprint is what the near-duplicate index keeps of an article: a hash
// of its normalised text (exact copies) and its MinHash band keys
// (near-duplicates). A zero Bands means "too short to compare".
type Fingerprint struct {
	Exact uint64
	Bands [Bands]uint32
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// minShingles is the number of word 3-shingles below which a text gets no
// band keys: a few words say nothing about copying.
const minShingles = 8

// FingerprintOf fingerprints a body. The text is normalised by folding case
// and diacritics and keeping only word tokens, so spacing and punctuation
// changes are still exact copies; the MinHash runs over shingles of three
// consecutive folded tokens.
func FingerprintOf(body string) Fingerprint { return fingerprint(body, nil) }

func fingerprint(body string, cache *wordCache) Fingerprint {
	return fingerprintTokens(appendFolded(nil, text.Tokens(body), cache))
}

// appendFolded appends the fingerprint form of each token: folded words,
// numbers as written.
func appendFolded(dst []string, toks []text.Token, cache *wordCache) []string {
	for _, t := range toks {
		if text.IsNumber(t.Text) {
			dst = append(dst, t.Text)
		} else {
			w, _ := cache.lookup(t.Text)
			dst = append(dst, w.folded)
		}
	}
	return dst
}

// fingerprintTokens fingerprints a body given the fingerprint form of its
// tokens.
func fingerprintTokens(folded []string) Fingerprint {
	var fp Fingerprint
	fp.Exact, fp.Bands = minHash(folded)
	return fp
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

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// hashSeeds[k] selects the k-th MinHash function: (k+1) × the golden ratio.
var hashSeeds = func() (s [Bands * rows]uint64) {
	for k := range s {
		s[k] = uint64(k+1) * 0x9e3779b97f4a7c15
	}
	return s
}()

// minHash returns the exact-copy hash of tokens (FNV-1a over them, each
// followed by a space) and the MinHash band keys of their word 3-shingles
// (zero when there are fewer than minShingles). Both come from one loop:
// the exact hash is a chain of dependent multiplies, and the shingles'
// hashes, independent of it and of each other, run in its shadow.
func minHash(tokens []string) (exact uint64, bands [Bands]uint32) {
	exact = fnvOffset
	if len(tokens)-2 < minShingles {
		for _, t := range tokens {
			exact = fnvByte(fnvString(exact, t), ' ')
		}
		return exact, bands
	}
	var buf [512]uint64
	hs := buf[:0] // the shingles' hashes, mixed
	for i, t := range tokens {
		exact = fnvByte(fnvString(exact, t), ' ')
		if i < 2 {
			continue
		}
		h := uint64(fnvOffset)
		for _, t := range tokens[i-2 : i+1] {
			h = fnvByte(fnvString(h, t), ' ')
		}
		hs = append(hs, mix(h))
	}
	// The k-th hash function is a cheap multiply-xorshift of the shingle
	// hash. Four functions at a time over all the shingles, each minimum
	// in a register: a pass per function and shingle loaded and stored
	// its minimum (Bands*rows is a multiple of 4).
	var mins [Bands * rows]uint64
	for k := 0; k < len(mins); k += 4 {
		s0, s1, s2, s3 := hashSeeds[k], hashSeeds[k+1], hashSeeds[k+2], hashSeeds[k+3]
		m0, m1, m2, m3 := ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)
		for _, h := range hs {
			y0 := (h ^ s0) * 0xd6e8feb86659fd93
			y1 := (h ^ s1) * 0xd6e8feb86659fd93
			y2 := (h ^ s2) * 0xd6e8feb86659fd93
			y3 := (h ^ s3) * 0xd6e8feb86659fd93
			m0 = min(m0, y0^y0>>32)
			m1 = min(m1, y1^y1>>32)
			m2 = min(m2, y2^y2>>32)
			m3 = min(m3, y3^y3>>32)
		}
		mins[k], mins[k+1], mins[k+2], mins[k+3] = m0, m1, m2, m3
	}
	for b := range bands {
		h := uint64(fnvOffset)
		for _, m := range mins[b*rows : (b+1)*rows] {
			h = mix(h ^ m)
		}
		bands[b] = uint32(h) | 1 // never zero
	}
	return exact, bands
}

// bucketBits sizes each band's table of list heads (2^18 heads of 4 bytes:
// 1 MiB per band, allocated on first use).
const bucketBits = 18

// FingerprintIndex holds fingerprints by slot (0, 1, 2, … in the order
// added) and answers which slots are exact copies or near-duplicate
// candidates of a fingerprint without scanning. Per article it keeps, for
// each band, the band key and the next slot in its bucket (8 bytes × 12),
// plus one map entry per distinct exact hash and the fixed bucket heads.
// It is not safe for concurrent use.
type FingerprintIndex struct {
	exact map[uint64]uint32
	n     uint32
	heads [Bands][]uint32 // bucket -> first slot + 1 (0 = empty)
	// links holds, per band and slot, the band key (high 32 bits) and the
	// next slot + 1 in the bucket (low 32 bits): one memory access per step.
	links [Bands][]uint64
}

// NewFingerprintIndex returns an empty index.
func NewFingerprintIndex() *FingerprintIndex {
	return &FingerprintIndex{exact: make(map[uint64]uint32)}
}

// Len is the number of fingerprints added.
func (f *FingerprintIndex) Len() int { return int(f.n) }

// Add stores a fingerprint and returns its slot. A fingerprint with zero
// bands is kept for exact matching only.
func (f *FingerprintIndex) Add(fp Fingerprint) uint32 {
	slot := f.n
	f.n++
	if _, ok := f.exact[fp.Exact]; !ok {
		f.exact[fp.Exact] = slot
	}
	for b, key := range fp.Bands {
		if f.heads[b] == nil {
			f.heads[b] = make([]uint32, 1<<bucketBits)
		}
		if key == 0 {
			f.links[b] = append(f.links[b], 0)
			continue
		}
		bucket := key >> (32 - bucketBits)
		f.links[b] = append(f.links[b], uint64(key)<<32|uint64(f.heads[b][bucket]))
		f.heads[b][bucket] = slot + 1
	}
	return slot
}

// Exact returns the first slot added with the same exact hash.
func (f *FingerprintIndex) Exact(fp Fingerprint) (uint32, bool) {
	s, ok := f.exact[fp.Exact]
	return s, ok
}

// Near appends to dst, each once, the slots that agree with fp on at least
// minBands whole bands (1 or more), most recent first within a band.
func (f *FingerprintIndex) Near(fp Fingerprint, minBands int, dst []uint32) []uint32 {
	start := len(dst)
	var counts map[uint32]int
	if minBands > 1 {
		counts = make(map[uint32]int)
	}
	for b, key := range fp.Bands {
		if key == 0 || f.heads[b] == nil {
			continue
		}
		for s := f.heads[b][key>>(32-bucketBits)]; s != 0; {
			link := f.links[b][s-1]
			slot := s - 1
			s = uint32(link)
			if uint32(link>>32) != key {
				continue
			}
			if counts != nil {
				counts[slot]++
				if counts[slot] != minBands {
					continue
				}
			}
			if !seen(dst[start:], slot) {
				dst = append(dst, slot)
			}
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
