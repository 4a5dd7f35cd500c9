package entity

import (
	"math/rand/v2"
	"testing"
)

// TestTitleCaseStopsEarly compares isTitleCase, which stops once the words
// left cannot make a headline, with counting every word.
func TestTitleCaseStopsEarly(t *testing.T) {
	full := func(toks []token) bool {
		words, capital := 0, 0
		for _, t := range toks {
			if !isHeadlineWord(t.word) {
				continue
			}
			words++
			if isCapitalised(t.word) {
				capital++
			}
		}
		return words >= 3 && capital*4 >= words*3
	}
	vocab := []string{"Kyiv", "talks", "The", "of", "'s", ",", "PEACE", "plan", "Trump", "and", "1", "Über", "über"}
	rng := rand.New(rand.NewPCG(5, 6))
	var toks []token
	for range 20000 {
		toks = toks[:0]
		for range rng.IntN(14) {
			toks = append(toks, token{word: vocab[rng.IntN(len(vocab))]})
		}
		if got, want := isTitleCase(toks), full(toks); got != want {
			t.Fatalf("isTitleCase(%v) = %v, want %v", toks, got, want)
		}
	}
}
