package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/text"
)

// SummaryReport scores the brief's summary on NeuS/AllSides triplets: each
// example is three outlets' versions of a story, summarised as one story
// (no derivations) and scored against the editors' neutral roundup, beside
// a lead-3 baseline (the first sentence of each version). Both are cut to
// the roundup's length in words. ROUGE is F1 on lower-cased word tokens
// (runs of letters and digits), no stemming, averaged over examples.
type SummaryReport struct {
	Path     string       `json:"path"`
	Examples int          `json:"examples"`
	Brief    RougeScores  `json:"brief"`
	Lead3    RougeScores  `json:"lead3"`
	Ratio    float64      `json:"rouge2_ratio"` // Brief.R2 / Lead3.R2
	Halves   []SummaryArm `json:"halves"`
}

// SummaryArm scores a subset of the examples: "even" holds lines 0, 2, 4 …
// (the half the summary weights were tuned on), "odd" the rest.
type SummaryArm struct {
	Name     string      `json:"name"`
	Examples int         `json:"examples"`
	Brief    RougeScores `json:"brief"`
	Lead3    RougeScores `json:"lead3"`
	Ratio    float64     `json:"rouge2_ratio"`
}

// RougeScores are mean F1 scores.
type RougeScores struct {
	R1 float64 `json:"rouge1_f1"`
	R2 float64 `json:"rouge2_f1"`
	RL float64 `json:"rougeL_f1"`
}

// WriteText prints the scores as a table.
func (r *SummaryReport) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "summary on %s (%d examples)\n", r.Path, r.Examples)
	fmt.Fprintf(tw, "set\tsystem\tROUGE-1\tROUGE-2\tROUGE-L\tR2 ratio\n")
	row := func(name string, n int, b, l RougeScores, ratio float64) {
		fmt.Fprintf(tw, "%s (%d)\tbrief\t%.4f\t%.4f\t%.4f\t%.3f\n", name, n, b.R1, b.R2, b.RL, ratio)
		fmt.Fprintf(tw, "%s (%d)\tlead-3\t%.4f\t%.4f\t%.4f\t\n", name, n, l.R1, l.R2, l.RL)
	}
	row("all", r.Examples, r.Brief, r.Lead3, r.Ratio)
	for _, h := range r.Halves {
		row(h.Name, h.Examples, h.Brief, h.Lead3, h.Ratio)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write summary report: %w", err)
	}
	return nil
}

// summaryExample is one triplet and its roundup.
type summaryExample struct {
	articles  []*parallax.Article
	reference string
}

// Summary scores the brief's summary on NeuS/AllSides data: path is a
// prefix (…/val for val.source and val.target), a .source file, or a folder
// holding *.source files with their .target.
func Summary(ctx context.Context, path string) (Report, error) {
	return SummaryWith(ctx, path, brief.DefaultOptions())
}

// SummaryWith is Summary with given summary options, for tuning.
func SummaryWith(ctx context.Context, path string, opt brief.Options) (*SummaryReport, error) {
	pairs, err := summaryFiles(path)
	if err != nil {
		return nil, err
	}
	var examples []summaryExample
	for _, p := range pairs {
		ex, err := readSummaryPair(p[0], p[1], len(examples))
		if err != nil {
			return nil, err
		}
		examples = append(examples, ex...)
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("eval summary %s: no examples", path)
	}
	b := brief.NewBuilderWith(opt)
	var all, even, odd rougeSum
	for i, ex := range examples {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("eval summary %s: %w", path, err)
		}
		br := b.Build(brief.Input{StoryID: int64(i + 1), Articles: ex.articles})
		var sb strings.Builder
		for _, c := range br.Summary {
			sb.WriteString(c.Text)
			sb.WriteByte(' ')
		}
		got := Rouge(sb.String(), ex.reference)
		lead := Rouge(lead3(ex.articles), ex.reference)
		all.add(got, lead)
		if i%2 == 0 {
			even.add(got, lead)
		} else {
			odd.add(got, lead)
		}
	}
	rep := &SummaryReport{Path: path, Examples: all.n}
	rep.Brief, rep.Lead3, rep.Ratio = all.mean()
	for _, h := range []struct {
		name string
		s    rougeSum
	}{{"even", even}, {"odd", odd}} {
		arm := SummaryArm{Name: h.name, Examples: h.s.n}
		arm.Brief, arm.Lead3, arm.Ratio = h.s.mean()
		rep.Halves = append(rep.Halves, arm)
	}
	return rep, nil
}

type rougeSum struct {
	n           int
	brief, lead RougeScores
}

func (s *rougeSum) add(b, l RougeScores) {
	s.n++
	s.brief.R1 += b.R1
	s.brief.R2 += b.R2
	s.brief.RL += b.RL
	s.lead.R1 += l.R1
	s.lead.R2 += l.R2
	s.lead.RL += l.RL
}

func (s *rougeSum) mean() (RougeScores, RougeScores, float64) {
	if s.n == 0 {
		return RougeScores{}, RougeScores{}, 0
	}
	n := float64(s.n)
	b := RougeScores{s.brief.R1 / n, s.brief.R2 / n, s.brief.RL / n}
	l := RougeScores{s.lead.R1 / n, s.lead.R2 / n, s.lead.RL / n}
	ratio := 0.0
	if l.R2 > 0 {
		ratio = b.R2 / l.R2
	}
	return b, l, ratio
}

// lead3 is the first sentence of each version.
func lead3(articles []*parallax.Article) string {
	var parts []string
	for _, a := range articles {
		if s := text.Sentences(a.Text()); len(s) > 0 {
			parts = append(parts, s[0].Text)
		}
	}
	return strings.Join(parts, " ")
}

// summaryFiles resolves path to (source, target) file pairs.
func summaryFiles(path string) ([][2]string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		sources, err := filepath.Glob(filepath.Join(path, "*.source"))
		if err != nil {
			return nil, fmt.Errorf("eval summary %s: %w", path, err)
		}
		var out [][2]string
		for _, s := range sources {
			out = append(out, [2]string{s, strings.TrimSuffix(s, ".source") + ".target"})
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("eval summary %s: no .source files", path)
		}
		return out, nil
	}
	prefix := strings.TrimSuffix(strings.TrimSuffix(path, ".source"), ".target")
	return [][2]string{{prefix + ".source", prefix + ".target"}}, nil
}

// readSummaryPair reads one .source/.target pair, line by line; firstID
// numbers the examples' articles uniquely across files.
func readSummaryPair(source, target string, first int) ([]summaryExample, error) {
	src, err := readLines(source)
	if err != nil {
		return nil, err
	}
	tgt, err := readLines(target)
	if err != nil {
		return nil, err
	}
	if len(src) != len(tgt) {
		return nil, fmt.Errorf("eval summary %s: %d source lines but %d target lines", source, len(src), len(tgt))
	}
	out := make([]summaryExample, 0, len(src))
	for i, line := range src {
		ex := summaryExample{reference: neusArticle(tgt[i])}
		for k, part := range strings.Split(line, " [SEP] ") {
			title, body := neusParts(part)
			if body == "" && title == "" {
				continue
			}
			id := int64((first+i)*8 + k + 1)
			ex.articles = append(ex.articles, &parallax.Article{ID: id, Title: title,
				Body: []parallax.Block{{Kind: parallax.BlockParagraph, Text: body}}})
		}
		out = append(out, ex)
	}
	return out, nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval summary %s: %w", path, err)
	}
	s := strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if s == "" {
		return nil, nil
	}
	return strings.Split(s, "\n"), nil
}

// neusParts splits "TITLE=> t. ARTICLE=> body" into title and body.
func neusParts(s string) (string, string) {
	title, body, ok := strings.Cut(s, "ARTICLE=>")
	if !ok {
		body, title = title, ""
	}
	title = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(title), "TITLE=>"))
	title = strings.TrimSpace(strings.TrimSuffix(title, "."))
	return title, strings.TrimSpace(body)
}

// neusArticle is a roundup's text without its title.
func neusArticle(s string) string {
	_, body := neusParts(s)
	return body
}

// Rouge scores a candidate against a reference: ROUGE-1, ROUGE-2 and
// ROUGE-L F1 over lower-cased word tokens, the candidate first cut to the
// reference's length in tokens.
func Rouge(candidate, reference string) RougeScores {
	ref := rougeTokens(reference)
	cand := rougeTokens(candidate)
	if len(cand) > len(ref) {
		cand = cand[:len(ref)]
	}
	return RougeScores{
		R1: rougeN(cand, ref, 1),
		R2: rougeN(cand, ref, 2),
		RL: rougeL(cand, ref),
	}
}

// rougeTokens lower-cases s and splits it into runs of letters and digits.
func rougeTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func rougeN(cand, ref []string, n int) float64 {
	c, r := ngrams(cand, n), ngrams(ref, n)
	var overlap, total int
	for g, k := range c {
		overlap += min(k, r[g])
		total += k
	}
	refTotal := 0
	for _, k := range r {
		refTotal += k
	}
	return f1(overlap, total, refTotal)
}

func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

func rougeL(cand, ref []string) float64 {
	if len(cand) == 0 || len(ref) == 0 {
		return 0
	}
	prev := make([]int, len(ref)+1)
	cur := make([]int, len(ref)+1)
	for i := range cand {
		for j := range ref {
			switch {
			case cand[i] == ref[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	lcs := prev[len(ref)]
	return f1(lcs, len(cand), len(ref))
}

// f1 of an overlap against the candidate's and the reference's totals.
func f1(overlap, candTotal, refTotal int) float64 {
	if overlap == 0 || candTotal == 0 || refTotal == 0 {
		return 0
	}
	p := float64(overlap) / float64(candTotal)
	r := float64(overlap) / float64(refTotal)
	return 2 * p * r / (p + r)
}
