package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// CreateToken stores t under the hash of its secret, owned by t.UserID
// (none when 0; ErrNotFound when no such user).
func (db *DB) CreateToken(ctx context.Context, t *parallax.Token, hash string) error {
	at, err := encodeTime(t.CreatedAt)
	if err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, err)
	}
	var user *int64 // NULL for an install token
	if t.UserID != 0 {
		user = &t.UserID
	}
	err = db.pool.QueryRow(ctx, `INSERT INTO api_tokens (name, hash, created_at, user_id) VALUES ($1, $2, $3, $4) RETURNING id`,
		t.Name, hash, at, user).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, mapErr(err))
	}
	return nil
}

// FindTokenByHash returns the live token stored under hash.
func (db *DB) FindTokenByHash(ctx context.Context, hash string) (*parallax.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, created_at, revoked_at, COALESCE(user_id, 0) FROM api_tokens
WHERE hash = $1 AND revoked_at IS NULL`, hash)
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	t, err := pgx.CollectExactlyOneRow(rows, scanToken)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("find token: %w", parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	return t, nil
}

// FindTokens returns every token by ID.
func (db *DB) FindTokens(ctx context.Context) ([]*parallax.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, created_at, revoked_at, COALESCE(user_id, 0) FROM api_tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanToken)
	if err != nil {
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
	tag, err := db.pool.Exec(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, at, id)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("revoke token %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

func scanToken(r pgx.CollectableRow) (*parallax.Token, error) {
	var t parallax.Token
	var created, revoked *string
	if err := r.Scan(&t.ID, &t.Name, &created, &revoked, &t.UserID); err != nil {
		return nil, err
	}
	var d timeDecoder
	t.CreatedAt, t.RevokedAt = d.time(created), d.time(revoked)
	return &t, d.err
}
