package entity_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/shared"
)

var train = flag.Bool("train", false, "retrain the embedded weights from ../shared/bench-data/conll2003/eng.train")

// TestTrain regenerates weights.bin.gz: go test ./internal/entity -run TestTrain -train
func TestTrain(t *testing.T) {
	if !*train {
		t.Skip("run with -train to regenerate the weights")
	}
	dir := shared.TestDir(t, "bench-data/conll2003")
	docs := readCoNLL(t, filepath.Join(dir, "eng.train"))
	m := entity.Train(docs, entity.TrainOptions{Epochs: 10, Seed: 1})
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
