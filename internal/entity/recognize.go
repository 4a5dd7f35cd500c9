package entity

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// defaultModel decodes the embedded weights once, on first use; countries
// is built the same way.
var (
	defaultModel = sync.OnceValues(DefaultModel)
	countries    = sync.OnceValue(countryNames)
)

// Recognize finds the named entities of an article's text with the embedded
// model: see (*Model).Recognize. It returns nil only if the embedded weights
// cannot be decoded, which the package's tests rule out.
func Recognize(s string) []parallax.Mention {
	m, err := defaultModel()
	if err != nil {
		return nil
	}
	return m.Recognize(s)
}

// span is an entity in a sentence's tokens: [start, end) of type typ (1 PER,
// 2 ORG, 3 LOC, 4 MISC), with the role found for a person.
type span struct {
	start, end int
	typ        int
	roleStart  int // byte offsets of the role in the text; roleEnd 0 if none
	roleEnd    int
}

const (
	typPER = 1 + iota
	typORG
	typLOC
	typMISC
)

var kinds = [5]parallax.EntityKind{"", parallax.EntityPerson, parallax.EntityOrg, parallax.EntityPlace, parallax.EntityOther}

// Recognize finds people, organisations, places and other names (kind
// "other": nationalities, events, products) in s. Mentions carry byte
// offsets into s, the index of their sentence in text.Sentences(s) order,
// and for people the title used with them ("former US President"). Names
// tagged as a person somewhere in s are tagged so wherever they recur.
// Canonical is left empty: Resolve sets it across a story.
func (m *Model) Recognize(s string) []parallax.Mention {
	t := m.getTagger()
	defer m.putTagger(t)
	b := &t.rec
	b.sents = text.AppendSentences(b.sents[:0], s)
	sents := b.sents
	n := len(sents)
	toks := resize(&b.toks, n)
	words := resize(&b.words, n)
	headline := resize(&b.headline, n)
	spans := resize(&b.spans, n)
	allToks := slices.Grow(b.allToks[:0], len(s)/5+1)
	allWords := slices.Grow(b.allWords[:0], len(s)/5+1)
	for i, sent := range sents {
		from := len(allToks)
		allToks = tokenize(sent.Text, sent.Start, allToks, &b.textToks)
		toks[i] = dropBullets(allToks[from:len(allToks):len(allToks)])
		headline[i] = isTitleCase(toks[i])
		from = len(allWords)
		for _, t := range toks[i] {
			w := t.word
			if headline[i] {
				// The model knows all-capital headlines from its training
				// news, not title-case ones: show it one.
				w = strings.ToUpper(w)
			}
			allWords = append(allWords, w)
		}
		words[i] = allWords[from:len(allWords):len(allWords)]
	}
	b.allToks, b.allWords = allToks, allWords
	t.reset(words)
	for i := range sents {
		b.labels = t.tag(i, b.labels[:0])
		b.labelled = labelSpans(b.labels, b.labelled[:0])
		found := dropCommonWords(t.doc, t.sentenceWords(i), b.labelled, headline[i])
		if !headline[i] {
			found = titledNames(toks[i], found)
		}
		b.labelled = found
		spans[i] = coordinate(toks[i], cleanSpans(spans[i][:0], toks[i], found))
	}
	spans = consistent(toks, spans, b)
	total := 0
	for i := range spans {
		total += len(spans[i])
	}
	if total == 0 {
		return nil
	}
	out := make([]parallax.Mention, 0, total)
	for i := range sents {
		b.inEntity = entityTokens(toks[i], spans[i], b.inEntity)
		for _, sp := range spans[i] {
			sp = withRole(toks[i], b.inEntity, sp)
			mention := parallax.Mention{
				Text:     s[toks[i][sp.start].start:toks[i][sp.end-1].end],
				Kind:     kinds[sp.typ],
				Start:    toks[i][sp.start].start,
				End:      toks[i][sp.end-1].end,
				Sentence: i,
			}
			if sp.roleEnd > 0 {
				mention.Role = s[sp.roleStart:sp.roleEnd]
			}
			out = append(out, mention)
		}
	}
	return out
}

// recognizeBuf holds the working storage of Recognize, kept with a tagger
// for the next text.
type recognizeBuf struct {
	sents    []text.Span
	toks     [][]token
	words    [][]string
	headline []bool
	spans    [][]span // per sentence, their storage reused
	allToks  []token
	allWords []string
	textToks []text.Token
	labels   []int
	labelled []span
	inEntity []bool
	// tally indexes votes by name key, for consistent; key holds a key.
	tally map[string]int32
	votes []votes
	key   []byte
}

// votes count how the spans of a text tag a word: as a person (twice as
// the last word of a full name), as the last word of a full name, and as
// something else alone.
type votes struct{ person, other, fromFull int }

// resize returns *p with length n, reusing its storage: the elements keep
// what they held, for the caller to overwrite or reuse.
func resize[T any](p *[]T, n int) []T {
	if cap(*p) < n {
		*p = slices.Grow((*p)[:cap(*p)], n-cap(*p))
	}
	*p = (*p)[:n]
	return *p
}

// dropBullets removes the marks that open a list item ("•", "-", "*"), so
// that its first word is seen as the first of a sentence.
func dropBullets(toks []token) []token {
	k := 0
	for k < len(toks) && !isWordToken(toks[k].word) && !isOpenerWord(toks[k].word) {
		k++
	}
	return toks[k:]
}

func isOpenerWord(w string) bool {
	switch w {
	case `"`, "'", "(", "[":
		return true
	}
	return false
}

// isTitleCase reports a headline in title case: three words or more, and
// three in four of them capitalised, short function words aside.
func isTitleCase(toks []token) bool {
	words, capital := 0, 0
	for k, t := range toks {
		if 4*capital+len(toks)-k < 3*words {
			return false // not even if every word left were capitalised
		}
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

// isHeadlineWord reports whether isTitleCase counts w: a word that starts
// with a letter, neither "'s" nor a short function word.
func isHeadlineWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) && w != "'s" && !isFunctionWord(w)
}

// dropCommonWords removes names made only of words that the text otherwise
// writes in lower case and never capitalises inside a sentence: in a
// headline, or as the first word of a sentence ("Key Issues Still
// Unsettled", "Sanctions relief ...").
func dropCommonWords(doc docCase, words []word, spans []span, headline bool) []span {
	out := spans[:0]
	for _, sp := range spans {
		if !headline && (sp.start > 0 || sp.end-sp.start > 1) {
			out = append(out, sp)
			continue
		}
		common := true
		for k := sp.start; k < sp.end && common; k++ {
			common = doc[words[k].lower] == 1
		}
		if !common {
			out = append(out, sp)
		}
	}
	return out
}

// titledNames adds, as a person, the run of capitalised words (at most
// three) that follows a title and that the model left out of every name
// ("German Chancellor Friedrich Merz warned"): a title is followed by the
// name of the person holding it. A person the model found right after a
// title takes in the rest of that run ("Polish PM Donald Tusk" where the
// model stopped at "Donald", "tusk" being a common word).
func titledNames(toks []token, spans []span) []span {
	for i := 0; i+1 < len(toks); i++ {
		w := toks[i].word
		if !startsUpper(w) || !isTitleWord(w) {
			continue
		}
		extendTitled(toks, spans, i+1)
		j := i + 1
		for j < len(toks) && j-i <= 3 && isNameWord(toks[j].word) && !inSpan(spans, j) {
			j++
		}
		if j > i+1 && (j == len(toks) || !startsUpper(toks[j].word)) {
			spans = append(spans, span{start: i + 1, end: j, typ: typPER})
			slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
		}
		i = j - 1
	}
	return spans
}

// extendTitled lengthens the person span that starts at token at, if any,
// over the name words after it that no span holds, while the name has at
// most three words and the run of capitals ends there.
func extendTitled(toks []token, spans []span, at int) {
	for k := range spans {
		sp := &spans[k]
		if sp.start != at || sp.typ != typPER {
			continue
		}
		j := sp.end
		for j < len(toks) && j-at < 3 && isNameWord(toks[j].word) && !inSpan(spans, j) {
			j++
		}
		if j > sp.end && (j == len(toks) || !startsUpper(toks[j].word)) {
			sp.end = j
		}
		return
	}
}

// isNameWord reports a capitalised word that may be part of a person's name.
func isNameWord(w string) bool {
	return startsUpper(w) && !isAcronym(w) && !isTitleWord(w) && !isHonorific(w) &&
		!isCalendarWord(w) && !isFunctionWord(w) && !isSentenceOpener(w)
}

func inSpan(spans []span, i int) bool {
	for _, sp := range spans {
		if i >= sp.start && i < sp.end {
			return true
		}
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func labelSpans(labels []int, out []span) []span {
	for i := 0; i < len(labels); {
		if labels[i] == labelO {
			i++
			continue
		}
		typ := labelType(labels[i])
		j := i + 1
		for j < len(labels) && labels[j] != labelO && labels[j]%2 == 0 && labelType(labels[j]) == typ {
			j++
		}
		out = append(out, span{start: i, end: j, typ: typ})
		i = j
	}
	return out
}

// cleanSpans trims what the model took into a name but is not part of it
// (honorifics, titles, punctuation, a leading "the") and drops spans that
// are only dates or punctuation.
func cleanSpans(out []span, toks []token, spans []span) []span {
	// out must not share storage with spans: spans may split, so no
	// filtering in place.
	for _, sp := range spans {
		for sp.start < sp.end && !isWordToken(toks[sp.start].word) {
			sp.start++
		}
		for sp.end > sp.start && !isWordToken(toks[sp.end-1].word) && toks[sp.end-1].word != "." {
			sp.end--
		}
		if sp.start == 0 {
			for sp.start < sp.end && isSentenceOpener(toks[sp.start].word) {
				sp.start++
			}
		}
		if sp.typ != typPER {
			// A name does not end in the first words of a title that
			// goes on after it ("UK Prime | Minister Keir Starmer").
			for sp.end-sp.start > 1 && sp.end < len(toks) && isTitleWord(toks[sp.end].word) &&
				isRoleModifier(toks[sp.end-1].word) && startsUpper(toks[sp.end-1].word) {
				sp.end--
			}
			if head, name, ok := splitTitledName(toks, sp); ok {
				if head.end > head.start {
					out = append(out, head)
				}
				sp = span{start: name, end: sp.end, typ: typPER}
			}
		}
		if sp.typ == typPER {
			for sp.end-sp.start > 1 && (isHonorific(toks[sp.start].word) || isTitleWord(toks[sp.start].word)) {
				sp.start++
			}
			// A person's name ends in a capitalised word: particles
			// ("de", "van") sit inside it, and a word in lower case after
			// it ("Zelenskyy has") is the model running on.
			for sp.end-sp.start > 1 && startsLower(toks[sp.end-1].word) {
				sp.end--
			}
		}
		if sp.end-sp.start > 1 && strings.EqualFold(toks[sp.start].word, "the") {
			sp.start++
		}
		if sp.start >= sp.end {
			continue
		}
		if sp.end-sp.start == 1 && isFunctionWord(toks[sp.start].word) {
			continue
		}
		country := isCountrySpan(toks, sp)
		if left, right, ok := splitCountryPair(toks, sp, country); ok {
			left.typ = metonymy(toks, left, isCountrySpan(toks, left))
			out = append(out, left)
			sp, country = right, isCountrySpan(toks, right)
		}
		sp.typ = metonymy(toks, sp, country)
		if sp.end-sp.start == 1 && sp.typ != typPER && isCalendarWord(toks[sp.start].word) {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// splitTitledName finds a person named after a title inside a span the
// model took whole ("US Secretary of State Marco Rubio" as one
// organisation): it returns the span before the title, where the name
// starts, and true.
func splitTitledName(toks []token, sp span) (span, int, bool) {
	title := -1
	for k := sp.start; k < sp.end-1; k++ {
		if isTitleWord(toks[k].word) {
			title = k
		}
	}
	if title < 0 {
		return span{}, 0, false
	}
	name := title + 1
	for name < sp.end && (isHonorific(toks[name].word) || isRoleModifier(toks[name].word)) {
		name++
	}
	if name >= sp.end || sp.end-name > 3 {
		return span{}, 0, false
	}
	for k := name; k < sp.end; k++ {
		w := toks[k].word
		if !isCapitalised(w) || isTitleWord(w) || isRoleModifier(w) || isFunctionWord(w) {
			return span{}, 0, false
		}
	}
	head := title
	for head > sp.start && (isTitleWord(toks[head-1].word) || isRoleModifier(toks[head-1].word)) {
		head--
	}
	return span{start: sp.start, end: head, typ: sp.typ}, name, true
}

// metonymy returns the type of a non-person span given its context: a seat
// of government ("the Kremlin", "the White House") or a place that speaks
// ("the Kremlin said") is an organisation; a name after "in", "near" or
// "across" is a place.
// country says whether the span names a country (isCountrySpan).
func metonymy(toks []token, sp span, country bool) int {
	if country {
		return typLOC
	}
	if sp.typ == typPER {
		return sp.typ
	}
	var buf [64]byte
	if isSeatOfGovernment(string(appendSpanText(buf[:0], toks, sp.start, sp.end))) {
		return typORG
	}
	before := sp.start - 1
	if before >= 0 && strings.EqualFold(toks[before].word, "the") {
		if sp.typ == typLOC && sp.end < len(toks) && isSayingVerb(toks[sp.end].word) {
			return typORG
		}
		before--
	}
	if sp.end-sp.start == 1 && sp.typ != typMISC && placeCueAt(toks, before) {
		return typLOC
	}
	if sp.typ == typORG && hasPersonalRelation(toks, sp) {
		return typPER
	}
	return sp.typ
}

// hasPersonalRelation reports a lone capitalised word, with no article and
// not an acronym, whose possessive names a relation only a person has
// ("Zelenskyy's wife", "Peskov's envoy"): an organisation or a country would
// take "the" or be spelt in capitals ("the Kremlin's envoy", "NATO's envoy").
func hasPersonalRelation(toks []token, sp span) bool {
	if sp.end-sp.start != 1 || sp.end+1 >= len(toks) || isAcronym(toks[sp.start].word) {
		return false
	}
	if sp.start > 0 && isArticle(toks[sp.start-1].word) {
		return false
	}
	if toks[sp.end].word != "'s" {
		return false
	}
	var buf wordBuf
	switch string(lowered(&buf, toks[sp.end+1].word)) {
	case "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
		"widow", "family", "lawyer", "lawyers", "envoy", "aide", "aides", "adviser", "advisers",
		"advisor", "chief-of-staff", "bodyguard", "bodyguards", "predecessor", "successor":
		return true
	}
	return false
}

// placeCueAt reports a place cue at token k: "in", "annexed", or "from"
// after "withdrawal" or "retreat".
func placeCueAt(toks []token, k int) bool {
	if k < 0 {
		return false
	}
	if strings.EqualFold(toks[k].word, "from") && k > 0 {
		var buf wordBuf
		switch string(lowerInto(&buf, toks[k-1].word)) {
		case "withdrawal", "withdraw", "withdrawing", "withdrew", "retreat", "retreated", "pullout", "expelled":
			return true
		}
	}
	return isPlaceCue(toks[k].word)
}

// appendSpanText appends the words of toks[from:to] joined by spaces.
func appendSpanText(dst []byte, toks []token, from, to int) []byte {
	for k := from; k < to; k++ {
		if k > from {
			dst = append(dst, ' ')
		}
		dst = append(dst, toks[k].word...)
	}
	return dst
}

// isCountrySpan reports whether the words of a span name a country.
func isCountrySpan(toks []token, sp span) bool {
	var buf [64]byte
	return isCountryName(appendSpanText(buf[:0], toks, sp.start, sp.end))
}

// isCountryName reports whether NameKey(name) is a country's.
func isCountryName[T string | []byte](name T) bool {
	if !isASCII(name) {
		return countries()[NameKey(string(name))]
	}
	var buf [64]byte
	return countries()[string(appendNameKeyASCII(buf[:0], name))]
}

// splitCountryPair splits a name joined by "and" when one side is a
// country ("Hamas and Israel"); "Bosnia and Herzegovina" is itself a
// country and stays whole.
// country says whether the whole span names a country (isCountrySpan).
func splitCountryPair(toks []token, sp span, country bool) (span, span, bool) {
	if country {
		return span{}, span{}, false
	}
	var buf [64]byte
	for k := sp.start + 1; k < sp.end-1; k++ {
		if toks[k].word != "and" {
			continue
		}
		if isCountryName(appendSpanText(buf[:0], toks, sp.start, k)) || isCountryName(appendSpanText(buf[:0], toks, k+1, sp.end)) {
			return span{start: sp.start, end: k, typ: sp.typ}, span{start: k + 1, end: sp.end, typ: sp.typ}, true
		}
	}
	return span{}, span{}, false
}

// coordinate gives the names of a list ("Donetsk, Luhansk and Crimea",
// "in Kherson and Zaporizhzhia") the place type when one of them has a place
// cue before it: single names tagged otherwise follow it.
func coordinate(toks []token, spans []span) []span {
	for a := 0; a < len(spans); {
		b := a + 1
		for b < len(spans) && coordinated(toks, spans[b-1].end, spans[b].start) {
			b++
		}
		if b-a > 1 && spans[a].typ == typLOC && hasPlaceCue(toks, spans[a]) {
			for k := a + 1; k < b; k++ {
				if spans[k].end-spans[k].start == 1 && spans[k].typ != typMISC {
					spans[k].typ = typLOC
				}
			}
		}
		a = b
	}
	return spans
}

// coordinated reports whether only ",", "and" or "or" lie between tokens
// from and to.
func coordinated(toks []token, from, to int) bool {
	if to <= from || to-from > 2 {
		return false
	}
	var buf wordBuf
	for k := from; k < to; k++ {
		switch string(lowerInto(&buf, toks[k].word)) {
		case ",", "and", "or":
		default:
			return false
		}
	}
	return true
}

func hasPlaceCue(toks []token, sp span) bool {
	before := sp.start - 1
	if before >= 0 && strings.EqualFold(toks[before].word, "the") {
		before--
	}
	return placeCueAt(toks, before)
}

// isAcronym reports a word of two to five capitals ("UK", "US", "EU").
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

func isWordToken(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// consistent makes the names of one text agree: a word that was tagged as a
// person (alone or as the last word of a full name) is a person wherever it
// appears alone, unless it was tagged otherwise more often; a capitalised
// word left untagged becomes a person when it is a known surname.
func consistent(toks [][]token, spans [][]span, b *recognizeBuf) [][]span {
	if b.tally == nil {
		b.tally = map[string]int32{}
	}
	tally := b.tally
	clear(tally)
	b.votes = b.votes[:0]
	buf := b.key[:0]
	get := func(k []byte) *votes {
		i, ok := tally[string(k)]
		if !ok {
			i = int32(len(b.votes))
			b.votes = append(b.votes, votes{})
			tally[string(k)] = i
		}
		return &b.votes[i]
	}
	find := func(k []byte) *votes {
		if i, ok := tally[string(k)]; ok {
			return &b.votes[i]
		}
		return nil
	}
	for i := range spans {
		for _, sp := range spans[i] {
			buf = appendNameKey(buf[:0], toks[i][sp.end-1].word)
			last := buf
			switch {
			case sp.typ == typPER && sp.end-sp.start > 1:
				get(last).fromFull++
				get(last).person += 2
			case sp.typ == typPER:
				get(last).person++
			case sp.end-sp.start == 1:
				get(last).other++
			}
		}
	}
	var covered []bool
	for i := range spans {
		covered = slices.Grow(covered[:0], len(toks[i]))[:len(toks[i])]
		clear(covered)
		for j, sp := range spans[i] {
			for k := sp.start; k < sp.end; k++ {
				covered[k] = true
			}
			if sp.end-sp.start != 1 || sp.typ == typPER {
				continue
			}
			buf = appendNameKey(buf[:0], toks[i][sp.start].word)
			if v := find(buf); v != nil && v.fromFull > 0 && v.person >= v.other {
				spans[i][j].typ = typPER
			}
		}
		var added []span
		for k, t := range toks[i] {
			if covered[k] || !isCapitalised(t.word) || isTitleWord(t.word) {
				continue
			}
			buf = appendNameKey(buf[:0], t.word)
			if v := find(buf); v != nil && v.fromFull > 0 && v.person >= v.other {
				added = append(added, span{start: k, end: k + 1, typ: typPER})
			}
		}
		if len(added) > 0 {
			spans[i] = mergeSpans(spans[i], added)
		}
	}
	b.key = buf
	return spans
}

func mergeSpans(a, b []span) []span {
	out := make([]span, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].start < b[j].start) {
			out = append(out, a[i])
			i++
			continue
		}
		out = append(out, b[j])
		j++
	}
	return out
}

// entityTokens marks the tokens inside names other than people's.
func entityTokens(toks []token, spans []span, buf []bool) []bool {
	buf = slices.Grow(buf[:0], len(toks))[:len(toks)]
	clear(buf)
	for _, o := range spans {
		if o.typ == typPER {
			continue
		}
		for k := o.start; k < o.end; k++ {
			buf[k] = true
		}
	}
	return buf
}

// withRole finds the title used with a person: the words right before the
// name ("former US President", "Finland's President", "Kremlin foreign
// policy aide") or an apposition right after it (", the Kremlin
// spokesman,").
func withRole(toks []token, inEntity []bool, sp span) span {
	if sp.typ != typPER {
		return sp
	}
	if a, b, ok := roleBefore(toks, sp.start, inEntity); ok {
		sp.roleStart, sp.roleEnd = toks[a].start, toks[b-1].end
		return sp
	}
	if a, b, ok := roleAfter(toks, sp.end, inEntity); ok {
		sp.roleStart, sp.roleEnd = toks[a].start, toks[b-1].end
	}
	return sp
}

const maxRoleTokens = 8

func roleWord(toks []token, k int, inEntity []bool) bool {
	w := toks[k].word
	if inEntity[k] || isTitleWord(w) || isRoleModifier(w) || isAcronym(w) || isCountryName(w) {
		return true
	}
	return w == "'s" && k > 0 && inEntity[k-1]
}

// roleBefore returns the token range [a, b) of a title ending right before
// the name at token i (honorifics between them skipped).
func roleBefore(toks []token, i int, inEntity []bool) (int, int, bool) {
	b := i
	for b > 0 && isHonorific(toks[b-1].word) {
		b--
	}
	a := b
	for a > 0 && b-a < maxRoleTokens && roleWord(toks, a-1, inEntity) {
		a--
	}
	return trimRole(toks, a, b)
}

// roleAfter returns a title in apposition after the name ending at token i:
// ", [the] TITLE" followed by a comma, a verb of saying or the sentence end.
func roleAfter(toks []token, i int, inEntity []bool) (int, int, bool) {
	if i >= len(toks) || toks[i].word != "," {
		return 0, 0, false
	}
	a := i + 1
	for a < len(toks) && isArticle(toks[a].word) {
		a++
	}
	b := a
	for b < len(toks) && b-a < maxRoleTokens && roleWord(toks, b, inEntity) {
		b++
	}
	if b < len(toks) {
		next := toks[b].word
		if next != "," && next != "." && next != ";" && !isSayingVerb(next) {
			return 0, 0, false
		}
	}
	return trimRole(toks, a, b)
}

// trimRole drops connecting words at the edges of a candidate title and
// keeps it only if it holds a title word.
func trimRole(toks []token, a, b int) (int, int, bool) {
	for a < b && isConnector(toks[a].word) {
		a++
	}
	for b > a && isConnector(toks[b-1].word) {
		b--
	}
	for k := a; k < b; k++ {
		if isTitleWord(toks[k].word) {
			return a, b, true
		}
	}
	return 0, 0, false
}
