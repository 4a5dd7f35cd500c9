package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

const (
	upsertStory = `INSERT INTO stories (id, headline, sources, first_seen, last_seen, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, sources = excluded.sources,
    first_seen = excluded.first_seen, last_seen = excluded.last_seen, updated_at = excluded.updated_at`
	upsertDerivation = `INSERT INTO derivations (article_id, source_id, kind, coverage, pairs)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id, kind = excluded.kind,
    coverage = excluded.coverage, pairs = excluded.pairs`
	deleteDerivation = `DELETE FROM derivations WHERE article_id = $1`
	upsertAssignment = `INSERT INTO story_articles (article_id, story_id, similarity, threshold, reason,
    shared_terms, shared_names)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,
    similarity = excluded.similarity, threshold = excluded.threshold, reason = excluded.reason,
    shared_terms = excluded.shared_terms, shared_names = excluded.shared_names`
	upsertAnalysis = `INSERT INTO analyses (article_id) VALUES ($1) ON CONFLICT (article_id) DO NOTHING`
	deleteMentions = `DELETE FROM mentions WHERE article_id = $1`
	deleteQuotes   = `DELETE FROM quotes WHERE article_id = $1`
	deleteClaims   = `DELETE FROM claims WHERE article_id = $1`
	insertMention  = `INSERT INTO mentions (article_id, ord, text, kind, start_offset, end_offset,
    sentence, role, canonical)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
	insertQuote = `INSERT INTO quotes (article_id, ord, speaker, text, kind, cue, start_offset,
    end_offset, article_ids, parts, speaker_start, speaker_end, cue_start, cue_end)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
	insertClaim = `INSERT INTO claims (article_id, ord, subject, attribute, value, normalized,
    evidence, sentence, unit, value_start, value_end)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
)

// batch is a pipeline of statements, each labelled for its error message.
type batch struct {
	b      pgx.Batch
	labels []string
}

func (b *batch) queue(label, sql string, args ...any) {
	b.b.Queue(sql, args...)
	b.labels = append(b.labels, label)
}

// run sends the statements in tx and stops at the first that fails.
func (b *batch) run(ctx context.Context, tx pgx.Tx) error {
	return readBatch(ctx, tx, &b.b, func(br pgx.BatchResults, i int) error {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("%s: %w", b.labels[i], err)
		}
		return nil
	})
}

// SaveProcessed stores, in one transaction: the given stories (every field
// but ArticleIDs, which follow from assignments), then each result (its
// derivation replaced, or deleted when nil; its assignment upserted unless
// its StoryID is 0; its analysis replaced when not nil), then the merges:
// merged maps a merged-away story to the one that absorbs it (chains are
// followed); its articles and readers' saves move and the story, its brief
// and its entities are deleted.
func (db *DB) SaveProcessed(ctx context.Context, results []parallax.Processed, stories []*parallax.Story, merged map[int64]int64) error {
	b := &batch{}
	for _, st := range stories {
		if err := queueStory(b, st); err != nil {
			return fmt.Errorf("save processed: %w", err)
		}
	}
	for _, r := range results {
		if err := queueResult(b, r); err != nil {
			return fmt.Errorf("save processed: article %d: %w", r.ArticleID, err)
		}
	}
	moves, err := mergeOrder(merged)
	if err != nil {
		return fmt.Errorf("save processed: %w", err)
	}
	logged := make([]int64, 0, len(results))
	var assigned []int64 // no longer pending (0008)
	seen := make(map[int64]bool, len(results))
	for _, r := range results {
		if !seen[r.ArticleID] {
			seen[r.ArticleID] = true
			logged = append(logged, r.ArticleID)
			if r.Assignment.StoryID != 0 {
				assigned = append(assigned, r.ArticleID)
			}
		}
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		seq, err := nextProcessSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("process log: %w", err)
		}
		if err := b.run(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO process_log (seq, article_id) SELECT $1, unnest($2::bigint[])`, seq, logged); err != nil {
			return fmt.Errorf("process log: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM pending_articles WHERE article_id = ANY($1::bigint[])`, assigned); err != nil {
			return fmt.Errorf("pending articles: %w", err)
		}
		for _, m := range moves {
			if err := mergeStory(ctx, tx, m[0], m[1], seq); err != nil {
				return fmt.Errorf("merge story %d into %d: %w", m[0], m[1], err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save processed: %w", err)
	}
	return nil
}

func queueStory(b *batch, st *parallax.Story) error {
	if st == nil || st.ID <= 0 {
		return errors.New("story without id")
	}
	ts, err := encodeTimes(st.FirstSeen, st.LastSeen, st.UpdatedAt)
	if err != nil {
		return fmt.Errorf("story %d: %w", st.ID, err)
	}
	b.queue(fmt.Sprintf("story %d", st.ID), upsertStory, st.ID, st.Headline, st.Sources, ts[0], ts[1], ts[2])
	return nil
}

func queueResult(b *batch, r parallax.Processed) error {
	if r.ArticleID <= 0 {
		return errors.New("result without article id")
	}
	if err := queueDerivation(b, r.ArticleID, r.Derivation); err != nil {
		return fmt.Errorf("derivation: %w", err)
	}
	if err := queueAssignment(b, r.ArticleID, r.Assignment); err != nil {
		return fmt.Errorf("assignment: %w", err)
	}
	if err := queueAnalysis(b, r.ArticleID, r.Analysis); err != nil {
		return fmt.Errorf("analysis: %w", err)
	}
	return nil
}

// checkID fails when a record names another article than its result.
func checkID(articleID, got int64) error {
	if got != 0 && got != articleID {
		return fmt.Errorf("names article %d", got)
	}
	return nil
}

func queueDerivation(b *batch, articleID int64, d *parallax.Derivation) error {
	label := fmt.Sprintf("article %d: derivation", articleID)
	if d == nil {
		b.queue(label, deleteDerivation, articleID)
		return nil
	}
	if err := checkID(articleID, d.ArticleID); err != nil {
		return err
	}
	pairs, err := encodeJSON(d.Pairs)
	if err != nil {
		return err
	}
	b.queue(label, upsertDerivation, articleID, d.SourceID, string(d.Kind), d.Coverage, pairs)
	return nil
}

func queueAssignment(b *batch, articleID int64, a parallax.Assignment) error {
	if a.StoryID == 0 {
		return nil
	}
	if err := checkID(articleID, a.ArticleID); err != nil {
		return err
	}
	terms, err := encodeJSON(a.SharedTerms)
	if err != nil {
		return err
	}
	names, err := encodeJSON(a.SharedNames)
	if err != nil {
		return err
	}
	b.queue(fmt.Sprintf("article %d: assignment", articleID), upsertAssignment,
		articleID, a.StoryID, a.Similarity, a.Threshold, a.Reason, terms, names)
	return nil
}

func queueAnalysis(b *batch, articleID int64, an *parallax.Analysis) error {
	if an == nil {
		return nil
	}
	if err := checkID(articleID, an.ArticleID); err != nil {
		return err
	}
	label := fmt.Sprintf("article %d: analysis", articleID)
	for _, q := range []string{upsertAnalysis, deleteMentions, deleteQuotes, deleteClaims} {
		b.queue(label, q, articleID)
	}
	return queueAnalysisRows(b, label, articleID, an)
}

// insertNewAnalyses adds the analyses rows of the given articles that have
// none and returns those it added.
const insertNewAnalyses = `INSERT INTO analyses (article_id) SELECT unnest($1::bigint[])
ON CONFLICT (article_id) DO NOTHING RETURNING article_id`

// SaveAnalyses stores, in one transaction, the analyses of articles that
// have none stored, and returns how many; stored ones are left as they
// are. The analyses row is claimed first (ON CONFLICT DO NOTHING), so a
// processing run saving the same article concurrently either finds it
// claimed and replaces it after this commits, or has claimed it first.
func (db *DB) SaveAnalyses(ctx context.Context, analyses []*parallax.Analysis) (int, error) {
	ids := make([]int64, 0, len(analyses))
	for _, an := range analyses {
		if an == nil || an.ArticleID <= 0 {
			return 0, errors.New("save analyses: analysis without article id")
		}
		ids = append(ids, an.ArticleID)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	n := 0
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		n = 0
		added := map[int64]bool{}
		err := queryEach(ctx, tx, insertNewAnalyses, args{ids}, func(r pgx.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			added[id] = true
			return nil
		})
		if err != nil {
			return err
		}
		b := &batch{}
		for _, an := range analyses {
			if !added[an.ArticleID] {
				continue
			}
			delete(added, an.ArticleID) // the first of duplicates
			label := fmt.Sprintf("article %d: analysis", an.ArticleID)
			if err := queueAnalysisRows(b, label, an.ArticleID, an); err != nil {
				return fmt.Errorf("article %d: %w", an.ArticleID, err)
			}
			n++
		}
		return b.run(ctx, tx)
	})
	if err != nil {
		return 0, fmt.Errorf("save analyses: %w", err)
	}
	return n, nil
}

// queueAnalysisRows queues the inserts of an analysis' mentions, quotes
// and claims.
func queueAnalysisRows(b *batch, label string, articleID int64, an *parallax.Analysis) error {
	for i, m := range an.Mentions {
		b.queue(fmt.Sprintf("%s: mention %d", label, i), insertMention,
			articleID, i, m.Text, string(m.Kind), m.Start, m.End, m.Sentence, m.Role, m.Canonical)
	}
	for i, q := range an.Quotes {
		ids, err := encodeJSON(q.ArticleIDs)
		if err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
		parts, err := encodeJSON(q.Parts)
		if err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
		b.queue(fmt.Sprintf("%s: quote %d", label, i), insertQuote,
			articleID, i, q.Speaker, q.Text, string(q.Kind), q.Cue, q.Start, q.End, ids, parts,
			q.SpeakerSpan.Start, q.SpeakerSpan.End, q.CueSpan.Start, q.CueSpan.End)
	}
	for i, c := range an.Claims {
		b.queue(fmt.Sprintf("%s: claim %d", label, i), insertClaim,
			articleID, i, c.Subject, c.Attribute, c.Value, c.Normalized, c.Evidence, c.Sentence,
			c.Unit, c.ValueSpan.Start, c.ValueSpan.End)
	}
	return nil
}

// mergeOrder returns merged as (old, survivor) pairs in order of the
// merged-away id, following chains (a→b, b→c moves a's articles to c).
func mergeOrder(merged map[int64]int64) ([][2]int64, error) {
	olds := make([]int64, 0, len(merged))
	for old := range merged {
		olds = append(olds, old)
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i] < olds[j] })
	out := make([][2]int64, 0, len(olds))
	for _, old := range olds {
		into := merged[old]
		for range len(merged) {
			next, ok := merged[into]
			if !ok {
				break
			}
			into = next
		}
		if _, ok := merged[into]; ok || into == old {
			return nil, fmt.Errorf("merge story %d: merges form a cycle", old)
		}
		out = append(out, [2]int64{old, into})
	}
	return out, nil
}

// moveSaved keeps a reader's save of a merged-away story ($2) as a save of
// the story that absorbs it ($1), unless that one is saved already. Read
// marks stay where they are: the absorbing story's articles were not read.
const moveSaved = `INSERT INTO saved_stories (user_id, story_id, saved_at)
SELECT user_id, $1, saved_at FROM saved_stories WHERE story_id = $2
ON CONFLICT (user_id, story_id) DO NOTHING`

func mergeStory(ctx context.Context, tx pgx.Tx, old, into, seq int64) error {
	var one int
	err := tx.QueryRow(ctx, `SELECT 1 FROM stories WHERE id = $1`, into).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("story %d: %w", into, parallax.ErrNotFound)
	}
	if err != nil {
		return err
	}
	b := &batch{}
	b.queue("log moves", `INSERT INTO process_log (seq, article_id)
SELECT $1, article_id FROM story_articles WHERE story_id = $2`, seq, old)
	b.queue("move articles", `UPDATE story_articles SET story_id = $1 WHERE story_id = $2`, into, old)
	b.queue("move saved marks", moveSaved, into, old)
	for _, q := range []string{
		`DELETE FROM saved_stories WHERE story_id = $1`,
		`DELETE FROM briefs WHERE story_id = $1`,
		`DELETE FROM entities WHERE story_id = $1`,
		`DELETE FROM stories WHERE id = $1`,
	} {
		b.queue("delete", q, old)
	}
	return b.run(ctx, tx)
}

// keepSaves is how many SaveProcessed calls the process log reaches back.
const keepSaves = 10000

// nextProcessSeq numbers this SaveProcessed call (its row lock orders
// concurrent calls; processors make them under the process lock anyway)
// and prunes the log entries keepSaves calls old.
func nextProcessSeq(ctx context.Context, tx pgx.Tx) (int64, error) {
	var seq int64
	if err := tx.QueryRow(ctx, `UPDATE process_seq SET seq = seq + 1 WHERE id = 1 RETURNING seq`).Scan(&seq); err != nil {
		return 0, err
	}
	if old := seq - keepSaves; old > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM process_log WHERE seq <= $1`, old); err != nil {
			return 0, err
		}
		if _, err := tx.Exec(ctx, `UPDATE process_seq SET pruned = $1 WHERE id = 1 AND pruned < $1`, old); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// FindProcessChanges returns the articles that SaveProcessed calls after
// the afterSeq-th wrote or moved.
func (db *DB) FindProcessChanges(ctx context.Context, afterSeq int64) (parallax.ProcessChanges, error) {
	var out parallax.ProcessChanges
	err := db.inReadTx(ctx, func(tx pgx.Tx) error {
		var pruned int64
		if err := tx.QueryRow(ctx, `SELECT seq, pruned FROM process_seq WHERE id = 1`).Scan(&out.Seq, &pruned); err != nil {
			return err
		}
		out.Complete = afterSeq >= pruned
		if !out.Complete || afterSeq >= out.Seq {
			return nil
		}
		return queryEach(ctx, tx, `SELECT DISTINCT article_id FROM process_log WHERE seq > $1 AND seq <= $2 ORDER BY article_id`,
			args{afterSeq, out.Seq}, func(r pgx.Rows) error {
				var id int64
				if err := r.Scan(&id); err != nil {
					return err
				}
				out.ArticleIDs = append(out.ArticleIDs, id)
				return nil
			})
	})
	if err != nil {
		return parallax.ProcessChanges{}, fmt.Errorf("find process changes: %w", err)
	}
	return out, nil
}
