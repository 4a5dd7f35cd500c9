package claim_test

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// standInMentions stands in for the entity stage in tests: text.Names
// spans with leading title words moved into Role, guessed kinds.
func standInMentions(s string) []parallax.Mention {
	titles := map[string]bool{"president": true, "prime": true, "minister": true, "secretary": true, "of": true,
		"state": true, "foreign": true, "chancellor": true, "us": true, "u.s.": true, "german": true, "polish": true,
		"former": true, "kremlin": true, "spokesman": true, "ukrainian": true, "russian": true, "finnish": true,
		"pm": true, "meanwhile": true, "ukraine's": true, "sir": true, "sen": true, "senator": true, "gov": true, "governor": true, "mr": true, "ms": true}
	orgs := []string{"kremlin", "nato", "department", "ministry", "house", "party", "committee", "council", "union", "campaign", "news", "times", "post"}
	var out []parallax.Mention
	surnames := map[string]bool{}
	for _, sp := range splitNames(s, text.Names(s)) {
		toks := text.Tokens(sp.Text)
		k := 0
		for k < len(toks)-1 && titles[text.Fold(toks[k].Text)] {
			k++
		}
		start := sp.Start + toks[k].Start
		name := s[start:sp.End]
		m := parallax.Mention{Text: name, Start: start, End: sp.End, Kind: parallax.EntityOther, Role: strings.TrimSpace(s[sp.Start:start])}
		f := text.Fold(name)
		words := strings.Fields(text.NameKey(name))
		switch {
		case containsAny(f, orgs) || (len(name) > 1 && strings.ToUpper(name) == name):
			m.Kind = parallax.EntityOrg
		case len(words) >= 2 && len(words) <= 3:
			m.Kind = parallax.EntityPerson
			surnames[words[len(words)-1]] = true
		case len(words) == 1 && surnames[words[0]]:
			m.Kind = parallax.EntityPerson
		}
		out = append(out, m)
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// splitNames cuts name spans at punctuation (text.Names runs over it).
func splitNames(s string, spans []text.Span) []text.Span {
	var out []text.Span
	for _, sp := range spans {
		toks := text.Tokens(sp.Text)
		start := 0
		for i := 1; i <= len(toks); i++ {
			if i < len(toks) && !strings.ContainsAny(sp.Text[toks[i-1].End:toks[i].Start], ",;:“”\"()—") {
				continue
			}
			a, b := sp.Start+toks[start].Start, sp.Start+toks[i-1].End
			out = append(out, text.Span{Start: a, End: b, Text: s[a:b]})
			start = i
		}
	}
	return out
}
