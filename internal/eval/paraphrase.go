package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/dedup"
)

// ParaphraseReport scores the sentence-pair decision of the dedup
// alignment (dedup.Stats.Similar) on MSRP-format pairs.
type ParaphraseReport struct {
	Data      string  `json:"data"`
	Pairs     int     `json:"pairs"`
	Positives int     `json:"positives"`
	Accuracy  float64 `json:"accuracy"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// RelatedRecall is the share of paraphrases that the alignment's looser
	// "derived" operating point (dedup.RelatedThreshold) keeps.
	RelatedRecall float64 `json:"related_recall"`
	Skipped       int     `json:"skipped_lines"`
}

// WriteText renders the report for a terminal.
func (r *ParaphraseReport) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "paraphrase %s: %d pairs (%d positive)\naccuracy %.1f%%  F1 %.1f  precision %.1f  recall %.1f\nrelated-point recall %.1f%%  skipped lines %d\n",
		r.Data, r.Pairs, r.Positives, 100*r.Accuracy, 100*r.F1, 100*r.Precision, 100*r.Recall, 100*r.RelatedRecall, r.Skipped)
	if err != nil {
		return fmt.Errorf("write paraphrase report: %w", err)
	}
	return nil
}

type msrpPair struct {
	a, b  string
	label bool
}

// Paraphrase scores the paraphrase decision on the MSRP file (or folder of
// .txt files) at path: tab-separated Quality, #1 ID, #2 ID, #1 String,
// #2 String with a header line. Inverse sentence frequencies are counted
// over the file's own sentences (labels unused). On the MSRP training
// file, which the model was fitted on (its unmatched-stem weights
// included), the figures are in-sample and read high; dedup's TestTrain
// reports the cross-validated ones.
func Paraphrase(ctx context.Context, path string) (Report, error) {
	files, err := msrpFiles(path, ".txt")
	if err != nil {
		return nil, fmt.Errorf("eval paraphrase %s: %w", path, err)
	}
	r := &ParaphraseReport{Data: path}
	var pairs []msrpPair
	for _, f := range files {
		ps, skipped, err := readMSRP(f)
		if err != nil {
			return nil, fmt.Errorf("eval paraphrase %s: %w", f, err)
		}
		pairs = append(pairs, ps...)
		r.Skipped += skipped
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("eval paraphrase %s: no pairs", path)
	}
	st := dedup.NewStats()
	for _, p := range pairs {
		st.AddSentence(p.a)
		st.AddSentence(p.b)
	}
	var tp, fp, fn, right, kept int
	for i, p := range pairs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("eval paraphrase %s: %w", path, ctx.Err())
		}
		score, same := st.Similar(p.a, p.b)
		if same == p.label {
			right++
		}
		switch {
		case same && p.label:
			tp++
		case same:
			fp++
		case p.label:
			fn++
		}
		if p.label {
			r.Positives++
			if score >= dedup.RelatedThreshold() {
				kept++
			}
		}
	}
	r.Pairs = len(pairs)
	r.Accuracy = fraction(right, len(pairs))
	r.Precision = fraction(tp, tp+fp)
	r.Recall = fraction(tp, tp+fn)
	r.F1 = fraction(2*tp, 2*tp+fp+fn)
	r.RelatedRecall = fraction(kept, r.Positives)
	return r, nil
}

func fraction(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// msrpFiles returns path itself, or the files with the extension under a
// folder, sorted.
func msrpFiles(path, ext string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ext) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// readMSRP reads tab-separated pairs; lines without five fields or with a
// quality other than 0/1 (the header) are skipped and counted.
func readMSRP(path string) (pairs []msrpPair, skipped int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(cols) != 5 || (cols[0] != "0" && cols[0] != "1") {
			if line > 0 || len(cols) != 5 {
				skipped++
			}
			continue
		}
		pairs = append(pairs, msrpPair{a: cols[3], b: cols[4], label: cols[0] == "1"})
	}
	return pairs, skipped, sc.Err()
}
