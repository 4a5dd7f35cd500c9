package dedup

import (
	"strings"
	"testing"
)

// minHashOneByOne is minHash as first written: each shingle lowers the
// minimum of every hash function in turn.
func minHashOneByOne(tokens []string) [Bands]uint32 {
	var bands [Bands]uint32
	if len(tokens)-2 < minShingles {
		return bands
	}
	var mins [Bands * rows]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for i := 0; i+3 <= len(tokens); i++ {
		h := uint64(fnvOffset)
		for _, t := range tokens[i : i+3] {
			h = fnvByte(fnvString(h, t), ' ')
		}
		h = mix(h)
		for k := range mins {
			y := (h ^ hashSeeds[k]) * 0xd6e8feb86659fd93
			y ^= y >> 32
			mins[k] = min(mins[k], y)
		}
	}
	for b := range bands {
		h := uint64(fnvOffset)
		for _, m := range mins[b*rows : (b+1)*rows] {
			h = mix(h ^ m)
		}
		bands[b] = uint32(h) | 1
	}
	return bands
}

// TestMinHashByFunction checks that taking the minima one hash function
// at a time gives the band keys of taking them one shingle at a time,
// and the exact hash computed alongside its value computed alone.
func TestMinHashByFunction(t *testing.T) {
	cases := append([]string(nil), fingerprintCases...)
	cases = append(cases,
		"one two three four five six seven eight nine",
		"one two three four five six seven eight nine ten",
		strings.Repeat("a bb ccc dddd ", 200), // more shingles than the stack buffer
	)
	for i, body := range cases {
		checkMinHash(t, i, body)
	}
}

func FuzzMinHashByFunction(f *testing.F) {
	for _, c := range fingerprintCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, body string) { checkMinHash(t, 0, body) })
}

func checkMinHash(t *testing.T, i int, body string) {
	t.Helper()
	folded := strings.Fields(body)
	exact := uint64(fnvOffset)
	for _, f := range folded {
		exact = fnvByte(fnvString(exact, f), ' ')
	}
	gotExact, got := minHash(folded)
	if want := minHashOneByOne(folded); got != want {
		t.Errorf("case %d: minHash %x, one shingle at a time %x (%q)", i, got, want, body)
	}
	if gotExact != exact {
		t.Errorf("case %d: exact hash %x, alone %x (%q)", i, gotExact, exact, body)
	}
}
