package entity

// gazetteer holds the names of the training data: per hashed lower-cased
// word sequence, a bit per type it was tagged with.
type gazetteer map[uint32]uint8

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
			h := uint64(0)
			for _, w := range s.Words[c.Start:c.End] {
				h = phraseHash(h, lowerHash(w))
			}
			g[phraseKey(h)] |= 1 << t
		}
	}
}

// gazKeys appends to per[i] the gazetteer features of each position: for
// every listed name the sentence holds, starting at a capitalised word,
// its type and the position's place in it (begin, inside, last, unit).
func gazKeys(g gazetteer, words []word, per [][]uint32) {
	if len(g) == 0 {
		return
	}
	for j := range words {
		if !words[j].capital {
			continue
		}
		h := uint64(0)
		for n := 1; n <= maxGazWords && j+n <= len(words); n++ {
			h = phraseHash(h, words[j+n-1].lower)
			m, ok := g[phraseKey(h)]
			if !ok {
				continue
			}
			for t := range 4 {
				if m&(1<<t) == 0 {
					continue
				}
				for i := j; i < j+n; i++ {
					part := uint64(1) // inside
					switch {
					case n == 1:
						part = 3
					case i == j:
						part = 0
					case i == j+n-1:
						part = 2
					}
					per[i] = append(per[i], key(tGaz, uint64(t)<<4|part), key(tGazLen, uint64(t)<<8|part<<4|uint64(n)))
				}
			}
		}
	}
}
