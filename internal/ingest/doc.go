// Package ingest turns paths into documents: it walks folders, opens
// .txt, .html, .json, .jsonl and feed files (each optionally gzip-compressed),
// enforces the size cap, rejects binary junk, decodes text in other charsets
// to UTF-8 and splits .jsonl files into one document per record. It reports
// every bad input with its path (file:line for .jsonl) and never stops at the
// first one. It does not extract articles or touch the store.
package ingest
