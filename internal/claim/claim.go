package claim

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// sentence is one sentence of the article with its tokens at absolute
// byte offsets.
type sentence struct {
	index      int
	start, end int
	toks       []text.Token
	fold       []string // the tokens folded, a final period dropped
}

// doc is the article being read.
type doc struct {
	s         string
	sents     []sentence
	mentions  []parallax.Mention
	published time.Time
	names     map[parallax.Mention]string // canonical names already found
	lastWords []string                    // each mention's last word without possessive, folded
	counted   map[int]bool                // starts of the tokens read as counts of people affected
	// toks, folds and spans hold the tokens, their folds and the
	// sentence spans of the text, which sents slice.
	toks  []text.Token
	folds []string
	spans []text.Span
}

// docs keeps docs for reuse: an article's tokens and their folds are most
// of what the stage allocates. A pool holds no state a caller can see: a
// doc is filled afresh for each text, and nothing returned refers to its
// storage.
var docs = sync.Pool{New: func() any { return new(doc) }}

// Extract returns the claims of an article text: the roles given to the
// people among mentions (byte offsets into s), counts of people affected
// by an event, numbers with what they count, and dates and deadlines, resolved against published when it is
// not zero. Claims come in text order.
func Extract(s string, mentions []parallax.Mention, published time.Time) []parallax.Claim {
	d := docs.Get().(*doc)
	defer docs.Put(d)
	names, counted := d.names, d.counted
	clear(names)
	clear(counted)
	*d = doc{
		s: s, published: published, sents: d.sents[:0], mentions: d.mentions[:0], names: names, counted: counted,
		lastWords: d.lastWords, toks: d.toks[:0], folds: d.folds[:0], spans: d.spans[:0],
	}
	d.toks = text.AppendTokens(slices.Grow(d.toks, len(s)/5+1), s)
	d.folds = text.AppendFolds(slices.Grow(d.folds, len(d.toks)), s, d.toks)
	d.spans = text.AppendSentences(d.spans, s)
	all, folded := d.toks, d.folds
	k := 0
	for i, sp := range d.spans {
		for k < len(all) && all[k].Start < sp.Start {
			k++
		}
		lo := k
		for k < len(all) && all[k].End <= sp.End {
			k++
		}
		d.sents = append(d.sents, sentence{index: i, start: sp.Start, end: sp.End, toks: all[lo:k:k], fold: folded[lo:k:k]})
	}
	for _, m := range mentions {
		if m.Start >= 0 && m.End <= len(s) && m.Start < m.End {
			d.mentions = append(d.mentions, m)
		}
	}
	slices.SortStableFunc(d.mentions, func(a, b parallax.Mention) int { return cmp.Compare(a.Start, b.Start) })
	d.lastWords = slices.Grow(d.lastWords[:0], len(d.mentions))[:len(d.mentions)]
	for i, m := range d.mentions {
		d.lastWords[i] = text.LastWord(trimPossessive(m.Text))
	}
	var out []parallax.Claim
	out = d.roles(out)
	for i := range d.sents {
		out = d.affected(out, &d.sents[i])
		out = d.numbers(out, &d.sents[i])
		out = d.dates(out, &d.sents[i])
	}
	slices.SortStableFunc(out, func(a, b parallax.Claim) int {
		return cmp.Or(cmp.Compare(a.Sentence, b.Sentence), cmp.Compare(a.ValueSpan.Start, b.ValueSpan.Start))
	})
	return out
}

// sentenceOf returns the sentence holding pos, or nil.
func (d *doc) sentenceOf(pos int) *sentence {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > pos })
	if i < len(d.sents) && d.sents[i].start <= pos {
		return &d.sents[i]
	}
	return nil
}

func (d *doc) claim(st *sentence, subject, attribute, value, normalized string, a, b int) parallax.Claim {
	return parallax.Claim{
		Subject: subject, Attribute: attribute, Value: value, Normalized: normalized,
		Evidence: d.s[st.start:st.end], Sentence: st.index,
		ValueSpan: parallax.Span{Start: a, End: b},
	}
}

// roleNouns are the words that make a run of capitalised words before a
// name a title.
var roleNouns = map[string]bool{
	"president": true, "minister": true, "secretary": true, "chancellor": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "aide": true, "adviser": true, "advisor": true, "governor": true,
	"gov": true, "senator": true, "sen": true, "rep": true, "representative": true, "leader": true, "chief": true,
	"ambassador": true, "envoy": true, "general": true, "gen": true, "king": true, "queen": true, "prince": true,
	"pope": true, "mayor": true, "director": true, "official": true, "commissioner": true, "pm": true, "ceo": true,
	"chairman": true, "chairwoman": true, "chair": true, "head": true, "negotiator": true, "prosecutor": true,
	"judge": true, "justice": true, "speaker": true, "premier": true, "nominee": true, "candidate": true,
	"congressman": true, "congresswoman": true, "lawmaker": true, "commander": true, "admiral": true,
}

// roleModifiers may stand in a title in lower case.
var roleModifiers = map[string]bool{
	"former": true, "then": true, "acting": true, "deputy": true, "vice": true, "foreign": true, "policy": true,
	"prime": true, "senior": true, "top": true, "defense": true, "defence": true, "interior": true,
	"finance": true, "state": true, "press": true, "chief": true, "national": true, "security": true,
	"presidential": true, "ex": true, "incoming": true, "outgoing": true, "late": true,
}

// roles adds a title claim for each person mention with a role, taken from
// the mention or read from the words before it; the first sentence that
// gives a person a role is its evidence.
func (d *doc) roles(out []parallax.Claim) []parallax.Claim {
	seen := map[string]bool{}
	for _, m := range d.mentions {
		if m.Kind != parallax.EntityPerson {
			continue
		}
		st := d.sentenceOf(m.Start)
		if st == nil {
			continue
		}
		role, a := strings.TrimSpace(m.Role), -1
		before, b := d.roleBefore(st, m.Start)
		switch {
		case role == "" || len(before) > len(role) && strings.HasSuffix(before, role):
			role, a = before, b // the words before may hold more ("former")
		default:
			if i := strings.LastIndex(d.s[st.start:m.Start], role); i >= 0 {
				a = st.start + i
			}
		}
		if role == "" {
			continue
		}
		name, folded := d.canonical(m), text.Fold(role)
		key := name + "\x00" + folded
		if seen[key] {
			continue
		}
		seen[key] = true
		c := d.claim(st, name, "title", role, folded, max(a, m.Start-len(role)), m.Start)
		if a >= 0 {
			c.ValueSpan = parallax.Span{Start: a, End: a + len(role)}
		}
		out = append(out, c)
	}
	return out
}

// roleBefore reads the title right before a name: capitalised words and
// title modifiers back to punctuation or another word, holding at least
// one role noun ("former US President", "Kremlin spokesman").
func (d *doc) roleBefore(st *sentence, pos int) (string, int) {
	k := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= pos })
	j, hasRole := k, false
	for j > 0 && k-j < 7 {
		t := st.toks[j-1]
		next := pos
		if j < k {
			next = st.toks[j].Start
		}
		if t.End > next || strings.ContainsAny(d.s[t.End:next], ",;:()“”\"") {
			break
		}
		folded := st.fold[j-1]
		f := strings.Trim(folded, ".")
		f = strings.TrimSuffix(f, "'s")
		capital := isCapitalised(t.Text) && !text.IsStopword(folded)
		if !capital && !roleNouns[f] && !roleModifiers[f] {
			break
		}
		if j-1 == 0 && capital && strings.HasSuffix(folded, "ly") {
			break
		}
		if roleNouns[f] {
			hasRole = true
		}
		j--
	}
	if !hasRole || j == k {
		return "", -1
	}
	// Drop leading words that are not part of the title ("Meanwhile").
	for j < k && !roleNouns[strings.Trim(st.fold[j], ".")] && !roleModifiers[st.fold[j]] && !isCapitalised(st.toks[j].Text) {
		j++
	}
	a, b := st.toks[j].Start, st.toks[k-1].End
	return d.s[a:b], a
}

// canonical is a mention's canonical name, else the longest name in the
// article ending in the same word.
func (d *doc) canonical(m parallax.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	key := parallax.Mention{Text: m.Text, Kind: m.Kind}
	if name, ok := d.names[key]; ok {
		return name
	}
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
	if d.names == nil {
		d.names = map[parallax.Mention]string{}
	}
	d.names[key] = name
	return name
}

func trimPossessive(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
