package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names returns capitalised spans of s: runs of capitalised tokens (joined by
// "of", "de", "al" and the like), skipping a lone capitalised stopword at the
// start of a sentence ("The", "But"). A cheap stand-in for named entities.
func Names(s string) []Span {
	var out []Span
	for _, sent := range Sentences(s) {
		out = appendNames(out, s, sent)
	}
	return out
}

var nameJoiners = map[string]bool{"of": true, "de": true, "al": true, "van": true, "von": true, "la": true, "du": true, "bin": true, "der": true}

func appendNames(out []Span, s string, sent Span) []Span {
	toks := Tokens(sent.Text)
	runStart, runEnd := -1, -1
	flush := func() {
		if runStart >= 0 {
			out = append(out, Span{Start: sent.Start + toks[runStart].Start, End: sent.Start + toks[runEnd].End,
				Text: sent.Text[toks[runStart].Start:toks[runEnd].End]})
		}
		runStart, runEnd = -1, -1
	}
	for i, t := range toks {
		capital := isCapitalised(t.Text)
		if capital && i == 0 && IsStopword(Fold(t.Text)) {
			continue
		}
		if capital && IsStopword(Fold(t.Text)) && runStart < 0 {
			continue
		}
		switch {
		case capital:
			if runStart < 0 {
				runStart = i
			}
			runEnd = i
		case runStart >= 0 && nameJoiners[t.Text] && i+1 < len(toks) && isCapitalised(toks[i+1].Text):
			// keep the run open across "of" in "Bank of England"
		default:
			flush()
		}
	}
	flush()
	return out
}

func isCapitalised(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}

// NameKey folds a name for matching: lower case, no diacritics, no
// possessive.
func NameKey(name string) string {
	return strings.TrimSuffix(Fold(name), "'s")
}
