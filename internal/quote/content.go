package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// withContentAfter completes a whose content follows the cue token i:
// "said (that) …", "told reporters: “…”".
func (d *doc) withContentAfter(a attribution, st *sentence, i int, kind cueKind) (attribution, bool) {
	if q := d.quoteAfterColon(st, i); q >= 0 {
		if i == len(st.toks)-1 {
			a.cue.b += strings.IndexByte(d.s[a.cue.b:], ':') + 1 // "reports:"
		}
		qq := d.quotes[q]
		a.parts, a.direct, a.after = []span{{qq.start, qq.end}}, true, qq.closeEnd
		d.used[q] = true
		return a, true
	}
	start, ok := d.contentStart(st, i, kind)
	if !ok {
		return a, false
	}
	// A quotation opening the content.
	if q := d.quoteOpeningAt(st, start); q >= 0 {
		qq := d.quotes[q]
		if qq.balanced && (d.restIsPunct(qq.close, st.b) || d.endsWithComma(qq)) && !shortTitle(d.s[qq.start:qq.end]) {
			a.parts, a.direct, a.after = []span{{qq.start, qq.end}}, true, st.b
			d.used[q] = true
			return a, wordsAtLeast(d.s[qq.start:qq.end], 1) // "said, “No.”"
		}
	}
	end := d.contentEnd(st, start)
	content := d.trimContent(span{start, end})
	if !d.substantial(content) && !((d.stanceObject(a) || d.beforeCoordinatedCue(st, content)) && !content.empty() && wordsAtLeast(d.s[content.a:content.b], 1)) {
		return a, false
	}
	a.parts, a.after = []span{content}, content.b
	d.markUsed(&a)
	return a, true
}

// contentStart finds where the content after cue token i starts: at a
// "that", a colon or an opening quotation mark a few words on, else (for
// verbs of saying) right after the cue or its hearer.
func (d *doc) contentStart(st *sentence, i int, kind cueKind) (int, bool) {
	cueWord := st.fold[i]
	thatOK := true // no other predicate yet between the cue and a "that"
	afterTitle := -1
	for j := i + 1; j < len(st.toks) && j <= i+15; j++ {
		if j > i+1 && cues[st.fold[j-1]] != 0 {
			break // "said the move … and said, “…”": the next cue's content
		}
		if j > i+1 && clauseLink(st, j-1) {
			// "denies any wrongdoing and points out that …", "attacked
			// Fiorina by reminding voters that …": another verb's "that".
			thatOK = false
		}
		g := d.gap(st, j)
		if j == afterTitle {
			g = " " // the closing mark and comma of a title passed over
		}
		if g == " " {
			// A single space, the usual gap, holds no mark: only the
			// word tests below apply.
			if thatOK && st.fold[j] == "that" && j <= i+8 && complementizer(st, j) || j == i+1 && questionCues[cueWord] && questionWords[st.fold[j]] {
				return st.toks[j].Start, true
			}
			continue
		}
		opens := strings.ContainsAny(g, "“\"«")
		if opens && j > afterTitle {
			if k := d.titleEnd(st, j); k > j {
				// "said in her book, “A Long Road,” that …": the title is
				// no content; read on after it.
				j, afterTitle = k-1, k
				continue
			}
		}
		if strings.Contains(g, ":") || opens && (j == i+1 || strings.Contains(g, ",")) || (j == i+1 && strings.Contains(g, ",") && kind != cueGerund) {
			return d.afterPunct(st.toks[j-1].End, st.toks[j].Start), true
		}
		if opens || strings.ContainsAny(g, ";()—–") || j > i+1 && (strings.Contains(g, ",") || strings.Contains(g, " - ")) {
			// A comma or dash past the cue's object ends the search: the
			// "that" of "said they would vote for X, however this time
			// that number …" opens no content.
			break
		}
		if thatOK && st.fold[j] == "that" && j <= i+8 && complementizer(st, j) || j == i+1 && questionCues[cueWord] && questionWords[st.fold[j]] {
			return st.toks[j].Start, true
		}
	}
	if infinitiveAt(st, i+1) {
		return st.toks[i+1].Start, true // "declined to comment", "vowed to fight"
	}
	if objectCues[cueWord] && i+1 < len(st.toks) {
		if k := d.skipHearer(st, i+1); k > i+1 && infinitiveAt(st, k) {
			return st.toks[i+1].Start, true // "asked the crowd to stand"
		}
	}
	if kind == cueThat || kind == cueGerundThat || i+1 >= len(st.toks) {
		return 0, false
	}
	j := i + 1
	if objectCues[cueWord] {
		j = d.skipHearer(st, j)
	}
	j = d.skipTimePhrase(st, j)
	if j >= len(st.toks) {
		return 0, false
	}
	if w := st.fold[j]; j == i+1 && cuePrepositions[w] && j+1 < len(st.toks) && !strings.ContainsAny(d.gap(st, j+1), ",;:") {
		return st.toks[j+1].Start, true // "referring to the plan", "talked about jobs"
	}
	if w := st.fold[j]; stopAfterSpeaker[w] || w == "it" && kind != cueSpeech && !namingCues[cueWord] {
		return 0, false
	}
	return st.toks[j].Start, true
}

// timeWords make up the time or place phrase between a cue and its
// content: "said on Friday", "said in an interview Tuesday".
var timeWords = map[string]bool{"on": true, "in": true, "at": true, "during": true, "earlier": true, "last": true,
	"this": true, "today": true, "yesterday": true, "tonight": true, "week": true, "month": true, "year": true,
	"morning": true, "night": true, "evening": true, "afternoon": true, "a": true, "an": true, "interview": true,
	"statement": true, "speech": true, "conference": true, "news": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true, "recently": true,
	"later": true, "separately": true, "privately": true, "publicly": true, "repeatedly": true, "also": true}

// skipTimePhrase skips a short time phrase at token j when a clause
// follows it.
func (d *doc) skipTimePhrase(st *sentence, j int) int {
	k := j
	for k < len(st.toks) && k-j < 6 && timeWords[st.fold[k]] {
		if k > j && strings.ContainsAny(d.gap(st, k), ",;:“\"") {
			break
		}
		k++
	}
	for k > j && openers[st.fold[k-1]] {
		k-- // "is demanding a recount", "said in a video": the phrase must end in a time word
	}
	if k == j || k >= len(st.toks) {
		return j
	}
	return k
}

// openers are the time words that cannot end a time phrase.
var openers = map[string]bool{"a": true, "an": true}

// afterPunct returns the first offset after the punctuation and spaces in
// s[a:b] that is not a colon, comma or space (so an opening mark is kept).
func (d *doc) afterPunct(a, b int) int {
	for a < b {
		r, w := utf8.DecodeRuneInString(d.s[a:b])
		if !unicode.IsSpace(r) && r != ':' && r != ',' {
			break
		}
		a += w
	}
	return a
}

// skipHearer skips the hearer of "told reporters", "told the BBC", "told him".
func (d *doc) skipHearer(st *sentence, j int) int {
	start := j
	for j < len(st.toks) && j-start < 5 {
		if j > start && strings.ContainsAny(d.gap(st, j), ",;:“\"«") {
			break
		}
		w := st.fold[j]
		switch {
		case w == "the" || w == "a" || isCapitalised(st.toks[j].Text) && !pronouns[w]:
			j++
			continue
		case w == "reporters" || w == "journalists" || w == "him" || w == "her" || w == "them" || w == "us" || w == "me" || w == "lawmakers" || w == "supporters" || w == "voters":
			return j + 1
		}
		if j > start && (isCapitalised(st.toks[j-1].Text) || st.fold[j-1] != "the") {
			return j
		}
		j++
	}
	return j
}

// quoteOpeningAt returns the quote whose opening mark is at pos (after
// spaces), or -1.
func (d *doc) quoteOpeningAt(st *sentence, pos int) int {
	for i := d.firstQuoteFrom(pos); i < len(d.quotes); i++ {
		q := d.quotes[i]
		if q.open >= pos && q.open <= pos+3 && !d.used[i] && q.open < st.b {
			return i
		}
		if q.open > pos+3 {
			break
		}
	}
	return -1
}

// restIsPunct reports whether s[a:b] holds only punctuation and spaces.
func (d *doc) restIsPunct(a, b int) bool {
	if a >= b {
		return true
	}
	for _, r := range d.s[a:b] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// contentEnd returns where a content starting at start ends: the sentence
// end, an earlier ", while"/", but"/", according to" or participial cue, or
// the end of a quotation that runs past the sentence.
func (d *doc) contentEnd(st *sentence, start int) int {
	end := st.b
	first := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start > start })
	if first+maxContentTokens < len(st.toks) {
		end = st.toks[first+maxContentTokens].End
	}
	subordinate := d.inOpeningClause(st, first)
	for j := first; j < len(st.toks) && j <= first+maxContentTokens; j++ {
		t := st.toks[j]
		g := d.gap(st, j)
		w := st.fold[j]
		if g == " " {
			// A single space, the usual gap: only a coordinated cue can
			// end the content here.
			if (w == "and" || w == "but") && t.Start > start && d.coordinatedCue(st, j+1) && d.quoteAt(t.Start) < 0 {
				end = st.toks[j-1].End
				break
			}
			continue
		}
		if subordinate && j > first && strings.Contains(g, ",") && d.quoteAt(t.Start) < 0 {
			// "When Sanders accused Clinton of …, she said …": the
			// content ends with the subordinate clause.
			end = st.toks[j-1].End
			break
		}
		if strings.Contains(g, ";") || strings.Contains(g, ":") && j > 0 {
			end = st.toks[j-1].End
			break
		}
		if t.Start > start && dashGap(g) && (cues[w] == cueGerund || cues[w] == cueGerundThat) && d.quoteAt(t.Start) < 0 {
			// "denounced the vision - saying it offered no solutions"
			end = st.toks[j-1].End
			break
		}
		if (w == "and" || w == "but") && t.Start > start && d.coordinatedCue(st, j+1) && d.quoteAt(t.Start) < 0 {
			// "blasted Rubio and defended Cruz": the second verb has
			// its own content.
			end = st.toks[j-1].End
			break
		}
		// Only a comma can end the content here, and not inside
		// quotation marks (tested second: a binary search).
		if !strings.Contains(g, ",") || d.quoteAt(t.Start) >= 0 {
			continue
		}
		if clauseStops[w] || cues[w] == cueGerund || cues[w] == cueGerundThat || cues[w] == cueSpeech && speechCues[w] ||
			d.parentheticalSpeaker(st, j) ||
			strings.HasSuffix(w, "ing") && w != "including" && !isCapitalised(t.Text) ||
			w == "and" && j+1 < len(st.toks) && (isCapitalised(st.toks[j+1].Text) || pronouns[st.fold[j+1]]) {
			end = st.toks[j-1].End
			break
		}
	}
	if q := d.quoteAt(end - 1); q >= 0 && d.quotes[q].close > end {
		end = d.quotes[q].closeEnd
	}
	return end
}

func utf8RuneLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return w
}

// trimContent drops the spaces and the final sentence punctuation (but not
// a closing quotation mark) of a reported content.
func (d *doc) trimContent(c span) span {
	c.a, c.b = trimSpace(d.s, c.a, c.b)
	for c.b > c.a {
		r, w := utf8.DecodeLastRuneInString(d.s[c.a:c.b])
		if r != '.' && r != ',' && r != ';' && r != ':' && !unicode.IsSpace(r) {
			break
		}
		c.b -= w
	}
	return c
}

// withContentBefore completes a whose content precedes the attribution,
// which starts at token first: "“…,” he said." or "…, Tusk said.".
func (d *doc) withContentBefore(a attribution, st *sentence, first int, kind cueKind) (attribution, bool) {
	if first == 0 {
		return a, false
	}
	g0 := st.toks[first-1].End
	a.after = max(a.source.b, a.cue.b)
	for i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].close >= g0 }); i < len(d.quotes) && d.quotes[i].close < st.toks[first].Start; i++ {
		if q := d.quotes[i]; q.balanced && !d.used[i] && d.speechLike(q) {
			a.parts, a.direct = []span{{q.start, q.end}}, true
			d.used[i] = true
			return a, text.HasToken(d.s[q.start:q.end])
		}
	}
	if kind == cueGerund || kind == cueGerundThat || !speechCues[text.LastWord(d.s[a.cue.a:a.cue.b])] {
		return a, false
	}
	content := d.trimContent(span{d.clauseStart(st, first), g0})
	if !d.substantial(content) || introPhrase(d.s[content.a:content.b]) {
		return a, false
	}
	a.parts = []span{content}
	d.markUsed(&a)
	return a, true
}

// clauseStart is where a content ending before token first starts: the
// sentence start, or after a colon or semicolon.
func (d *doc) clauseStart(st *sentence, first int) int {
	start := st.a
	if first > maxContentTokens {
		start = st.toks[first-maxContentTokens].Start
	}
	for j := max(1, first-maxContentTokens); j < first; j++ {
		if strings.ContainsAny(d.gap(st, j), ";:") {
			start = st.toks[j].Start
		}
	}
	return start
}

// clauseFrom returns the content from token i to the sentence end.
func (d *doc) clauseFrom(st *sentence, i int) span {
	if i >= len(st.toks) {
		return span{}
	}
	return d.trimContent(span{st.toks[i].Start, d.contentEnd(st, st.toks[i].Start)})
}

// clauseBefore returns the content from the sentence start to token i.
func (d *doc) clauseBefore(st *sentence, i int) span {
	if i == 0 {
		return span{}
	}
	return d.trimContent(span{d.clauseStart(st, i), st.toks[i-1].End})
}

// substantial reports whether a content has at least two words.
func (d *doc) substantial(c span) bool {
	if c.empty() {
		return false
	}
	return wordsAtLeast(d.s[c.a:c.b], 2)
}

// wordsAtLeast reports whether s holds at least n words.
func wordsAtLeast(s string, n int) bool {
	in := false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && !in {
			if n--; n == 0 {
				return true
			}
		}
		in = word || in && (r == '\'' || r == '’' || r == '-')
	}
	return false
}

// markUsed marks the quotes inside a's content as taken.
func (d *doc) markUsed(a *attribution) {
	for _, p := range a.parts {
		for i := d.firstQuoteFrom(p.a - 1); i < len(d.quotes) && d.quotes[i].start < p.b; i++ {
			d.used[i] = true
		}
	}
}

// continueQuotes joins the quotes that continue a direct quote right after
// its attribution ("…," he said. "…") or in the next paragraph of a
// multi-paragraph quote, and attributes whole-sentence quotes that follow
// a direct quote closely to the same speaker.
func (d *doc) continueQuotes(atts []attribution) []attribution {
	d.cueStarts = d.cueStarts[:0]
	for _, a := range atts {
		d.cueStarts = append(d.cueStarts, a.cue.a)
	}
	sort.Ints(d.cueStarts)
	for k := range atts {
		a := &atts[k]
		if !a.direct && !d.mixedQuote(a) {
			continue
		}
		for {
			q := d.nextFreeQuote(a.after)
			if q < 0 || !d.continues(a, q, atts) {
				break
			}
			d.used[q] = true
			a.parts = append(a.parts, span{d.quotes[q].start, d.quotes[q].end})
			a.after = d.quotes[q].closeEnd
		}
	}
	return atts
}

func (d *doc) nextFreeQuote(from int) int {
	if i := d.firstQuoteFrom(from); i < len(d.quotes) && !d.used[i] {
		return i
	}
	return -1
}

// continues reports whether quote q continues a: it is in the same
// paragraph, only a short attribution tail lies between, and no other
// attribution sits in between.
func (d *doc) continues(a *attribution, q int, atts []attribution) bool {
	qq := d.quotes[q]
	if qq.single {
		return false
	}
	between := d.s[min(a.after, qq.open):qq.open]
	if len(a.parts) >= maxParts {
		return false
	}
	if nl := strings.IndexByte(between, '\n'); nl >= 0 {
		tail, rest := between[:nl], between[strings.LastIndexByte(between, '\n')+1:]
		last := a.parts[len(a.parts)-1]
		if strings.Count(between, "\n") > 2 || strings.TrimSpace(rest) != "" || len(tail) > 100 ||
			strings.ContainsAny(tail, "“”\"«»") || hasCue(tail) {
			return false
		}
		return d.unclosedAtLineEnd(last.b) || d.wholeParagraph(qq)
	}
	if len(between) > 80 || hasCue(between) {
		return false
	}
	k := sort.SearchInts(d.cueStarts, a.after)
	return k >= len(d.cueStarts) || d.cueStarts[k] >= qq.open
}

// unclosedAtLineEnd reports whether a quote piece ending at pos runs to
// its paragraph end without a closing mark.
func (d *doc) unclosedAtLineEnd(pos int) bool {
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].end >= pos })
	return i < len(d.quotes) && d.quotes[i].end == pos && !d.quotes[i].balanced
}

// firstQuoteFrom returns the index of the first quote opening at or after
// pos (quotes are in text order and do not nest).
func (d *doc) firstQuoteFrom(pos int) int {
	return sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].open >= pos })
}

// maxContentTokens bounds how far a content reaches from its cue.
const maxContentTokens = 150

// maxParts bounds how many pieces one quote joins.
const maxParts = 12

func hasCue(s string) bool {
	for _, t := range text.Tokens(s) {
		if cues[text.Fold(t.Text)] != 0 {
			return true
		}
	}
	return false
}

// wholeParagraph reports whether a quote fills its paragraph.
func (d *doc) wholeParagraph(q quoted) bool {
	for _, r := range d.s[q.close:] {
		if r == '\n' {
			return true
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// endsWithComma reports whether a quote ends in a comma, inside or right
// after its closing mark ("“We'll see,” when asked …").
func (d *doc) endsWithComma(q quoted) bool {
	inner := strings.TrimRightFunc(d.s[q.start:q.end], unicode.IsSpace)
	rest := d.s[q.closeEnd:]
	return strings.HasSuffix(inner, ",") || strings.HasPrefix(rest, ",") ||
		strings.HasPrefix(rest, " and ") || strings.HasPrefix(rest, " but ")
}

// questionCues take an indirect question: "asked whether …".
var questionCues = map[string]bool{"asked": true, "asks": true, "asking": true, "wondered": true, "questioned": true}

var questionWords = map[string]bool{"whether": true, "if": true, "why": true, "how": true, "what": true,
	"when": true, "who": true, "where": true, "about": true}

// introPhrase reports whether a would-be content is an introductory
// phrase ("In a 1963 speech", "On Sunday"), not a clause.
func introPhrase(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return true
	}
	switch strings.ToLower(f[0]) {
	case "asked", "speaking", "responding", "referring", "pressed", "questioned":
		return true // "Asked why he had yet to endorse her on “CBS This Morning,” Sanders said …"
	case "in", "on", "at", "during", "after", "before", "when", "earlier", "later", "last",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "since", "from", "for", "with", "by",
		"regarding", "despite", "unlike", "amid", "following", "among", "under", "about", "as", "while", "although", "though", "because", "if", "unless", "until", "throughout", "instead", "given":
		return len(f) < 8
	}
	return false
}

// infinitiveAt reports whether a "to" and a lower-case verb open token j:
// the content of "declined to comment", "vowed to fight".
func infinitiveAt(st *sentence, j int) bool {
	if j+1 >= len(st.toks) || st.fold[j] != "to" {
		return false
	}
	w := st.fold[j+1]
	return !isCapitalised(st.toks[j+1].Text) && (w == "be" || w == "have" || !text.IsStopword(w)) && !timeWords[w] && !text.IsNumber(w)
}

// cuePrepositions introduce the topic of a cue: "referring to", "talked
// about", "called for".
var cuePrepositions = map[string]bool{"to": true, "about": true, "for": true, "of": true, "on": true,
	"against": true, "over": true, "with": true}

// coordinatedCue reports whether a finite cue verb (after modifiers)
// opens token j: the second verb of "X blasted Rubio and defended Cruz".
func (d *doc) coordinatedCue(st *sentence, j int) bool {
	for j < len(st.toks) && (cueModifiers[st.fold[j]] || adverb(st.toks[j].Text, st.fold[j])) {
		j++
	}
	if j >= len(st.toks) {
		return false
	}
	_, ok := cues[st.fold[j]]
	return ok
}

// stanceObject reports whether a's cue is a verb of stance whose object
// alone is the content, one word as it may be ("endorsed Clinton",
// "attacked him"); Attributions only.
func (d *doc) stanceObject(a attribution) bool {
	if d.speechOnly || a.cue.empty() {
		return false
	}
	w := text.LastWord(d.s[a.cue.a:a.cue.b])
	info, ok := cueTable[w]
	return ok && !info.speech && !info.learned
}

// complementizer reports whether the "that" at token j can open a
// reported clause: not in "now that", "so that", and not a pronoun before
// "of" or a verb ("that of the cuts", "that is").
func complementizer(st *sentence, j int) bool {
	if j > 0 {
		switch st.fold[j-1] {
		case "now", "so", "such", "except", "given", "provided", "assuming", "in":
			return false
		}
	}
	if j+1 < len(st.toks) {
		switch st.fold[j+1] {
		case "of", "is", "was", "'s":
			return false
		}
	}
	return true
}

// inOpeningClause reports whether token i lies in a subordinate clause
// opening the sentence ("When …, ", "While …, "): no comma between the
// subordinator and token i.
func (d *doc) inOpeningClause(st *sentence, i int) bool {
	k := 0
	for k < len(st.toks) && k < 2 && (st.fold[k] == "but" || st.fold[k] == "and" || st.fold[k] == "even") {
		k++
	}
	if k >= len(st.toks) || !subordinators[st.fold[k]] {
		return false
	}
	for j := k + 1; j <= i && j < len(st.toks); j++ {
		if strings.ContainsAny(d.gap(st, j), ",;:") {
			return false
		}
	}
	return true
}

// subordinators open an adverbial clause.
var subordinators = map[string]bool{"when": true, "while": true, "after": true, "as": true, "although": true,
	"though": true, "because": true, "if": true, "since": true, "before": true, "once": true, "until": true,
	"whereas": true, "whenever": true, "unless": true}

// parentheticalSpeaker reports whether a short attribution follows the
// comma before token j: "…, Bolton said, …", "…, he said."
func (d *doc) parentheticalSpeaker(st *sentence, j int) bool {
	for k := j; k < len(st.toks) && k < j+5; k++ {
		if k > j && strings.ContainsAny(d.gap(st, k), ",;:“”\"«»") {
			return false
		}
		w := st.fold[k]
		if k > j && speechCues[w] && cues[w] == cueSpeech {
			return true
		}
		if k == j && !isCapitalised(st.toks[k].Text) && !pronouns[w] && w != "the" {
			return false
		}
	}
	return false
}

// dashGap reports whether a gap between tokens holds a dash standing
// between spaces or an em or en dash.
func dashGap(g string) bool {
	return strings.Contains(g, " - ") || strings.Contains(g, " -- ") || strings.ContainsAny(g, "—–")
}

// mixedQuote reports whether a reported content before its attribution
// goes on in a quotation right after it: "No name change, he said,
// “hides what it really is.”" The quotation becomes a second part.
func (d *doc) mixedQuote(a *attribution) bool {
	if len(a.parts) != 1 || a.parts[0].b > a.cue.a || a.parts[0].b > a.source.a {
		return false
	}
	q := d.nextFreeQuote(a.after)
	if q < 0 || d.quotes[q].single {
		return false
	}
	between := d.s[a.after:d.quotes[q].open]
	return strings.TrimSpace(between) == "," && d.sentenceOf(a.cue.a) == d.sentenceOf(d.quotes[q].start)
}

// quoteAfterColon returns the quotation opening after the colon that ends
// the sentence of cue token i, in the next paragraph as it may be ("He
// told his audience, to rowdy applause:¶“…”"), or -1.
func (d *doc) quoteAfterColon(st *sentence, i int) int {
	n := len(st.toks)
	if n-i > 16 || !speechCues[st.fold[i]] {
		return -1
	}
	end := st.toks[n-1].End
	rest := d.s[end:]
	trimmed := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(trimmed, ":") {
		return -1
	}
	pos := end + len(rest) - len(trimmed) + 1
	after := strings.TrimLeftFunc(d.s[pos:], unicode.IsSpace)
	if strings.Count(d.s[pos:len(d.s)-len(after)], "\n") > 2 {
		return -1
	}
	pos = len(d.s) - len(after)
	q := d.firstQuoteFrom(pos)
	if q >= len(d.quotes) || d.quotes[q].open != pos || d.used[q] || d.quotes[q].single {
		return -1
	}
	for j := i + 1; j < n; j++ {
		if d.quoteAt(st.toks[j].Start) >= 0 || cues[st.fold[j]] != 0 {
			return -1
		}
	}
	return q
}

// shortTitle reports whether a quotation is a title in title case ("said
// in his book, “An American Son,” that …"), not words spoken.
func shortTitle(s string) bool {
	words := strings.Fields(s)
	return len(words) <= 6 && titleCase(words)
}

// namingCues take an object and what it is called: "calling it
// “disqualifying”".
var namingCues = map[string]bool{"calling": true, "describing": true, "labeling": true, "labelling": true,
	"dubbing": true, "branding": true, "deeming": true, "declaring": true}

// clauseLink reports whether token k opens another predicate between a
// cue and a later "that": a conjunction, a participle or an infinitive.
func clauseLink(st *sentence, k int) bool {
	w := st.fold[k]
	switch w {
	case "and", "but", "or", "by", "after", "before", "while":
		return true
	}
	if len(w) > 4 && strings.HasSuffix(w, "ing") && !isCapitalised(st.toks[k].Text) {
		return true
	}
	return infinitiveAt(st, k)
}

// beforeCoordinatedCue reports whether a content is followed by "and" or
// "but" and a second cue, so that a one-word object is all it can be
// ("claimed momentum and argued …"); Attributions only.
func (d *doc) beforeCoordinatedCue(st *sentence, c span) bool {
	if d.speechOnly || c.empty() {
		return false
	}
	j := sort.Search(len(st.toks), func(k int) bool { return st.toks[k].Start >= c.b })
	return j+1 < len(st.toks) && (st.fold[j] == "and" || st.fold[j] == "but") && d.coordinatedCue(st, j+1)
}

// titleEnd returns the index of the first token after a short title in
// quotation marks opening before token j, or j when there is none.
func (d *doc) titleEnd(st *sentence, j int) int {
	q := d.quoteOpeningAt(st, d.afterPunct(st.toks[j-1].End, st.toks[j].Start))
	if q < 0 || !d.quotes[q].balanced || !shortTitle(d.s[d.quotes[q].start:d.quotes[q].end]) {
		return j
	}
	k := j
	for k < len(st.toks) && st.toks[k].Start < d.quotes[q].closeEnd {
		k++
	}
	return k
}
