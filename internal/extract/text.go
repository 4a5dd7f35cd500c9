package extract

import (
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
	count  int // occurrences of the same text in the document
}

// bulletRE matches list markers: "-", "•", "*", "·", "▪", "◦", "‣", "1.", "1)".
var bulletRE = regexp.MustCompile(`^(?:[-•*·▪◦‣●]|\d{1,3}[.)])\s+(\S.*)$`)

// proseMinWords is the shortest line read as a prose paragraph on its own.
const proseMinWords = 8

// strongProseWords is the length of a line that is prose beyond doubt; one
// such line after footer chrome means the article goes on.
const strongProseWords = 15

// fromText fills a from plain text.
func fromText(a *parallax.Article, text string) error {
	lines := splitLines(text)
	c := &classifier{lines: lines, a: a}
	c.run()
	if len(a.Body) == 0 {
		return parallax.ErrNoContent
	}
	return nil
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
		counts[foldText(t)]++
	}
	for i := range lines {
		if lines[i].label != lBlank {
			lines[i].count = counts[foldText(lines[i].text)]
		}
	}
	return lines
}

func (c *classifier) run() {
	for i := range c.lines {
		c.preclassify(&c.lines[i])
	}
	first := c.firstProse()
	if first < 0 {
		first = len(c.lines)
	}
	c.header(first)
	c.body(first)
	c.emit()
}

// isProse: a sentence-like line of running text.
func isProse(f features) bool {
	if f.words < proseMinWords || f.upperOnly {
		return false
	}
	if f.lowWords*3 < f.words {
		return false
	}
	if f.words >= 20 {
		return true
	}
	return f.hasVerb && (f.endPunct || f.endColon)
}

// preclassify labels a line from its own features and vocabulary.
func (c *classifier) preclassify(l *line) {
	if l.label == lBlank {
		return
	}
	f := l.f
	switch {
	case f.hashtags > 0 && f.hashtags*5 >= f.words*4:
		l.label, l.reason = lHashtags, reasonHashtags
		return
	case bulletRE.MatchString(l.text):
		m := bulletRE.FindStringSubmatch(l.text)
		l.text = m[1]
		l.f = lineFeatures(l.text)
		if r := chromeReason(l.text, l.f); r != "" && !isProse(l.f) {
			l.label, l.reason = lChrome, r
			return
		}
		l.label = lList
		return
	}
	if _, ok := parseByline(l.text, f); ok {
		l.label = lByline
		return
	}
	if _, ok := parseDatelineLine(l.text); ok {
		l.label = lDateline
		return
	}
	if isCaptionLine(l.text, f) && !isProse(f) {
		l.label, l.reason = lCaption, reasonCaption
		return
	}
	if r := chromeReason(l.text, f); r != "" {
		l.label, l.reason = lChrome, r
		return
	}
	if isProse(f) {
		l.label = lBody
		return
	}
	if l.count > 1 && f.words <= 8 {
		l.label, l.reason = lChrome, reasonRepeated
		return
	}
	l.label = lShort
}

func (c *classifier) firstProse() int {
	for i, l := range c.lines {
		if l.label == lBody {
			return i
		}
	}
	return -1
}

// header places the lines before the first prose line: chrome, publisher,
// section, title, byline, dateline, captions.
func (c *classifier) header(first int) {
	title := -1
	for i := first - 1; i >= 0; i-- {
		l := &c.lines[i]
		if (l.label == lShort || l.label == lChrome && l.reason == reasonRepeated) && titleLike(l.f) && l.f.words >= 3 && l.count == 1 {
			title = i
			break
		}
	}
	for i := 0; i < first; i++ {
		l := &c.lines[i]
		switch l.label {
		case lChrome:
			if l.reason == reasonRepeated && nameLike(l.text, 6) && c.a.Source == "" {
				l.label, l.reason = lSource, reasonPublisher
				c.a.Source = l.text
			} else if l.reason == reasonRepeated && sameText(l.text, c.a.Source) {
				l.reason = reasonPublisher
			}
		case lShort:
			c.headerShort(i, title)
		}
	}
	if title >= 0 {
		c.lines[title].label = lTitle
		c.a.Title = c.lines[title].text
	}
	c.headerByline(title, first)
}

// headerShort places a short header line that no vocabulary claimed.
func (c *classifier) headerShort(i, title int) {
	l := &c.lines[i]
	folded := foldText(l.text)
	switch {
	case i == title:
	case sectionNames[folded] && l.f.words <= 3:
		l.label = lSection
		if c.a.Section == "" {
			c.a.Section = l.text
		}
	case title >= 0 && i < title && l.f.endPunct && l.f.words >= 5:
		// A sentence above the headline: the lead photo's caption.
		l.label, l.reason = lCaption, reasonCaption
	case title >= 0 && i < title && !isBylineLike(l.text):
		l.label, l.reason = lChrome, reasonChrome
	case title < 0 && titleLike(l.f):
		l.label = lHeading
	case title < 0:
		l.label = lBody
	}
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
	if !nameLike(s, 4) || strings.ContainsAny(s, ".,") {
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

// body places the lines from the first prose line on, and cuts the footer:
// from the first chrome line after which no strong prose follows.
func (c *classifier) body(first int) {
	footer := c.footerStart(first)
	for i := first; i < len(c.lines); i++ {
		l := &c.lines[i]
		if i >= footer && l.label != lBlank && l.label != lHashtags {
			if l.label != lChrome {
				l.label, l.reason = lChrome, c.inheritedReason(i, footer)
			}
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

func (c *classifier) footerStart(first int) int {
	lastStrong := -1
	for i := len(c.lines) - 1; i >= first; i-- {
		l := c.lines[i]
		if l.label == lBody && l.f.words >= strongProseWords {
			lastStrong = i
			break
		}
	}
	for i := max(first, lastStrong+1); i < len(c.lines); i++ {
		if c.lines[i].label == lChrome {
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
