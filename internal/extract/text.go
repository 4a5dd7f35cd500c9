package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// label is what the classifier decided a line is.
type label int

const (
	lUnknown label = iota
	lBlank
	lBody     // prose paragraph
	lShort    // short line not yet placed
	lHeading  // section heading
	lList     // list item
	lTitle    // the headline
	lByline   // "By …"
	lDateline // "GENEVA — Nov. 24, 2025"
	lSection  // "World"
	lSource   // publisher name used as chrome
	lCaption  // photo caption or credit
	lHashtags // "#A #B"
	lChrome   // boilerplate
)

type line struct {
	text   string
	f      features
	label  label
	reason string
	// chrome is the reason the line's vocabulary names it web chrome ("" if
	// none); strong says the phrase is unmistakable even in a sentence.
	chrome string
	strong bool
	count  int    // occurrences of the same text in the document
	folded string // foldText(text)
}

// bulletRE matches list markers: "-", "•", "*", "·", "▪", "◦", "‣", "1.", "1)".
var bulletRE = regexp.MustCompile(`^(?:[-•*·▪◦‣●]|\d{1,3}[.)])\s+(\S.*)$`)

// proseMinWords is the shortest line read as a prose paragraph on its own.
const proseMinWords = 8

// strongProseWords is the length of a line that is prose beyond doubt; one
// such line after footer chrome means the article goes on.
const strongProseWords = 15

// maxBodyChromeWords is the longest line inside the body that vocabulary
// alone removes (unless the phrase is strong).
const maxBodyChromeWords = 8

// minTextWords is the fewest words a plain-text article's longest block
// must have.
const minTextWords = 3

// fromText fills a from plain text.
func fromText(a *parallax.Article, text string) error {
	if looksBinary(text) {
		return fmt.Errorf("%w: binary data", parallax.ErrNoContent)
	}
	lines := splitLines(text)
	c := &classifier{lines: lines, a: a}
	c.run()
	longest := 0
	for _, b := range a.Body {
		longest = max(longest, lineFeatures(b.Text).wordsEq())
	}
	if longest < minTextWords {
		a.Body = nil
		return parallax.ErrNoContent
	}
	return nil
}

// looksBinary reports whether the start of a text holds control
// characters that no text file has (more than 1 in 20).
func looksBinary(text string) bool {
	n, ctl := 0, 0
	for _, r := range text {
		if n++; n > 1024 {
			break
		}
		if r == 0 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	return ctl*20 > n
}

type classifier struct {
	lines []line
	a     *parallax.Article
}

func splitLines(text string) []line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]line, len(raw))
	counts := make(map[string]int)
	for i, r := range raw {
		t := cleanSpace(strings.ToValidUTF8(r, "\uFFFD"))
		lines[i].text = t
		if t == "" {
			lines[i].label = lBlank
			continue
		}
		lines[i].f = lineFeatures(t)
		lines[i].folded = foldText(t)
		counts[lines[i].folded]++
	}
	for i := range lines {
		if lines[i].label != lBlank {
			lines[i].count = counts[lines[i].folded]
		}
	}
	return lines
}

func (c *classifier) run() {
	for i := range c.lines {
		c.preclassify(&c.lines[i])
	}
	c.confirmWeakProse()
	first := c.firstProse()
	if m := c.lastHeaderMeta(); m >= first {
		// A byline or dateline near the top closes the header even when a
		// sentence (a caption) stands above the headline.
		first = c.firstProseFrom(m + 1)
	}
	c.header(first)
	c.body(first)
	c.emit()
	if c.a.Source == "" {
		c.a.Source = c.chromeName()
	}
}

// chromeName returns the name that the page's own chrome repeats: a run
// of two to four capitalised words found in two or more chrome or caption
// lines, at least one of them a promotion or prompt rather than a photo
// credit ("Get alerts with the Coastline Daily app", "Enjoying Coastline
// Daily?", "(Photo: … / Coastline Daily)"), and not itself chrome
// vocabulary ("Sign In"). It is the publisher of an article whose header
// does not name it; "" when nothing qualifies.
func (c *classifier) chromeName() string {
	counts := map[string]int{}
	inPrompt := map[string]bool{}
	for _, l := range c.lines {
		prompt := l.label == lChrome || l.chrome != ""
		if !prompt && l.label != lCaption {
			continue
		}
		seen := map[string]bool{}
		for _, run := range capitalRuns(l.text) {
			for i := range run {
				for j := i + 2; j <= len(run) && j-i <= 4; j++ {
					name := strings.Join(run[i:j], " ")
					if seen[name] {
						continue
					}
					seen[name] = true
					counts[name]++
					if prompt {
						inPrompt[name] = true
					}
				}
			}
		}
	}
	best := ""
	for name, n := range counts {
		if n < 2 || !inPrompt[name] || chromeVocabulary(name) {
			continue
		}
		if b := counts[best]; best == "" || n > b || n == b && (len(name) > len(best) || len(name) == len(best) && name < best) {
			best = name
		}
	}
	return best
}

// capitalRuns splits a line into runs of consecutive capitalised words,
// punctuation trimmed; a word ending in punctuation closes its run.
func capitalRuns(text string) [][]string {
	var runs [][]string
	var cur []string
	flush := func() {
		if len(cur) >= 2 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	for _, w := range strings.Fields(text) {
		t := strings.TrimFunc(w, notLetterOrDigit)
		r, _ := utf8.DecodeRuneInString(t)
		if t == "" || !unicode.IsUpper(r) || !nameLike(t, 1) {
			flush()
			continue
		}
		if strings.TrimLeftFunc(w, notLetterOrDigit) != w {
			flush() // "(Photo": an opening bracket starts a new run
		}
		cur = append(cur, t)
		if strings.TrimRightFunc(w, notLetterOrDigit) != w {
			flush()
		}
	}
	flush()
	return runs
}

// chromeVocabulary reports a name made of chrome words: it opens with a
// call to action or holds a chrome phrase ("Sign In", "Top Stories").
func chromeVocabulary(name string) bool {
	folded := foldText(name)
	words := strings.Fields(folded)
	if len(words) == 0 || ctaVerbs[words[0]] {
		return true
	}
	return phraseIndex(folded, len(words)) >= 0
}

// proseStrength: 2 for a sentence-like line of running text beyond doubt,
// 1 for one that reads as prose only next to other prose (no verb this
// package knows, as in other languages), 0 for none.
func proseStrength(f features) int {
	w := f.wordsEq()
	if w < proseMinWords || f.upperOnly {
		return 0
	}
	if f.cjk*2 >= f.letters {
		// Scripts without case or spaces: length and end punctuation.
		if w >= 20 || f.endPunct || f.endColon {
			return 2
		}
		return 0
	}
	if f.lowWords*3 < f.words {
		return 0
	}
	switch {
	case f.words >= 20:
		return 2
	case f.hasVerb && (f.endPunct || f.endColon):
		return 2
	case f.endPunct || f.endColon:
		return 1
	}
	return 0
}

func isProse(f features) bool { return proseStrength(f) == 2 }

// preclassify labels a line from its own features and vocabulary; zones
// (header, body, footer) decide the rest.
func (c *classifier) preclassify(l *line) {
	if l.label == lBlank {
		return
	}
	list := false
	if m := bulletRE.FindStringSubmatch(l.text); m != nil {
		l.text, list = m[1], true
		l.f = lineFeatures(l.text)
		l.folded = foldText(l.text)
	}
	f := l.f
	l.chrome, l.strong = chromeReason(l.text, l.folded, f)
	switch {
	case f.hashtags > 0 && f.hashtags*5 >= f.words*4:
		l.label, l.reason = lHashtags, reasonHashtags
	case list:
		l.label = lList
	case isByline(l.text, f):
		l.label = lByline
	case isDatelineLine(l.text):
		l.label = lDateline
	case isCaptionLine(l.text, l.folded, f) && (!isProse(f) || creditRE.MatchString(l.text)):
		// A sentence closed by a photo credit is a caption even when it
		// reads as prose.
		l.label, l.reason = lCaption, reasonCaption
	case isProse(f):
		l.label = lBody
	default:
		l.label = lShort
	}
}

func isByline(s string, f features) bool {
	_, ok := parseByline(s, f)
	return ok
}

func isDatelineLine(s string) bool {
	_, ok := parseDatelineLine(s)
	return ok
}

// confirmWeakProse promotes weak prose lines that sit next to prose.
func (c *classifier) confirmWeakProse() {
	for i := range c.lines {
		l := &c.lines[i]
		if l.label != lShort || proseStrength(l.f) != 1 {
			continue
		}
		for _, j := range []int{c.prevLine(i), c.nextLine(i)} {
			if j >= 0 && (c.lines[j].label == lBody || c.lines[j].label == lShort && proseStrength(c.lines[j].f) >= 1) {
				l.label = lBody
				break
			}
		}
	}
}

func (c *classifier) firstProse() int { return c.firstProseFrom(0) }

func (c *classifier) firstProseFrom(from int) int {
	for i := from; i < len(c.lines); i++ {
		if l := c.lines[i]; l.label == lBody && l.chrome == "" {
			return i
		}
	}
	return len(c.lines)
}

// headerMetaLines is how many non-blank lines from the top a byline or
// dateline may sit at and still belong to the header.
const headerMetaLines = 12

// lastHeaderMeta is the last byline or dateline line among the first
// headerMetaLines non-blank lines, or -1.
func (c *classifier) lastHeaderMeta() int {
	last, seen := -1, 0
	for i, l := range c.lines {
		if l.label == lBlank {
			continue
		}
		if seen++; seen > headerMetaLines {
			break
		}
		if l.label == lByline || l.label == lDateline {
			last = i
		}
	}
	return last
}

// header places the lines before the first prose line: chrome, publisher,
// section, title, byline, dateline, captions. Lines it cannot place stay
// in the body.
func (c *classifier) header(first int) {
	for i := 0; i < first; i++ {
		l := &c.lines[i]
		if l.label == lBlank || l.label == lHashtags || l.label == lByline || l.label == lDateline || l.label == lCaption {
			continue
		}
		folded := l.folded
		switch {
		case l.count > 1 && l.f.words <= 8 && nameLike(l.text, 6) && (c.a.Source == "" || sameText(l.text, c.a.Source)):
			l.label, l.reason = lSource, reasonPublisher
			c.a.Source = l.text
		case c.a.Source == "" && i == c.nextLine(-1) && l.label == lShort && !l.f.hasVerb && !l.f.endPunct && nameLike(l.text, 5) && c.namedInChrome(i):
			// A masthead: the first line, a name that the page's own
			// promotions or photo credits repeat ("Subscribe to the …").
			l.label, l.reason = lSource, reasonPublisher
			c.a.Source = l.text
		case l.chrome != "":
			l.label, l.reason = lChrome, l.chrome
		case l.f.startsCTA && l.f.words <= 8 && !l.f.hasVerb:
			l.label, l.reason = lChrome, reasonPromo
		case l.count > 1 && l.f.words <= 8:
			l.label, l.reason = lChrome, reasonRepeated
		case sectionNames[folded] && l.f.words <= 3 && c.a.Section == "":
			l.label = lSection
			c.a.Section = l.text
		}
	}
	c.sandwichedChrome(first)
	title := c.findTitle(first)
	if title >= 0 {
		c.lines[title].label = lTitle
		c.a.Title = c.lines[title].text
		if p := c.prevLine(title); p >= 0 && (c.lines[p].label == lShort || c.lines[p].label == lBody) && c.lines[p].f.endPunct && c.lines[p].f.words >= 5 {
			// A sentence right above the headline: the lead photo's caption.
			c.lines[p].label, c.lines[p].reason = lCaption, reasonCaption
		}
	}
	c.headerByline(title, first)
	for i := 0; i < first; i++ {
		if c.lines[i].label == lShort {
			c.bodyShort(i)
		}
	}
}

// namedInChrome reports whether line i's text recurs, as whole words, in
// a chrome or caption line elsewhere in the document.
func (c *classifier) namedInChrome(i int) bool {
	name := " " + c.lines[i].folded + " "
	if len(name) < 5 {
		return false
	}
	for j, l := range c.lines {
		if j == i || (l.chrome == "" && l.label != lCaption) {
			continue
		}
		if strings.Contains(" "+l.folded+" ", name) {
			return true
		}
	}
	return false
}

// sandwichedChrome marks a short header line as chrome when the lines
// on both sides of it are chrome: it belongs to the same promotion.
func (c *classifier) sandwichedChrome(first int) {
	for i := 0; i < first; i++ {
		l := &c.lines[i]
		if l.label != lShort || l.f.words > maxBodyChromeWords {
			continue
		}
		p, n := c.prevLine(i), c.nextLine(i)
		if p >= 0 && n >= 0 && n < first && c.lines[p].label == lChrome && c.lines[n].label == lChrome {
			l.label, l.reason = lChrome, c.lines[p].reason
		}
	}
}

// findTitle returns the headline's line, or -1: the last title-like line
// before the first prose line that has some evidence of being a headline
// (title case, a byline or dateline under it, chrome above it).
func (c *classifier) findTitle(first int) int {
	for i := first - 1; i >= 0; i-- {
		l := c.lines[i]
		if l.label != lShort || !titleLike(l.f) || l.f.words < 3 || l.count > 1 || strings.HasSuffix(l.text, ".") {
			continue
		}
		next, prev := c.nextLine(i), c.prevLine(i)
		metaBelow := next >= 0 && (c.lines[next].label == lByline || c.lines[next].label == lDateline)
		chromeAbove := prev >= 0 && c.lines[prev].label != lShort && c.lines[prev].label != lBody && c.lines[prev].label != lList
		if titleCase(l.text) || metaBelow || chromeAbove || isBylineLike(lineText(c.lines, prev)) {
			return i
		}
	}
	return -1
}

func lineText(lines []line, i int) string {
	if i < 0 {
		return ""
	}
	return lines[i].text
}

// smallWords stay lower case in title case.
var smallWords = setOf("a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to",
	"for", "by", "with", "from", "as", "vs", "via", "into", "over", "per", "up")

// titleCase reports whether most words that title case capitalises are
// capitalised.
func titleCase(s string) bool {
	content, caps := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeftFunc(w, notLetterOrDigit)
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsDigit(r) {
			continue
		}
		content++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return content >= 2 && caps*10 >= content*8
}

// headerByline finds the byline: a "By …" line, else a name-like line
// right next to the title.
func (c *classifier) headerByline(title, first int) {
	for i := 0; i < first; i++ {
		l := &c.lines[i]
		if l.label != lByline {
			continue
		}
		if name, ok := parseByline(l.text, l.f); ok && c.a.Byline == "" {
			c.a.Byline = name
		} else {
			l.label, l.reason = lChrome, reasonByline
		}
	}
	if c.a.Byline != "" || title < 0 {
		return
	}
	for _, j := range []int{c.prevLine(title), c.nextLine(title)} {
		if j < 0 || j >= first {
			continue
		}
		l := &c.lines[j]
		if l.label == lShort && isBylineLike(l.text) {
			l.label = lByline
			c.a.Byline = l.text
			return
		}
	}
}

// isBylineLike: a short capitalised name, or a desk ("Newsroom").
func isBylineLike(s string) bool {
	if s == "" || !nameLike(s, 4) || strings.ContainsAny(s, ".,") {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if bylineWords[w] {
			return true
		}
	}
	return len(strings.Fields(s)) >= 2
}

func (c *classifier) prevLine(i int) int {
	for j := i - 1; j >= 0; j-- {
		if c.lines[j].label != lBlank {
			return j
		}
	}
	return -1
}

func (c *classifier) nextLine(i int) int {
	for j := i + 1; j < len(c.lines); j++ {
		if c.lines[j].label != lBlank {
			return j
		}
	}
	return -1
}

// titleLike: a capitalised line of a few words that does not end a sentence.
func titleLike(f features) bool {
	return f.firstUp && f.words >= 1 && f.words <= 25 && (!f.endPunct || f.words <= 14) && !f.endColon &&
		f.hashtags == 0
}

// bodyChrome reports whether a line inside the body is chrome: its
// vocabulary says so and it is short and not a sentence, or the phrase is
// unmistakable.
func bodyChrome(l line) bool {
	if l.label == lList && !l.strong {
		return false
	}
	if l.chrome == "" {
		return false
	}
	return l.strong || l.f.words <= maxBodyChromeWords && (!l.f.hasVerb || l.f.startsCTA)
}

// chromeOf is the removal reason of a line bodyChrome accepts.
func chromeOf(l line) string {
	if l.chrome != "" {
		return l.chrome
	}
	return reasonPromo
}

// shortCTA: a call to action of a few words, no verb beyond the
// imperative, no sentence end: "Continue Reading Below", "Start reading".
func shortCTA(f features) bool {
	return f.startsCTA && f.words <= 5 && !f.hasVerb && !f.endPunct
}

// body places the lines from the first prose line on, and cuts the footer:
// from the first chrome line after which no strong prose follows.
func (c *classifier) body(first int) {
	footer := c.footerStart(first, strongProseWords)
	for i := first; i < len(c.lines); i++ {
		l := &c.lines[i]
		if i >= footer && l.label != lBlank && l.label != lHashtags {
			reason := l.chrome
			if reason == "" {
				reason = c.inheritedReason(i, footer)
			}
			l.label, l.reason = lChrome, reason
			continue
		}
		if l.label != lBlank && l.label != lHashtags && l.label != lCaption && bodyChrome(*l) {
			l.label, l.reason = lChrome, chromeOf(*l)
			continue
		}
		switch l.label {
		case lShort:
			c.bodyShort(i)
		case lByline:
			if c.a.Byline == "" {
				if name, ok := parseByline(l.text, l.f); ok {
					c.a.Byline = name
					continue
				}
			}
			l.label, l.reason = lChrome, reasonByline
		case lDateline:
			if c.a.Dateline.Place != "" {
				l.label = lBody
			}
		}
	}
}

func (c *classifier) inheritedReason(i, footer int) string {
	for j := i - 1; j >= footer; j-- {
		if c.lines[j].label == lChrome && c.lines[j].reason != "" {
			return c.lines[j].reason
		}
	}
	return reasonChrome
}

// footerStart is the first chrome line after the last prose line of at
// least minWords words, or len(lines).
func (c *classifier) footerStart(first, minWords int) int {
	lastStrong := first - 1
	for i := len(c.lines) - 1; i >= first; i-- {
		l := c.lines[i]
		if l.label == lBody && l.f.wordsEq() >= minWords && !bodyChrome(l) {
			lastStrong = i
			break
		}
	}
	for i := max(first, lastStrong+1); i < len(c.lines); i++ {
		l := c.lines[i]
		if l.label != lBlank && l.label != lHashtags && (bodyChrome(l) || l.chrome != "" && l.f.words <= maxChromeWords && !l.f.endPunct) {
			return i
		}
	}
	return len(c.lines)
}

// bodyShort places a short line inside the body: a heading when it is
// title-like and leads into text, else a paragraph.
func (c *classifier) bodyShort(i int) {
	l := &c.lines[i]
	next := c.nextLine(i)
	leads := next >= 0 && (c.lines[next].label == lBody || c.lines[next].label == lList || c.lines[next].label == lShort)
	if titleLike(l.f) && !l.f.endPunct && leads && l.f.words <= 14 {
		l.label = lHeading
		return
	}
	l.label = lBody
}

// emit writes the classified lines into the article.
func (c *classifier) emit() {
	a := c.a
	for i := range c.lines {
		l := &c.lines[i]
		switch l.label {
		case lBody:
			c.paragraph(l.text)
		case lHeading:
			a.Body = append(a.Body, parallax.Block{Kind: parallax.BlockHeading, Text: l.text})
		case lList:
			a.Body = append(a.Body, parallax.Block{Kind: parallax.BlockListItem, Text: l.text})
		case lDateline:
			if d, ok := parseDatelineLine(l.text); ok && a.Dateline.Place == "" {
				a.Dateline = d
			}
		case lHashtags:
			a.Tags = appendTags(a.Tags, l.text)
			a.Removed = append(a.Removed, parallax.Removed{Text: l.text, Reason: reasonHashtags})
		case lChrome, lCaption, lSource:
			a.Removed = append(a.Removed, parallax.Removed{Text: l.text, Reason: l.reason})
		}
	}
}

func (c *classifier) paragraph(text string) {
	a := c.a
	if len(a.Body) == 0 && a.Dateline.Place == "" {
		if place, ok := leadDateline(text); ok {
			a.Dateline.Place = place
		}
	}
	a.Body = append(a.Body, parallax.Block{Kind: parallax.BlockParagraph, Text: text})
}

// appendTags adds the hashtags of a line, without '#', once each.
func appendTags(tags []string, text string) []string {
	for _, w := range strings.Fields(text) {
		if !strings.HasPrefix(w, "#") {
			continue
		}
		t := strings.TrimRightFunc(strings.TrimLeft(w, "#"), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
		})
		if t == "" || containsFold(tags, t) {
			continue
		}
		tags = append(tags, t)
	}
	return tags
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// toUTF8Text decodes plain text: UTF-8 as is, else the content type's
// charset, else Windows-1252 (the usual mislabelled Latin-1).
func toUTF8Text(body []byte, contentType string) string {
	if utf8.Valid(body) {
		return strings.TrimPrefix(string(body), "\uFEFF")
	}
	if enc, _, certain := charset.DetermineEncoding(body, contentType); certain {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			return string(out)
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(body)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return string(out)
}
