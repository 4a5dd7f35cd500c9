// Package sqlite implements parallax.Store over a single SQLite file through
// the pure-Go driver modernc.org/sqlite (no cgo). The database runs in WAL
// mode with foreign keys on; all writes go through one connection and begin
// IMMEDIATE transactions, reads use a small pool of read-only connections, so
// readers never wait for writers and another process writing the same file
// waits (busy_timeout) instead of failing. The schema is created and upgraded
// by the versioned SQL files in migrations/, embedded in the binary; a file
// migrated by a newer program is refused.
//
// Encodings, kept plain so that the PostgreSQL adapter stores the same
// values: times are UTC text with nine fractional digits (NULL for the zero
// time), lists that are only read with their parent are JSON text, and
// lists that are queried on their own (mentions, quotes, claims) are rows.
//
// The full-text index (FTS5, table articles_fts) is laid out but trails the
// articles: CreateDocuments does not index (it would cost twice the rest of
// the insert), indexSearch adds the articles past a watermark in bulk, and
// UpdateArticle re-indexes an article already indexed. The search feature
// exposes indexSearch (after ingest, or before each search).
package sqlite
