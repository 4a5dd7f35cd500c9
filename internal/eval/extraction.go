package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
)

// The article-extraction benchmark's published scores (F1, precision,
// recall) for the reference outputs stored beside it, to check the scorer.
var publishedExtraction = map[string][3]float64{
	"go_trafilatura": {0.960, 0.940, 0.980},
	"trafilatura":    {0.958, 0.938, 0.978},
	"readability_js": {0.947, 0, 0},
	"go_readability": {0.934, 0, 0},
}

// ExtractionOptions tunes an extraction evaluation run.
type ExtractionOptions struct {
	// Passes is how many timed passes over the pages are made; speeds are
	// the median pass. Zero means 3.
	Passes int
	// Limit scores only the first Limit pages (by id) when positive.
	Limit int
	// Bootstrap is the number of resamples for the ± figures; zero means
	// 1000, negative none.
	Bootstrap int
}

// ExtractionScore is one system's figures on the benchmark.
type ExtractionScore struct {
	System       string  `json:"system"`
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	Accuracy     float64 `json:"accuracy"`
	PrecisionStd float64 `json:"precision_std,omitempty"`
	RecallStd    float64 `json:"recall_std,omitempty"`
	F1Std        float64 `json:"f1_std,omitempty"`
	// PublishedF1 is the benchmark's own figure for a stored reference
	// output, zero otherwise.
	PublishedF1 float64 `json:"published_f1,omitempty"`
	// PagesPerSec is pages per second on one core (one goroutine), the
	// median over passes; zero for stored outputs.
	PagesPerSec float64 `json:"pages_per_sec,omitempty"`
	// Failures counts pages the system returned an error for (scored as
	// empty output).
	Failures int `json:"failures,omitempty"`
}

// ExtractionReport is the result of Extraction.
type ExtractionReport struct {
	Data  string `json:"data"`
	Pages int    `json:"pages"`
	// Reference scores the stored outputs of other systems, proving the
	// scorer against the published figures.
	Reference []ExtractionScore `json:"reference"`
	// Systems scores Parallax and go-trafilatura alone, run now.
	Systems []ExtractionScore `json:"systems"`
	Passes  int               `json:"passes"`
}

// WriteText renders the report as a table.
func (r *ExtractionReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "article extraction: %s (%d pages, %d timed passes)\n", r.Data, r.Pages, r.Passes)
	fmt.Fprintf(&b, "%-26s %9s %9s %15s %9s %10s %10s\n", "system", "precision", "recall", "F1", "accuracy", "published", "pages/s")
	row := func(s ExtractionScore) {
		pub, speed := "", ""
		if s.PublishedF1 > 0 {
			pub = fmt.Sprintf("%.3f", s.PublishedF1)
		}
		if s.PagesPerSec > 0 {
			speed = fmt.Sprintf("%.1f", s.PagesPerSec)
		}
		f1 := fmt.Sprintf("%.3f", s.F1)
		if s.F1Std > 0 {
			f1 += fmt.Sprintf(" ± %.3f", s.F1Std)
		}
		fmt.Fprintf(&b, "%-26s %9.3f %9.3f %15s %9.3f %10s %10s\n", s.System, s.Precision, s.Recall, f1, s.Accuracy, pub, speed)
	}
	for _, s := range r.Reference {
		row(s)
	}
	for _, s := range r.Systems {
		row(s)
	}
	if len(r.Systems) == 2 && r.Systems[1].PagesPerSec > 0 {
		fmt.Fprintf(&b, "pages/s on one goroutine, median of %d passes; %s is %.2fx %s\n",
			r.Passes, r.Systems[0].System, r.Systems[0].PagesPerSec/r.Systems[1].PagesPerSec, r.Systems[1].System)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Extraction scores the extraction stage on the data at path, a folder in
// the format of the article-extraction benchmark: ground-truth.json,
// html/<id>.html.gz and, optionally, output/<system>.json.
func Extraction(ctx context.Context, path string) (Report, error) {
	return ExtractionWith(ctx, path, ExtractionOptions{})
}

// ExtractionWith is Extraction with options.
func ExtractionWith(ctx context.Context, path string, opts ExtractionOptions) (*ExtractionReport, error) {
	if opts.Passes <= 0 {
		opts.Passes = 3
	}
	if opts.Bootstrap == 0 {
		opts.Bootstrap = 1000
	}
	gold, err := exLoadBodies(filepath.Join(path, "ground-truth.json"), false)
	if err != nil {
		return nil, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	ids := exSortedKeys(gold)
	if opts.Limit > 0 && opts.Limit < len(ids) {
		ids = ids[:opts.Limit]
	}
	rep := &ExtractionReport{Data: path, Pages: len(ids), Passes: opts.Passes}
	if rep.Reference, err = exScoreStored(path, gold, ids, opts); err != nil {
		return nil, err
	}
	pages, err := exLoadPages(filepath.Join(path, "html"), ids)
	if err != nil {
		return nil, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	sys, err := exRunSystems(ctx, pages, gold, ids, opts)
	if err != nil {
		return nil, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	rep.Systems = sys
	return rep, nil
}

// scoreStored scores every output/*.json beside the ground truth.
func exScoreStored(path string, gold map[string]string, ids []string, opts ExtractionOptions) ([]ExtractionScore, error) {
	files, err := filepath.Glob(filepath.Join(path, "output", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	var out []ExtractionScore
	for _, f := range files {
		pred, err := exLoadBodies(f, true)
		if err != nil {
			return nil, fmt.Errorf("eval extraction %s: %w", f, err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		s := ScoreExtraction(gold, pred, ids, opts.Bootstrap)
		s.System = name + " (stored)"
		s.PublishedF1 = publishedExtraction[name][0]
		out = append(out, s)
	}
	return out, nil
}

type exSystem struct {
	name string
	run  func(page []byte) (string, error)
}

// runSystems runs Parallax and go-trafilatura alone over the pages, page by
// page alternately so both see the same machine load, and scores them.
func exRunSystems(ctx context.Context, pages map[string][]byte, gold map[string]string, ids []string, opts ExtractionOptions) ([]ExtractionScore, error) {
	systems := []exSystem{
		{"parallax", exParallaxText},
		{"go-trafilatura alone", extract.Trafilatura},
	}
	preds := make([]map[string]string, len(systems))
	fails := make([]int, len(systems))
	rates := make([][]float64, len(systems))
	for i := range systems {
		preds[i] = make(map[string]string, len(ids))
	}
	for pass := 0; pass < opts.Passes; pass++ {
		spent := make([]time.Duration, len(systems))
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			for i, s := range systems {
				start := time.Now()
				text, err := s.run(pages[id])
				spent[i] += time.Since(start)
				if pass > 0 {
					continue
				}
				if err != nil {
					fails[i]++
				}
				preds[i][id] = text
			}
		}
		for i := range systems {
			rates[i] = append(rates[i], float64(len(ids))/spent[i].Seconds())
		}
	}
	out := make([]ExtractionScore, len(systems))
	for i, s := range systems {
		out[i] = ScoreExtraction(gold, preds[i], ids, opts.Bootstrap)
		out[i].System = s.name
		out[i].PagesPerSec = exMedian(rates[i])
		out[i].Failures = fails[i]
	}
	return out, nil
}

// parallaxText is the article body Parallax extracts from a page, as the
// benchmark wants it: paragraphs, headings and list items, no title.
func exParallaxText(page []byte) (string, error) {
	a, err := extract.Document(&parallax.Document{ContentType: "text/html", Body: page})
	if err != nil {
		return "", err
	}
	return a.Text(), nil
}

// ScoreExtraction scores predicted article bodies against gold ones with
// the benchmark's metric: per page, tp/fp/fn over multisets of 4-token
// shingles (tokens: Unicode \w+ runs), normalised by tp+fp+fn so each page
// weighs the same; precision and recall are means over pages, F1 comes
// from the means; accuracy is the share of pages whose token lists match
// exactly. Pages missing from pred count as empty output. With bootstrap >
// 0 the ± figures are the standard deviations over that many resamples
// (fixed seed).
func ScoreExtraction(gold, pred map[string]string, ids []string, bootstrap int) ExtractionScore {
	items := make([]exCounts, len(ids))
	acc := 0.0
	for i, id := range ids {
		items[i] = exShingleMatch(gold[id], pred[id])
		if slices.Equal(exTokens(gold[id]), exTokens(pred[id])) {
			acc++
		}
	}
	s := exMetrics(items)
	if len(ids) > 0 {
		s.Accuracy = acc / float64(len(ids))
	}
	if bootstrap > 0 && len(items) > 1 {
		s.PrecisionStd, s.RecallStd, s.F1Std = exBootstrapStd(items, bootstrap)
	}
	return s
}

type exCounts struct{ tp, fp, fn float64 }

func exMetrics(items []exCounts) ExtractionScore {
	var p, r []float64
	for _, c := range items {
		if c.tp+c.fp > 0 {
			p = append(p, exPrecision(c))
		}
		if c.tp+c.fn > 0 {
			r = append(r, exRecall(c))
		}
	}
	s := ExtractionScore{Precision: exMean(p), Recall: exMean(r)}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func exPrecision(c exCounts) float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fp == 0:
		return 0
	}
	return c.tp / (c.tp + c.fp)
}

func exRecall(c exCounts) float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fn == 0:
		return 0
	}
	return c.tp / (c.tp + c.fn)
}

func exBootstrapStd(items []exCounts, n int) (p, r, f float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps, rs, fs := make([]float64, n), make([]float64, n), make([]float64, n)
	sample := make([]exCounts, len(items))
	for k := 0; k < n; k++ {
		for i := range sample {
			sample[i] = items[rng.IntN(len(items))]
		}
		m := exMetrics(sample)
		ps[k], rs[k], fs[k] = m.Precision, m.Recall, m.F1
	}
	return exStdev(ps), exStdev(rs), exStdev(fs)
}

// shingleMatch counts shared and unshared 4-token shingles of two texts.
func exShingleMatch(gold, pred string) exCounts {
	g, p := exShingles(gold), exShingles(pred)
	var c exCounts
	for k, gc := range g {
		pc := p[k]
		c.tp += float64(min(gc, pc))
		c.fn += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		c.fp += float64(max(0, pc-g[k]))
	}
	if s := c.tp + c.fp + c.fn; s > 0 {
		c.tp, c.fp, c.fn = c.tp/s, c.fp/s, c.fn/s
	}
	return c
}

// shingles counts the 4-token shingles of text; a text of fewer than four
// tokens is one shingle of all of them, as in the benchmark's scorer.
func exShingles(text string) map[string]int {
	toks := exTokens(text)
	out := make(map[string]int)
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if i >= end {
			break
		}
		out[strings.Join(toks[i:end], "\x00")]++
	}
	return out
}

// tokens splits text into runs of Unicode word characters (letters,
// numbers, underscore), as Python's re \w+ does.
func exTokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// loadBodies reads {id: {"articleBody": …}} or, for a stored output,
// {"output": {id: {"articleBody": …}}}.
func exLoadBodies(path string, wrapped bool) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type item struct {
		ArticleBody string `json:"articleBody"`
	}
	items := map[string]item{}
	if wrapped {
		var w struct {
			Output map[string]item `json:"output"`
		}
		if err := json.Unmarshal(raw, &w); err != nil {
			return nil, fmt.Errorf("decode %s: %w", path, err)
		}
		items = w.Output
	} else if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: %w", path, errors.New("no items"))
	}
	out := make(map[string]string, len(items))
	for k, v := range items {
		out[k] = v.ArticleBody
	}
	return out, nil
}

func exLoadPages(dir string, ids []string) (map[string][]byte, error) {
	pages := make(map[string][]byte, len(ids))
	for _, id := range ids {
		raw, err := exReadPage(dir, id)
		if err != nil {
			return nil, err
		}
		pages[id] = raw
	}
	return pages, nil
}

// readPage reads html/<id>.html.gz, or html/<id>.html when not gzipped.
func exReadPage(dir, id string) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(dir, id+".html.gz"))
	if errors.Is(err, os.ErrNotExist) {
		return os.ReadFile(filepath.Join(dir, id+".html"))
	}
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", id, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", id, err)
	}
	return page, zr.Close()
}

func exSortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func exMean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func exStdev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := exMean(xs)
	s := 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return math.Sqrt(s / float64(len(xs)-1))
}

func exMedian(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ScoreStoredExtraction scores the stored output output/<system>.json of
// the benchmark at path against its ground truth, on every page.
func ScoreStoredExtraction(path, system string) (ExtractionScore, error) {
	gold, err := exLoadBodies(filepath.Join(path, "ground-truth.json"), false)
	if err != nil {
		return ExtractionScore{}, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	pred, err := exLoadBodies(filepath.Join(path, "output", system+".json"), true)
	if err != nil {
		return ExtractionScore{}, fmt.Errorf("eval extraction %s: %w", path, err)
	}
	s := ScoreExtraction(gold, pred, exSortedKeys(gold), 0)
	s.System = system
	s.PublishedF1 = publishedExtraction[system][0]
	return s, nil
}
