package eval

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
)

// ClusteringReport scores story clustering against gold stories.
type ClusteringReport struct {
	// Format is "ecbplus" (JSONL, gold = subtopic) or "basil" (folder,
	// gold = triplet-uuid).
	Format string `json:"format"`
	Path   string `json:"path"`
	// Topics are the ECB+ topics clustered, when not all of them.
	Topics []int `json:"topics,omitempty"`
	// Scores covers every document; Splits score subsets of the same run
	// (ECB+: the standard dev, train and test topics present in the data).
	Scores ClusterScores   `json:"scores"`
	Splits []ClusterScores `json:"splits,omitempty"`
	// Orders is the spread of B-cubed F1 over shuffled arrival orders.
	Orders OrderSpread `json:"orders"`
}

// ClusterScores are the clustering measures over one set of documents.
type ClusterScores struct {
	Name         string  `json:"name"`
	Docs         int     `json:"docs"`
	Clusters     int     `json:"clusters"`
	GoldClusters int     `json:"gold_clusters"`
	BCubedP      float64 `json:"bcubed_precision"`
	BCubedR      float64 `json:"bcubed_recall"`
	BCubedF1     float64 `json:"bcubed_f1"`
	PairP        float64 `json:"pairwise_precision"`
	PairR        float64 `json:"pairwise_recall"`
	PairF1       float64 `json:"pairwise_f1"`
	ARI          float64 `json:"ari"`
}

// OrderSpread summarises B-cubed F1 (all documents) over shuffled orders.
type OrderSpread struct {
	Shuffles int       `json:"shuffles"`
	F1       []float64 `json:"bcubed_f1"`
	Min      float64   `json:"min"`
	Max      float64   `json:"max"`
	Mean     float64   `json:"mean"`
	Stdev    float64   `json:"stdev"`
}

// clItem is one labelled document.
type clItem struct {
	key   string // the data set's document ID
	gold  string
	topic int // ECB+ topic, 0 otherwise
	doc   cluster.Doc
}

// ECB+ standard split (Cybulska & Vossen 2015).
var (
	clECBDev  = []int{2, 5, 12, 18, 21, 23, 34, 35}
	clECBTest = []int{36, 37, 38, 39, 40, 41, 42, 43, 44, 45}
)

// ClusteringShuffles is how many shuffled arrival orders Clustering scores.
const ClusteringShuffles = 10

// Clustering scores the clustering stage on the data at path: an ECB+ JSONL
// file or a BASIL folder, clustered in document-ID order with the default
// configuration.
func Clustering(ctx context.Context, path string) (Report, error) {
	return ClusteringWith(ctx, path, cluster.Config{}, ClusteringShuffles)
}

// ClusteringWith is Clustering with a given configuration and number of
// shuffled orders.
func ClusteringWith(ctx context.Context, path string, cfg cluster.Config, shuffles int) (*ClusteringReport, error) {
	return ClusteringTopics(ctx, path, cfg, shuffles, nil)
}

// ClusteringTopics is ClusteringWith on the ECB+ documents of the given
// topics only (all when topics is nil): they are clustered on their own,
// as held-out topics are, not picked out of a run over every topic.
func ClusteringTopics(ctx context.Context, path string, cfg cluster.Config, shuffles int, topics []int) (*ClusteringReport, error) {
	items, format, err := clLoad(path)
	if err != nil {
		return nil, err
	}
	if topics != nil {
		if format != "ecbplus" {
			return nil, fmt.Errorf("eval clustering %s: topics apply to ECB+ only, not %s", path, format)
		}
		items = slices.DeleteFunc(items, func(it clItem) bool { return !slices.Contains(topics, it.topic) })
		if len(items) == 0 {
			return nil, fmt.Errorf("eval clustering %s: no documents of topics %v", path, topics)
		}
		for i := range items {
			items[i].doc.ID = int64(i + 1)
		}
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("eval clustering %s: no documents", path)
	}
	rep := &ClusteringReport{Format: format, Path: path, Topics: slices.Clone(topics)}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	pred, err := clRun(ctx, items, order, cfg)
	if err != nil {
		return nil, err
	}
	rep.Scores = clScore("all", items, pred, nil)
	if format == "ecbplus" {
		rep.Splits = clECBSplits(items, pred)
	}
	rep.Orders.Shuffles = shuffles
	for s := range shuffles {
		rng := rand.New(rand.NewPCG(uint64(s+1), 0x5eed))
		shuffled := slices.Clone(order)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		p, err := clRun(ctx, items, shuffled, cfg)
		if err != nil {
			return nil, err
		}
		rep.Orders.F1 = append(rep.Orders.F1, clScore("", items, p, nil).BCubedF1)
	}
	rep.Orders.summarise()
	return rep, nil
}

// ParseECBTopics reads a set of ECB+ topics: a standard split ("dev",
// "train" or "test") or a comma-separated list of topics and ranges
// ("7,9-10"), sorted.
func ParseECBTopics(s string) ([]int, error) {
	var out []int
	switch strings.TrimSpace(s) {
	case "dev":
		return slices.Clone(clECBDev), nil
	case "test":
		return slices.Clone(clECBTest), nil
	case "train":
		for t := 1; t < clECBTest[0]; t++ {
			if !slices.Contains(clECBDev, t) {
				out = append(out, t)
			}
		}
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err != nil || a < 1 || b < a {
			return nil, fmt.Errorf("eval clustering topics %q: want dev, train, test or topics like 7,9-10", s)
		}
		for t := a; t <= b; t++ {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func clECBSplits(items []clItem, pred []int64) []ClusterScores {
	in := func(topics []int) func(clItem) bool {
		return func(it clItem) bool { return slices.Contains(topics, it.topic) }
	}
	dev, test := in(clECBDev), in(clECBTest)
	splits := []struct {
		name string
		keep func(clItem) bool
	}{
		{"dev", dev},
		{"train", func(it clItem) bool { return !dev(it) && !test(it) }},
		{"test", test},
	}
	var out []ClusterScores
	for _, s := range splits {
		if sc := clScore(s.name, items, pred, s.keep); sc.Docs > 0 {
			out = append(out, sc)
		}
	}
	return out
}

// clRun adds items in the given order and returns each item's story.
func clRun(ctx context.Context, items []clItem, order []int, cfg cluster.Config) ([]int64, error) {
	c := cluster.New(cfg)
	for n, i := range order {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("eval clustering: %w", err)
			}
		}
		c.Add(items[i].doc)
	}
	pred := make([]int64, len(items))
	for i, it := range items {
		id, ok := c.StoryOf(it.doc.ID)
		if !ok {
			return nil, fmt.Errorf("eval clustering %s: not assigned", it.key)
		}
		pred[i] = id
	}
	return pred, nil
}

// clScore computes B-cubed, pairwise and ARI over the items keep
// selects (all when nil).
func clScore(name string, items []clItem, pred []int64, keep func(clItem) bool) ClusterScores {
	type pair struct {
		p int64
		g string
	}
	joint := map[pair]int{}
	predSize := map[int64]int{}
	goldSize := map[string]int{}
	n := 0
	for i, it := range items {
		if keep != nil && !keep(it) {
			continue
		}
		n++
		joint[pair{pred[i], it.gold}]++
		predSize[pred[i]]++
		goldSize[it.gold]++
	}
	sc := ClusterScores{Name: name, Docs: n, Clusters: len(predSize), GoldClusters: len(goldSize)}
	if n == 0 {
		return sc
	}
	var bp, br, tp, pp, gp float64
	for k, nij := range joint {
		x := float64(nij)
		bp += x * x / float64(predSize[k.p])
		br += x * x / float64(goldSize[k.g])
		tp += clChoose2(x)
	}
	for _, a := range predSize {
		pp += clChoose2(float64(a))
	}
	for _, b := range goldSize {
		gp += clChoose2(float64(b))
	}
	sc.BCubedP, sc.BCubedR = bp/float64(n), br/float64(n)
	sc.BCubedF1 = clF1(sc.BCubedP, sc.BCubedR)
	sc.PairP, sc.PairR = clRatio(tp, pp), clRatio(tp, gp)
	sc.PairF1 = clF1(sc.PairP, sc.PairR)
	all := clChoose2(float64(n))
	if all > 0 {
		expected := pp * gp / all
		if den := (pp+gp)/2 - expected; den != 0 {
			sc.ARI = (tp - expected) / den
		} else {
			sc.ARI = 1
		}
	}
	return sc
}

func clChoose2(x float64) float64 { return x * (x - 1) / 2 }

func clRatio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

func clF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (o *OrderSpread) summarise() {
	if len(o.F1) == 0 {
		return
	}
	o.Min, o.Max = slices.Min(o.F1), slices.Max(o.F1)
	var sum, sq float64
	for _, x := range o.F1 {
		sum += x
	}
	o.Mean = sum / float64(len(o.F1))
	for _, x := range o.F1 {
		sq += (x - o.Mean) * (x - o.Mean)
	}
	o.Stdev = math.Sqrt(sq / float64(len(o.F1)))
}

// WriteText prints the scores as a table.
func (r *ClusteringReport) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "clustering\t%s\t%s\t\n\n", r.Format, r.Path)
	fmt.Fprintln(tw, "split\tdocs\tclusters\tgold\tB3 P\tB3 R\tB3 F1\tpair P\tpair R\tpair F1\tARI\t")
	for _, s := range append([]ClusterScores{r.Scores}, r.Splits...) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", s.Name, s.Docs, s.Clusters,
			s.GoldClusters, s.BCubedP, s.BCubedR, s.BCubedF1, s.PairP, s.PairR, s.PairF1, s.ARI)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval clustering report: %w", err)
	}
	if r.Topics != nil {
		ts := make([]string, len(r.Topics))
		for i, t := range r.Topics {
			ts[i] = strconv.Itoa(t)
		}
		if _, err := fmt.Fprintf(w, "\ntopics clustered on their own: %s\n", strings.Join(ts, ",")); err != nil {
			return fmt.Errorf("eval clustering report: %w", err)
		}
	}
	if r.Orders.Shuffles > 0 {
		if _, err := fmt.Fprintf(w, "\norder sensitivity: %d shuffled orders, B3 F1 min %.3f max %.3f mean %.3f sd %.3f\n",
			r.Orders.Shuffles, r.Orders.Min, r.Orders.Max, r.Orders.Mean, r.Orders.Stdev); err != nil {
			return fmt.Errorf("eval clustering report: %w", err)
		}
	}
	return nil
}

// clLoad reads an ECB+ JSONL file (or a folder of them) or a BASIL folder, sorted by
// document ID, with article IDs 1..n in that order.
func clLoad(path string) ([]clItem, string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", fmt.Errorf("eval clustering %s: %w", path, err)
	}
	var items []clItem
	format := "basil"
	jsonl := []string{path}
	if st.IsDir() {
		// A folder of .jsonl files (../shared/bench-data/ecbplus-docs) is
		// ECB+; any other folder is BASIL.
		jsonl, err = filepath.Glob(filepath.Join(path, "*.jsonl"))
		if err != nil {
			return nil, "", fmt.Errorf("eval clustering %s: %w", path, err)
		}
	}
	switch {
	case len(jsonl) == 0:
		items, err = clLoadBASIL(path)
	default:
		format = "ecbplus"
		for _, f := range jsonl {
			var more []clItem
			if more, err = clLoadECB(f); err != nil {
				break
			}
			items = append(items, more...)
		}
	}
	if err != nil {
		return nil, "", err
	}
	slices.SortFunc(items, func(a, b clItem) int { return cmp.Compare(a.key, b.key) })
	for i := range items {
		items[i].doc.ID = int64(i + 1)
	}
	return items, format, nil
}

type clECBLine struct {
	DocID    string `json:"doc_id"`
	Topic    int    `json:"topic"`
	Subtopic string `json:"subtopic"`
	Title    string `json:"title"`
	Text     string `json:"text"`
}

func clLoadECB(path string) ([]clItem, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval clustering %s: %w", path, err)
	}
	var items []clItem
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l clECBLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("eval clustering %s:%d: %w", path, line, err)
		}
		if l.DocID == "" || l.Subtopic == "" {
			return nil, fmt.Errorf("eval clustering %s:%d: doc_id and subtopic are required", path, line)
		}
		items = append(items, clItem{key: l.DocID, gold: l.Subtopic, topic: l.Topic,
			doc: cluster.Doc{Title: l.Title, Text: l.Text}})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval clustering %s: %w", path, err)
	}
	return items, nil
}

type clBASILArticle struct {
	Title      string     `json:"title"`
	Date       string     `json:"date"`
	Triplet    string     `json:"triplet-uuid"`
	Paragraphs [][]string `json:"body-paragraphs"`
}

// clLoadBASIL reads every article JSON under root (annotation files are
// skipped); gold is the triplet.
func clLoadBASIL(root string) ([]clItem, error) {
	var items []clItem
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".json") || strings.HasSuffix(p, "_ann.json") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var a clBASILArticle
		if err := json.Unmarshal(b, &a); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if a.Triplet == "" {
			return nil
		}
		items = append(items, clItem{key: strings.TrimSuffix(filepath.Base(p), ".json"), gold: a.Triplet,
			doc: cluster.Doc{Title: a.Title, Text: clBASILText(a.Paragraphs), Time: clBASILDate(a.Date)}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("eval clustering %s: %w", root, err)
	}
	return items, nil
}

func clBASILText(paras [][]string) string {
	lines := make([]string, len(paras))
	for i, p := range paras {
		lines[i] = strings.Join(p, " ")
	}
	return strings.Join(lines, "\n")
}

func clBASILDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}
