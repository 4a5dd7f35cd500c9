package brief

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// errWriter keeps the first write error so that renderers can write freely
// and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}

// numbering maps article IDs to their numbers in the source list.
type numbering map[int64]int

func numbersOf(b *parallax.Brief) numbering {
	n := numbering{}
	for _, s := range b.Sources {
		n[s.ArticleID] = s.N
	}
	return n
}

// markers renders "[1][3]" for the articles, in source-list order; an
// article missing from the list is shown by its ID ("[#42]").
func (n numbering) markers(ids []int64, open, close string) string {
	nums := make([]int, 0, len(ids))
	var unknown []int64
	for _, id := range ids {
		if k, ok := n[id]; ok {
			nums = append(nums, k)
			continue
		}
		unknown = append(unknown, id)
	}
	sortInts(nums)
	var sb strings.Builder
	for _, k := range nums {
		fmt.Fprintf(&sb, "%s%d%s", open, k, close)
	}
	for _, id := range unknown {
		fmt.Fprintf(&sb, "%s#%d%s", open, id, close)
	}
	return sb.String()
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// note rewrites the "article 42" of a comparison's note as source markers.
func (n numbering) note(s, open, close string) string {
	var sb strings.Builder
	for {
		i := strings.Index(s, "article ")
		if i < 0 {
			break
		}
		j := i + len("article ")
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		id, err := strconv.ParseInt(s[j:k], 10, 64)
		sb.WriteString(s[:i])
		if _, ok := n[id]; k == j || err != nil || !ok {
			sb.WriteString(s[i:k])
		} else {
			sb.WriteString(n.markers([]int64{id}, open, close))
		}
		s = s[k:]
	}
	sb.WriteString(s)
	return sb.String()
}

// conflicts returns the comparisons whose values disagree.
func conflicts(b *parallax.Brief) []parallax.Comparison {
	var out []parallax.Comparison
	for _, c := range b.Claims {
		if c.Conflict {
			out = append(out, c)
		}
	}
	return out
}

// quotesShown is how many quotes per speaker the renderers show; the JSON
// brief keeps them all.
const quotesShown = 4

// speakerRuns splits the quotes (already grouped by speaker) into runs.
func speakerRuns(quotes []parallax.Quote) [][]parallax.Quote {
	var runs [][]parallax.Quote
	for i, q := range quotes {
		if i == 0 || q.Speaker != quotes[i-1].Speaker {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], q)
	}
	return runs
}

// independent counts the roots of the source tree: originals, not copies.
func independent(b *parallax.Brief) int {
	n := 0
	for _, s := range b.Sources {
		if s.DerivedFrom == 0 {
			n++
		}
	}
	return n
}

func depths(b *parallax.Brief) map[int64]int {
	parent := map[int64]int64{}
	for _, s := range b.Sources {
		if s.DerivedFrom != 0 {
			parent[s.ArticleID] = s.DerivedFrom
		}
	}
	d := map[int64]int{}
	for _, s := range b.Sources {
		k, id := 0, s.ArticleID
		for k <= len(parent) {
			p, ok := parent[id]
			if !ok {
				break
			}
			k, id = k+1, p
		}
		d[s.ArticleID] = k
	}
	return d
}

// derivationPhrase says how an article relates to the one it derives from
// ("rewrite of", then the source's marker).
func derivationPhrase(k parallax.DerivationKind) string {
	switch k {
	case parallax.DerivedExact:
		return "copy of"
	case parallax.DerivedNearDup:
		return "near-duplicate of"
	case parallax.DerivedRewrite:
		return "rewrite of"
	case parallax.DerivedSharedSource:
		return "shares a source with"
	}
	return string(k) + " of"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// wrap breaks s into lines of at most width runes (a longer word stands on
// its own line), the first prefixed by first and the rest by rest.
func wrap(s, first, rest string, width int) []string {
	var lines []string
	line, prefix := "", first
	for _, w := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(prefix+line+" "+w) > width {
			lines = append(lines, prefix+line)
			line, prefix = "", rest
		}
		if line == "" {
			line = w
			continue
		}
		line += " " + w
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, prefix+line)
	}
	return lines
}
