package entity

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenised sentence with a tag per word. Tags are IOB tags
// ("I-PER", "B-LOC", "O"), IOB1 or IOB2.
type Sentence struct {
	Words []string
	Tags  []string
}

// Document is a run of sentences that belong together (a CoNLL document).
// The tagger keeps what it learned about names across a document's sentences.
type Document struct {
	Sentences []Sentence
}

// ReadCoNLL reads the CoNLL-2003 format: one token per line with the word in
// the first column and the NER tag in the last, blank lines between
// sentences, and -DOCSTART- lines between documents.
func ReadCoNLL(r io.Reader) ([]Document, error) {
	var docs []Document
	var cur Document
	var sent Sentence
	flushSent := func() {
		if len(sent.Words) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
		}
		sent = Sentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			flushSent()
		case fields[0] == "-DOCSTART-":
			flushDoc()
		case len(fields) < 2:
			return nil, fmt.Errorf("read conll line %d: want a word and a tag, got %q", line, sc.Text())
		default:
			sent.Words = append(sent.Words, fields[0])
			sent.Tags = append(sent.Tags, fields[len(fields)-1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll line %d: %w", line, err)
	}
	flushDoc()
	return docs, nil
}

// Chunk is an entity in a tagged sentence: words [Start, End) of type Type
// ("PER", "ORG", "LOC", "MISC").
type Chunk struct {
	Type  string
	Start int
	End   int
}

// Chunks returns the entities of a tag sequence the way conlleval reads
// them: a chunk starts at B-X, or at I-X after a tag of another type, and
// runs while I-X follows.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	openType := ""
	for i, tag := range tags {
		prefix, typ := splitTag(tag)
		continues := open >= 0 && prefix == "I" && typ == openType
		if continues {
			continue
		}
		if open >= 0 {
			out = append(out, Chunk{Type: openType, Start: open, End: i})
			open, openType = -1, ""
		}
		if typ != "" {
			open, openType = i, typ
		}
	}
	if open >= 0 {
		out = append(out, Chunk{Type: openType, Start: open, End: len(tags)})
	}
	return out
}

func splitTag(tag string) (prefix, typ string) {
	if tag == "O" || len(tag) < 3 || tag[1] != '-' {
		return "O", ""
	}
	return tag[:1], tag[2:]
}
