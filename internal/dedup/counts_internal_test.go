package dedup

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
)

// contradictedRef is contradicted as first written, with a map of counts
// per sentence; numberValue skipping tokens that cannot be numbers and
// contradicted skipping sentences with no count must not change answers.
func contradictedRef(a, b string) bool {
	ca, numsA := countsRef(a)
	cb, numsB := countsRef(b)
	for noun, va := range ca {
		vb, ok := cb[noun]
		if ok && !slices.ContainsFunc(va, func(v string) bool { return slices.Contains(numsB, v) }) &&
			!slices.ContainsFunc(vb, func(v string) bool { return slices.Contains(numsA, v) }) {
			return true
		}
	}
	return false
}

func countsRef(s string) (map[string][]string, []string) {
	toks := text.Tokens(s)
	out := map[string][]string{}
	var all []string
	for i := range toks {
		v, ok := numberValueRef(toks[i].Text)
		if !ok {
			continue
		}
		all = append(all, v)
		if i+1 == len(toks) {
			break
		}
		noun := text.Fold(toks[i+1].Text)
		if len(noun) < 2 || text.IsStopword(noun) {
			continue
		}
		if _, isNum := numberValueRef(noun); isNum {
			continue
		}
		out[noun] = append(out[noun], v)
	}
	return out, all
}

func numberValueRef(tok string) (string, bool) {
	smallNumbers := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensNumbers := [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	digits := strings.Map(func(r rune) rune {
		if r == ',' || r == '.' {
			return -1
		}
		return r
	}, tok)
	if digits != "" && strings.IndexFunc(digits, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return strings.TrimLeft(digits, "0"), true
	}
	w := text.Fold(tok)
	if i := slices.Index(smallNumbers[:], w); i >= 0 {
		return strconv.Itoa(i), true
	}
	tens, unit, _ := strings.Cut(w, "-")
	t := slices.Index(tensNumbers[:], tens)
	if t < 2 {
		return "", false
	}
	u := 0
	if unit != "" {
		if u = slices.Index(smallNumbers[:], unit); u < 1 || u > 9 {
			return "", false
		}
	}
	return strconv.Itoa(10*t + u), true
}

var countCases = [][2]string{
	{"14 people died on Monday.", "Forty-one people died on Monday."},
	{"14 people died, police said.", "14 people died, 41 officers said."},
	{"Twenty-one people and 3 cars.", "twenty-one people and four cars."},
	{"It cost 1,200 dollars for 12 days.", "It cost 1.200 dollars for twelve days."},
	{"Ｔwenty people came.", "Éleven people came."},
	{"Zero tolerance, one rule, 007 agents.", "zero tolerance, ONE rule, 7 agents"},
	{"The ninety-nine problems; Sixty-Ten things; fifty- 5 ways.", "99 problems and 60 things"},
	{"", "3 people"},
	{"3 people", ""},
	{"٣ people", "3 people"},
}

func TestContradictedLikeMaps(t *testing.T) {
	for _, c := range countCases {
		checkCounts(t, c[0], c[1])
	}
}

func FuzzContradictedLikeMaps(f *testing.F) {
	for _, c := range countCases {
		f.Add(c[0], c[1])
	}
	f.Fuzz(checkCounts)
}

func checkCounts(t *testing.T, a, b string) {
	for _, tok := range strings.Fields(a + " " + b) {
		gotV, gotOK := numberValue(tok)
		wantV, wantOK := numberValueRef(tok)
		if gotV != wantV || gotOK != wantOK {
			t.Errorf("numberValue(%q) = %q, %v; want %q, %v", tok, gotV, gotOK, wantV, wantOK)
		}
	}
	src := &entry{text: a, sents: []sentRef{{start: 0, end: int32(len(a))}}}
	der := &entry{text: b, sents: []sentRef{{start: 0, end: int32(len(b))}}}
	if got, want := contradicted(src, der, []edge{{old: 0, cur: 0}}), contradictedRef(a, b); got != want {
		t.Errorf("contradicted(%q, %q) = %v, want %v", a, b, got, want)
	}
}
