// Package parallax holds the domain of the Parallax news system: documents,
// articles, derivations, stories, entities, quotes, claims and briefs, and the
// role interfaces the store implements. It imports only the standard library;
// every pipeline stage under internal/ depends on it, never the other way.
package parallax
