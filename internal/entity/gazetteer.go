package entity

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// gazetteer holds names: per hashed lower-cased word sequence, a bit per
// type it was tagged with in the training data (bits 0-3, TrainOptions
// Gazetteer), a bit per external list it is in (bits listBit+k), and
// gazPrefix when it begins a longer entry.
type gazetteer map[uint32]uint32

// listBit is the bit of the first external list in a gazetteer's masks;
// maxLists bounds the lists. capitalBit marks the capitals and cities of
// a million people (TrainOptions Capitals), which make no features: the
// story's entities look them up (bigCity).
const (
	listBit    = 4
	maxLists   = 26
	capitalBit = 1 << 30
	gazPrefix  = 1 << 31
)

// maxGazWords bounds the length of the names a gazetteer holds.
const maxGazWords = 6

func phraseHash(h, w uint64) uint64 { return mix(h^0x6a09e667f3bcc908, w) }

func phraseKey(h uint64) uint32 {
	k := uint32(h ^ h>>32)
	if k == 0 {
		k = 1
	}
	return k
}

// addDocument adds the names tagged in a document.
func (g gazetteer) addDocument(d *Document) {
	for _, s := range d.Sentences {
		for _, c := range Chunks(s.Tags) {
			if c.End-c.Start > maxGazWords {
				continue
			}
			t := -1
			for i, n := range typeNames {
				if n == c.Type {
					t = i
				}
			}
			if t < 0 {
				continue
			}
			hashes := make([]uint64, 0, maxGazWords)
			for _, w := range s.Words[c.Start:c.End] {
				hashes = append(hashes, lowerHash(w))
			}
			g.add(hashes, 1<<t)
		}
	}
}

// entryHashes appends the lower-cased hashes of the words of a phrase
// written with spaces.
func entryHashes(buf []uint64, e string) []uint64 {
	for _, w := range strings.Fields(e) {
		buf = append(buf, lowerHash(w))
	}
	return buf
}

// lookup returns the value of the phrase of the given word hashes (0 when
// it is not listed).
func (g gazetteer) lookup(words []uint64) uint32 {
	h := uint64(0)
	for _, w := range words {
		h = phraseHash(h, w)
	}
	return g[phraseKey(h)]
}

// add marks the phrase of the given word hashes with bits, and its
// proper prefixes with gazPrefix.
func (g gazetteer) add(words []uint64, bits uint32) {
	h := uint64(0)
	for i, w := range words {
		h = phraseHash(h, w)
		if i < len(words)-1 {
			g[phraseKey(h)] |= gazPrefix
		}
	}
	g[phraseKey(h)] |= bits
}

// addList adds the entries of external list k (each a phrase of words
// separated by spaces), case ignored, of at most maxGazWords words.
func (g gazetteer) addList(k int, entries []string) { g.addEntries(entries, 1<<(listBit+k)) }

// addEntries marks the entries with bits, as addList.
func (g gazetteer) addEntries(entries []string, bits uint32) {
	var hashes []uint64
	for _, e := range entries {
		hashes = entryHashes(hashes[:0], e)
		if len(hashes) == 0 || len(hashes) > maxGazWords || len(hashes) == 1 && utf8.RuneCountInString(e) < 2 {
			continue
		}
		g.add(hashes, bits)
	}
}

// gazKeys appends to per[i] the gazetteer features of each position: for
// every listed name the sentence holds, starting at a capitalised word,
// its type and the position's place in it (begin, inside, last, unit).
//
// The names of an external list (bit listBit+k) give the features tList
// and tListLen instead, with k in place of the type, and the set of lists
// a name is in gives tListMask (a linear model cannot tell "a first name
// and a surname" from the two features). masks (one per word) is set to
// the lists each capitalised word is in alone, with capitalMask; runs of
// capitalised words then have the sequence of their masks as a feature
// (tListRun) and each word the masks of its capitalised neighbours
// (tListPair): "first name + unlisted word" is a person, "place + word in
// no list" often a team.
//
// alone, when not nil, holds per word its gazetteer value as a name of one
// word (0 for none), looked up once per word form by the tagger, which also
// adds the weights of those one-word names' features (nameKeys) from its
// cache: gazKeys then neither looks them up nor appends their keys.
// Training passes nil.
func gazKeys(g gazetteer, words []word, per [][]uint32, masks []uint64, alone []uint32) {
	clear(masks)
	if len(g) == 0 {
		return
	}
	for j := range words {
		if !words[j].capital {
			continue
		}
		masks[j] = capitalMask
		h := uint64(0)
		for n := 1; n <= maxGazWords && j+n <= len(words); n++ {
			h = phraseHash(h, words[j+n-1].lower)
			// A value of 0 (none is written) adds nothing and ends the
			// name, as no value does.
			var m uint32
			if n == 1 && alone != nil {
				m = alone[j]
			} else {
				m = g[phraseKey(h)]
			}
			if m == 0 {
				break
			}
			if n > 1 || alone == nil {
				for i := j; i < j+n; i++ {
					per[i] = nameKeys(per[i], m, gazPart(i, j, n), n)
				}
			}
			if n == 1 {
				masks[j] |= listMask(m)
			}
			if m&gazPrefix == 0 {
				break
			}
		}
	}
	for i := 0; i < len(words); {
		if masks[i] == 0 {
			i++
			continue
		}
		j := i
		h := uint64(0)
		for j < len(words) && masks[j] != 0 {
			h = mix(h, masks[j])
			j++
		}
		if j-i > 1 && j-i <= 4 {
			for k := i; k < j; k++ {
				per[k] = append(per[k], key(tListRun, mix(h, uint64(k-i))))
			}
		}
		i = j
	}
	for i := range words {
		if masks[i] == 0 {
			continue
		}
		if i > 0 && masks[i-1] != 0 {
			per[i] = append(per[i], key(tListPair, mix(masks[i-1], masks[i])))
		}
		if i+1 < len(words) && masks[i+1] != 0 {
			per[i] = append(per[i], key(tListPair, mix(masks[i], masks[i+1])^1))
		}
	}
}

// nameKeys appends the features of a position at place part (gazPart) of a
// listed name of n words with gazetteer value m: its types and lists, and
// the set of its lists.
func nameKeys(f []uint32, m uint32, part uint64, n int) []uint32 {
	for rest := m &^ (gazPrefix | capitalBit); rest != 0; rest &= rest - 1 {
		t := bits.TrailingZeros32(rest)
		tk, tl, v := tGaz, tGazLen, uint64(t)
		if t >= listBit {
			tk, tl, v = tList, tListLen, uint64(t-listBit)
		}
		f = append(f, key(tk, v<<4|part))
		if n > 1 || t < listBit {
			f = append(f, key(tl, v<<8|part<<4|uint64(n)))
		}
	}
	if lm := listMask(m); lm != 0 {
		f = append(f, key(tListMask, lm<<8|part<<4|uint64(min(n, 4))))
	}
	return f
}

// listMask is the set of external lists of gazetteer value m, a bit each.
func listMask(m uint32) uint64 { return uint64(m>>listBit) & (1<<maxLists - 1) }

// capitalMask marks a capitalised word in gazKeys' masks.
const capitalMask = 1 << 31

// gazPart is the place of position i in the name of n words at j: 0
// begin, 1 inside, 2 last, 3 a name of one word.
func gazPart(i, j, n int) uint64 {
	switch {
	case n == 1:
		return 3
	case i == j:
		return 0
	case i == j+n-1:
		return 2
	}
	return 1
}
