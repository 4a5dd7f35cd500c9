package quote

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// speaker names the source span src: the mention inside it, the person a
// pronoun or description refers to, or the source as written.
func (d *doc) speaker(src span) string {
	if src.empty() {
		return ""
	}
	if m, ok := d.mentionIn(src); ok {
		return d.canonical(m)
	}
	raw := strings.Trim(d.s[src.a:src.b], " ,")
	words := strings.Fields(text.Fold(raw))
	if len(words) == 0 {
		return ""
	}
	if len(words) == 1 && (words[0] == "who" || words[0] == "which") {
		// "Rubio, who led the delegation, said": the name just before.
		if i := d.firstMentionFrom(src.a) - 1; i >= 0 && d.mentions[i].End >= src.a-4 {
			return d.canonical(d.mentions[i])
		}
		if si := d.sentenceOf(src.a); si >= 0 {
			st := &d.sents[si]
			c := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= src.a })
			if j := d.speakerBefore(st, c, true); j >= 0 && j < c {
				return strings.Trim(d.s[st.toks[j].Start:st.toks[c-1].End], " ,")
			}
		}
		return raw
	}
	if len(words) == 1 && pronouns[words[0]] {
		if m, ok := d.antecedent(src.a, words[0]); ok {
			return d.canonical(m)
		}
		return raw
	}
	if words[0] == "the" && len(words) <= 4 {
		if m, ok := d.describedBy(src.a, words[len(words)-1]); ok {
			return d.canonical(m)
		}
	}
	return raw
}

// mentionIn returns the mention that names the speaker in src: the last
// person inside it, else the last organisation, else the last mention.
func (d *doc) mentionIn(src span) (parallax.Mention, bool) {
	best, rank := -1, 0
	for i := d.firstMentionFrom(src.a - maxMention); i < len(d.mentions) && d.mentions[i].Start < src.b; i++ {
		m := d.mentions[i]
		if m.End <= src.a || d.possessive(m) {
			continue
		}
		r := 1
		if m.End < src.b-2 && m.Kind != parallax.EntityPerson && m.Kind != parallax.EntityOrg {
			r = 0 // "Ukrainian negotiators": a modifier, not the speaker
		}
		switch m.Kind {
		case parallax.EntityPerson:
			r = 3
		case parallax.EntityOrg:
			r = 2
		case parallax.EntityPlace:
			r = 0
		}
		if r >= rank && r > 0 {
			best, rank = i, r
		}
	}
	if best < 0 {
		return parallax.Mention{}, false
	}
	return d.mentions[best], true
}

// antecedent returns the most recent mention before pos, outside
// quotation marks, that a pronoun can refer to.
func (d *doc) antecedent(pos int, pronoun string) (parallax.Mention, bool) {
	want := parallax.EntityPerson
	if pronoun == "it" || pronoun == "they" || pronoun == "we" {
		want = parallax.EntityOrg
	}
	from := d.firstMentionFrom(pos) - 1
	for i := from; i >= 0 && from-i < maxLookBack; i-- {
		m := d.mentions[i]
		if d.quoteAt(m.Start) >= 0 {
			continue
		}
		if m.Kind != want || d.possessive(m) {
			continue
		}
		if want == parallax.EntityPerson && !d.subjectPosition(m) {
			if s, ok := d.subjectNear(i, m); ok {
				return s, true
			}
		}
		return m, true
	}
	return parallax.Mention{}, false
}

// possessive reports whether a mention is followed by "'s".
func (d *doc) possessive(m parallax.Mention) bool {
	rest := d.s[m.End:min(len(d.s), m.End+4)]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(m.Text, "'s")
}

// subjectPosition reports whether m opens its sentence (after a title).
func (d *doc) subjectPosition(m parallax.Mention) bool {
	si := d.sentenceOf(m.Start)
	if si < 0 {
		return false
	}
	k := sort.Search(len(d.sources), func(i int) bool { return d.sources[i].a > m.Start })
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if m.Start >= d.sources[j].a && m.End <= d.sources[j].b {
			return true
		}
	}
	lead := d.s[d.sents[si].a:m.Start]
	if len(lead) > 60 || strings.ContainsAny(lead, ",;:“”\"") {
		return false
	}
	for i := d.firstMentionFrom(d.sents[si].a); i < len(d.mentions) && d.mentions[i].Start < m.Start; i++ {
		if d.mentions[i].Kind == parallax.EntityPerson {
			return false
		}
	}
	return true
}

// subjectNear returns a person mention in subject position in the
// sentence of mention i or the one before it.
func (d *doc) subjectNear(i int, m parallax.Mention) (parallax.Mention, bool) {
	si := d.sentenceOf(m.Start)
	if si < 0 {
		return parallax.Mention{}, false
	}
	from := d.sents[max(0, si-1)].a
	for k := i - 1; k >= 0 && d.mentions[k].Start >= from; k-- {
		o := d.mentions[k]
		if o.Kind == parallax.EntityPerson && !d.possessive(o) && d.quoteAt(o.Start) < 0 && d.subjectPosition(o) {
			return o, true
		}
	}
	return parallax.Mention{}, false
}

// sentenceOf returns the index of the sentence holding pos, or -1.
func (d *doc) sentenceOf(pos int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].b > pos })
	if i < len(d.sents) && d.sents[i].a <= pos {
		return i
	}
	return -1
}

// describedBy returns the person whose role contains head ("spokesman"),
// the nearest before pos, else the nearest after.
func (d *doc) describedBy(pos int, head string) (parallax.Mention, bool) {
	best := -1
	from := max(0, d.firstMentionFrom(pos)-maxLookBack)
	for i := from; i < len(d.mentions) && i < from+2*maxLookBack; i++ {
		m := d.mentions[i]
		if m.Kind != parallax.EntityPerson || !d.hasRole(m, head) {
			continue
		}
		if m.Start < pos || best < 0 {
			best = i
		}
		if m.Start >= pos {
			break
		}
	}
	if best < 0 {
		return parallax.Mention{}, false
	}
	return d.mentions[best], true
}

// hasRole reports whether m's role, or the words just before it, hold head.
func (d *doc) hasRole(m parallax.Mention, head string) bool {
	if strings.Contains(text.Fold(m.Role), head) {
		return true
	}
	lead := d.s[max(0, m.Start-40):m.Start]
	if i := strings.LastIndexAny(lead, ".;\n"); i >= 0 {
		lead = lead[i+1:]
	}
	return strings.Contains(text.Fold(lead), head)
}

// canonical is the mention's canonical name, else the longest name in the
// article ending with the same word ("Rubio" → "Marco Rubio").
func (d *doc) canonical(m parallax.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	key := parallax.Mention{Text: m.Text, Kind: m.Kind}
	if name, ok := d.names[key]; ok {
		return name
	}
	if d.names == nil {
		d.names = map[parallax.Mention]string{}
	}
	name := d.longestName(m)
	d.names[key] = name
	return name
}

// longestName is the longest name in the article of m's kind ending in
// the same word and containing m's text.
func (d *doc) longestName(m parallax.Mention) string {
	name := trimPossessive(m.Text)
	last := text.LastWord(name)
	for i, o := range d.mentions {
		if o.Kind != m.Kind || len(o.Text) <= len(name) {
			continue
		}
		on := trimPossessive(o.Text)
		if len(on) > len(name) && d.lastWords[i] == last && strings.Contains(text.Fold(on), text.Fold(name)) {
			name = on
		}
	}
	return name
}

func trimPossessive(s string) string {
	for _, suf := range []string{"'s", "’s"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// maxMention bounds a mention's length, maxLookBack how many mentions a
// pronoun or description looks back over.
const (
	maxMention  = 200
	maxLookBack = 300
)

// firstMentionFrom returns the index of the first mention starting at or
// after pos.
func (d *doc) firstMentionFrom(pos int) int {
	return sort.Search(len(d.mentions), func(i int) bool { return d.mentions[i].Start >= pos })
}
