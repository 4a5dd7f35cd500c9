// Package dedup finds which articles copy or rewrite which: exact copies,
// near-duplicates, paraphrased rewrites and articles that share a source,
// with the aligned sentences as evidence.
//
// Work in progress: see the package's tests for the current behaviour.
package dedup
