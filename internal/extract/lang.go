package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/parallax-news/parallax"
)

// langSampleBytes is how much of the article's text the language detector
// reads: a few paragraphs settle it, the rest only costs time.
const langSampleBytes = 1024

// minLangConfidence is the detector confidence below which the language is
// left unknown rather than guessed.
const minLangConfidence = 0.05

// detectLanguage returns the ISO 639-1 code of the article's language, or
// "" when the text is too short or too mixed to tell. It uses whatlanggo
// (trigram profiles, the detector go-trafilatura already carries, so it
// adds nothing to the binary). Measured against lingua-go restricted to 20
// languages on the 147 article-extraction benchmark pages that declare
// <html lang>: both agree with the declaration on 143 (the 4 others are
// pages whose declaration is wrong), whatlanggo in 5 ms per 4 KB text (a loaded machine),
// lingua-go in 45-56 ms and a 136 MB binary. On the first 1 KB instead of
// 4 KB both still agree on 143, in half the time.
func detectLanguage(a *parallax.Article) string {
	var b strings.Builder
	b.WriteString(a.Title)
	for _, bl := range a.Body {
		if b.Len() >= langSampleBytes {
			break
		}
		b.WriteByte('\n')
		b.WriteString(bl.Text)
	}
	return languageOf(b.String())
}

func languageOf(text string) string {
	if len(text) > langSampleBytes {
		cut := langSampleBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if englishShare(text) >= englishFastShare {
		return "en"
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < minLangConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}

// englishFastShare is the share of English function words from which a text
// is taken as English without running the detector. English prose runs at
// 35-50%; French, German, Spanish and Dutch prose stays under 10% (the few
// shared spellings: "a", "in", "on", "die"). The fast path saves about a
// third of plain-text extraction time.
const englishFastShare = 0.25

var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true,
	"for": true, "it": true, "was": true, "on": true, "with": true, "as": true, "by": true, "he": true,
	"she": true, "said": true, "at": true, "from": true, "his": true, "her": true, "are": true, "be": true,
	"have": true, "has": true, "were": true, "an": true, "this": true, "which": true, "their": true,
	"they": true, "not": true, "but": true, "had": true, "who": true, "will": true, "would": true,
	"been": true, "its": true, "or": true, "after": true, "we": true, "there": true, "than": true,
}

// englishShare is the share of the words of text that are common English
// function words.
func englishShare(text string) float64 {
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if len(w) <= 5 && englishFunctionWords[strings.ToLower(w)] {
			hits++
		}
	}
	if words < 20 {
		return 0 // too short to tell this way; let the detector decide
	}
	return float64(hits) / float64(words)
}
