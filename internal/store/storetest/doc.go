// Package storetest is the behavioural test suite every parallax.Store
// implementation passes unchanged: call Run from the implementation's tests
// with a function that opens a fresh, empty store.
//
// The contract it checks, beyond the interface's comments:
//   - every field round-trips; times compare with time.Time.Equal (a store
//     may return them in UTC) and the zero time stays zero; times must lie
//     in years 0000-9999 (what RFC 3339 and encoding/json can represent),
//     others are an error;
//   - slices stored whole (tags, body, removed, hints, alignment pairs,
//     shared terms and names, quote article ids, briefs) keep nil apart
//     from empty; lists stored as rows (a story's ArticleIDs, an analysis's
//     mentions, quotes and claims) come back nil when empty, and so may an
//     empty Document.Body;
//   - CreateDocuments and SaveProcessed are all or nothing; IDs are filled
//     in only when CreateDocuments succeeds;
//   - lookups of a missing record fail with parallax.ErrNotFound, as do
//     writes that reference a missing article or story.
//
// It does not test speed (see each implementation's benchmarks) nor crash
// safety across processes (see the sqlite package and the CLI's tests).
package storetest
