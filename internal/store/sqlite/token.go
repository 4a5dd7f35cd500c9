package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
)

// CreateToken stores t under the hash of its secret, owned by t.UserID
// (none when 0; ErrNotFound when no such user).
func (db *DB) CreateToken(ctx context.Context, t *parallax.Token, hash string) error {
	at, err := encodeTime(t.CreatedAt)
	if err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, err)
	}
	var user any // NULL for an install token
	if t.UserID != 0 {
		user = t.UserID
	}
	res, err := db.write.ExecContext(ctx, `INSERT INTO api_tokens (name, hash, created_at, user_id) VALUES (?, ?, ?, ?)`,
		t.Name, hash, at, user)
	if err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, mapErr(err))
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, err)
	}
	return nil
}

// FindTokenByHash returns the live token stored under hash.
func (db *DB) FindTokenByHash(ctx context.Context, hash string) (*parallax.Token, error) {
	row := db.read.QueryRowContext(ctx, `SELECT id, name, created_at, revoked_at, COALESCE(user_id, 0) FROM api_tokens
WHERE hash = ? AND revoked_at IS NULL`, hash)
	t, err := scanToken(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find token: %w", parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	return t, nil
}

// FindTokens returns every token by ID.
func (db *DB) FindTokens(ctx context.Context) ([]*parallax.Token, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, created_at, revoked_at, COALESCE(user_id, 0) FROM api_tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	var out []*parallax.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("find tokens: %w", err), rows.Close())
		}
		out = append(out, t)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	return out, nil
}

// RevokeToken marks the token revoked now.
func (db *DB) RevokeToken(ctx context.Context, id int64) error {
	at, err := encodeTime(time.Now())
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	res, err := db.write.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, at, id)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("revoke token %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

func scanToken(row interface{ Scan(...any) error }) (*parallax.Token, error) {
	var t parallax.Token
	var created, revoked sql.NullString
	if err := row.Scan(&t.ID, &t.Name, &created, &revoked, &t.UserID); err != nil {
		return nil, err
	}
	var d timeDecoder
	t.CreatedAt, t.RevokedAt = d.time(created), d.time(revoked)
	return &t, d.err
}
