package reader

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
)

// words returns the folded words of s (lower case, no accents, no
// possessive "'s"), splitting camel-case tags ("UkraineWar" → ukraine,
// war) when camel is set.
func words(s string, camel bool) []string {
	if camel {
		var out []string
		for _, t := range text.Tokens(s) {
			for _, part := range splitCamel(t.Text) {
				out = append(out, text.NameKey(part))
			}
		}
		return out
	}
	// Fold once for the whole string: folding is the costly step.
	f := text.Fold(s)
	toks := text.Tokens(f)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = strings.TrimSuffix(t.Text, "'s")
	}
	return out
}

// wordCache memoises words(s, false) within one call: the same names
// recur across many stories.
type wordCache map[string][]string

func (c wordCache) words(s string) []string {
	if w, ok := c[s]; ok {
		return w
	}
	w := words(s, false)
	c[s] = w
	return w
}

// nameIndex holds followed or muted names by their last word, which every
// way of matching (see nameMatches) requires to be equal.
type nameIndex map[string][][]string

func (ix nameIndex) add(name []string) {
	if len(name) > 0 {
		last := name[len(name)-1]
		ix[last] = append(ix[last], name)
	}
}

// match reports whether any name of the index matches entity.
func (ix nameIndex) match(entity []string) bool {
	if len(ix) == 0 || len(entity) == 0 {
		return false
	}
	for _, n := range ix[entity[len(entity)-1]] {
		if nameMatches(n, entity) {
			return true
		}
	}
	return false
}

// splitCamel splits "UkraineWar" into "Ukraine", "War"; "NATO" stays
// whole (a split needs a lower-case letter before an upper).
func splitCamel(s string) []string {
	var out []string
	start := 0
	prevLower := false
	for i, r := range s {
		if unicode.IsUpper(r) && prevLower {
			out = append(out, s[start:i])
			start = i
		}
		prevLower = unicode.IsLower(r)
	}
	return append(out, s[start:])
}

// key is the form names, sources and tags are compared in: folded words
// joined by one space.
func key(s string) string { return strings.Join(words(s, false), " ") }

// compactKey compares tags ignoring spaces and punctuation, so that the
// topic "Ukraine War" follows the tag "UkraineWar".
func compactKey(s string) string { return strings.Join(words(s, false), "") }

// containsRun reports whether needle occurs in hay as a run of whole words.
func containsRun(hay, needle []string) bool {
	if len(needle) == 0 {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, w := range needle {
			if hay[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

// nameJoiners mark names of organisations and places ("Bank of England"),
// where a trailing word is not a surname.
var nameJoiners = map[string]bool{"of": true, "the": true, "for": true, "and": true, "on": true, "in": true, "&": true}

// nameMatches reports whether a follow or mute of a name (as words)
// matches an entity's name (as words): the same words; or the follow is the
// entity's last word or words, as a surname ("Rubio", "Marco Rubio"), when
// the entity reads as a person's name (2 to 4 words, no "of"); or the follow
// has the entity's first and last words ("Marco Rubio" for "Marco Antonio
// Rubio"). Words match whole, so "Ed" never matches "Edward".
func nameMatches(follow, entity []string) bool {
	if len(follow) == 0 || len(entity) == 0 {
		return false
	}
	if len(follow) == len(entity) {
		for i := range follow {
			if follow[i] != entity[i] {
				return false
			}
		}
		return true
	}
	if len(follow) > len(entity) || len(entity) > 4 {
		return false
	}
	for _, w := range entity {
		if nameJoiners[w] {
			return false
		}
	}
	off := len(entity) - len(follow)
	suffix := true
	for i := range follow {
		if follow[i] != entity[off+i] {
			suffix = false
			break
		}
	}
	if suffix {
		return len(follow[len(follow)-1]) >= 2
	}
	return len(follow) == 2 && follow[0] == entity[0] && follow[1] == entity[len(entity)-1]
}
