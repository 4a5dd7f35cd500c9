// Package jobs runs Parallax's background work as durable jobs in
// PostgreSQL with River (github.com/riverqueue/river): a job survives the
// worker that ran it (a killed worker's job is rescued and retried), failed
// jobs are retried with River's exponential backoff, and uniqueness keeps
// one job of a kind and key queued or running at a time.
//
// Kinds:
//   - "process" (ProcessArgs): run the pipeline's later stages (provenance,
//     stories, analysis, briefs) over every unprocessed article. One is
//     queued or running at a time; the worker runs it again while it finds
//     new articles, and a periodic job enqueues it as a safety net (an
//     article stored after a run looked, or whose enqueue was lost to a
//     crash, waits at most that period).
//   - "brief" (BriefArgs): rebuild one story's brief; one per story at a
//     time.
//
// Fetching and feed polling get kinds of their own when fetching lands;
// each will be unique by URL, so that one URL is never fetched twice at
// once.
//
// Story assignment stays correct with any number of workers because the
// process job's function holds the store's process lock
// (parallax.ProcessLocker) for a whole run: runs are serialised, and each
// sees the stories of the one before. The package does not process
// anything itself: what each kind does is given in Config, so that the
// pipeline stays the only package that calls the stages and the store in
// sequence. There is no SQLite driver here: with SQLite, `parallax ingest`
// processes inline.
package jobs
