package parallax

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Token is an API token: the secret is shown once when made and only its
// hash is stored.
type Token struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// UserID is the reader the token acts for; 0 for an install token
	// (made without --user), which may ingest but has no reader's data.
	UserID    int64     `json:"user_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

// tokenPrefix marks Parallax tokens so that secret scanners can find them.
const tokenPrefix = "plx_"

// NewTokenSecret returns a fresh random secret (32 bytes, hex, prefixed).
func NewTokenSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("token secret: %w", err)
	}
	return tokenPrefix + hex.EncodeToString(b[:]), nil
}

// HashToken returns the stored form of a secret: hex SHA-256. Secrets are
// 256 random bits, so a fast hash is enough (no password stretching).
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	return hex.EncodeToString(sum[:])
}

// TokenStore keeps API tokens, hashed.
type TokenStore interface {
	// CreateToken stores a token under the hash of its secret and fills in
	// its ID (the caller sets CreatedAt). A hash already stored is
	// ErrConflict.
	CreateToken(ctx context.Context, t *Token, hash string) error
	// FindTokenByHash returns the live (not revoked) token with that hash,
	// or ErrNotFound.
	FindTokenByHash(ctx context.Context, hash string) (*Token, error)
	// FindTokens returns every token, revoked ones too, ordered by ID.
	FindTokens(ctx context.Context) ([]*Token, error)
	// RevokeToken marks a token revoked; ErrNotFound when there is none.
	RevokeToken(ctx context.Context, id int64) error
}
