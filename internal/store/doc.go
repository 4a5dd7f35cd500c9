// Package store opens the Parallax store a DSN names: a file path is an
// SQLite database (internal/store/sqlite), a postgres:// URL is PostgreSQL
// (not supported yet). It also knows where the default database lives. The
// stores themselves and their shared behavioural tests live in the
// sub-packages sqlite, storetest and migrate.
package store
