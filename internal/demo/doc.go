// Package demo holds Parallax's built-in demo corpus: fictional news
// articles about five fictional events, written for this project, in the
// formats Parallax ingests (HTML pages with web chrome, an RSS 2.0 feed, an
// Atom feed, plain text, JSON and JSON Lines, one gzip file).
//
// The corpus is embedded in the binary. Corpus returns it as a file system
// rooted at the corpus folder, ready for ingestion; Manifest describes it:
// which event each article covers, which outlet published it, and what was
// planted for the later stages to find (paraphrased rewrites, a syndicated
// copy, an aggregator page, a name spelled two ways, one factual
// disagreement, quotes, roles and numbers). Tests in other packages use the
// manifest as the answer key; the manifest itself sits outside the corpus
// folder so that it is never ingested.
//
// Every event, outlet, person and quotation in the corpus is invented. The
// package does not ingest, extract or analyse anything.
package demo
