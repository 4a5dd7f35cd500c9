package eval

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/parallax-news/parallax/internal/entity"
)

// EntitiesReport scores named-entity recognition on CoNLL-2003 data the way
// conlleval does: an entity counts when its span and type both match.
type EntitiesReport struct {
	Files     []string      `json:"files"`
	Documents int           `json:"documents"`
	Sentences int           `json:"sentences"`
	Words     int           `json:"words"`
	Overall   EntityScore   `json:"overall"`
	Types     []EntityScore `json:"types"`
	// WordsPerSecond is the tagging speed on one goroutine (wall time, so
	// lower on a busy machine), reading and scoring excluded.
	WordsPerSecond float64 `json:"words_per_second"`
}

// EntityScore is precision, recall and F1 for one entity type or overall.
type EntityScore struct {
	Type      string  `json:"type"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *EntityScore) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// WriteText prints the scores as a table.
func (r *EntitiesReport) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "entities: %d files, %d documents, %d sentences, %d words, %.0f words/s\n",
		len(r.Files), r.Documents, r.Sentences, r.Words, r.WordsPerSecond); err != nil {
		return fmt.Errorf("write entities report: %w", err)
	}
	if _, err := fmt.Fprintf(w, "%-8s %6s %6s %6s %7s %7s %7s\n", "type", "gold", "pred", "ok", "P", "R", "F1"); err != nil {
		return fmt.Errorf("write entities report: %w", err)
	}
	for _, s := range append(slices.Clone(r.Types), r.Overall) {
		if _, err := fmt.Fprintf(w, "%-8s %6d %6d %6d %7.4f %7.4f %7.4f\n",
			s.Type, s.Gold, s.Predicted, s.Correct, s.Precision, s.Recall, s.F1); err != nil {
			return fmt.Errorf("write entities report: %w", err)
		}
	}
	return nil
}

// Entities scores the entities stage on CoNLL-2003 data at path: one file,
// or every regular file in a folder (recursively, in name order).
func Entities(ctx context.Context, path string) (Report, error) {
	m, err := entity.DefaultModel()
	if err != nil {
		return nil, fmt.Errorf("eval entities: %w", err)
	}
	files, err := conllFiles(path)
	if err != nil {
		return nil, fmt.Errorf("eval entities %s: %w", path, err)
	}
	rep := &EntitiesReport{Files: files}
	scores := map[string]*EntityScore{}
	var elapsed time.Duration
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("eval entities: %w", err)
		}
		docs, err := readCoNLLFile(file)
		if err != nil {
			return nil, fmt.Errorf("eval entities: %w", err)
		}
		for _, d := range docs {
			words := make([][]string, len(d.Sentences))
			for i, s := range d.Sentences {
				words[i] = s.Words
				rep.Words += len(s.Words)
			}
			start := time.Now()
			pred := m.TagDocument(words)
			elapsed += time.Since(start)
			for i, s := range d.Sentences {
				scoreSentence(scores, entity.Chunks(s.Tags), entity.Chunks(pred[i]))
			}
			rep.Documents++
			rep.Sentences += len(d.Sentences)
		}
	}
	rep.Overall.Type = "overall"
	for _, typ := range slices.Sorted(maps.Keys(scores)) {
		s := scores[typ]
		s.Type = typ
		s.finish()
		rep.Types = append(rep.Types, *s)
		rep.Overall.Gold += s.Gold
		rep.Overall.Predicted += s.Predicted
		rep.Overall.Correct += s.Correct
	}
	rep.Overall.finish()
	if elapsed > 0 {
		rep.WordsPerSecond = float64(rep.Words) / elapsed.Seconds()
	}
	return rep, nil
}

func scoreSentence(scores map[string]*EntityScore, gold, pred []entity.Chunk) {
	get := func(t string) *EntityScore {
		s, ok := scores[t]
		if !ok {
			s = &EntityScore{}
			scores[t] = s
		}
		return s
	}
	goldSet := map[entity.Chunk]bool{}
	for _, c := range gold {
		get(c.Type).Gold++
		goldSet[c] = true
	}
	for _, c := range pred {
		s := get(c.Type)
		s.Predicted++
		if goldSet[c] {
			s.Correct++
		}
	}
}

func conllFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && filepath.Ext(p) != ".md" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	return files, nil
}

func readCoNLLFile(path string) ([]entity.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	docs, err := entity.ReadCoNLL(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
