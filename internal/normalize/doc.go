// Package normalize puts values into canonical form so that one thing has
// one key. URL canonicalises web addresses for idempotent ingest: the same
// article reached through a tracking link, another letter case of the host
// or a default port is stored once.
package normalize
