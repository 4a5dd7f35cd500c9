// Package store opens the Parallax store a DSN names: a file path is an
// SQLite database (internal/store/sqlite), a postgres:// URL is PostgreSQL
// (internal/store/postgres). It also knows where the default database
// lives. The stores, their shared behavioural tests (storetest) and the
// migration loader they share (migrate) live in sub-packages.
package store
