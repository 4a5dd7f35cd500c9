package brief_test

import (
	"io"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
)

// fuzzInput turns arbitrary text into a story: articles split on "|||",
// blocks on newlines (the kind chosen by the first byte), derivations and
// analyses drawn from the bytes, pointing at articles that may not exist.
func fuzzInput(data string, links []byte) brief.Input {
	kinds := []parallax.BlockKind{parallax.BlockParagraph, parallax.BlockListItem, parallax.BlockHeading, ""}
	var in brief.Input
	for i, part := range strings.Split(data, "|||") {
		a := &parallax.Article{ID: int64(i%7 + 1), Title: firstLine(part), Source: string(rune('A' + i%3))}
		for j, line := range strings.Split(part, "\n") {
			k := kinds[0]
			if len(line) > 0 {
				k = kinds[int(line[0])%len(kinds)]
			}
			a.Body = append(a.Body, parallax.Block{Kind: k, Text: line})
			an := parallax.Analysis{ArticleID: a.ID}
			an.Claims = append(an.Claims, parallax.Claim{Subject: firstWord(line), Attribute: "title", Value: line, Normalized: line, Evidence: line, Sentence: j})
			an.Quotes = append(an.Quotes, parallax.Quote{Speaker: firstWord(line), Text: line, Kind: parallax.QuoteDirect})
			in.Analyses = append(in.Analyses, an)
		}
		in.Articles = append(in.Articles, a)
	}
	for i := 0; i+1 < len(links); i += 2 {
		in.Derivations = append(in.Derivations, parallax.Derivation{
			ArticleID: int64(links[i] % 9), SourceID: int64(links[i+1] % 9), Kind: parallax.DerivedRewrite,
			Pairs: []parallax.AlignedPair{{SourceIndex: int(links[i]) - 3, DerivedIndex: int(links[i+1]) % 5}},
		})
	}
	in.Entities = []parallax.Entity{{Name: firstWord(data), Aliases: []string{firstLine(data)}, ArticleIDs: []int64{1, 99}}}
	return in
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func FuzzBuild(f *testing.F) {
	_, arts, _, _, _ := handmade()
	var parts []string
	for _, a := range arts {
		parts = append(parts, a.Title+"\n"+a.Text())
	}
	f.Add(strings.Join(parts, "|||"), []byte{11, 10, 10, 11, 3, 3})
	f.Add("A. B. C.|||A. B. C.\n- x 600,000 y|||“quote” he said.", []byte{1, 2, 2, 1})
	f.Add("", []byte{})
	f.Fuzz(func(t *testing.T, data string, links []byte) {
		in := fuzzInput(data, links)
		b := brief.NewBuilder()
		br := b.Build(in)
		b.Build(in) // from the cache
		ids := map[int64]bool{}
		for _, a := range in.Articles {
			ids[a.ID] = true
		}
		for _, c := range br.Summary {
			for _, id := range c.ArticleIDs {
				if !ids[id] {
					t.Fatalf("summary cites unknown article %d", id)
				}
			}
		}
		if err := brief.WriteText(io.Discard, br, 50); err != nil {
			t.Fatal(err)
		}
		if err := brief.WriteMarkdown(io.Discard, br); err != nil {
			t.Fatal(err)
		}
	})
}
