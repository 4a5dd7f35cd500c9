package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax"
)

// byArticle returns a WHERE clause and its arguments selecting column among
// ids, or every row when ids is empty.
func byArticle(column string, ids []int64) (string, []any, error) {
	if len(ids) == 0 {
		return "", nil, nil
	}
	list, err := idList(ids)
	if err != nil {
		return "", nil, err
	}
	return ` WHERE ` + column + ` IN (SELECT value FROM json_each(?))`, []any{list}, nil
}

// queryEach runs q and calls scan for each row.
func queryEach(ctx context.Context, db querier, q string, args []any, scan func(*sql.Rows) error) (err error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// inReadTx runs fn in a read-only transaction, so that its queries see one
// snapshot.
func (db *DB) inReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	err = fn(tx)
	if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
		return errors.Join(err, rerr)
	}
	return err
}

// FindDerivations returns the derivations of the given articles (all when
// ids is empty), ordered by article id.
func (db *DB) FindDerivations(ctx context.Context, ids []int64) ([]parallax.Derivation, error) {
	where, args, err := byArticle("article_id", ids)
	if err != nil {
		return nil, fmt.Errorf("find derivations: %w", err)
	}
	q := `SELECT article_id, source_id, kind, coverage, pairs FROM derivations` + where + ` ORDER BY article_id`
	var out []parallax.Derivation
	err = queryEach(ctx, db.read, q, args, func(rows *sql.Rows) error {
		var (
			d     parallax.Derivation
			pairs string
		)
		if err := rows.Scan(&d.ArticleID, &d.SourceID, &d.Kind, &d.Coverage, &pairs); err != nil {
			return err
		}
		if err := decodeJSON(pairs, &d.Pairs); err != nil {
			return fmt.Errorf("article %d: %w", d.ArticleID, err)
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find derivations: %w", err)
	}
	return out, nil
}

// FindAssignments returns the story assignments of the given articles (all
// when ids is empty), ordered by article id.
func (db *DB) FindAssignments(ctx context.Context, ids []int64) ([]parallax.Assignment, error) {
	where, args, err := byArticle("article_id", ids)
	if err != nil {
		return nil, fmt.Errorf("find assignments: %w", err)
	}
	q := `SELECT article_id, story_id, similarity, threshold, reason, shared_terms, shared_names
FROM story_articles` + where + ` ORDER BY article_id`
	var out []parallax.Assignment
	err = queryEach(ctx, db.read, q, args, func(rows *sql.Rows) error {
		var (
			a            parallax.Assignment
			terms, names string
		)
		if err := rows.Scan(&a.ArticleID, &a.StoryID, &a.Similarity, &a.Threshold, &a.Reason, &terms, &names); err != nil {
			return err
		}
		if err := decodeJSON(terms, &a.SharedTerms); err != nil {
			return fmt.Errorf("article %d: %w", a.ArticleID, err)
		}
		if err := decodeJSON(names, &a.SharedNames); err != nil {
			return fmt.Errorf("article %d: %w", a.ArticleID, err)
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find assignments: %w", err)
	}
	return out, nil
}

// FindAnalyses returns the analyses of the given articles (all when ids is
// empty) that have been analysed, ordered by article id. Mentions, quotes
// and claims come in the order they were saved; an empty list is nil.
func (db *DB) FindAnalyses(ctx context.Context, ids []int64) ([]parallax.Analysis, error) {
	out, err := db.findAnalyses(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("find analyses: %w", err)
	}
	return out, nil
}

func (db *DB) findAnalyses(ctx context.Context, ids []int64) ([]parallax.Analysis, error) {
	where, args, err := byArticle("article_id", ids)
	if err != nil {
		return nil, err
	}
	var out []parallax.Analysis
	err = db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = readAnalyses(ctx, tx, where, args)
		return err
	})
	return out, err
}

// readAnalyses reads the analyses selected by where and args in tx.
func readAnalyses(ctx context.Context, tx *sql.Tx, where string, args []any) ([]parallax.Analysis, error) {
	var out []parallax.Analysis
	index := map[int64]int{}
	err := queryEach(ctx, tx, `SELECT article_id FROM analyses`+where+` ORDER BY article_id`, args, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		index[id] = len(out)
		out = append(out, parallax.Analysis{ArticleID: id})
		return nil
	})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	q := `SELECT article_id, text, kind, start_offset, end_offset, sentence, role, canonical FROM mentions` +
		where + ` ORDER BY article_id, ord`
	err = queryEach(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			id int64
			m  parallax.Mention
		)
		if err := rows.Scan(&id, &m.Text, &m.Kind, &m.Start, &m.End, &m.Sentence, &m.Role, &m.Canonical); err != nil {
			return err
		}
		an := &out[index[id]]
		an.Mentions = append(an.Mentions, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	q = `SELECT article_id, speaker, text, kind, cue, start_offset, end_offset, article_ids, parts,
    speaker_start, speaker_end, cue_start, cue_end FROM quotes` +
		where + ` ORDER BY article_id, ord`
	err = queryEach(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			id     int64
			qt     parallax.Quote
			idList string
			parts  string
		)
		if err := rows.Scan(&id, &qt.Speaker, &qt.Text, &qt.Kind, &qt.Cue, &qt.Start, &qt.End, &idList, &parts,
			&qt.SpeakerSpan.Start, &qt.SpeakerSpan.End, &qt.CueSpan.Start, &qt.CueSpan.End); err != nil {
			return err
		}
		if err := decodeJSON(idList, &qt.ArticleIDs); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		if err := decodeJSON(parts, &qt.Parts); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		an := &out[index[id]]
		an.Quotes = append(an.Quotes, qt)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	q = `SELECT article_id, subject, attribute, value, normalized, evidence, sentence, unit, value_start,
    value_end FROM claims` +
		where + ` ORDER BY article_id, ord`
	err = queryEach(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			id int64
			c  parallax.Claim
		)
		if err := rows.Scan(&id, &c.Subject, &c.Attribute, &c.Value, &c.Normalized, &c.Evidence, &c.Sentence,
			&c.Unit, &c.ValueSpan.Start, &c.ValueSpan.End); err != nil {
			return err
		}
		an := &out[index[id]]
		an.Claims = append(an.Claims, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return out, nil
}
