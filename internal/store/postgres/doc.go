// Package postgres is the Parallax store on PostgreSQL, through pgx/v5 and
// hand-written SQL: the store for installs that outgrow one machine, where
// any number of `parallax worker` and `parallax serve` processes on any
// number of machines share one database. It passes the same behavioural
// suite (internal/store/storetest) as the SQLite store, and its embedded
// migrations keep the same versions as SQLite's.
//
// Dialect choices stay inside this package: times are fixed-width UTC text
// (nanoseconds, as in SQLite), JSON columns are JSONB, article search is a
// tsvector column with a GIN index, id lists bind as one array parameter,
// and bulk writes are pipelined (pgx batches). CreateDocuments copies
// (COPY) documents and articles straight into their tables with IDs taken
// from the sequences first, and asks for lz4 TOAST compression where the
// server has it. As in SQLite, the search index trails ingest: articles
// are stored unindexed and IndexSearch (called by SearchArticles, and by
// workers after ingest) indexes them in bulk. The SQL keeps to what
// PostgreSQL-compatible distributed engines (CockroachDB, YugabyteDB) also
// accept where that costs nothing; the exceptions are the session advisory
// lock of WithProcessLock and the migration runner's DDL in transactions.
//
// It does not fetch, extract or cluster anything, and it does not run
// background jobs (internal/jobs does, on the same database).
package postgres
