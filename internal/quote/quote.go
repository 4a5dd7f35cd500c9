package quote

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// span is a byte range [a, b) of the article text.
type span struct{ a, b int }

func (s span) empty() bool { return s.b <= s.a }

func (s span) contains(pos int) bool { return s.a <= pos && pos < s.b }

// attribution is one quote being assembled.
type attribution struct {
	source span
	cue    span
	parts  []span
	direct bool
	// after is where the attribution phrase ends, so that a quote opening
	// right after it continues this one ("…," he said, "…").
	after int
	// stance marks a belief or stance rather than speech ("X believes").
	stance bool
	// learned marks an attribution whose cue comes from the learned list;
	// its source is too uncertain to anchor pronouns.
	learned bool
	// sourceless marks an attribution that names no source ("Asked
	// whether …, "); Attributions only.
	sourceless bool
}

// sentence is one sentence with its tokens at absolute offsets.
type sentence struct {
	span
	toks []text.Token
	fold []string // the tokens folded
}

// doc holds the article being analysed.
type doc struct {
	s string
	// speechOnly is set for Extract: learned cues, which attribute
	// stances, are then tried only where a quotation may be at stake.
	speechOnly bool
	sents      []sentence
	quotes     []quoted
	used       []bool // quotes taken as (part of) some content
	mentions   []parallax.Mention
	sources    []span // the speakers as written, for pronoun resolution
	// cueStarts are the attributions' cue offsets, sorted.
	cueStarts []int
	// sentSource is the source of the last attribution found in the
	// sentence being read: the subject a later participle or coordinated
	// verb shares ("both sides said …, while acknowledging …").
	sentSource span
	// sentContent is that attribution's content: a cue inside it is
	// reported speech, whose subject is not shared ("… against claims
	// that Kyiv has agreed … and have stressed …").
	sentContent span
	names       map[parallax.Mention]string // canonical names already found
	lastWords   []string                    // each mention's last word, folded
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

// Extract returns the quotes of an article text, in text order, with their
// speakers resolved against mentions (byte offsets into the same text).
//
// Only speech is returned: quotations, and reported speech with a verb of
// saying ("said", "told", "warned", "according to"). Attributions lists
// beliefs and stances as well.
func Extract(s string, mentions []parallax.Mention) []parallax.Quote {
	return extract(s, mentions, false)
}

// Attributions returns every attribution of the text: the quotes of
// Extract, and the beliefs, findings and stances attributed to a source
// ("X believes …", "polls show …", "X endorsed Y", "X found that …"),
// the wider sense of attribution annotated in PolNeAR. A few name no
// source ("Asked whether …,", "X appears to …"): their Speaker is empty.
func Attributions(s string, mentions []parallax.Mention) []parallax.Quote {
	return extract(s, mentions, true)
}

func extract(s string, mentions []parallax.Mention, all bool) []parallax.Quote {
	d := docs.Get().(*doc)
	defer docs.Put(d)
	d.reset(s, mentions)
	d.speechOnly = !all
	var atts []attribution
	for si := range d.sents {
		atts = d.sentenceAttributions(si, atts)
	}
	if all {
		atts = d.askedClauses(atts)
	}
	atts = d.continueQuotes(atts)
	atts = d.trailingAttributions(atts)
	atts = d.labelledLines(atts)
	atts = d.continueQuotes(atts)
	for _, a := range atts {
		if !a.learned {
			d.sources = append(d.sources, a.source)
		}
	}
	sort.Slice(d.sources, func(i, j int) bool { return d.sources[i].a < d.sources[j].a })
	if !all {
		kept := atts[:0]
		for _, a := range atts {
			if a.direct || !a.stance {
				kept = append(kept, a)
			}
		}
		atts = kept
	}
	return d.build(atts)
}

// reset makes d the doc of text s with the given mentions, reusing its
// storage.
func (d *doc) reset(s string, mentions []parallax.Mention) {
	names := d.names
	clear(names)
	*d = doc{
		s: s, quotes: appendQuotedSpans(d.quotes[:0], s), sents: d.sents[:0], mentions: d.mentions[:0],
		sources: d.sources[:0], cueStarts: d.cueStarts[:0], names: names,
		toks: d.toks[:0], folds: d.folds[:0], spans: d.spans[:0],
	}
	d.used = slices.Grow(d.used[:0], len(d.quotes))[:len(d.quotes)]
	clear(d.used)
	d.toks = text.AppendTokens(slices.Grow(d.toks, len(s)/5+1), s)
	d.folds = text.AppendFolds(slices.Grow(d.folds, len(d.toks)), s, d.toks)
	d.spans = text.AppendSentences(d.spans, s)
	all, folded := d.toks, d.folds
	k := 0
	for _, sp := range d.spans {
		for k < len(all) && all[k].Start < sp.Start {
			k++
		}
		lo := k
		for k < len(all) && all[k].End <= sp.End {
			k++
		}
		d.sents = append(d.sents, sentence{span: span{sp.Start, sp.End}, toks: all[lo:k:k], fold: folded[lo:k:k]})
	}
	for _, m := range mentions {
		if m.Start >= 0 && m.End <= len(s) && m.Start < m.End {
			d.mentions = append(d.mentions, m)
		}
	}
	slices.SortStableFunc(d.mentions, func(a, b parallax.Mention) int { return cmp.Compare(a.Start, b.Start) })
	d.lastWords = resizeStrings(d.lastWords, len(d.mentions))
	for i, m := range d.mentions {
		d.lastWords[i] = text.LastWord(trimPossessive(m.Text))
	}
}

// resizeStrings returns s with length n, reusing its storage.
func resizeStrings(s []string, n int) []string {
	return slices.Grow(s[:0], n)[:n]
}

// quoteAt returns the index of the quote whose marks enclose pos, or -1.
func (d *doc) quoteAt(pos int) int {
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].close >= pos })
	if i < len(d.quotes) && d.quotes[i].open < pos && pos < d.quotes[i].close {
		return i
	}
	return -1
}

// gap is the text between token i-1 and token i of a sentence (from the
// sentence start for i == 0, to the sentence end for i == len(toks)).
func (d *doc) gap(st *sentence, i int) string {
	a, b := st.a, st.b
	if i > 0 {
		a = st.toks[i-1].End
	}
	if i < len(st.toks) {
		b = st.toks[i].Start
	}
	if a > b {
		return ""
	}
	return d.s[a:b]
}

// sentenceAttributions finds the cues of sentence si outside quotation
// marks and builds an attribution for each that has a speaker and content.
func (d *doc) sentenceAttributions(si int, atts []attribution) []attribution {
	st := &d.sents[si]
	d.sentSource, d.sentContent = span{}, span{}
	for i := 0; i < len(st.toks); i++ {
		// Words inside quotation marks are no cues: tested once a word
		// is a cue, as most words are not.
		w := st.fold[i]
		if w == "according" && i+1 < len(st.toks) && st.fold[i+1] == "to" {
			if d.quoteAt(st.toks[i].Start) >= 0 {
				continue
			}
			if a, ok := d.accordingTo(st, i); ok {
				atts = append(atts, a)
			}
			continue
		}
		if w == "in" && !d.speechOnly {
			if a, ok := d.inSurvey(st, i); ok {
				atts = append(atts, a)
			}
			continue
		}
		info, ok := cueTable[w]
		if w == "put" && i+1 < len(st.toks) && st.fold[i+1] == "it" && strings.ContainsAny(d.gap(st, i+2), ",:") {
			info, ok = cueInfo{kind: cueSpeech, speech: true}, true // "as Cornyn put it, “…”"
		}
		kind, stance, learned := info.kind, !info.speech, info.learned
		if learned && d.speechOnly && !d.hasFreeQuote(st) {
			ok = false
		}
		if !ok && i+1 < len(st.toks) && st.fold[i+1] == "that" && thatVerb(st.toks[i].Text, w) && !strings.ContainsAny(d.gap(st, i+1), ",;:") {
			kind, ok = cueThat, true // "X found that …", "polls show that …"
		}
		if !ok || d.quoteAt(st.toks[i].Start) >= 0 {
			continue
		}
		if i > 0 && st.fold[i-1] == "to" {
			if d.speechOnly {
				continue
			}
			// "visited the show to discuss his remarks": an intention of
			// the clause's subject.
			if a, ok := d.infinitiveCue(st, i); ok {
				atts = append(atts, a)
			}
			continue
		}

		if !d.speechOnly && i+2 < len(st.toks) && st.fold[i+1] == "by" && strings.HasSuffix(w, "ed") {
			// "the bill, opposed by House Republicans": a passive.
			if a, ok := d.passive(st, i); ok {
				atts = append(atts, a)
				continue
			}
		}
		if !d.speechOnly && !speechCues[w] && !strings.HasSuffix(w, "ed") && d.possessedAt(st, i) > 0 {
			// "his endorsement of Clinton", "Trump's call for a ban": a
			// noun whose possessor is the source.
			if a, ok := d.possessiveCue(st, i); ok {
				atts = append(atts, a)
				continue
			}
		}
		a, ok := d.cueAttribution(st, i, kind)
		if !ok && !d.speechOnly && raisingVerbs[w] && infinitiveAt(st, i+1) {
			// "{The statistics} appear {to be fabricated}": the writer's
			// judgement, with no source.
			if a, ok = d.withContentAfter(attribution{cue: span{st.toks[i].Start, st.toks[i].End}}, st, i, cueSpeech); ok {
				a.sourceless, a.learned = true, true
			}
		}
		if !ok && kind != cueSpeech && !d.speechOnly {
			// "X announced his candidacy", "the PACs supporting Kasich": as
			// a stance, the clause after.
			if a, ok = d.cueAttribution(st, i, cueSpeech); ok {
				stance = true
			}
		}
		if ok {
			if w == "put" && info.speech {
				a.cue.b = st.toks[i+1].End
			}
			a.stance, a.learned = stance || d.infinitive(a), learned
			if stance && a.direct && i > 0 && possessiveWord(st.fold[i-1]) {
				d.release(a) // "Editor's note: “…”": a noun, not a cue
				continue
			}
			if !a.source.empty() && !learned && !a.stance && !d.sentContent.contains(a.cue.a) {
				d.sentSource, d.sentContent = a.source, span{a.parts[0].a, a.parts[len(a.parts)-1].b}
			}
			atts = append(atts, a)
		}
	}
	return atts
}

// accordingTo handles "according to X, …" and "…, according to X".
func (d *doc) accordingTo(st *sentence, i int) (attribution, bool) {
	cue := span{st.toks[i].Start, st.toks[i+1].End}
	src, next := d.nounPhraseAfter(st, i+2)
	if src.empty() {
		return attribution{}, false
	}
	var content span
	var parts []span
	if i == 0 || i <= 3 && onlyConnectives(st, i) {
		content = d.clauseFrom(st, next)
	} else {
		content = d.clauseBefore(st, i)
		if rest := d.clauseAfterParenthetical(st, next); d.substantial(rest) {
			// "Fundraising, according to the campaign, has surged": the
			// clause goes on after the source; "In addition, according
			// to the department, …": only after it.
			if introPhrase(d.s[content.a:content.b]) || onlyConnectives(st, i) || sentenceAdverb(st, i) {
				content = rest
			} else {
				parts = []span{content, rest}
			}
		}
	}
	if parts == nil && !d.substantial(content) {
		return attribution{}, false
	}
	if parts == nil {
		parts = []span{content}
	}
	a := attribution{source: src, cue: cue, parts: parts, after: src.b}
	d.markUsed(&a)
	return a, true
}

// infinitiveCue builds the stance of "X … to VERB CONTENT": the subject
// of the sentence intends the content.
func (d *doc) infinitiveCue(st *sentence, i int) (attribution, bool) {
	src := d.sentenceSubject(st, i-1)
	if src.empty() {
		return attribution{}, false
	}
	a := attribution{source: src, cue: span{st.toks[i-1].Start, st.toks[i].End}, stance: true}
	return d.withContentAfter(a, st, i, cueSpeech)
}

// passive builds the stance of a passive cue at token i with its agent:
// "{Sanders' stridency} was echoed by [O'Malley]", "{the bill}, opposed by
// [House Republicans]". The content is the noun phrase before the verb.
func (d *doc) passive(st *sentence, i int) (attribution, bool) {
	src, _ := d.nounPhraseAfter(st, i+2)
	if src.empty() || !strings.Contains(d.gap(st, i+1), " ") || strings.ContainsAny(d.gap(st, i+1)+d.gap(st, i+2), ",;:") {
		return attribution{}, false
	}
	c := i
	for c > 0 && (cueModifiers[st.fold[c-1]] || passiveAux[st.fold[c-1]] || adverb(st.toks[c-1].Text, st.fold[c-1])) &&
		!strings.ContainsAny(d.gap(st, c), ",;:\"“”«»") {
		c--
	}
	k := d.speakerBefore(st, c, true)
	if k < 0 || k >= c {
		return attribution{}, false
	}
	content := span{st.toks[k].Start, st.toks[c-1].End}
	if d.quoteAt(content.a) >= 0 {
		return attribution{}, false
	}
	a := attribution{source: src, cue: span{st.toks[c].Start, st.toks[i+1].End}, parts: []span{content}, after: src.b, stance: true}
	return a, true
}

// passiveAux are the auxiliaries of a passive: "has been endorsed by".
var passiveAux = map[string]bool{"been": true, "being": true, "be": true, "get": true, "got": true, "gets": true}

// askedClauses finds the questions put to an unnamed asker in a
// sentence-opening participle: "Asked whether he would run, he said …"
// (the question is the content; no source is named).
func (d *doc) askedClauses(atts []attribution) []attribution {
	for si := range d.sents {
		st := &d.sents[si]
		i := 0
		if len(st.toks) > 0 && (st.fold[0] == "when" || st.fold[0] == "but" || st.fold[0] == "and") {
			i = 1
		}
		if i+2 >= len(st.toks) || st.fold[i] != "asked" || !askedObjects[st.fold[i+1]] || d.quoteAt(st.toks[i].Start) >= 0 {
			continue
		}
		j := i + 2
		for j < len(st.toks) && j-i < 40 && !strings.ContainsAny(d.gap(st, j), ",;:") {
			j++
		}
		if j >= len(st.toks) {
			continue
		}
		from := i + 1
		if st.fold[from] == "about" {
			from++
		}
		content := span{st.toks[from].Start, st.toks[j-1].End}
		if d.covered(atts, content) {
			continue
		}
		atts = append(atts, attribution{cue: span{st.toks[i].Start, st.toks[i].End}, parts: []span{content},
			after: content.b, stance: true, learned: true, sourceless: true})
	}
	return atts
}

// askedObjects may follow a sentence-opening "Asked": "Asked whether",
// "Asked about the plan".
var askedObjects = map[string]bool{"whether": true, "if": true, "what": true, "why": true, "how": true,
	"who": true, "about": true, "when": true, "where": true, "which": true}

// clauseAfterParenthetical returns the clause after a parenthetical
// source ending before token next ("…, according to X, has surged"), or an
// empty span.
func (d *doc) clauseAfterParenthetical(st *sentence, next int) span {
	if next >= len(st.toks) || !strings.Contains(d.gap(st, next), ",") || strings.ContainsAny(d.gap(st, next), "“”\"«»") {
		return span{}
	}
	return d.clauseFrom(st, next)
}

// sentenceAdverb reports whether the tokens before i are a sentence
// adverb or a short time phrase: "Now, according to …", "In addition".
func sentenceAdverb(st *sentence, i int) bool {
	if i == 1 {
		w := st.fold[0]
		return strings.HasSuffix(w, "ly") || timeWords[w] || w == "now" || w == "still" || w == "meanwhile" || w == "then"
	}
	return false
}

// inSurvey handles a finding reported "in" a poll, survey or study: "In
// the latest YouGov survey, 71 percent approved …", "Trump has a decisive
// lead in the polls". The poll is the source.
func (d *doc) inSurvey(st *sentence, i int) (attribution, bool) {
	src, next := d.nounPhraseAfter(st, i+1)
	if src.empty() || !surveyNouns[st.fold[next-1]] || d.quoteAt(st.toks[i].Start) >= 0 {
		return attribution{}, false
	}
	var content span
	if i == 0 || i <= 3 && onlyConnectives(st, i) {
		if next >= len(st.toks) || !strings.Contains(d.gap(st, next), ",") {
			return attribution{}, false
		}
		content = d.clauseFrom(st, next)
	} else {
		if next < len(st.toks) && !strings.ContainsAny(d.gap(st, next), ",;:") {
			return attribution{}, false // "in the polls" must end the clause
		}
		content = d.clauseBefore(st, i)
	}
	if !d.substantial(content) || introPhrase(d.s[content.a:content.b]) {
		return attribution{}, false
	}
	a := attribution{source: src, cue: span{st.toks[i].Start, st.toks[i].End}, parts: []span{content}, after: src.b, stance: true}
	d.markUsed(&a)
	return a, true
}

// surveyNouns end a noun phrase naming a poll or study.
var surveyNouns = map[string]bool{"poll": true, "polls": true, "survey": true, "surveys": true, "study": true,
	"studies": true, "report": true, "analysis": true, "polling": true, "census": true, "tally": true}

// raisingVerbs judge their subject without naming a source: "appears to
// be", "seemed to".
var raisingVerbs = map[string]bool{"appear": true, "appears": true, "appeared": true, "seem": true, "seems": true, "seemed": true}

// possessor reports whether a folded word is a possessive determiner or
// ends in 's.
func possessor(w string) bool {
	switch w {
	case "his", "her", "their", "its", "my", "our", "your":
		return true
	}
	return possessiveWord(w) || strings.HasSuffix(w, "s'")
}

// possessiveCue builds the stance of a cue noun after a possessor: the
// possessor (with its noun phrase: "the Supreme Court's") is the source,
// the complement after the noun the content: "of Clinton", "for a ban on
// Muslims", "to legalize same-sex marriage", "that she …".
func (d *doc) possessiveCue(st *sentence, i int) (attribution, bool) {
	j := i + 1
	if j >= len(st.toks) || strings.ContainsAny(d.gap(st, j), ",;:()“”\"«»") {
		return attribution{}, false
	}
	switch w := st.fold[j]; {
	case cuePrepositions[w] && w != "to" || w == "that":
		j++
	case infinitiveAt(st, j):
	default:
		return attribution{}, false
	}
	if j >= len(st.toks) {
		return attribution{}, false
	}
	p := d.possessedAt(st, i)
	k := p - 1
	for k > 0 && isCapitalised(st.toks[k-1].Text) && !strings.ContainsAny(d.gap(st, k), ",;:“”\"«»") && k > i-5 {
		k--
	}
	src := span{st.toks[k].Start, st.toks[p-1].End}
	end := j
	for end < len(st.toks) && end-j < 25 && !strings.ContainsAny(d.gap(st, end), ",;:()—") || end == j {
		if end > j && finiteVerbs[st.fold[end]] {
			break
		}
		end++
	}
	content := d.trimContent(span{st.toks[j].Start, st.toks[end-1].End})
	if content.empty() || d.quoteAt(content.a) >= 0 && !d.quoteOpensAt(content.a) {
		return attribution{}, false
	}
	a := attribution{source: src, cue: span{st.toks[p].Start, st.toks[i].End}, parts: []span{content}, after: content.b, stance: true, learned: true}
	return a, true
}

// possessedAt returns the index of the first word after the possessor of
// the cue noun at token i, allowing up to two modifiers in between ("his
// controversial remarks", "Palin's pugnacious posts"), or 0 when no
// possessor precedes it.
func (d *doc) possessedAt(st *sentence, i int) int {
	for p := i; p > 0 && p >= i-2; p-- {
		if possessor(st.fold[p-1]) && !strings.ContainsAny(d.gap(st, p), ",;:“”\"«»()") {
			return p
		}
		w := st.fold[p-1]
		if isCapitalised(st.toks[p-1].Text) || text.IsStopword(w) || cues[w] != 0 || strings.ContainsAny(d.gap(st, p), ",;:“”\"«»()") {
			return 0
		}
	}
	return 0
}

// finiteVerbs end a noun-phrase content: "his call for a ban was …".
var finiteVerbs = map[string]bool{"is": true, "was": true, "are": true, "were": true, "has": true, "have": true,
	"had": true, "will": true, "would": true, "could": true, "can": true, "may": true, "might": true, "should": true,
	"did": true, "does": true, "must": true}

// quoteOpensAt reports whether a quotation opens right before pos.
func (d *doc) quoteOpensAt(pos int) bool {
	q := d.quoteAt(pos)
	return q >= 0 && d.quotes[q].start >= pos-3
}

// onlyConnectives reports whether the tokens before i are only a
// sentence connective ("But according to …").
func onlyConnectives(st *sentence, i int) bool {
	for _, t := range st.toks[:i] {
		switch strings.ToLower(t.Text) {
		case "but", "and", "yet", "so", "also", "however":
		default:
			return false
		}
	}
	return true
}

// cueAttribution builds the attribution around the cue token i.
func (d *doc) cueAttribution(st *sentence, i int, kind cueKind) (attribution, bool) {
	cueStart := i
	for cueStart > 0 && (cueModifiers[st.fold[cueStart-1]] || adverb(st.toks[cueStart-1].Text, st.fold[cueStart-1])) && !strings.ContainsAny(d.gap(st, cueStart), ",;:\"“”«»") {
		cueStart--
	}
	if (kind == cueGerund || kind == cueGerundThat) && progressive(st.fold[cueStart:i]) {
		kind = cueSpeech // "Trump is demanding that …": a finite verb, not a participle
	}
	a := attribution{cue: span{st.toks[cueStart].Start, st.toks[i].End}}
	before := d.gap(st, cueStart)
	switch {
	case kind == cueGerund || kind == cueGerundThat:
		if !strings.Contains(before, ",") && !(cueStart > 1 && gerundOpeners[st.fold[cueStart-1]]) {
			return a, false
		}
		a.source = d.sentenceSubject(st, cueStart)
		return d.withContentAfter(a, st, i, kind)
	case cueStart > 0 && hasContentEnd(before):
		if b, ok := d.quoteBeforeAppositives(a, st, cueStart); ok {
			return b, true
		}
		if src, ok := d.appositiveSpeaker(st, cueStart); ok {
			a.source = src
			first := d.firstTokenAt(st, src.a)
			if first > 0 && d.contentBefore(st, first, i) {
				if b, ok := d.withContentBefore(a, st, first, kind); ok {
					return b, true
				}
			}
			return d.withContentAfter(a, st, i, kind)
		}
		src, next := d.nounPhraseAfter(st, i+1)
		if (src.empty() || st.fold[i+1] == "that" || pronouns[st.fold[i+1]]) && cueStart < i || clauseAfter(st, i+1, next) {
			// "…, then says he will": the subject of the sentence speaks.
			a.source = d.sentenceSubject(st, cueStart)
			return d.withContentAfter(a, st, i, kind)
		}
		if !strings.ContainsAny(before, "”»\"'") && d.thatWithin(st, i, 4) {
			// "Trump, who questioned …, said Friday that …": the
			// subject before the parenthetical speaks.
			if a.source = d.sentenceSubject(st, cueStart); !a.source.empty() {
				return d.withContentAfter(a, st, i, kind)
			}
		}
		if src.empty() || st.fold[i+1] == "that" {
			return a, false
		}
		named := isCapitalised(st.toks[i+1].Text) || st.fold[i+1] == "the" || st.fold[i+1] == "a" || st.fold[i+1] == "an"
		closes := next >= len(st.toks) || strings.ContainsAny(d.gap(st, next), ",.;:")
		if !endsClause(d, st, next-1) && !(strings.ContainsAny(before, "”»\"") || strings.Contains(before, "''")) && !(named && closes) {
			return a, false
		}
		a.source = src
		return d.withContentBefore(a, st, cueStart, kind)
	}
	if cueStart == 0 && kind == cueSpeech {
		if b, ok := d.invertedOpening(a, st, i); ok {
			return b, true
		}
	}
	srcTok := d.speakerBefore(st, cueStart, false)
	if srcTok <= 0 || !hasContentEnd(d.gap(st, srcTok)) {
		if b, ok := d.quoteThenSpeaker(a, st, cueStart, i); ok {
			return b, true
		}
	}
	if srcTok == 0 {
		// "…?'' Mr. Manafort asked.": the quote closed the sentence before.
		if q := d.quoteClosingBefore(st.a); q >= 0 && endsClause(d, st, i) {
			a.source = span{st.toks[0].Start, st.toks[cueStart-1].End}
			a.parts, a.direct, a.after = []span{{d.quotes[q].start, d.quotes[q].end}}, true, a.cue.b
			d.used[q] = true
			return a, true
		}
	}
	if srcTok < 0 {
		if !d.afterConjunction(st, cueStart) && !d.afterParenthetical(st, cueStart) {
			return a, false
		}
		a.source = d.sentenceSubject(st, cueStart)
		if a.source.empty() {
			return a, false
		}
		return d.withContentAfter(a, st, i, kind)
	}
	a.source = span{st.toks[srcTok].Start, st.toks[cueStart-1].End}
	if srcTok > 0 && d.contentBefore(st, srcTok, i) {
		if b, ok := d.withContentBefore(a, st, srcTok, kind); ok {
			return b, true
		}
	}
	return d.withContentAfter(a, st, i, kind)
}

// quoteBeforeAppositives handles a quotation whose speaker carries
// several appositives before the cue at token c: "“…,” Scott Pruitt, the
// attorney general of Oklahoma, one of the states suing, said." The
// speaker is everything between the closing mark and the cue.
func (d *doc) quoteBeforeAppositives(a attribution, st *sentence, c int) (attribution, bool) {
	return d.quoteBeforeSpeaker(a, st, c, 2)
}

// quoteThenSpeaker handles a quotation right before a long speaker
// without commas: "“…,” the independent Vermont senator and Democratic
// presidential candidate told ABC", "“…,” this source told Politico".
func (d *doc) quoteThenSpeaker(a attribution, st *sentence, c, i int) (attribution, bool) {
	if c == 0 || !speechCues[st.fold[i]] || strings.HasSuffix(st.fold[i], "ing") {
		return a, false
	}

	return d.quoteBeforeSpeaker(a, st, c, 0)
}

// quoteBeforeSpeaker takes the quotation closing before the speaker that
// runs up to the cue at token c, with at least minCommas commas in it.
func (d *doc) quoteBeforeSpeaker(a attribution, st *sentence, c, minCommas int) (attribution, bool) {
	// Most cues have no quotation closing before them in their sentence:
	// one binary search settles it.
	k := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].closeEnd > st.toks[c].Start }) - 1
	if k < 0 || d.quotes[k].closeEnd < st.a {
		return a, false
	}
	commas := 0
	if strings.Contains(d.gap(st, c), ",") {
		commas++ // "“…,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
	}
	for j := c - 1; j > 0 && c-j <= 30; j-- {
		g := d.gap(st, j)
		if strings.ContainsAny(g, ";:“«") {
			return a, false
		}
		if !strings.ContainsAny(g, "”\"»") && !strings.Contains(g, "''") {
			if strings.Contains(g, ",") {
				commas++
			}
			continue
		}
		if commas < minCommas || !isCapitalised(st.toks[j].Text) && minCommas > 0 || cueWordIn(st, j, c) ||
			boundaries[st.fold[j]] && st.fold[j] != "this" || minCommas == 0 && clauseWordIn(st, j, c) {
			return a, false
		}
		pos := st.toks[j].Start
		if g := strings.TrimRight(d.s[st.toks[j-1].End:pos], " "); strings.HasSuffix(g, ",") {
			pos = st.toks[j-1].End + len(g) - 1 // the comma after the marks: “…”, Name
		}
		q := d.quoteClosingBefore(pos)
		if q < 0 || !d.endsWithComma(d.quotes[q]) || !d.speechLike(d.quotes[q]) {
			return a, false
		}
		a.source = span{st.toks[j].Start, st.toks[c-1].End}
		a.parts, a.direct, a.after = []span{{d.quotes[q].start, d.quotes[q].end}}, true, a.cue.b
		d.used[q] = true
		return a, true
	}
	return a, false
}

// invertedOpening handles a sentence opening with the cue and the
// speaker before a quotation: "Said Comey, “…”", "Added Dorothy Poynter,
// who grew up with Ali, “…”".
func (d *doc) invertedOpening(a attribution, st *sentence, i int) (attribution, bool) {
	if i+1 >= len(st.toks) || !isCapitalised(st.toks[i+1].Text) {
		return a, false
	}
	for j := i + 2; j < len(st.toks) && j <= i+maxAppositive; j++ {
		g := d.gap(st, j)
		if strings.ContainsAny(g, ";.()") {
			return a, false
		}
		if !strings.ContainsAny(g, ",:") {
			continue
		}
		q := d.quoteOpeningAt(st, d.afterPunct(st.toks[j-1].End, st.toks[j].Start))
		if q < 0 {
			continue
		}
		a.source = span{st.toks[i+1].Start, st.toks[j-1].End}
		a.parts, a.direct, a.after = []span{{d.quotes[q].start, d.quotes[q].end}}, true, d.quotes[q].closeEnd
		d.used[q] = true
		return a, true
	}
	return a, false
}

// cueWordIn reports whether a listed cue lies among tokens i to j-1.
func cueWordIn(st *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if cues[st.fold[k]] != 0 {
			return true
		}
	}
	return false
}

// clauseWordIn reports whether tokens i to j-1 hold a word that links
// clauses, so that they are no noun phrase: "Blige sings to Clinton
// before".
func clauseWordIn(st *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		switch st.fold[k] {
		case "to", "before", "after", "while", "when", "as", "because", "that", "which", "is", "was", "has", "had":
			return true
		}
	}
	return false
}

// gerundOpeners introduce a participial cue whose speaker is the
// clause's subject: "marched downtown while chanting, “…”", "responded by
// saying …", "was the most aggressive in denouncing the media".
var gerundOpeners = map[string]bool{"while": true, "by": true, "after": true, "before": true, "when": true, "in": true}

// hasContentEnd reports whether the text between content and its
// attribution ends a clause: a comma or a closing quotation mark.
func hasContentEnd(gap string) bool {
	return strings.ContainsAny(gap, ",”»\"’") && !strings.ContainsAny(gap, "(")
}

// contentBefore decides whether the content of an attribution whose
// speaker starts at token first and whose cue is token cue precedes it:
// a closing quotation mark right before the speaker settles it, unless a
// quotation opens right after the cue; else a comma before the speaker and
// an attribution that ends its clause.
func (d *doc) contentBefore(st *sentence, first, cue int) bool {
	before := d.gap(st, first)
	if !hasContentEnd(before) {
		return false
	}
	if q := d.quoteAt(st.toks[first].Start - 1); q < 0 && (strings.ContainsAny(before, "”»\"“") || strings.Contains(before, "''")) {
		return true
	}
	if cue+1 <= len(st.toks) && strings.ContainsAny(d.gap(st, cue+1), "“\"«") || d.colonQuoteAhead(st, cue) {
		return false
	}
	return endsClause(d, st, cue)
}

// colonQuoteAhead reports whether the attribution ending at cue token i
// (with a short tail: "said in a statement") introduces a quotation after
// a colon: "Clinton's campaign chairman, John Podesta, said in a
// statement: “…”".
func (d *doc) colonQuoteAhead(st *sentence, i int) bool {
	for j := i + 1; j <= len(st.toks) && j <= i+8; j++ {
		g := d.gap(st, j)
		if j == len(st.toks) {
			g = d.s[st.toks[j-1].End:min(len(d.s), st.b+8)]
		}
		if k := strings.IndexByte(g, ':'); k >= 0 {
			after := strings.TrimLeftFunc(g[k+1:], unicode.IsSpace)
			r, _ := utf8.DecodeRuneInString(after)
			return strings.ContainsRune("“\"«", r) || strings.HasPrefix(after, "''")
		}
		if j < len(st.toks) && !tailWord(st.toks[j].Text, st.fold[j]) {
			return false
		}
	}
	return false
}

// endsClause reports whether the attribution ends at cue token i: the
// sentence ends, or a comma, colon or quotation mark follows (possibly
// after a time phrase: "Tusk said on Monday.").
func endsClause(d *doc, st *sentence, i int) bool {
	for j := i + 1; j <= len(st.toks) && j <= i+7; j++ {
		if j == len(st.toks) {
			return true
		}
		g := d.gap(st, j)
		if strings.ContainsAny(g, ";:“”\"«»—") {
			return true
		}
		w := st.fold[j]
		if strings.Contains(g, ",") {
			return clauseStops[w] || w == "and" || cues[w] == cueGerund || cues[w] == cueGerundThat ||
				strings.HasSuffix(w, "ing") || d.quoteAt(st.toks[j].Start) >= 0
		}
		if !tailWord(st.toks[j].Text, w) {
			return false
		}
	}
	return false
}

// tailWord reports whether a word can trail an attribution without
// opening its content: "said on Monday in Geneva", "said of the plan".
func tailWord(tok, w string) bool {
	if timeWords[w] || stopAfterSpeaker[w] && w != "that" {
		return true
	}
	switch w {
	case "of", "by", "via", "to", "reporters", "the", "his", "her", "their", "its", "interview", "statement", "email", "phone", "telephone", "told":
		return true
	}
	return isCapitalised(tok) && !pronouns[w] || text.IsNumber(tok)
}

// afterConjunction reports whether the cue follows "but", "and" or a
// comma with nothing but modifiers: "…, but later said …".
func (d *doc) afterConjunction(st *sentence, cue int) bool {
	if cue == 0 {
		return false
	}
	w := st.fold[cue-1]
	return w == "and" || w == "but"
}

// afterParenthetical reports whether the cue at token cue follows a
// comma or dash closing a long parenthetical after the subject: "Trump,
// who previously questioned …, said Friday that …".
func (d *doc) afterParenthetical(st *sentence, cue int) bool {
	return cue > 0 && strings.ContainsAny(d.gap(st, cue), ",—–") && !strings.ContainsAny(d.gap(st, cue), "“”\"«»")
}

// thatWithin reports whether a "that" follows the cue at token i within n
// tokens, with no punctuation before it.
func (d *doc) thatWithin(st *sentence, i, n int) bool {
	for j := i + 1; j < len(st.toks) && j <= i+n; j++ {
		if strings.ContainsAny(d.gap(st, j), ",;:()“”\"«»—") {
			return false
		}
		if st.fold[j] == "that" {
			return true
		}
	}
	return false
}

// firstTokenAt returns the index of the token starting at pos.
func (d *doc) firstTokenAt(st *sentence, pos int) int {
	for j, t := range st.toks {
		if t.Start >= pos {
			return j
		}
	}
	return len(st.toks)
}

// speakerBefore walks back from the cue at token c over the speaker noun
// phrase and returns its first token, or -1 when there is none.
func (d *doc) speakerBefore(st *sentence, c int, overComma bool) int {
	if c > 0 && st.fold[c-1] == "it" && (c == 1 || !strings.HasSuffix(st.fold[c-2], "ing")) {
		return c - 1
	}
	j, skip := c, -1
	for j > 0 && c-j < 12 {
		if g := d.gap(st, j); strings.Contains(g, ")") && !strings.ContainsAny(g, ",;:“”\"") {
			// Skip a party tag: "Rep. Hank Johnson (D-Ga.) said".
			k := j - 1
			for k > 0 && c-k < 10 && !strings.Contains(d.gap(st, k), "(") {
				k--
			}
			if k > 0 && strings.Contains(d.gap(st, k), "(") {
				j, skip = k, k
			}
		}
		if !(overComma && j == c) && j != skip && strings.ContainsAny(d.gap(st, j), ",;:()“”\"«»—–") {
			break
		}
		w := st.fold[j-1]
		if (w == "who" || w == "which") && j == c {
			return j - 1
		}
		if boundaries[w] || cues[w] != 0 || d.quoteAt(st.toks[j-1].Start) >= 0 {
			break
		}
		j--
	}
	if j == c {
		return -1
	}
	// Drop a sentence adverb at the start ("Meanwhile", "Notably").
	for j < c && strings.HasSuffix(st.fold[j], "ly") && !isCapitalised(st.toks[j].Text) {
		j++
	}
	if j == c || !nounish(st.toks[j:c]) {
		return -1
	}
	if c-j > 6 {
		j = trailingName(st.toks[j:c]) + j
	}
	return j
}

// nounish reports whether tokens can be a speaker: a pronoun, a name or a
// noun phrase whose last word is not a common function word.
func nounish(toks []text.Token) bool {
	last := text.Fold(toks[len(toks)-1].Text)
	if len(toks) > 1 && trailingAdverbs[last] {
		// "Ford itself said", "campaign workers here said"
		toks = toks[:len(toks)-1]
		last = text.Fold(toks[len(toks)-1].Text)
	}
	if len(toks) == 1 && pronouns[last] {
		return true
	}
	if text.IsStopword(last) && last != "officials" {
		switch last {
		case "who", "one", "others", "many", "some", "both", "all", "few", "most":
			return true
		}
		return false
	}
	return !strings.HasSuffix(last, "ly") || isCapitalised(toks[len(toks)-1].Text)
}

// trailingName returns the start of the run of capitalised tokens at the
// end of toks (the name in a long noun phrase), or len(toks)-4.
func trailingName(toks []text.Token) int {
	j := len(toks)
	for j > 0 && (isCapitalised(toks[j-1].Text) || toks[j-1].Text == "of") {
		j--
	}
	if j == len(toks) {
		return max(0, len(toks)-4)
	}
	return j
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// appositiveSpeaker handles "NAME, APPOSITIVE, said": the cue at token c
// follows a comma, and the comma-delimited piece before it opens with a
// determiner or "who"; the speaker spans the name and the appositive.
func (d *doc) appositiveSpeaker(st *sentence, c int) (span, bool) {
	j := c - 1
	for j > 0 && c-j < maxAppositive && !strings.ContainsAny(d.gap(st, j), ",;:“”\"«»") {
		j--
	}
	if j <= 0 || c-j >= maxAppositive || !strings.Contains(d.gap(st, j), ",") {
		return span{}, false
	}
	if nameOnly(st.toks[j:c]) {
		// "her adviser, Jake Sullivan, said": the name is the speaker.
		end := st.toks[c-1].End
		return span{st.toks[j].Start, end}, true
	}
	w := st.fold[j]
	if !appositiveOpeners[w] && !(strings.HasSuffix(w, "ing") && cues[w] == 0) && !isAge(w) && !isCapitalised(st.toks[j-1].Text) {
		return span{}, false
	}
	for _, t := range st.toks[j:c] {
		if f := text.Fold(t.Text); cues[f] != 0 && speechCues[f] {
			return span{}, false
		}
	}
	k := d.speakerBefore(st, j, true)
	if k < 0 {
		return span{}, false
	}
	end := st.toks[c-1].End
	if g := d.gap(st, c); strings.HasPrefix(strings.TrimSpace(g), ",") {
		end = st.toks[c-1].End + strings.Index(g, ",") + 1
	}
	return span{st.toks[k].Start, end}, true
}

// nounPhraseAfter returns the noun phrase starting at token i (up to a
// comma, a preposition or the sentence end, at most 8 tokens) and the index
// of the token after it.
func (d *doc) nounPhraseAfter(st *sentence, i int) (span, int) {
	j := i
	for j < len(st.toks) && j-i < 8 {
		if j > i && strings.ContainsAny(d.gap(st, j), ",;:()“”\"«»—.") {
			break
		}
		if j == i && strings.ContainsAny(d.gap(st, j), "“”\"«»") {
			break
		}
		if w := st.fold[j]; j > i && stopAfterSpeaker[w] {
			break
		}
		j++
	}
	if j == i {
		return span{}, i
	}
	return span{st.toks[i].Start, st.toks[j-1].End}, j
}

// sentenceSubject approximates the subject of the clause that a
// participial cue hangs from: the first noun phrase of the sentence.
func (d *doc) sentenceSubject(st *sentence, before int) span {
	if !d.sentSource.empty() && before < len(st.toks) && d.sentSource.b <= st.toks[before].Start {
		return d.sentSource
	}
	for j := 0; j < before; j++ {
		w := st.fold[j]
		if pronouns[w] && w != "it" {
			return span{st.toks[j].Start, st.toks[j].End}
		}
		if j == 0 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly")) && !d.mentionAt(st.toks[0].Start) {
			continue // "Asked why …", "Speaking Friday, …", "Meanwhile, …": not the subject
		}
		if isCapitalised(st.toks[j].Text) && !text.IsStopword(w) && d.quoteAt(st.toks[j].Start) < 0 {
			k := j
			for k+1 < before && isCapitalised(st.toks[k+1].Text) && !strings.ContainsAny(d.gap(st, k+1), ",;:“”\"") {
				k++
			}
			if n := k + 1; n < before && !strings.ContainsAny(d.gap(st, n), ",;:“”\"") && pluralNoun(st.toks[n].Text) {
				k = n
			}
			return span{st.toks[j].Start, st.toks[k].End}
		}
	}
	return span{}
}

// mentionAt reports whether an entity mention starts at pos ("Ted Cruz",
// not "Asked").
func (d *doc) mentionAt(pos int) bool {
	i := d.firstMentionFrom(pos)
	return i < len(d.mentions) && d.mentions[i].Start == pos
}

// isAge reports whether w is an age in "Smith, 63, said".
func isAge(w string) bool {
	return len(w) <= 3 && text.IsNumber(w)
}

// pluralNoun guesses whether a lower-case word after a name is a plural
// noun ("European leaders"), not a verb ("Trump says").
func pluralNoun(w string) bool {
	f := text.Fold(w)
	return !isCapitalised(w) && strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") && cues[f] == 0 && !boundaries[f] && f != "has" && f != "does"
}

// nameOnly reports whether toks are a short run of capitalised words.
func nameOnly(toks []text.Token) bool {
	if len(toks) == 0 || len(toks) > 5 {
		return false
	}
	for _, t := range toks {
		if !isCapitalised(t.Text) || text.IsStopword(text.Fold(t.Text)) {
			return false
		}
	}
	return true
}

// quoteClosingBefore returns the unused balanced quote whose closing mark
// ends right before pos (spaces aside), or -1.
func (d *doc) quoteClosingBefore(pos int) int {
	p := len(strings.TrimRightFunc(d.s[:pos], unicode.IsSpace))
	for i := len(d.quotes) - 1; i >= 0; i-- {
		q := d.quotes[i]
		if q.closeEnd == p && q.balanced && !d.used[i] {
			return i
		}
		if q.closeEnd < p {
			break
		}
	}
	return -1
}

// thatVerb guesses whether a word outside the cue list, followed by
// "that", is a verb taking a clause: lower case, ending in -ed or -s, and
// not a function word.
func thatVerb(tok, w string) bool {
	if isCapitalised(tok) || text.IsStopword(w) || len(w) < 4 {
		return false
	}
	switch w {
	case "means", "ensured", "ensures", "provided", "given", "assumed", "seems", "series", "news", "was", "has":
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous")
}

// adverb guesses a manner adverb before a cue ("defiantly told").
func adverb(tok, w string) bool {
	if isCapitalised(tok) || len(w) <= 5 || !strings.HasSuffix(w, "ly") {
		return false
	}
	switch w {
	case "family", "assembly", "supply", "anomaly", "monopoly", "butterfly", "italy", "july":
		return false
	}
	return true
}

// progressive reports whether the modifiers of a participial cue hold a
// form of "be" ("is demanding", "was still arguing").
func progressive(mods []string) bool {
	for _, w := range mods {
		switch w {
		case "is", "are", "was", "were", "am", "be", "been":
			return true
		}
	}
	return false
}

// infinitive reports whether a's content is an infinitive ("to comment"):
// an intention or refusal, not speech.
func (d *doc) infinitive(a attribution) bool {
	return !a.direct && len(a.parts) == 1 && strings.HasPrefix(d.s[a.parts[0].a:a.parts[0].b], "to ")
}

// clauseAfter reports whether the words from token i to j read as a clause
// rather than an inverted speaker: they open with a pronoun or hold an
// auxiliary ("said he was unaware", "said Carson had been led astray").
func clauseAfter(st *sentence, i, j int) bool {
	if i >= len(st.toks) {
		return false
	}
	if pronouns[st.fold[i]] && st.fold[i] != "it" {
		return true
	}
	for k := i + 1; k < j && k < len(st.toks); k++ {
		switch st.fold[k] {
		case "had", "has", "have", "was", "were", "is", "are", "will", "would", "could", "should", "can", "did", "does", "do":
			return true
		}
	}
	return false
}

// possessiveWord reports whether a folded word ends in 's.
func possessiveWord(w string) bool {
	return len(w) > 2 && strings.HasSuffix(w, "'s")
}

// release frees the quotations taken by an attribution that is dropped.
func (d *doc) release(a attribution) {
	for _, p := range a.parts {
		for i := d.firstQuoteFrom(p.a - 4); i < len(d.quotes) && d.quotes[i].start < p.b; i++ {
			if d.quotes[i].end > p.a {
				d.used[i] = false
			}
		}
	}
}

// hasFreeQuote reports whether a quotation not yet taken opens or closes
// in sentence st: in Extract a learned cue can only add a direct quote.
func (d *doc) hasFreeQuote(st *sentence) bool {
	for i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].closeEnd > st.a }); i < len(d.quotes) && d.quotes[i].open < st.b; i++ {
		if !d.used[i] {
			return true
		}
	}
	return false
}

// trailingAdverbs may follow a speaker before its cue.
var trailingAdverbs = map[string]bool{"here": true, "there": true, "itself": true, "himself": true,
	"herself": true, "themselves": true, "alone": true, "too": true}

// maxAppositive bounds the appositive between a speaker and the cue, in
// tokens: "Melanne Verveer, a close friend of Mrs. Clinton's who was her
// White House chief of staff, said".
const maxAppositive = 20
