package quote

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// build turns attributions into quotes, dropping those that repeat an
// earlier one's content.
func (d *doc) build(atts []attribution) []parallax.Quote {
	slices.SortStableFunc(atts, func(a, b attribution) int { return cmp.Compare(a.parts[0].a, b.parts[0].a) })
	out := make([]parallax.Quote, 0, len(atts))
	lastEnd := -1
	for _, a := range atts {
		if !a.direct && len(a.parts) == 1 {
			// "said that the talks…": the quote is what follows "that".
			if p := a.parts[0]; strings.HasPrefix(d.s[p.a:p.b], "that ") && wordsAtLeast(d.s[p.a+5:p.b], 2) {
				a.parts[0].a = p.a + 5
			}
		}
		first, last := a.parts[0], a.parts[len(a.parts)-1]
		if first.a < lastEnd {
			continue
		}
		spk := d.speaker(a.source)
		if spk == "" && !a.sourceless {
			continue
		}
		q := parallax.Quote{
			Speaker:     spk,
			Text:        d.joinParts(a.parts),
			Kind:        parallax.QuoteReported,
			Cue:         d.s[a.cue.a:a.cue.b],
			Start:       first.a,
			End:         last.b,
			SpeakerSpan: parallax.Span{Start: a.source.a, End: a.source.b},
			CueSpan:     parallax.Span{Start: a.cue.a, End: a.cue.b},
		}
		if a.direct {
			q.Kind = parallax.QuoteDirect
		}
		if len(a.parts) > 1 {
			for _, p := range a.parts {
				q.Parts = append(q.Parts, parallax.Span{Start: p.a, End: p.b})
			}
		}
		out = append(out, q)
		lastEnd = last.b
	}
	return out
}

// joinParts joins the pieces of a split quote: a piece ending in a comma
// before a capitalised piece ends a sentence there.
func (d *doc) joinParts(parts []span) string {
	if len(parts) == 1 {
		return strings.TrimSuffix(d.s[parts[0].a:parts[0].b], ",")
	}
	var b strings.Builder
	for i, p := range parts {
		piece := d.s[p.a:p.b]
		if i+1 < len(parts) {
			next, _ := utf8.DecodeRuneInString(d.s[parts[i+1].a:parts[i+1].b])
			switch {
			case unicode.IsUpper(next) && !strings.HasSuffix(piece, ".") && !strings.HasSuffix(piece, "?") && !strings.HasSuffix(piece, "!"):
				piece = strings.TrimSuffix(piece, ",") + "."
			case !unicode.IsUpper(next):
				piece = strings.TrimSuffix(piece, ",")
			}
		} else {
			piece = strings.TrimSuffix(piece, ",")
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(piece)
	}
	return b.String()
}
