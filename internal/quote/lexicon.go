package quote

import (
	_ "embed"
	"strconv"
	"strings"
)

// learnedCuesTSV holds the cue words learned from the PolNeAR training
// split (see learn_test.go): each line is a folded word, how often it was
// part of an annotated cue and how often it occurred; only words that
// were part of a cue often enough are kept. Words of the hand-made list
// (cues) are left out.
//
//go:embed cues_learned.tsv
var learnedCuesTSV string

// learnedCues maps the learned cue words to the way they take their
// content: participles hang from the clause's subject, other words take
// the clause after them.
var learnedCues = parseLearnedCues(learnedCuesTSV)

func parseLearnedCues(s string) map[string]cueKind {
	m := map[string]cueKind{}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		w := f[0]
		if _, ok := cues[w]; ok {
			continue
		}
		m[w] = learnedKind(w)
	}
	return m
}

// learnedKind is how a learned cue word takes its content.
func learnedKind(w string) cueKind {
	if strings.HasSuffix(w, "ing") {
		return cueGerund
	}
	return cueSpeech
}

// cueInfo is what sentenceAttributions needs to know of a cue word.
type cueInfo struct {
	kind    cueKind
	speech  bool // a verb of speaking (speechCues)
	learned bool // from cues_learned.tsv
}

// cueTable joins cues, speechCues and learnedCues for one look-up per
// token.
var cueTable = buildCueTable(learnedCues)

func buildCueTable(learned map[string]cueKind) map[string]cueInfo {
	m := make(map[string]cueInfo, len(cues)+len(learned))
	for w, k := range learned {
		m[w] = cueInfo{kind: k, learned: true}
	}
	for w, k := range cues {
		m[w] = cueInfo{kind: k, speech: speechCues[w]}
	}
	return m
}
