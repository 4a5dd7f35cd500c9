package quote

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/text"
)

var learn = flag.Bool("learn", false, "relearn cues_learned.tsv from the PolNeAR training split")

// Learning thresholds: a word becomes a cue when at least minCueCount of
// its occurrences in the training split lie in an annotated cue and they
// are at least minCueShare of all its occurrences.
const (
	minCueCount = 3
	minCueShare = 0.10
)

// minCuePrecision is the share of a learned word's attributions on the
// training split that must match an annotated one for the word to stay.
const minCuePrecision = 0.5

// TestLearnCues counts, over the PolNeAR training split (first annotator
// of each article), how often each word occurs and how often it lies in an
// annotated cue, and rewrites cues_learned.tsv with the words that pass
// the thresholds. Only the training split is read; dev is for scoring.
func TestLearnCues(t *testing.T) {
	if !*learn {
		t.Skip("run with -learn to relearn cues_learned.tsv")
	}
	dir := shared.TestDir(t, "bench-data/polnear")
	texts, anns, err := readTrain(filepath.Join(dir, "polnear-data.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	total, inCue := map[string]int{}, map[string]int{}
	for base, ann := range anns {
		txt, ok := texts[base]
		if !ok {
			continue
		}
		countCueWords(txt, ann, total, inCue)
	}
	var words []string
	for w, n := range inCue {
		if n >= minCueCount && float64(n) >= minCueShare*float64(total[w]) && keepLearned(w) {
			words = append(words, w)
		}
	}
	words = precise(t, words, texts, anns)
	sort.Slice(words, func(i, j int) bool {
		ri := float64(inCue[words[i]]) / float64(total[words[i]])
		rj := float64(inCue[words[j]]) / float64(total[words[j]])
		if ri != rj {
			return ri > rj
		}
		return words[i] < words[j]
	})
	var b strings.Builder
	b.WriteString("# word\tin a cue\toccurrences (PolNeAR train)\n")
	for _, w := range words {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", w, inCue[w], total[w])
	}
	if err := os.WriteFile("cues_learned.tsv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d learned cue words", len(words))
}

// keepLearned leaves out the hand-made cues and function words.
func keepLearned(w string) bool {
	if _, ok := cues[w]; ok || w == "according" || text.IsStopword(w) || timeWords[w] || cueModifiers[w] || stopAfterSpeaker[w] || adverb(w, w) {
		return false
	}

	switch w {
	case "also", "would", "will", "could", "can", "may", "might", "not":
		return false
	}
	return true
}

// countCueWords adds the words of txt to total, and those inside a cue
// span of the brat standoff ann (character offsets) to inCue.
func countCueWords(txt, ann string, total, inCue map[string]int) {
	runes := []rune(txt)
	cue := make([]bool, len(runes)+1)
	for _, line := range strings.Split(ann, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[1], "Cue ") {
			continue
		}
		for _, r := range strings.Split(strings.TrimPrefix(f[1], "Cue "), ";") {
			a, b, ok := strings.Cut(strings.TrimSpace(r), " ")
			x, err1 := strconv.Atoi(a)
			y, err2 := strconv.Atoi(b)
			if !ok || err1 != nil || err2 != nil || x < 0 || y > len(runes) || x > y {
				continue
			}
			for i := x; i < y; i++ {
				cue[i] = true
			}
		}
	}
	for i := 0; i < len(runes); {
		if !isASCIILetter(runes[i]) || i > 0 && (unicode.IsLetter(runes[i-1]) || runes[i-1] == '\'' || runes[i-1] == '’') {
			i++
			continue
		}
		j := i
		for j < len(runes) && (isASCIILetter(runes[j]) || runes[j] == '\'' || runes[j] == '’') {
			j++
		}
		w := strings.ReplaceAll(strings.ToLower(string(runes[i:j])), "’", "'")
		total[w]++
		if cue[i] {
			inCue[w]++
		}
		i = j
	}
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// readTrain reads the texts and the first annotator's attributions of the
// training split from the PolNeAR archive, keyed by article.
func readTrain(p string) (texts, anns map[string]string, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", p, err)
	}
	texts, anns = map[string]string{}, map[string]string{}
	annName := map[string]string{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return texts, anns, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		dir, name := path.Dir(h.Name), path.Base(h.Name)
		if h.Typeflag != tar.TypeReg || path.Base(path.Dir(dir)) != "train" {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, 16<<20))
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s: %w", p, h.Name, err)
		}
		switch {
		case path.Base(dir) == "text" && strings.HasSuffix(name, ".txt"):
			texts[strings.TrimSuffix(name, ".txt")] = string(b)
		case path.Base(dir) == "attributions" && strings.HasSuffix(name, ".ann"):
			base := strings.TrimSuffix(name, ".ann")
			if i := strings.LastIndexByte(base, '_'); i > 0 {
				base = base[:i]
			}
			if old, ok := annName[base]; !ok || name < old {
				annName[base], anns[base] = name, string(b)
			}
		}
	}
}

// precise keeps the candidate words whose attributions on the training
// split match an annotated content (overlap, one to one) often enough.
func precise(t *testing.T, words []string, texts, anns map[string]string) []string {
	saved, savedTable := learnedCues, cueTable
	defer func() { learnedCues, cueTable = saved, savedTable }()
	learnedCues = map[string]cueKind{}
	for _, w := range words {
		learnedCues[w] = learnedKind(w)
	}
	// The extractor looks cues up in cueTable: the candidates must be
	// in it, and the words of the embedded list must not.
	cueTable = buildCueTable(learnedCues)
	hit, miss := map[string]int{}, map[string]int{}
	for base, ann := range anns {
		txt, ok := texts[base]
		if !ok {
			continue
		}
		gold := goldContents(txt, ann)
		used := make([]bool, len(gold))
		for _, q := range Attributions(txt, entity.Recognize(txt)) {
			w := text.LastWord(txt[q.CueSpan.Start:q.CueSpan.End])
			if _, ok := learnedCues[w]; !ok {
				continue
			}
			if g := bestGold(q, gold, used); g >= 0 {
				used[g] = true
				hit[w]++
			} else {
				miss[w]++
			}
		}
	}
	var out []string
	for _, w := range words {
		if float64(hit[w]) >= minCuePrecision*float64(hit[w]+miss[w]) && hit[w] > 0 {
			out = append(out, w)
		}
	}
	t.Logf("%d of %d candidate words precise enough", len(out), len(words))
	return out
}

// bestGold returns the unused gold content that q's content overlaps most.
func bestGold(q parallax.Quote, gold [][]span, used []bool) int {
	parts := q.Parts
	if len(parts) == 0 {
		parts = []parallax.Span{{Start: q.Start, End: q.End}}
	}
	best, bestOv := -1, 0
	for gi, g := range gold {
		if used[gi] {
			continue
		}
		ov := 0
		for _, x := range g {
			for _, y := range parts {
				if lo, hi := max(x.a, y.Start), min(x.b, y.End); hi > lo {
					ov += hi - lo
				}
			}
		}
		if ov > bestOv {
			best, bestOv = gi, ov
		}
	}
	return best
}

// goldContents returns the contents of the attributions of a brat
// standoff file as byte spans of txt.
func goldContents(txt, ann string) [][]span {
	byteAt := make([]int, 0, len(txt)+1)
	for i := range txt {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(txt))
	content := map[string][]span{}
	for _, line := range strings.Split(ann, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[1], "Content ") {
			continue
		}
		for _, r := range strings.Split(strings.TrimPrefix(f[1], "Content "), ";") {
			a, b, ok := strings.Cut(strings.TrimSpace(r), " ")
			x, err1 := strconv.Atoi(a)
			y, err2 := strconv.Atoi(b)
			if !ok || err1 != nil || err2 != nil || x < 0 || y >= len(byteAt) || x > y {
				continue
			}
			content[f[0]] = append(content[f[0]], span{byteAt[x], byteAt[y]})
		}
	}
	var out [][]span
	for _, line := range strings.Split(ann, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(line, "E") {
			continue
		}
		var g []span
		for _, arg := range strings.Fields(f[1]) {
			if role, id, ok := strings.Cut(arg, ":"); ok && strings.HasPrefix(role, "Content") {
				g = append(g, content[id]...)
			}
		}
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}
