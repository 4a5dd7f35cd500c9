package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// Open opens the store dsn names. A postgres:// or postgresql:// URL is a
// PostgreSQL database (internal/store/postgres); any other URL scheme is
// refused with parallax.ErrUnsupported; anything else is the path of an
// SQLite file, created (with its parent folders) when missing.
func Open(ctx context.Context, dsn string) (parallax.Store, error) {
	if dsn == "" {
		return nil, errors.New("open database: empty path")
	}
	if scheme, _, ok := strings.Cut(dsn, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		switch strings.ToLower(scheme) {
		case "postgres", "postgresql":
			// pgx knows the schemes in lower case only.
			db, err := postgres.Open(ctx, strings.ToLower(scheme)+dsn[len(scheme):])
			if err != nil {
				return nil, err
			}
			return db, nil
		default:
			return nil, fmt.Errorf("open database: scheme %q is %w", scheme, parallax.ErrUnsupported)
		}
	}
	if err := os.MkdirAll(filepath.Dir(dsn), 0o700); err != nil {
		return nil, fmt.Errorf("open database %s: %w", dsn, err)
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// DefaultPath returns where the database lives when none is named:
// $XDG_DATA_HOME/parallax/parallax.db, else
// $HOME/.local/share/parallax/parallax.db.
func DefaultPath(getenv func(string) string) (string, error) {
	// The XDG base directory spec says to ignore a relative XDG_DATA_HOME.
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "parallax", "parallax.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("default database path: neither XDG_DATA_HOME nor HOME is set")
	}
	return filepath.Join(home, ".local", "share", "parallax", "parallax.db"), nil
}
