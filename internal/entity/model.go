package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

//go:embed weights.bin.gz
var embeddedWeights []byte

const weightsMagic = "parallax-ner-1\n"

// Model is a trained sequence tagger: feature weights per label, looked up
// through an open-addressing table of hashed feature keys.
type Model struct {
	slots   []uint32 // feature key per slot; 0 is empty
	rows    []int32  // row index per slot
	weights []float32
	mask    uint32
}

// DefaultModel decodes the weights embedded in the package.
func DefaultModel() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(embeddedWeights))
	if err != nil {
		return nil, fmt.Errorf("entity default model: %w", err)
	}
	return m, nil
}

func newModel(keys []uint32, weights []float32) *Model {
	size := 1
	for size < 2*len(keys)+1 {
		size <<= 1
	}
	m := &Model{slots: make([]uint32, size), rows: make([]int32, size), weights: weights, mask: uint32(size - 1)}
	for row, k := range keys {
		if k == 0 {
			continue
		}
		i := k & m.mask
		for m.slots[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = k
		m.rows[i] = int32(row)
	}
	return m
}

func (m *Model) row(k uint32) int {
	if k == 0 || len(m.slots) == 0 {
		return -1
	}
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		switch m.slots[i] {
		case k:
			return int(m.rows[i])
		case 0:
			return -1
		}
	}
}

func (m *Model) score(feats []uint32, scores *[nLabels]float32) {
	*scores = [nLabels]float32{}
	for _, f := range feats {
		r := m.row(f)
		if r < 0 {
			continue
		}
		w := m.weights[r*nLabels : r*nLabels+nLabels]
		for l := range nLabels {
			scores[l] += w[l]
		}
	}
}

// Features reports how many features the model holds.
func (m *Model) Features() int { return len(m.weights) / nLabels }

// WriteTo writes the model in its gzip'd binary form: sorted keys as
// deltas, and per feature a label mask and the non-zero weights quantised
// to integers.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	type feat struct {
		key uint32
		row int32
	}
	var feats []feat
	maxW := float32(0)
	for i, k := range m.slots {
		if k == 0 {
			continue
		}
		feats = append(feats, feat{k, m.rows[i]})
		for _, v := range m.weights[int(m.rows[i])*nLabels : int(m.rows[i])*nLabels+nLabels] {
			maxW = max(maxW, float32(math.Abs(float64(v))))
		}
	}
	slices.SortFunc(feats, func(a, b feat) int { return int(int64(a.key) - int64(b.key)) })
	scale := maxW / 30000
	if scale == 0 {
		scale = 1
	}
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
		var q [nLabels]int64
		mask := uint64(0)
		for l, v := range m.weights[int(f.row)*nLabels : int(f.row)*nLabels+nLabels] {
			q[l] = int64(math.Round(float64(v / scale)))
			if q[l] != 0 {
				mask |= 1 << l
			}
		}
		put(mask)
		for l := range nLabels {
			if q[l] != 0 {
				putSigned(q[l])
			}
		}
	}
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
	weights := make([]float32, int(n)*nLabels)
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
			if err != nil {
				errs = append(errs, err)
			}
			weights[i*nLabels+l] = float32(v) * scale
		}
		if len(errs) > 0 {
			return nil, fmt.Errorf("read model feature %d: %w", i, errors.Join(errs...))
		}
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return newModel(keys, weights), nil
}
