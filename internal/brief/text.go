package brief

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/parallax-news/parallax"
)

// minWidth is the narrowest width WriteText wraps to.
const minWidth = 40

// WriteText renders the brief for a terminal: wrapped to width, each
// statement followed by source markers such as [1][3] that refer to the
// numbered source list at the end, which shows the derivation tree.
func WriteText(w io.Writer, b *parallax.Brief, width int) error {
	if b == nil {
		return errors.New("write brief: nil brief")
	}
	width = max(width, minWidth)
	out := &errWriter{w: w}
	num := numbersOf(b)
	para := func(s, first, rest string) {
		for _, l := range wrap(s, first, rest, width) {
			out.printf("%s\n", l)
		}
	}
	para(b.Headline, "", "")
	out.printf("%s\n", strings.Repeat("=", min(width, max(utf8Len(b.Headline), 3))))
	meta := plural(len(b.Sources), "article", "articles") + ", " + plural(independent(b), "independent source", "independent sources")
	if b.StoryID != 0 {
		meta = fmt.Sprintf("Story %d: %s", b.StoryID, meta)
	}
	if !b.BuiltAt.IsZero() {
		meta += ", built " + b.BuiltAt.UTC().Format("2006-01-02 15:04 MST")
	}
	para(meta+".", "", "")
	if len(b.Summary) > 0 {
		out.printf("\nSUMMARY\n")
		for _, c := range b.Summary {
			para(c.Text+" "+num.markers(c.ArticleIDs, "[", "]"), "  ", "  ")
		}
	}
	if len(b.KeyPoints) > 0 {
		out.printf("\nKEY POINTS\n")
		for _, c := range b.KeyPoints {
			para(c.Text+" "+num.markers(c.ArticleIDs, "[", "]"), "  - ", "    ")
		}
	}
	if cs := conflicts(b); len(cs) > 0 {
		out.printf("\nDISAGREEMENTS\n")
		for _, c := range cs {
			para(c.Subject+" · "+c.Attribute, "  ", "  ")
			for _, v := range c.Values {
				para(fmt.Sprintf("%q %s (%s)", v.Value, num.markers(v.ArticleIDs, "[", "]"),
					plural(v.Sources, "source", "sources")), "    - ", "      ")
			}
			if c.Note != "" {
				para("Note: "+num.note(c.Note, "[", "]"), "    ", "      ")
			}
		}
	}
	if len(b.Quotes) > 0 {
		out.printf("\nQUOTES\n")
		for _, run := range speakerRuns(b.Quotes) {
			para(speakerName(run[0].Speaker), "  ", "  ")
			for _, q := range run[:min(len(run), quotesShown)] {
				para(quoteText(q)+" "+num.markers(q.ArticleIDs, "[", "]"), "    - ", "      ")
			}
			if len(run) > quotesShown {
				para(fmt.Sprintf("(%d more)", len(run)-quotesShown), "    ", "    ")
			}
		}
	}
	if len(b.Timeline) > 0 {
		out.printf("\nTIMELINE\n")
		for _, e := range b.Timeline {
			para(e.Date.Format("2006-01-02")+" "+e.Text+" "+num.markers(e.ArticleIDs, "[", "]"), "  ", "             ")
		}
	}
	if len(b.Sources) > 0 {
		out.printf("\nSOURCES\n")
		d := depths(b)
		for _, s := range b.Sources {
			pad := strings.Repeat("    ", d[s.ArticleID])
			para(sourceLine(s, num), "  "+pad, "  "+pad+"    ")
			if s.URL != "" {
				para(s.URL, "  "+pad+"    ", "  "+pad+"    ")
			}
		}
	}
	if news := newSources(b); len(news) > 0 {
		out.printf("\nNEW SINCE %s\n", b.Since.UTC().Format("2006-01-02 15:04 MST"))
		for _, s := range news {
			para(fmt.Sprintf("[%d] %s", s.N, sourceName(s)), "  ", "      ")
		}
	}
	if out.err != nil {
		return fmt.Errorf("write brief %d: %w", b.StoryID, out.err)
	}
	return nil
}

func utf8Len(s string) int { return len([]rune(s)) }

func speakerName(s string) string {
	if s == "" {
		return "Unattributed"
	}
	return s
}

func quoteText(q parallax.Quote) string {
	if q.Kind == parallax.QuoteReported {
		return "(reported) " + q.Text
	}
	return "“" + q.Text + "”"
}

func sourceName(s parallax.BriefSource) string {
	var parts []string
	if s.Source != "" {
		parts = append(parts, s.Source)
	}
	if s.Title != "" {
		parts = append(parts, s.Title)
	}
	if len(parts) == 0 && s.URL != "" {
		if base := path.Base(strings.TrimRight(s.URL, "/")); base != "." && base != "/" && !strings.HasSuffix(base, ":") {
			parts = append(parts, base)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("article %d", s.ArticleID))
	}
	return strings.Join(parts, ": ")
}

func sourceLine(s parallax.BriefSource, num numbering) string {
	line := fmt.Sprintf("[%d] %s", s.N, sourceName(s))
	if !s.Published.IsZero() {
		line += " (" + s.Published.UTC().Format("2006-01-02") + ")"
	}
	if s.DerivedFrom != 0 {
		line += fmt.Sprintf(" — %s %s, %.0f%% aligned", derivationPhrase(s.Kind),
			num.markers([]int64{s.DerivedFrom}, "[", "]"), 100*s.Coverage)
	}
	if s.New {
		line += " NEW"
	}
	return line
}

func newSources(b *parallax.Brief) []parallax.BriefSource {
	var out []parallax.BriefSource
	for _, s := range b.Sources {
		if s.New {
			out = append(out, s)
		}
	}
	return out
}
