package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// trailingAttributions attributes the quotes left over by the cue pass
// whose attribution has a verb outside the cue list: "“…,” Hannity
// pressed.", "“…?” Trump asked.", "Cruz continued: “…”", and the
// "Name: “…”" of round-ups (the colon is the cue).
func (d *doc) trailingAttributions(atts []attribution) []attribution {
	for qi, q := range d.quotes {
		if d.used[qi] || q.single {
			continue
		}
		if !q.balanced {
			// A paragraph opening a multi-paragraph quotation after "X
			// reports:" (no closing mark at the paragraph end).
			if d.opensParagraph(q) {
				if a, ok := d.colonBefore(qi); ok {
					d.used[qi] = true
					atts = append(atts, a)
				}
			}
			continue
		}
		if a, ok := d.dashName(qi); ok {
			d.used[qi] = true
			atts = append(atts, a)
			continue
		}
		if a, ok := d.afterQuote(qi); ok {
			d.used[qi] = true
			atts = append(atts, a)
			continue
		}
		if a, ok := d.colonBefore(qi); ok {
			d.used[qi] = true
			atts = append(atts, a)
		}
	}
	return atts
}

// afterQuote handles a quote ending in a comma, question or exclamation
// mark followed by "NAME VERB" or "VERB NAME" in the same paragraph.
func (d *doc) afterQuote(qi int) (attribution, bool) {
	q := d.quotes[qi]
	inner := strings.TrimRightFunc(d.s[q.start:q.end], unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(inner)
	after := q.closeEnd
	next, _ := utf8.DecodeRuneInString(d.s[after:])
	if last != ',' && last != '?' && last != '!' && last != '—' && next != ',' {
		return attribution{}, false
	}
	line := after
	if nl := strings.IndexByte(d.s[after:], '\n'); nl >= 0 {
		line = after + nl
	} else {
		line = len(d.s)
	}
	toks := text.Tokens(d.s[after:min(line, after+120)])
	if len(toks) < 2 {
		return attribution{}, false
	}
	for i := range toks {
		toks[i].Start += after
		toks[i].End += after
	}
	if strings.ContainsAny(d.s[after:toks[0].Start], "“\"«.") {
		return attribution{}, false
	}
	if !d.speechLike(q) {
		return attribution{}, false
	}
	a := attribution{parts: []span{{q.start, q.end}}, direct: true}
	// "VERB NAME": said Smith.
	if k := cues[text.Fold(toks[0].Text)]; isVerb(toks[0].Text) && k != cueGerund && k != cueGerundThat && startsName(toks[1].Text) {
		a.cue = span{toks[0].Start, toks[0].End}
		a.source = d.nameRun(toks, 1)
		a.after = a.source.b
		return a, true
	}
	// "NAME VERB": Hannity pressed.
	v := -1
	for i := 1; i < len(toks) && i <= 6; i++ {
		if strings.ContainsAny(d.s[toks[i-1].End:toks[i].Start], ".;:“\"«") {
			break
		}
		if isVerb(toks[i].Text) {
			v = i
			break
		}
	}
	if v < 0 || !startsName(toks[0].Text) || strings.ContainsAny(d.s[toks[0].Start:toks[v].Start], ".;") {
		return attribution{}, false
	}
	end := v
	if end+1 < len(toks) && particles[text.Fold(toks[end+1].Text)] {
		end++
	}
	a.source = span{toks[0].Start, strings.LastIndexFunc(d.s[:toks[v].Start], func(r rune) bool { return !unicode.IsSpace(r) }) + 1}
	a.cue = span{toks[v].Start, toks[end].End}
	a.after = a.cue.b
	return a, true
}

// dashName handles a quotation signed at the end of its paragraph by a
// dash and a name: "“…” ― Jane Doe" (reader responses, epigraphs); the
// dash is the cue.
func (d *doc) dashName(qi int) (attribution, bool) {
	q := d.quotes[qi]
	from := q.closeEnd
	rest := d.s[from:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		if strings.TrimSpace(rest[:nl]) == "" && d.wholeParagraph(q) && d.opensParagraph(q) {
			// The signature on the line after the quotation's paragraph:
			// "“…”¶¶- Bernie Sanders".
			next := strings.TrimLeft(rest, " \n")
			if len(rest)-len(next) <= nl+3 && strings.Count(rest[:len(rest)-len(next)], "\n") <= 2 {
				from += len(rest) - len(next)
				rest = next
				nl = strings.IndexByte(rest, '\n')
			}
		}
		if nl >= 0 {
			rest = rest[:nl]
		}
	}
	if len(rest) > 80 {
		return attribution{}, false
	}
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	dash := strings.TrimLeft(trimmed, "―—–-")
	if len(trimmed)-len(dash) == 0 || len(trimmed)-len(dash) > 6 {
		return attribution{}, false
	}
	cueA := from + len(rest) - len(trimmed)
	cueB := from + len(rest) - len(dash)
	name := strings.TrimLeftFunc(dash, unicode.IsSpace)
	nameA := from + len(rest) - len(name)
	if c := strings.IndexAny(name, ",(;"); c >= 0 {
		name = name[:c]
	}
	name = strings.TrimRightFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 6 {
		return attribution{}, false
	}
	for _, w := range words {
		if !isCapitalised(w) {
			return attribution{}, false
		}
	}
	return attribution{
		source: span{nameA, nameA + len(name)},
		cue:    span{cueA, cueB},
		parts:  []span{{q.start, q.end}},
		direct: true,
		after:  nameA + len(name),
	}, true
}

var particles = map[string]bool{"out": true, "back": true, "up": true}

// isVerb guesses a past or present verb of saying in lower case.
func isVerb(w string) bool {
	if isCapitalised(w) {
		return false
	}
	f := text.Fold(w)
	if cues[f] != 0 {
		return true
	}
	switch f {
	case "shot", "spoke", "wrote", "went", "put", "began", "quipped", "pressed", "answered", "concluded", "concludes", "conclude", "continued":
		return true
	}
	return strings.HasSuffix(f, "ed") && len(f) > 4
}

// startsName reports whether a word can open a speaker: a capitalised
// word, a pronoun or a determiner.
func startsName(w string) bool {
	f := text.Fold(w)
	return isCapitalised(w) || pronouns[f] || f == "the" || f == "a" || f == "an" || f == "his" || f == "her" || f == "their"
}

// nameRun returns the speaker starting at toks[i]: up to a comma,
// period or preposition, at most six words.
func (d *doc) nameRun(toks []text.Token, i int) span {
	j := i
	for j < len(toks) && j-i < 6 {
		if j > i && strings.ContainsAny(d.s[toks[j-1].End:toks[j].Start], ",.;:“\"(") {
			break
		}
		if f := text.Fold(toks[j].Text); stopAfterSpeaker[f] || j > i && boundaries[f] {
			break
		}
		j++
	}
	return span{toks[i].Start, toks[max(i, j-1)].End}
}

// colonBefore handles a quote opened after a colon, in its paragraph or
// at the end of the paragraph before: the clause before the colon names
// the speaker ("Carl Bialik:", "Cruz continued:").
func (d *doc) colonBefore(qi int) (attribution, bool) {
	q := d.quotes[qi]
	lo := max(0, q.open-300)
	window := d.s[lo:q.open]
	pre := strings.TrimRightFunc(window, unicode.IsSpace)
	comma := strings.HasSuffix(pre, ",") && !strings.Contains(window[len(pre):], "\n") && d.wholeSentenceEnd(q)
	if !strings.HasSuffix(pre, ":") && !comma || strings.Count(window[len(pre):], "\n") > 2 {
		return attribution{}, false
	}
	colon := lo + len(pre) - 1
	start := colon
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(d.s[:start])
		if r == '\n' || r == '.' || r == ',' && !comma || r == '”' || r == '"' || r == '“' || r == '—' || r == '–' || r == '?' || r == '!' || r == ';' || (r == '-' && start-w > 0 && d.s[start-w-1] == ' ') {
			break
		}
		start -= w
	}
	toks := text.Tokens(d.s[start:colon])
	if len(toks) == 0 || len(toks) > 12 {
		return attribution{}, false
	}
	for i := range toks {
		toks[i].Start += start
		toks[i].End += start
	}
	a := attribution{parts: []span{{q.start, q.end}}, direct: true, after: q.closeEnd}
	allNames := len(toks) <= 6
	for _, t := range toks {
		if !isCapitalised(t.Text) && t.Text != "and" && t.Text != "of" {
			allNames = false
		}
	}
	if allNames && !comma {
		a.source = span{toks[0].Start, toks[len(toks)-1].End}
		a.cue = span{colon, colon + 1}
		return a, true
	}
	for len(toks) > 2 && !startsName(toks[0].Text) {
		toks = toks[1:] // "in which he declares,"
	}
	if !startsName(toks[0].Text) {
		return attribution{}, false
	}
	for v := 1; v < len(toks) && v <= 6; v++ {
		if isVerb(toks[v].Text) || (v == 1 && pronouns[text.Fold(toks[0].Text)] || v == len(toks)-1) && presentVerb(toks[v].Text) {
			a.source = span{toks[0].Start, toks[v-1].End}
			a.cue = span{toks[v].Start, colon + 1}
			return a, true
		}
	}
	return attribution{}, false
}

// wholeSentenceEnd reports whether only punctuation follows a quote up to
// its sentence's end.
func (d *doc) wholeSentenceEnd(q quoted) bool {
	si := d.sentenceOf(q.start)
	if si < 0 {
		return false
	}
	return d.restIsPunct(q.closeEnd, max(q.closeEnd, d.sents[si].b)) || q.closeEnd >= d.sents[si].b
}

// speechLike reports whether a quote reads as words spoken rather than a
// title or a phrase inside a sentence: it opens its clause (after the
// paragraph start, sentence punctuation, a colon, a dash or another
// quote), or it is long and not in title case.
func (d *doc) speechLike(q quoted) bool {
	inner := d.s[q.start:q.end]
	words := strings.Fields(inner)
	if len(words) <= 6 && titleCase(words) {
		return false
	}
	before := strings.TrimRightFunc(d.s[max(0, q.open-40):q.open], unicode.IsSpace)
	if before == "" || len(words) >= 6 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?:;—–-\n”\"»(", r) || strings.HasSuffix(before, "''")
}

// titleCase reports whether every word of a few is capitalised (small
// joining words aside): "Guardians of the Galaxy".
func titleCase(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ",.!?:;'’\"")
		switch w {
		case "of", "the", "and", "a", "an", "in", "on", "for", "to", "with", "":
			continue
		}
		if !isCapitalised(w) {
			return false
		}
	}
	return len(words) > 1
}

// labelledLines handles lines such as headlines of the form "Name: what
// was said" ("Obama: I'm Optimistic Americans Will Say No"): a short run
// of capitalised words, a colon, then the words; the colon is the cue.
func (d *doc) labelledLines(atts []attribution) []attribution {
	for i := range d.sents {
		st := &d.sents[i]
		if (st.a > 0 && d.s[st.a-1] != '\n') || st.b-st.a > 250 {
			continue
		}
		c := strings.Index(d.s[st.a:st.b], ": ")
		if c <= 0 {
			continue
		}
		colon := st.a + c
		k := sort.Search(len(st.toks), func(j int) bool { return st.toks[j].Start >= colon })
		if k == 0 || k > 4 || k >= len(st.toks) || !nameOnly(st.toks[:k]) || notSpeakerLabel[st.fold[0]] {
			continue
		}
		rest := span{d.afterPunct(colon, st.b), st.b}
		if d.firstQuoteFrom(colon) < len(d.quotes) && d.used[d.firstQuoteFrom(colon)] && d.quotes[d.firstQuoteFrom(colon)].open < st.b {
			continue
		}
		if !wordsAtLeast(d.s[rest.a:rest.b], 2) || d.covered(atts, rest) {
			continue
		}
		atts = append(atts, attribution{
			source: span{st.toks[0].Start, st.toks[k-1].End},
			cue:    span{colon, colon + 1},
			parts:  []span{d.trimContent(rest)},
			after:  st.b,
		})
	}
	return atts
}

// covered reports whether an attribution's content already overlaps c.
func (d *doc) covered(atts []attribution, c span) bool {
	for _, a := range atts {
		for _, p := range a.parts {
			if p.a < c.b && c.a < p.b {
				return true
			}
		}
	}
	return false
}

// notSpeakerLabel are line labels that name no speaker ("UPDATE:").
var notSpeakerLabel = map[string]bool{"update": true, "updated": true, "watch": true, "note": true, "editor's": true,
	"photo": true, "video": true, "related": true, "read": true, "click": true, "breaking": true, "live": true,
	"advertisement": true, "source": true, "sources": true, "correction": true, "see": true, "also": true,
	"warning": true, "disclaimer": true, "listen": true, "more": true, "previously": true, "background": true}

// opensParagraph reports whether a quotation opens its paragraph.
func (d *doc) opensParagraph(q quoted) bool {
	line := strings.LastIndexByte(d.s[:q.open], '\n') + 1
	return strings.TrimSpace(d.s[line:q.open]) == ""
}

// presentVerb guesses a verb in the present tense right before a colon:
// "Wallnau continues:", "Article 33 affirms:".
func presentVerb(w string) bool {
	f := text.Fold(w)
	return !isCapitalised(w) && len(f) > 3 && strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") && !strings.HasSuffix(f, "ous") && !text.IsStopword(f)
}
