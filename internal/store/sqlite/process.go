package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/parallax-news/parallax"
)

const (
	upsertStory = `INSERT INTO stories (id, headline, sources, first_seen, last_seen, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, sources = excluded.sources,
    first_seen = excluded.first_seen, last_seen = excluded.last_seen, updated_at = excluded.updated_at`
	upsertDerivation = `INSERT INTO derivations (article_id, source_id, kind, coverage, pairs)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id, kind = excluded.kind,
    coverage = excluded.coverage, pairs = excluded.pairs`
	deleteDerivation = `DELETE FROM derivations WHERE article_id = ?`
	// pending_articles lists the articles with no assignment (0008).
	unlistPending    = `DELETE FROM pending_articles WHERE article_id = ?`
	upsertAssignment = `INSERT INTO story_articles (article_id, story_id, similarity, threshold, reason,
    shared_terms, shared_names)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,
    similarity = excluded.similarity, threshold = excluded.threshold, reason = excluded.reason,
    shared_terms = excluded.shared_terms, shared_names = excluded.shared_names`
	upsertAnalysis = `INSERT INTO analyses (article_id) VALUES (?) ON CONFLICT (article_id) DO NOTHING`
	deleteMentions = `DELETE FROM mentions WHERE article_id = ?`
	deleteQuotes   = `DELETE FROM quotes WHERE article_id = ?`
	deleteClaims   = `DELETE FROM claims WHERE article_id = ?`
	insertMention  = `INSERT INTO mentions (article_id, ord, text, kind, start_offset, end_offset,
    sentence, role, canonical)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertQuote = `INSERT INTO quotes (article_id, ord, speaker, text, kind, cue, start_offset,
    end_offset, article_ids, parts, speaker_start, speaker_end, cue_start, cue_end)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertClaim = `INSERT INTO claims (article_id, ord, subject, attribute, value, normalized,
    evidence, sentence, unit, value_start, value_end)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// SaveProcessed stores, in one transaction: the given stories (every field
// but ArticleIDs, which follow from assignments), then each result (its
// derivation replaced, or deleted when nil; its assignment upserted unless
// its StoryID is 0; its analysis replaced when not nil), then the merges:
// merged maps a merged-away story to the one that absorbs it (chains are
// followed); its articles and readers' saves move and the story, its brief
// and its entities are deleted.
func (db *DB) SaveProcessed(ctx context.Context, results []parallax.Processed, stories []*parallax.Story, merged map[int64]int64) error {
	err := db.withStmts(ctx, func(s *stmts) error {
		seq, err := nextProcessSeq(ctx, s)
		if err != nil {
			return fmt.Errorf("process log: %w", err)
		}
		for _, st := range stories {
			if err := saveStory(ctx, s, st); err != nil {
				return err
			}
		}
		logged := make(map[int64]bool, len(results))
		for _, r := range results {
			if err := saveResult(ctx, s, r); err != nil {
				return fmt.Errorf("article %d: %w", r.ArticleID, err)
			}
			if !logged[r.ArticleID] {
				logged[r.ArticleID] = true
				if _, err := s.exec(ctx, `INSERT INTO process_log (seq, article_id) VALUES (?, ?)`, seq, r.ArticleID); err != nil {
					return fmt.Errorf("process log: %w", err)
				}
			}
		}
		return mergeStories(ctx, s, merged, seq)
	})
	if err != nil {
		return fmt.Errorf("save processed: %w", err)
	}
	return nil
}

func saveStory(ctx context.Context, s *stmts, st *parallax.Story) error {
	if st == nil || st.ID <= 0 {
		return errors.New("story without id")
	}
	ts, err := encodeTimes(st.FirstSeen, st.LastSeen, st.UpdatedAt)
	if err != nil {
		return fmt.Errorf("story %d: %w", st.ID, err)
	}
	if _, err := s.exec(ctx, upsertStory, st.ID, st.Headline, st.Sources, ts[0], ts[1], ts[2]); err != nil {
		return fmt.Errorf("story %d: %w", st.ID, err)
	}
	return nil
}

func saveResult(ctx context.Context, s *stmts, r parallax.Processed) error {
	if r.ArticleID <= 0 {
		return errors.New("result without article id")
	}
	if err := saveDerivation(ctx, s, r.ArticleID, r.Derivation); err != nil {
		return fmt.Errorf("derivation: %w", err)
	}
	if err := saveAssignment(ctx, s, r.ArticleID, r.Assignment); err != nil {
		return fmt.Errorf("assignment: %w", err)
	}
	if err := saveAnalysis(ctx, s, r.ArticleID, r.Analysis); err != nil {
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

func saveDerivation(ctx context.Context, s *stmts, articleID int64, d *parallax.Derivation) error {
	if d == nil {
		_, err := s.exec(ctx, deleteDerivation, articleID)
		return err
	}
	if err := checkID(articleID, d.ArticleID); err != nil {
		return err
	}
	pairs, err := encodeJSON(d.Pairs)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, upsertDerivation, articleID, d.SourceID, string(d.Kind), d.Coverage, pairs)
	return err
}

func saveAssignment(ctx context.Context, s *stmts, articleID int64, a parallax.Assignment) error {
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
	if _, err = s.exec(ctx, upsertAssignment, articleID, a.StoryID, a.Similarity, a.Threshold, a.Reason, terms, names); err != nil {
		return err
	}
	_, err = s.exec(ctx, unlistPending, articleID)
	return err
}

func saveAnalysis(ctx context.Context, s *stmts, articleID int64, an *parallax.Analysis) error {
	if an == nil {
		return nil
	}
	if err := checkID(articleID, an.ArticleID); err != nil {
		return err
	}
	for _, q := range []string{upsertAnalysis, deleteMentions, deleteQuotes, deleteClaims} {
		if _, err := s.exec(ctx, q, articleID); err != nil {
			return err
		}
	}
	return insertAnalysis(ctx, s, articleID, an)
}

// SaveAnalyses stores, in one transaction, the analyses of articles that
// have none stored, and returns how many; stored ones are left as they are.
func (db *DB) SaveAnalyses(ctx context.Context, analyses []*parallax.Analysis) (int, error) {
	n := 0
	err := db.withStmts(ctx, func(s *stmts) error {
		n = 0
		for _, an := range analyses {
			if an == nil || an.ArticleID <= 0 {
				return errors.New("analysis without article id")
			}
			res, err := s.exec(ctx, upsertAnalysis, an.ArticleID)
			if err != nil {
				return fmt.Errorf("article %d: %w", an.ArticleID, err)
			}
			if added, err := res.RowsAffected(); err != nil || added == 0 {
				continue // analysed already (or not known to be new: keep)
			}
			if err := insertAnalysis(ctx, s, an.ArticleID, an); err != nil {
				return fmt.Errorf("article %d: %w", an.ArticleID, err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save analyses: %w", err)
	}
	return n, nil
}

// insertAnalysis inserts an analysis' mentions, quotes and claims.
func insertAnalysis(ctx context.Context, s *stmts, articleID int64, an *parallax.Analysis) error {
	for i, m := range an.Mentions {
		_, err := s.exec(ctx, insertMention, articleID, i, m.Text, string(m.Kind), m.Start, m.End, m.Sentence, m.Role, m.Canonical)
		if err != nil {
			return fmt.Errorf("mention %d: %w", i, err)
		}
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
		_, err = s.exec(ctx, insertQuote, articleID, i, q.Speaker, q.Text, string(q.Kind), q.Cue, q.Start, q.End, ids, parts,
			q.SpeakerSpan.Start, q.SpeakerSpan.End, q.CueSpan.Start, q.CueSpan.End)
		if err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	for i, c := range an.Claims {
		_, err := s.exec(ctx, insertClaim, articleID, i, c.Subject, c.Attribute, c.Value, c.Normalized, c.Evidence, c.Sentence,
			c.Unit, c.ValueSpan.Start, c.ValueSpan.End)
		if err != nil {
			return fmt.Errorf("claim %d: %w", i, err)
		}
	}
	return nil
}

// mergeStories applies merged in order of the merged-away id, following
// chains (a→b, b→c moves a's articles to c).
func mergeStories(ctx context.Context, s *stmts, merged map[int64]int64, seq int64) error {
	olds := make([]int64, 0, len(merged))
	for old := range merged {
		olds = append(olds, old)
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i] < olds[j] })
	for _, old := range olds {
		into, err := survivor(merged, old)
		if err != nil {
			return err
		}
		if err := mergeStory(ctx, s, old, into, seq); err != nil {
			return fmt.Errorf("merge story %d into %d: %w", old, into, err)
		}
	}
	return nil
}

// survivor follows merged from old to the story that is not merged away.
func survivor(merged map[int64]int64, old int64) (int64, error) {
	into := merged[old]
	for range len(merged) {
		next, ok := merged[into]
		if !ok {
			break
		}
		into = next
	}
	if _, ok := merged[into]; ok || into == old {
		return 0, fmt.Errorf("merge story %d: merges form a cycle", old)
	}
	return into, nil
}

// moveSaved keeps a reader's save of a merged-away story (?2) as a save of
// the story that absorbs it (?1), unless that one is saved already. Read
// marks stay where they are: the absorbing story's articles were not read.
const moveSaved = `INSERT INTO saved_stories (user_id, story_id, saved_at)
SELECT user_id, ?1, saved_at FROM saved_stories WHERE story_id = ?2
ON CONFLICT (user_id, story_id) DO NOTHING`

func mergeStory(ctx context.Context, s *stmts, old, into, seq int64) error {
	st, err := s.get(ctx, `SELECT 1 FROM stories WHERE id = ?`)
	if err != nil {
		return err
	}
	var one int
	if err := st.QueryRowContext(ctx, into).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("story %d: %w", into, parallax.ErrNotFound)
	} else if err != nil {
		return err
	}
	if _, err := s.exec(ctx, `INSERT INTO process_log (seq, article_id)
SELECT ?, article_id FROM story_articles WHERE story_id = ?`, seq, old); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `UPDATE story_articles SET story_id = ? WHERE story_id = ?`, into, old); err != nil {
		return err
	}
	if _, err := s.exec(ctx, moveSaved, into, old); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM saved_stories WHERE story_id = ?`,
		`DELETE FROM briefs WHERE story_id = ?`,
		`DELETE FROM entities WHERE story_id = ?`,
		`DELETE FROM stories WHERE id = ?`,
	} {
		if _, err := s.exec(ctx, q, old); err != nil {
			return err
		}
	}
	return nil
}

// encodeTimes encodes each of ts with encodeTime.
func encodeTimes(ts ...time.Time) ([]any, error) {
	out := make([]any, len(ts))
	for i, t := range ts {
		v, err := encodeTime(t)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// keepSaves is how many SaveProcessed calls the process log reaches back.
var keepSaves int64 = 10000

// nextProcessSeq numbers this SaveProcessed call and prunes the log
// entries keepSaves calls old.
func nextProcessSeq(ctx context.Context, s *stmts) (int64, error) {
	st, err := s.get(ctx, `UPDATE process_seq SET seq = seq + 1 WHERE id = 1 RETURNING seq`)
	if err != nil {
		return 0, err
	}
	var seq int64
	if err := st.QueryRowContext(ctx).Scan(&seq); err != nil {
		return 0, err
	}
	if old := seq - keepSaves; old > 0 {
		if _, err := s.exec(ctx, `DELETE FROM process_log WHERE seq <= ?`, old); err != nil {
			return 0, err
		}
		if _, err := s.exec(ctx, `UPDATE process_seq SET pruned = ? WHERE id = 1 AND pruned < ?`, old, old); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// FindProcessChanges returns the articles that SaveProcessed calls after
// the afterSeq-th wrote or moved.
func (db *DB) FindProcessChanges(ctx context.Context, afterSeq int64) (parallax.ProcessChanges, error) {
	var out parallax.ProcessChanges
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var pruned int64
		if err := tx.QueryRowContext(ctx, `SELECT seq, pruned FROM process_seq WHERE id = 1`).Scan(&out.Seq, &pruned); err != nil {
			return err
		}
		out.Complete = afterSeq >= pruned
		if !out.Complete || afterSeq >= out.Seq {
			return nil
		}
		return queryEach(ctx, tx, `SELECT DISTINCT article_id FROM process_log WHERE seq > ? AND seq <= ? ORDER BY article_id`,
			[]any{afterSeq, out.Seq}, func(rows *sql.Rows) error {
				var id int64
				if err := rows.Scan(&id); err != nil {
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
