// Package pipeline is the only package that calls the stages in sequence and
// the store: it reads inputs (ingest), extracts articles (extract), stores
// documents and articles in grouped transactions, and runs the later stages
// (provenance, stories, analysis, briefs) over the articles not yet
// processed. The same engine runs without a store for `parallax brief`.
package pipeline
