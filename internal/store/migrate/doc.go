// Package migrate reads the versioned SQL migrations a store embeds
// (migrations/0001_init.sql, 0002_….sql, …) and decides which of them a
// database still needs. It is shared by every SQL dialect so that their
// migration folders keep the same versions; applying a migration (in a
// transaction, recorded in schema_migrations) is left to each dialect's
// adapter. It does not talk to a database.
package migrate
