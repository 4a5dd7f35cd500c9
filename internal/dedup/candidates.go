package dedup

import (
	"math"
	"slices"
)

// candidate is an indexed article worth aligning with a new one.
type candidate struct {
	slot   uint32
	exact  bool    // same normalised text
	score  float64 // summed IDF of the rare keys shared
	shared int
}

// maxQueryKeys caps the rare keys of a new article looked up in the
// postings, rarest first.
const maxQueryKeys = 64

// docKeys returns the ids of the distinct candidate keys of an article:
// the content stems (numbers included) of its informative sentences and
// its names of two words or more ("marco rubio", by hash). Keys not seen before get
// an id with no document yet. Stems are found by their stats term id (no
// string lookup). The ids are in the index's scratch buffer: valid until
// the next call.
func (ix *Index) docKeys(e *entry, analysed []sentence) []uint32 {
	n := len(e.terms)
	for i := range analysed {
		n += len(analysed[i].fullNames)
	}
	ids := ix.keys[:0]
	set := ix.keySet.reset(n)
	add := func(id uint32) {
		if set.insert(id) {
			ids = append(ids, id)
		}
	}
	for i := range analysed {
		r := e.sents[i]
		for _, t := range e.terms[r.t0:r.t1] {
			if int(t) >= len(ix.termKey) {
				ix.termKey = append(ix.termKey, make([]uint32, int(t)+1-len(ix.termKey))...)
			}
			if ix.termKey[t] == 0 {
				ix.termKey[t] = ix.newKey() + 1
			}
			add(ix.termKey[t] - 1)
		}
		for _, h := range analysed[i].fullNames {
			add(ix.nameKey(h))
		}
	}
	ix.keys = ids[:0]
	return ids
}

// idSet is a set of key ids for one article (docKeys), open addressing
// in a table at most half full: a few kilobytes that stay in cache, where
// a mark per key id (millions of them) did not.
type idSet struct {
	slots []uint32 // 1 + id; 0: empty
	shift uint
}

// reset empties the set for up to n ids.
func (s *idSet) reset(n int) *idSet {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	if len(s.slots) < 1<<bits {
		s.slots = make([]uint32, 1<<bits)
	}
	s.slots = s.slots[:1<<bits]
	clear(s.slots)
	s.shift = 32 - bits
	return s
}

// insert adds id and reports whether it was not in the set yet.
func (s *idSet) insert(id uint32) bool {
	mask := uint32(len(s.slots) - 1)
	for i := (id * 0x9e3779b1) >> s.shift; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = id + 1
			return true
		case id + 1:
			return false
		}
	}
}

// nameKey returns the key id of a full name by its hash (nameHash),
// giving it a new one the first time.
func (ix *Index) nameKey(h uint64) uint32 {
	t := &ix.names
	if h == 0 {
		if t.zero == 0 {
			t.zero = ix.newKey() + 1
		}
		return t.zero - 1
	}
	if 4*(t.n+1) > 3*len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := h & mask
	for ; t.keys[i] != 0; i = (i + 1) & mask {
		if t.keys[i] == h {
			return t.ids[i]
		}
	}
	id := ix.newKey()
	t.keys[i], t.ids[i] = h, id
	t.n++
	return id
}

// nameIDs maps the hash of a full name to its key id: open addressing,
// at most three quarters full (12 bytes a slot, about what a map takes),
// the hashes apart from the ids. Most names are seen once, and a look-up
// that finds nothing reads only the run of hashes where the name would
// be (a cache line or two, where a map with millions of names read
// several).
type nameIDs struct {
	keys []uint64 // name hash; 0: empty (the hash 0 is in zero)
	ids  []uint32
	n    int    // names held in keys
	zero uint32 // 1 + the key id of the hash 0; 0: none yet
}

// grow doubles the table.
func (t *nameIDs) grow() {
	keys, ids := t.keys, t.ids
	size := max(1<<12, 2*len(keys))
	t.keys, t.ids = make([]uint64, size), make([]uint32, size)
	mask := uint64(size - 1)
	for k, h := range keys {
		if h == 0 {
			continue
		}
		i := h & mask
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.ids[i] = h, ids[k]
	}
}

// newKey returns a new key id, with no document yet.
func (ix *Index) newKey() uint32 {
	id := uint32(len(ix.df))
	ix.df = append(ix.df, 0)
	ix.first = append(ix.first, 0)
	ix.more = append(ix.more, 0)
	return id
}

// postings returns the slots holding a key, in order, given that its df
// is between 1 and MaxPosting.
func (ix *Index) postings(id uint32) []uint32 {
	if m := ix.more[id]; m != 0 {
		return ix.lists[m-1]
	}
	return ix.first[id : id+1 : id+1]
}

// candidates finds the indexed articles to align with a new one: exact
// copies, MinHash near-duplicates, and the articles sharing the most rare
// terms and names with it (never a scan of every article).
func (ix *Index) candidates(fp Fingerprint, keys []uint32) []candidate {
	var out []candidate
	if s, ok := ix.fps.Exact(fp); ok {
		out = append(out, candidate{slot: s, exact: true})
	}
	for _, s := range ix.fps.Near(fp, ix.cfg.MinBands, nil) {
		if !hasSlot(out, s) {
			out = append(out, candidate{slot: s})
		}
	}
	return append(out, ix.sharedKeys(keys, out)...)
}

func hasSlot(cs []candidate, s uint32) bool {
	return slices.ContainsFunc(cs, func(c candidate) bool { return c.slot == s })
}

func (ix *Index) sharedKeys(keys []uint32, have []candidate) []candidate {
	rares := ix.rares[:0]
	for _, id := range keys {
		// A key's postings are dropped once its df passes MaxPosting.
		if df := ix.df[id]; df != 0 && int(df) <= ix.cfg.MaxPosting {
			rares = append(rares, rareKey{id, df})
		}
	}
	slices.SortFunc(rares, func(a, b rareKey) int { return int(a.df) - int(b.df) })
	rares = rares[:min(len(rares), maxQueryKeys)]
	ix.rares = rares
	// A candidate shares MinShared rare keys, and a tenth of those looked
	// up: two unrelated articles share a few rare words by chance, a copy,
	// a rewrite or a shared passage many.
	need := max(ix.cfg.MinShared, (len(rares)+minKeyShare-1)/minKeyShare)
	// The keys shared are counted in a byte per indexed article (a tenth
	// of a megabyte for 100k articles: it stays in cache, where a score
	// per article did not), and every posting read goes to touched,
	// repeats and all, so the loop has no branch. Only the few articles
	// that share enough keys get a score.
	if len(ix.hits) < len(ix.docs) {
		ix.hits = append(ix.hits, make([]uint8, len(ix.docs)-len(ix.hits))...)
	}
	hits, touched := ix.hits, ix.touched[:0]
	for _, r := range rares {
		post := ix.postings(r.id)
		touched = append(touched, post...)
		for _, s := range post {
			hits[s]++
		}
	}
	var out []candidate
	for _, s := range touched {
		c := hits[s]
		if c == 0 { // a repeat of a slot already read
			continue
		}
		hits[s] = 0
		if int(c) >= need && !hasSlot(have, s) {
			out = append(out, candidate{slot: s, score: ix.sharedScore(rares, s), shared: int(c)})
		}
	}
	ix.touched = touched[:0]
	slices.SortFunc(out, func(a, b candidate) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(a.slot) - int(b.slot)
	})
	out = out[:min(len(out), ix.cfg.MaxCandidates)]
	// Candidates far behind the best share only what any two articles on
	// the topic share: they are not worth an alignment.
	for k, c := range out {
		if c.score < minScoreShare*out[0].score {
			return out[:k]
		}
	}
	return out
}

// rareKey is a key of the new article looked up in the postings, and its
// document frequency.
type rareKey struct {
	id uint32
	df uint32
}

// sharedScore is the summed IDF of the rare keys whose postings hold
// slot, summed in float32 in the order of rares (postings are in slot
// order, so each is a binary search).
func (ix *Index) sharedScore(rares []rareKey, slot uint32) float64 {
	n := float64(len(ix.docs)) + 1
	var score float32
	for _, r := range rares {
		if _, ok := slices.BinarySearch(ix.postings(r.id), slot); ok {
			score += float32(math.Log(n / float64(r.df)))
		}
	}
	return float64(score)
}

// minKeyShare: a candidate shares at least 1/minKeyShare of the rare keys
// looked up. On generated data (BenchmarkAdd) a random article shares 3 to 7
// of its 64 rarest keys with its candidates, a rewrite 12 to 61 with its
// source.
const minKeyShare = 10

// minScoreShare is the share of the best candidate's shared-key score
// below which a candidate is not aligned.
const minScoreShare = 0.25

// indexKeys adds a slot to the postings of its keys, dropping the postings
// of keys that become too common to find candidates by. A key held by one
// article, as most names are, keeps its slot in first; a list of its own
// (a slice header to allocate, and for the collector to scan) waits for
// the second.
func (ix *Index) indexKeys(slot uint32, keys []uint32) {
	for _, id := range keys {
		ix.df[id]++
		switch df := int(ix.df[id]); {
		case df > ix.cfg.MaxPosting:
			if m := ix.more[id]; m != 0 {
				ix.lists[m-1] = nil
			}
		case df == 1:
			ix.first[id] = slot
		case df == 2:
			ix.lists = append(ix.lists, []uint32{ix.first[id], slot})
			ix.more[id] = uint32(len(ix.lists))
		default:
			ix.lists[ix.more[id]-1] = append(ix.lists[ix.more[id]-1], slot)
		}
	}
}
