// Package entity finds named entities in news text and merges them per story.
//
// Recognize tags people, organisations, places and other names (nationalities,
// events) in raw text with an averaged-perceptron sequence model trained in Go
// on CoNLL-2003 (only the learned weights ship, embedded as a small gzip'd
// file), then applies context rules: honorifics are trimmed, titles such as
// "former US President" or "Kremlin spokesman" become the mention's Role, and
// names tagged as people once in an article are tagged so throughout.
//
// Resolve merges the mentions of a story's articles into canonical entities:
// spellings are compared through a transliteration-aware key (Zelensky ≈
// Zelenskyy, Dmitri ≈ Dmitry) and a surname alone joins the full name used
// elsewhere in the story.
//
// The weights are regenerated with
//
//	go test ./internal/entity -run TestTrain -train
//
// which reads ../shared/bench-data/conll2003/eng.train. The package does not
// read files at run time, download anything or log.
package entity
