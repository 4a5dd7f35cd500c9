package entity_test

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/shared"
)

var (
	train       = flag.Bool("train", false, "retrain the embedded weights from ../shared/bench-data/conll2003/eng.train")
	epochs      = flag.Int("epochs", 20, "training passes with -train")
	minWeight   = flag.Float64("minweight", 0.05, "drop features whose weights are all smaller, with -train")
	dryRun      = flag.Bool("dry", false, "with -train, score on eng.testa without writing the weights")
	runs        = flag.Int("runs", 3, "perceptrons averaged, with -train")
	seed        = flag.Uint64("seed", 1, "visiting-order seed of the first run, with -train")
	gaz         = flag.Bool("gaz", false, "with -train, a gazetteer of the training names as features")
	withDev     = flag.Bool("withdev", true, "with -train, train on eng.testa too, as the shipped weights are; -withdev=false to measure dev F1")
	seeds       = flag.Int("seeds", 1, "with -train -dry, train with seeds 1..N and log each dev score and the mean")
	listDir     = flag.String("listdir", defaultListDir, "with -train, the folder of the external lists (listFiles), as built by -buildlists")
	useClusters = flag.Bool("clusters", true, "with -train, the word clusters of -listdir/clusters.txt as features, as built by -buildclusters")
	listNames   = flag.String("lists", strings.Join(listFiles, ","), "with -train, the external lists used, comma-separated, in bit order")
)

// listFiles are the external lists the shipped model holds as features,
// in the order of their bits in the model (see LISTS.md); TestBuildLists
// builds them, and the list of capitals the model holds for look-ups
// (TrainOptions Capitals).
var listFiles = []string{"people", "firstnames", "proper", "common", "companies", "wnperson", "wnplace", "wngroup", "wnadj", "wnother", "lcgroup", "lcplace", "lcperson", "lcact", "lcartifact", "lccomm"}

// readLists reads the external lists named by -lists from -listdir.
func readLists(t *testing.T) [][]string {
	t.Helper()
	var lists [][]string
	for _, name := range strings.Split(*listNames, ",") {
		if name != "" {
			lists = append(lists, readList(t, name))
		}
	}
	return lists
}

// readList reads one list of -listdir, NAME.txt or NAME.txt.gz, one entry
// a line.
func readList(t *testing.T, name string) []string {
	t.Helper()
	if _, err := os.Stat(*listDir); err != nil {
		t.Fatalf("external lists: %v; %s", err, buildListsHelp(*listDir))
	}
	path := filepath.Join(*listDir, name+".txt")
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		path += ".gz"
		raw, err = os.ReadFile(path)
		if err == nil {
			raw, err = gunzip(raw)
		}
	}
	if os.IsNotExist(err) {
		t.Fatalf("list %s: %v; %s", name, err, buildListsHelp(*listDir))
	}
	if err != nil {
		t.Fatalf("list %s: %v", path, err)
	}
	var entries []string
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			entries = append(entries, line)
		}
	}
	return entries
}

func gunzip(raw []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// TestTrain regenerates weights.bin.gz, byte for byte, from eng.train,
// eng.testa and the external lists in -listdir (about 30 s of CPU), once
// TestBuildLists has built the lists (LISTS.md):
//
//	go test ./internal/entity -run TestBuildLists -buildlists
//	go test ./internal/entity -run TestTrain -train
//
// Features are chosen on eng.testa with models trained on eng.train only:
//
//	go test ./internal/entity -run TestTrain -train -dry -withdev=false
//	go test ./internal/entity -run TestTrain -train -dry -seeds 5 -runs 1
func TestTrain(t *testing.T) {
	if !*train {
		t.Skip("run with -train to regenerate the weights")
	}
	lists := readLists(t)
	capitals := readList(t, "capitals")
	var clusters map[string]uint16
	if *useClusters {
		clusters = readClusters(t)
	}
	dir := shared.TestDir(t, "bench-data/conll2003")
	docs := readCoNLL(t, filepath.Join(dir, "eng.train"))
	if *dryRun && *seeds > 1 {
		seedSpread(t, docs, lists, capitals, clusters, filepath.Join(dir, "eng.testa"))
		return
	}
	if *withDev {
		docs = append(docs, readCoNLL(t, filepath.Join(dir, "eng.testa"))...)
		t.Log("training on eng.train and eng.testa: the dev F1 below is on training data, not an estimate")
	}
	m := entity.Train(docs, entity.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: *minWeight, Runs: *runs, Gazetteer: *gaz, Lists: lists, Capitals: capitals, Clusters: clusters})
	t.Logf("dev %s with %d features", scoreLine(devScores(t, m, filepath.Join(dir, "eng.testa"))), m.Features())
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

// seedSpread trains one model per seed and logs each one's dev scores per
// type, then the mean and spread of the overall F1, to tell a change from
// the noise of the visiting order.
func seedSpread(t *testing.T, docs []entity.Document, lists [][]string, capitals []string, clusters map[string]uint16, dev string) {
	t.Helper()
	var f1s []float64
	for seed := 1; seed <= *seeds; seed++ {
		m := entity.Train(docs, entity.TrainOptions{Epochs: *epochs, Seed: uint64(seed), MinWeight: *minWeight, Runs: *runs, Gazetteer: *gaz, Lists: lists, Capitals: capitals, Clusters: clusters})
		sc := devScores(t, m, dev)
		t.Logf("seed %d: %d features; %s", seed, m.Features(), scoreLine(sc))
		f1s = append(f1s, sc[""].f1())
	}
	mean, sd := 0.0, 0.0
	for _, f := range f1s {
		mean += f / float64(len(f1s))
	}
	for _, f := range f1s {
		sd += (f - mean) * (f - mean) / float64(len(f1s)-1)
	}
	t.Logf("dev F1 mean %.4f sd %.4f over %d seeds", mean, math.Sqrt(sd), len(f1s))
}

// scoreLine formats precision/recall/F1 per type and overall.
func scoreLine(sc map[string]prf) string {
	var b strings.Builder
	for _, typ := range []string{"LOC", "MISC", "ORG", "PER", ""} {
		s := sc[typ]
		name := typ
		if name == "" {
			name = "all"
		}
		fmt.Fprintf(&b, " %s %.4f/%.4f/%.4f", name, s.p(), s.r(), s.f1())
	}
	return strings.TrimSpace(b.String())
}

type prf struct{ gold, pred, correct int }

func (s prf) p() float64 { return float64(s.correct) / max(1, float64(s.pred)) }
func (s prf) r() float64 { return float64(s.correct) / max(1, float64(s.gold)) }
func (s prf) f1() float64 {
	if s.p()+s.r() == 0 {
		return 0
	}
	return 2 * s.p() * s.r() / (s.p() + s.r())
}

// devScores counts exact-match entities per type ("" for all) on a CoNLL file.
func devScores(t *testing.T, m *entity.Model, path string) map[string]prf {
	t.Helper()
	out := map[string]prf{}
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
				for _, k := range []string{c.Type, ""} {
					v := out[k]
					v.gold++
					out[k] = v
				}
			}
			for _, c := range entity.Chunks(tags[i]) {
				for _, k := range []string{c.Type, ""} {
					v := out[k]
					v.pred++
					if want[c] {
						v.correct++
					}
					out[k] = v
				}
			}
		}
	}
	return out
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
