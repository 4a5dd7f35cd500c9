package view

import "github.com/parallax-news/parallax"

// Error is the body of every failed API request.
type Error struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// SearchHit is one article found by /api/v1/search.
type SearchHit struct {
	Article Article `json:"article"`
	Score   float64 `json:"score"`
	// Snippet is the sentence or title words around the first match.
	Snippet string `json:"snippet"`
}

// EntityDetail is an entity with the stories that name it.
type EntityDetail struct {
	parallax.EntityRef
	Stories []Story `json:"stories"`
}

// Failure is one input that could not be ingested.
type Failure struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

// IngestResult is the answer of POST /api/v1/ingest.
type IngestResult struct {
	Files     int       `json:"files"`
	Documents int       `json:"documents"`
	New       int       `json:"new"`
	Known     int       `json:"already_known"`
	Failed    []Failure `json:"failed"`
	// Processed counts the articles the pipeline processed afterwards.
	Processed int `json:"processed"`
}
