package extract

import (
	"strings"
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
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < minLangConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}
