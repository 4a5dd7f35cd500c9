package dedup

import "testing"

// TestNameKey checks that a full name keeps its key id through the
// table's growth, the hash 0 included, and that each name gets its own.
func TestNameKey(t *testing.T) {
	ix := NewIndex(Config{})
	hashes := []uint64{0, 1, 1 << 63, ^uint64(0)}
	for i := range 20000 {
		hashes = append(hashes, mix(uint64(i)+7))
	}
	for i := uint64(0); i < 5000; i++ { // a run of neighbours in the table
		hashes = append(hashes, 1<<40+i)
	}
	ids := make(map[uint32]uint64)
	first := make([]uint32, len(hashes))
	for i, h := range hashes {
		id := ix.nameKey(h)
		if prev, ok := ids[id]; ok {
			t.Fatalf("nameKey(%#x) = %d, the id of %#x", h, id, prev)
		}
		ids[id] = h
		first[i] = id
	}
	for i, h := range hashes {
		if id := ix.nameKey(h); id != first[i] {
			t.Fatalf("nameKey(%#x) = %d after growing, want %d", h, id, first[i])
		}
	}
}
