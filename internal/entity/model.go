package entity

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sync"
)

//go:embed weights.bin.gz
var embeddedWeights []byte

const weightsMagic = "parallax-ner-3\n"

// Model is a trained sequence tagger: per hashed feature key, one weight
// per label, quantised to int16 and stored inline in an open-addressing
// table so that a look-up touches one cache line.
type Model struct {
	// present is a one-hash Bloom filter over the keys: most features of
	// a text are not in the model, and the filter (small enough to stay in
	// cache) turns those away before the table is touched.
	present []uint64
	slots   []slot
	mask    uint32
	scale   float32 // weight = int16 value × scale
	n       int
	// gaz lists the names of the training data and of external lists.
	gaz gazetteer
	// clusters are the cluster paths of frequent words (clusters.go).
	clusters wordClusters
	// taggers keeps taggers, with their caches of word scores, for reuse.
	taggers sync.Pool
	// consts are the weights of the features with few values.
	consts constScores
}

// constScores are the summed weights of the features that take few values,
// looked up once so that tagging adds them from a table: the bias, the
// previous two labels, the document-case code, the majority type of a
// word so far and the capitalised run a word is in.
type constScores struct {
	bias      [nLabels]int32
	prevs     [nLabels + 1][nLabels + 1][nLabels]int32 // by prev+1, prev2+1
	docCodes  [nDocCodes][nLabels]int32
	histories [5][nLabels]int32
	runs      [nRunCodes][nLabels]int32
}

func (m *Model) fillConsts() {
	c := &m.consts
	m.score([]uint32{key(tBias, 0)}, &c.bias)
	for pv := range nLabels + 1 {
		for p2 := range nLabels + 1 {
			m.score([]uint32{key(tPrev, uint64(pv)), key(tPrev2, uint64(pv)<<8|uint64(p2))}, &c.prevs[pv][p2])
		}
	}
	for code := range nDocCodes {
		m.score([]uint32{key(tDocCase, uint64(code))}, &c.docCodes[code])
	}
	for t := range 5 {
		m.score([]uint32{key(tHistory, uint64(t))}, &c.histories[t])
	}
	for code := range nRunCodes {
		m.score([]uint32{key(tRun, uint64(code))}, &c.runs[code])
	}
}

type slot struct {
	key uint32 // 0 is empty
	w   [nLabels]int16
}

// DefaultModel decodes the weights embedded in the package.
func DefaultModel() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(embeddedWeights))
	if err != nil {
		return nil, fmt.Errorf("entity default model: %w", err)
	}
	return m, nil
}

// newModel builds the table from float weights, quantising them.
func newModel(keys []uint32, weights []float32) *Model {
	maxW := float32(0)
	for _, v := range weights {
		maxW = max(maxW, float32(math.Abs(float64(v))))
	}
	scale := maxW / 30000
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(weights))
	for i, v := range weights {
		q[i] = int16(math.Round(float64(v / scale)))
	}
	return newQuantized(keys, q, scale)
}

func newQuantized(keys []uint32, q []int16, scale float32) *Model {
	// At most half full: the shipped 155,000 features fill 30% of 12 MB,
	// where a look-up past the filter reads little more than one slot; at
	// 59% of 6 MB it read two on average, and tagging ran 4-8% slower.
	size := 1
	for size < len(keys)*2+1 {
		size <<= 1
	}
	m := &Model{slots: make([]slot, size), mask: uint32(size - 1), scale: scale, present: make([]uint64, presentWords)}
	for row, k := range keys {
		if k == 0 {
			continue
		}
		i := k & m.mask
		for m.slots[i].key != 0 && m.slots[i].key != k {
			i = (i + 1) & m.mask
		}
		if m.slots[i].key == 0 {
			m.n++
		}
		b := presentBit(k)
		m.present[b>>6] |= 1 << (b & 63)
		m.slots[i].key = k
		copy(m.slots[i].w[:], q[row*nLabels:row*nLabels+nLabels])
	}
	m.fillConsts()
	return m
}

// presentWords sizes the filter: 2^20 bits, 128 KiB.
const presentWords = 1 << 14

func presentBit(k uint32) uint32 { return (k * 0x9e3779b1) >> 12 }

func (m *Model) find(k uint32) *slot {
	if k == 0 || len(m.slots) == 0 {
		return nil
	}
	if b := presentBit(k); m.present[b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		s := &m.slots[i]
		switch s.key {
		case k:
			return s
		case 0:
			return nil
		}
	}
}

func (m *Model) score(feats []uint32, scores *[nLabels]int32) {
	*scores = [nLabels]int32{}
	m.addScores(feats, scores)
}

// addScores adds the weights of feats to scores.
func (m *Model) addScores(feats []uint32, scores *[nLabels]int32) {
	for _, f := range feats {
		s := m.find(f)
		if s == nil {
			continue
		}
		// Unrolled, as addScores.
		scores[0] += int32(s.w[0])
		scores[1] += int32(s.w[1])
		scores[2] += int32(s.w[2])
		scores[3] += int32(s.w[3])
		scores[4] += int32(s.w[4])
		scores[5] += int32(s.w[5])
		scores[6] += int32(s.w[6])
		scores[7] += int32(s.w[7])
		scores[8] += int32(s.w[8])
	}
}

// Features reports how many features the model holds.
func (m *Model) Features() int { return m.n }

// WriteTo writes the model in its gzip'd binary form: sorted keys as
// deltas, and per feature a label mask and the non-zero weights quantised
// to integers; then the gazetteer, sorted keys as deltas with a type mask
// each; then the word clusters, sorted keys as deltas with a path each.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var feats []*slot
	for i := range m.slots {
		if m.slots[i].key != 0 {
			feats = append(feats, &m.slots[i])
		}
	}
	slices.SortFunc(feats, func(a, b *slot) int { return cmp.Compare(a.key, b.key) })
	scale := m.scale
	var raw bytes.Buffer
	raw.WriteString(weightsMagic)
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	putSigned := func(v int64) { raw.Write(tmp[:binary.PutVarint(tmp[:], v)]) }
	put(nLabels)
	put(uint64(math.Float32bits(scale)))
	put(uint64(len(feats)))
	prev := uint32(0)
	for _, f := range feats {
		put(uint64(f.key - prev))
		prev = f.key
		mask := uint64(0)
		for l, v := range f.w {
			if v != 0 {
				mask |= 1 << l
			}
		}
		put(mask)
		for _, v := range f.w {
			if v != 0 {
				putSigned(int64(v))
			}
		}
	}
	putKeyed(put, m.gaz)
	putKeyed(put, m.clusters)
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

// putKeyed writes a map as its size, then its keys in order as deltas,
// each with its value.
func putKeyed[M ~map[uint32]V, V uint16 | uint32](put func(uint64), m M) {
	keys := slices.Sorted(maps.Keys(m))
	put(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		put(uint64(k - prev))
		prev = k
		put(uint64(m[k]))
	}
}

// readKeyed reads a map written by putKeyed, nil when empty, each value at
// most maxValue; what names it in errors.
func readKeyed[M ~map[uint32]V, V uint16 | uint32](get func() uint64, errs *[]error, what string, maxValue uint64) (M, error) {
	n := get()
	if len(*errs) > 0 || n > 1<<24 {
		return nil, fmt.Errorf("read model %s: %w", what, ErrBadModel)
	}
	var out M
	if n > 0 {
		out = make(M, n)
	}
	prev := uint32(0)
	for range n {
		prev += uint32(get())
		v := get()
		if v > maxValue {
			*errs = append(*errs, fmt.Errorf("%s value %d: %w", what, v, ErrBadModel))
		}
		out[prev] = V(v)
	}
	if len(*errs) > 0 {
		return nil, fmt.Errorf("read model %s: %w", what, errors.Join(append(*errs, ErrBadModel)...))
	}
	return out, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ErrBadModel reports a weights file that is not in the model format.
var ErrBadModel = errors.New("not a parallax entity model")

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(weightsMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != weightsMagic {
		return nil, fmt.Errorf("read model: %w", ErrBadModel)
	}
	var errs []error
	get := func() uint64 {
		v, err := binary.ReadUvarint(br)
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	if get() != nLabels {
		return nil, fmt.Errorf("read model: label count: %w", ErrBadModel)
	}
	scale := math.Float32frombits(uint32(get()))
	n := get()
	if len(errs) > 0 || n > 1<<26 {
		return nil, fmt.Errorf("read model header: %w", ErrBadModel)
	}
	keys := make([]uint32, n)
	weights := make([]int16, int(n)*nLabels)
	prev := uint32(0)
	for i := range keys {
		prev += uint32(get())
		keys[i] = prev
		mask := get()
		for l := range nLabels {
			if mask&(1<<l) == 0 {
				continue
			}
			v, err := binary.ReadVarint(br)
			if err != nil || v < math.MinInt16 || v > math.MaxInt16 {
				errs = append(errs, fmt.Errorf("weight %d: %w", v, ErrBadModel))
			}
			weights[i*nLabels+l] = int16(v)
		}
		if len(errs) > 0 {
			return nil, fmt.Errorf("read model feature %d: %w", i, errors.Join(errs...))
		}
	}
	gaz, err := readKeyed[gazetteer](get, &errs, "gazetteer", math.MaxUint32)
	if err != nil {
		return nil, err
	}
	clusters, err := readKeyed[wordClusters](get, &errs, "clusters", 1<<clusterBits-1)
	if err != nil {
		return nil, err
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	m := newQuantized(keys, weights, scale)
	m.gaz = gaz
	m.clusters = clusters
	return m, nil
}
