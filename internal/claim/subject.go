package claim

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// headSynonyms merges head nouns that name the same thing in news about
// one event, so that subjects from different outlets meet.
var headSynonyms = map[string]string{
	"armed force": "military", "army": "military", "troop": "military", "force": "military",
	"military": "military", "militari": "military", "soldier": "military",
	"deal": "plan", "proposal": "plan", "draft": "plan", "framework": "plan", "plan": "plan",
}

// singular drops an English plural ending from a lower-case word.
func singular(w string) string {
	switch {
	case len(w) <= 3 || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2] // "witnesses", "bosses", "churches", "taxes"
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// subjectKey normalises a subject: folded, the possessive owner kept
// without "'s", the head noun alone (singular, synonyms merged): "Ukraine's
// armed forces" and "Ukraine's military" → "ukraine military", "the
// 28-point peace plan" → "plan".
func subjectKey(owner, head string) string {
	return foldedSubjectKey(text.Fold(owner), head)
}

// foldedSubjectKey is subjectKey with the owner already folded.
func foldedSubjectKey(owner, head string) string {
	var words []string
	for _, w := range strings.Fields(text.Fold(head)) {
		w = strings.Trim(w, ".,;:\"“”'’()")
		if w == "" || w == "the" || w == "a" || w == "an" || w == "its" || w == "their" || w == "his" || w == "her" {
			continue
		}
		words = append(words, singular(w))
	}
	// The head is the last word, or the last two when they are a known
	// compound ("armed force"); modifiers are dropped ("peace plan" → plan).
	h := ""
	if n := len(words); n >= 2 {
		if syn, ok := headSynonyms[words[n-2]+" "+words[n-1]]; ok {
			h = syn
		}
	}
	if h == "" && len(words) > 0 {
		h = words[len(words)-1]
		if syn, ok := headSynonyms[h]; ok {
			h = syn
		}
	}
	o := strings.TrimSuffix(strings.TrimSuffix(owner, "'s"), "’s")
	o = strings.TrimSpace(o)
	if o == "" {
		return h
	}
	if h == "" {
		return o
	}
	return o + " " + h
}
