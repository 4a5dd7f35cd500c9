package entity_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/shared"
)

var (
	train     = flag.Bool("train", false, "retrain the embedded weights from ../shared/bench-data/conll2003/eng.train")
	epochs    = flag.Int("epochs", 20, "training passes with -train")
	minWeight = flag.Float64("minweight", 0.05, "drop features whose weights are all smaller, with -train")
	dryRun    = flag.Bool("dry", false, "with -train, score on eng.testa without writing the weights")
	runs      = flag.Int("runs", 1, "perceptrons averaged, with -train")
)

// TestTrain regenerates weights.bin.gz:
//
//	go test ./internal/entity -run TestTrain -train
//
// and logs the new model's F1 on eng.testa.
func TestTrain(t *testing.T) {
	if !*train {
		t.Skip("run with -train to regenerate the weights")
	}
	dir := shared.TestDir(t, "bench-data/conll2003")
	docs := readCoNLL(t, filepath.Join(dir, "eng.train"))
	m := entity.Train(docs, entity.TrainOptions{Epochs: *epochs, Seed: 1, MinWeight: *minWeight, Runs: *runs})
	t.Logf("dev F1 %.4f with %d features", devF1(t, m, filepath.Join(dir, "eng.testa")), m.Features())
	if *dryRun {
		return
	}
	out, err := os.Create("weights.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	n, err := m.WriteTo(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d features, %d bytes", m.Features(), n)
}

func devF1(t *testing.T, m *entity.Model, path string) float64 {
	t.Helper()
	gold, pred, correct := 0, 0, 0
	for _, d := range readCoNLL(t, path) {
		words := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			words[i] = s.Words
		}
		tags := m.TagDocument(words)
		for i, s := range d.Sentences {
			want := map[entity.Chunk]bool{}
			for _, c := range entity.Chunks(s.Tags) {
				want[c] = true
				gold++
			}
			for _, c := range entity.Chunks(tags[i]) {
				pred++
				if want[c] {
					correct++
				}
			}
		}
	}
	if pred == 0 || gold == 0 {
		return 0
	}
	p, r := float64(correct)/float64(pred), float64(correct)/float64(gold)
	return 2 * p * r / (p + r)
}

func readCoNLL(t testing.TB, path string) []entity.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := entity.ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
