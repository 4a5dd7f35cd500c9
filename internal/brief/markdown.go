package brief

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax"
)

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)

func md(s string) string { return mdEscaper.Replace(strings.Join(strings.Fields(s), " ")) }

// WriteMarkdown renders the brief as Markdown, with source markers \[1\]
// that refer to the numbered source list.
func WriteMarkdown(w io.Writer, b *parallax.Brief) error {
	if b == nil {
		return errors.New("write brief: nil brief")
	}
	out := &errWriter{w: w}
	num := numbersOf(b)
	mk := func(ids []int64) string { return num.markers(ids, `\[`, `\]`) }
	out.printf("# %s\n\n", md(b.Headline))
	meta := plural(len(b.Sources), "article", "articles") + ", " + plural(independent(b), "independent source", "independent sources")
	if b.StoryID != 0 {
		meta = fmt.Sprintf("Story %d: %s", b.StoryID, meta)
	}
	if !b.BuiltAt.IsZero() {
		meta += ", built " + b.BuiltAt.UTC().Format("2006-01-02 15:04 MST")
	}
	out.printf("*%s.*\n", meta)
	if len(b.Summary) > 0 {
		out.printf("\n## Summary\n\n")
		for _, c := range b.Summary {
			out.printf("%s %s\n", md(c.Text), mk(c.ArticleIDs))
		}
	}
	if len(b.KeyPoints) > 0 {
		out.printf("\n## Key points\n\n")
		for _, c := range b.KeyPoints {
			out.printf("- %s %s\n", md(c.Text), mk(c.ArticleIDs))
		}
	}
	if cs := conflicts(b); len(cs) > 0 {
		out.printf("\n## Disagreements\n\n| Subject | Attribute | Value | Sources |\n|---|---|---|---|\n")
		for _, c := range cs {
			for i, v := range c.Values {
				subj, attr := md(c.Subject), md(c.Attribute)
				if i > 0 {
					subj, attr = "", ""
				}
				out.printf("| %s | %s | %s | %s (%s) |\n", subj, attr, md(v.Value), mk(v.ArticleIDs),
					plural(v.Sources, "source", "sources"))
			}
		}
		for _, c := range cs {
			if c.Note != "" {
				out.printf("\n*%s · %s:* %s\n", md(c.Subject), md(c.Attribute), num.note(md(c.Note), `\[`, `\]`))
			}
		}
	}
	if len(b.Quotes) > 0 {
		out.printf("\n## Quotes\n")
		for _, run := range speakerRuns(b.Quotes) {
			out.printf("\n**%s**\n\n", md(speakerName(run[0].Speaker)))
			for _, q := range run[:min(len(run), quotesShown)] {
				out.printf("- %s %s\n", md(quoteText(q)), mk(q.ArticleIDs))
			}
			if len(run) > quotesShown {
				out.printf("- *(%d more)*\n", len(run)-quotesShown)
			}
		}
	}
	if len(b.Timeline) > 0 {
		out.printf("\n## Timeline\n\n")
		for _, e := range b.Timeline {
			out.printf("- **%s** %s %s\n", e.Date.Format("2006-01-02"), md(e.Text), mk(e.ArticleIDs))
		}
	}
	if len(b.Sources) > 0 {
		out.printf("\n## Sources\n\n")
		d := depths(b)
		for _, s := range b.Sources {
			out.printf("%s- %s\n", strings.Repeat("  ", d[s.ArticleID]), mdSource(s, num))
		}
	}
	if news := newSources(b); len(news) > 0 {
		out.printf("\n## New since %s\n\n", b.Since.UTC().Format("2006-01-02 15:04 MST"))
		for _, s := range news {
			out.printf("- \\[%d\\] %s\n", s.N, md(sourceName(s)))
		}
	}
	if out.err != nil {
		return fmt.Errorf("write brief %d: %w", b.StoryID, out.err)
	}
	return nil
}

func mdSource(s parallax.BriefSource, num numbering) string {
	name := md(sourceName(s))
	if s.URL != "" {
		name = "[" + name + "](" + strings.ReplaceAll(strings.ReplaceAll(s.URL, "(", "%28"), ")", "%29") + ")"
	}
	line := fmt.Sprintf("\\[%d\\] %s", s.N, name)
	if !s.Published.IsZero() {
		line += " (" + s.Published.UTC().Format("2006-01-02") + ")"
	}
	if s.DerivedFrom != 0 {
		line += fmt.Sprintf(" — %s %s, %.0f%% aligned", derivationPhrase(s.Kind),
			num.markers([]int64{s.DerivedFrom}, `\[`, `\]`), 100*s.Coverage)
	}
	if s.New {
		line += " **new**"
	}
	return line
}
