package eval

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
)

// QuotesReport scores the quotes stage on PolNeAR (brat standoff
// attributions): precision, recall and F1 of the source, cue and content
// spans of every attribution, exact and overlapping, and of direct quotes
// (contents in quotation marks) on their own. PolNeAR annotates beliefs
// and stances as well as speech, so the predictions are those of
// quote.Attributions; quote.Extract keeps the speech among them.
//
// Matching is one-to-one and greedy in text order. A span matches exactly
// when both sides agree after trimming spaces, punctuation, quotation marks
// and a leading "that"; it overlaps when the two share a character. An
// attribution matches when the contents overlap; Attribution is that
// score. Direct quotes: recall over gold contents in quotation marks,
// precision over predicted direct quotes, each matched against any
// attribution on the other side; SpeakerRight is the share of matched
// direct quotes whose predicted source span overlaps the gold one.
type QuotesReport struct {
	Data         string     `json:"data"`
	Split        string     `json:"split"`
	Articles     int        `json:"articles"`
	Gold         int        `json:"gold"`
	Predicted    int        `json:"predicted"`
	Attribution  QuoteScore `json:"attribution"`
	Source       SpanScores `json:"source"`
	Cue          SpanScores `json:"cue"`
	Content      SpanScores `json:"content"`
	Direct       QuoteScore `json:"direct"`
	SpeakerRight float64    `json:"direct_speaker_right"`
	Speakers     int        `json:"direct_speakers_scored"`
}

// SpanScores is one role's score with exact and with overlapping spans.
type SpanScores struct {
	Exact   QuoteScore `json:"exact"`
	Overlap QuoteScore `json:"overlap"`
}

// QuoteScore is precision, recall and F1 over matched items.
type QuoteScore struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *QuoteScore) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(min(s.Correct, s.Gold)) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// WriteText prints the report as a table.
func (r *QuotesReport) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "PolNeAR %s (%s): %d articles, %d gold attributions, %d predicted\n", r.Split, r.Data, r.Articles, r.Gold, r.Predicted)
	fmt.Fprintf(bw, "%-22s %6s %6s %6s %6s %6s %6s\n", "", "gold", "pred", "ok", "P", "R", "F1")
	row := func(name string, s QuoteScore) {
		fmt.Fprintf(bw, "%-22s %6d %6d %6d %6.3f %6.3f %6.3f\n", name, s.Gold, s.Predicted, s.Correct, s.Precision, s.Recall, s.F1)
	}
	row("attribution (overlap)", r.Attribution)
	for _, rs := range []struct {
		name string
		s    SpanScores
	}{{"source", r.Source}, {"cue", r.Cue}, {"content", r.Content}} {
		row(rs.name+" exact", rs.s.Exact)
		row(rs.name+" overlap", rs.s.Overlap)
	}
	row("direct quotes", r.Direct)
	fmt.Fprintf(bw, "direct quotes with the speaker right: %.3f of %d\n", r.SpeakerRight, r.Speakers)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	return nil
}

// Quotes scores the quotes stage on the dev split of the PolNeAR data at
// path (the tar.gz or an extracted folder).
func Quotes(ctx context.Context, path string) (Report, error) {
	return QuotesSplit(ctx, path, "dev")
}

// QuotesSplit scores the quotes stage on one split ("train", "dev",
// "test") of the PolNeAR data at path. A folder holding a single
// text/ + attributions/ pair is scored whatever its name.
func QuotesSplit(ctx context.Context, path, split string) (*QuotesReport, error) {
	arts, err := readPolNeAR(path, split)
	if err != nil {
		return nil, err
	}
	r := &QuotesReport{Data: path, Split: split, Articles: len(arts)}
	var acc quoteAccumulator
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("eval quotes %s: %w", path, err)
		}
		pred := quote.Attributions(a.text, entity.Recognize(a.text))
		acc.add(a, pred)
	}
	acc.report(r)
	return r, nil
}

// polArticle is one PolNeAR article with its gold attributions.
type polArticle struct {
	name string
	text string
	gold []goldAttribution
}

type goldAttribution struct {
	source, cue, content []parallax.Span
	direct               bool
}

// readPolNeAR reads the articles of split from a tar.gz or a folder.
func readPolNeAR(p, split string) ([]polArticle, error) {
	files := map[string][]byte{}
	keep := func(name string) bool {
		return strings.HasSuffix(name, ".txt") && strings.Contains(name, "/text/") ||
			strings.HasSuffix(name, ".ann") && strings.Contains(name, "/attributions/")
	}
	var err error
	if strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz") {
		err = readTarGz(p, keep, files)
	} else {
		err = readFolder(p, keep, files)
	}
	if err != nil {
		return nil, err
	}
	return assemblePolNeAR(p, split, files)
}

func readTarGz(p string, keep func(string) bool, files map[string][]byte) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("eval quotes %s: %w", p, err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("eval quotes %s: %w", p, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("eval quotes %s: %w", p, err)
		}
		if h.Typeflag != tar.TypeReg || !keep("/"+h.Name) {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, 16<<20))
		if err != nil {
			return fmt.Errorf("eval quotes %s %s: %w", p, h.Name, err)
		}
		files["/"+h.Name] = b
	}
}

func readFolder(p string, keep func(string) bool, files map[string][]byte) error {
	err := filepath.WalkDir(p, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p, fp)
		if err != nil {
			return err
		}
		name := "/" + filepath.ToSlash(filepath.Join(filepath.Base(p), rel))
		if d.IsDir() || !keep(name) {
			return nil
		}
		b, err := os.ReadFile(fp)
		if err != nil {
			return err
		}
		files[name] = b
		return nil
	})
	if err != nil {
		return fmt.Errorf("eval quotes %s: %w", p, err)
	}
	return nil
}

// assemblePolNeAR pairs texts with annotations. Groups are keyed by the
// folder holding text/ and attributions/; the split's group is used, or
// the only group there is. With several annotator files for one article
// the first in name order is scored.
func assemblePolNeAR(p, split string, files map[string][]byte) ([]polArticle, error) {
	groups := map[string]bool{}
	for name := range files {
		groups[path.Dir(path.Dir(name))] = true
	}
	group := ""
	for g := range groups {
		if path.Base(g) == split {
			group = g
		}
	}
	if group == "" && len(groups) == 1 {
		for g := range groups {
			group = g
		}
	}
	if group == "" {
		return nil, fmt.Errorf("eval quotes %s: no %q split with text/ and attributions/", p, split)
	}
	anns := map[string]string{}
	var names []string
	for name := range files {
		if path.Dir(path.Dir(name)) != group || !strings.HasSuffix(name, ".ann") {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		if _, ok := anns[base]; !ok {
			anns[base] = name
		}
	}
	var bases []string
	for b := range anns {
		bases = append(bases, b)
	}
	sort.Strings(bases)
	var out []polArticle
	for _, base := range bases {
		txt, ok := files[group+"/text/"+base+".txt"]
		if !ok {
			continue
		}
		gold, err := parseBrat(string(txt), string(files[anns[base]]))
		if err != nil {
			return nil, fmt.Errorf("eval quotes %s: %w", anns[base], err)
		}
		out = append(out, polArticle{name: base, text: string(txt), gold: gold})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval quotes %s: no annotated articles in %s", p, group)
	}
	return out, nil
}

// parseBrat reads the attributions of one brat standoff file; offsets are
// in characters and become byte offsets into txt.
func parseBrat(txt, ann string) ([]goldAttribution, error) {
	byteAt := runeOffsets(txt)
	spans := map[string][]parallax.Span{}
	for _, line := range strings.Split(ann, "\n") {
		if !strings.HasPrefix(line, "T") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 {
			continue
		}
		sp, err := bratSpans(f[1], byteAt)
		if err != nil {
			return nil, fmt.Errorf("line %q: %w", line, err)
		}
		spans[f[0]] = sp
	}
	var out []goldAttribution
	for _, line := range strings.Split(ann, "\n") {
		if !strings.HasPrefix(line, "E") {
			continue
		}
		f := strings.SplitN(line, "\t", 2)
		if len(f) < 2 {
			continue
		}
		var g goldAttribution
		for _, arg := range strings.Fields(f[1]) {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				g.source = append(g.source, spans[id]...)
			case "Cue":
				g.cue = append(g.cue, spans[id]...)
			case "Content":
				g.content = append(g.content, spans[id]...)
			}
		}
		if len(g.content) == 0 {
			continue
		}
		g.direct = isDirect(txt, g.content)
		out = append(out, g)
	}
	return out, nil
}

// bratSpans parses "Type a b;c d" into byte spans.
func bratSpans(field string, byteAt []int) ([]parallax.Span, error) {
	_, ranges, ok := strings.Cut(field, " ")
	if !ok {
		return nil, fmt.Errorf("no offsets")
	}
	var out []parallax.Span
	for _, r := range strings.Split(ranges, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(r), " ")
		if !ok {
			return nil, fmt.Errorf("bad range %q", r)
		}
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || start < 0 || end < start || end >= len(byteAt) {
			return nil, fmt.Errorf("bad range %q", r)
		}
		out = append(out, parallax.Span{Start: byteAt[start], End: byteAt[end]})
	}
	return out, nil
}

// runeOffsets maps character offsets to byte offsets (one past the end
// included).
func runeOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// isDirect reports whether every piece of a content is in quotation marks.
func isDirect(txt string, pieces []parallax.Span) bool {
	for _, p := range pieces {
		t := strings.TrimFunc(txt[p.Start:p.End], func(r rune) bool { return unicode.IsSpace(r) || r == '.' || r == ',' })
		if strings.HasPrefix(t, "''") && strings.HasSuffix(t, "''") && len(t) > 4 {
			continue // the New York Times writes '' for a double mark
		}
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		if !isQuoteMark(first) || !isQuoteMark(last) {
			return false
		}
	}
	return true
}

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"“”«»„", r)
}

// quoteAccumulator sums the matches over articles.
type quoteAccumulator struct {
	attr, direct                            QuoteScore
	srcX, srcO, cueX, cueO, conX, conO      QuoteScore
	speakerRight, speakers, gold, predicted int
	directHit                               int
}

type predAttribution struct {
	source, cue, content []parallax.Span
	direct               bool
}

func (acc *quoteAccumulator) add(a polArticle, qs []parallax.Quote) {
	pred := make([]predAttribution, 0, len(qs))
	for _, q := range qs {
		p := predAttribution{content: q.Parts, direct: q.Kind == parallax.QuoteDirect}
		if len(p.content) == 0 {
			p.content = []parallax.Span{{Start: q.Start, End: q.End}}
		}
		if q.SpeakerSpan.End > q.SpeakerSpan.Start {
			p.source = []parallax.Span{q.SpeakerSpan}
		}
		if q.CueSpan.End > q.CueSpan.Start {
			p.cue = []parallax.Span{q.CueSpan}
		}
		pred = append(pred, p)
	}
	acc.gold += len(a.gold)
	acc.predicted += len(pred)
	role := func(get func(int, bool) []parallax.Span, ng, np int, exact bool, s *QuoteScore) {
		var g, p [][]parallax.Span
		for i := 0; i < ng; i++ {
			if sp := get(i, true); len(sp) > 0 {
				g = append(g, sp)
			}
		}
		for i := 0; i < np; i++ {
			if sp := get(i, false); len(sp) > 0 {
				p = append(p, sp)
			}
		}
		s.Gold += len(g)
		s.Predicted += len(p)
		s.Correct += len(matchSpans(a.text, g, p, exact))
	}
	ng, np := len(a.gold), len(pred)
	src := func(i int, gold bool) []parallax.Span {
		if gold {
			return a.gold[i].source
		}
		return pred[i].source
	}
	cue := func(i int, gold bool) []parallax.Span {
		if gold {
			return a.gold[i].cue
		}
		return pred[i].cue
	}
	con := func(i int, gold bool) []parallax.Span {
		if gold {
			return a.gold[i].content
		}
		return pred[i].content
	}
	role(src, ng, np, true, &acc.srcX)
	role(src, ng, np, false, &acc.srcO)
	role(cue, ng, np, true, &acc.cueX)
	role(cue, ng, np, false, &acc.cueO)
	role(con, ng, np, true, &acc.conX)
	role(con, ng, np, false, &acc.conO)
	acc.attr.Gold += ng
	acc.attr.Predicted += np
	acc.addDirect(a, pred)
}

// addDirect scores direct quotes and their speakers.
func (acc *quoteAccumulator) addDirect(a polArticle, pred []predAttribution) {
	var gc, pc [][]parallax.Span
	for _, g := range a.gold {
		gc = append(gc, g.content)
	}
	for _, p := range pred {
		pc = append(pc, p.content)
	}
	pairs := matchSpans(a.text, gc, pc, false)
	acc.attr.Correct += len(pairs)
	for _, g := range a.gold {
		if g.direct {
			acc.direct.Gold++
		}
	}
	for _, p := range pred {
		if p.direct {
			acc.direct.Predicted++
		}
	}
	gMatched := map[int]bool{}
	for _, pr := range pairs {
		g, p := a.gold[pr[0]], pred[pr[1]]
		if g.direct || p.direct {
			gMatched[pr[0]] = true
		}
		if p.direct {
			acc.direct.Correct++
		}
		if g.direct && p.direct && len(g.source) > 0 {
			acc.speakers++
			if overlapsAny(g.source, p.source) {
				acc.speakerRight++
			}
		}
	}
	// Recall counts gold direct quotes matched by any prediction; the
	// precision numerator above counts predicted direct quotes matched.
	recalled := 0
	for i, g := range a.gold {
		if g.direct && gMatched[i] {
			recalled++
		}
	}
	acc.directRecalled(recalled)
}

func (acc *quoteAccumulator) directRecalled(n int) { acc.directHit += n }

func (acc *quoteAccumulator) report(r *QuotesReport) {
	r.Gold, r.Predicted = acc.gold, acc.predicted
	for _, s := range []*QuoteScore{&acc.attr, &acc.srcX, &acc.srcO, &acc.cueX, &acc.cueO, &acc.conX, &acc.conO} {
		s.finish()
	}
	d := acc.direct
	d.finish()
	if d.Gold > 0 {
		d.Recall = float64(acc.directHit) / float64(d.Gold)
	}
	d.F1 = 0
	if d.Precision+d.Recall > 0 {
		d.F1 = 2 * d.Precision * d.Recall / (d.Precision + d.Recall)
	}
	r.Attribution, r.Direct = acc.attr, d
	r.Source = SpanScores{Exact: acc.srcX, Overlap: acc.srcO}
	r.Cue = SpanScores{Exact: acc.cueX, Overlap: acc.cueO}
	r.Content = SpanScores{Exact: acc.conX, Overlap: acc.conO}
	r.Speakers = acc.speakers
	if acc.speakers > 0 {
		r.SpeakerRight = float64(acc.speakerRight) / float64(acc.speakers)
	}
}

// matchSpans pairs gold and predicted items one to one, greedily in
// predicted order, each with the unmatched gold item it overlaps most (or
// equals after normalisation, when exact); it returns (gold, pred) pairs.
func matchSpans(txt string, gold, pred [][]parallax.Span, exact bool) [][2]int {
	used := make([]bool, len(gold))
	var out [][2]int
	for pi, p := range pred {
		best, bestOv := -1, 0
		for gi, g := range gold {
			if used[gi] {
				continue
			}
			if exact {
				if normSpans(txt, g) == normSpans(txt, p) {
					best = gi
					break
				}
				continue
			}
			if ov := overlap(g, p); ov > bestOv {
				best, bestOv = gi, ov
			}
		}
		if best >= 0 {
			used[best] = true
			out = append(out, [2]int{best, pi})
		}
	}
	return out
}

func overlap(a, b []parallax.Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if lo, hi := max(x.Start, y.Start), min(x.End, y.End); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

func overlapsAny(a, b []parallax.Span) bool { return overlap(a, b) > 0 }

// normSpans is the trimmed text of spans for exact matching.
func normSpans(txt string, sp []parallax.Span) string {
	var parts []string
	for _, s := range sp {
		if s.Start < 0 || s.End > len(txt) || s.Start > s.End {
			continue
		}
		t := strings.TrimFunc(txt[s.Start:s.End], func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r) || isQuoteMark(r)
		})
		t = strings.TrimPrefix(t, "that ")
		parts = append(parts, strings.TrimFunc(t, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r)
		}))
	}
	return strings.Join(parts, " ")
}
