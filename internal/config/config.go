// Package config builds Parallax's configuration once, from the global
// command-line flags and PARALLAX_* environment variables, and validates it.
// There is no package-level state: callers pass the Config by value.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// DefaultMaxSize is the default cap on one input document (10 MiB).
const DefaultMaxSize = 10 << 20

// Config is the validated global configuration.
type Config struct {
	// DB is the store's DSN: a file path (SQLite) or a postgres:// URL.
	DB string
	// DBExplicit is true when DB came from --db or PARALLAX_DB rather than
	// the default location.
	DBExplicit bool
	// MaxSize caps one input document's size in bytes.
	MaxSize int64
	// Quiet turns off progress output.
	Quiet bool
}

// Usage is the global part of the command-line help.
const Usage = `global flags (before the command):
  --db DSN        store: a file path (SQLite) or postgres://… (env PARALLAX_DB;
                  default $XDG_DATA_HOME/parallax/parallax.db)
  --max-size N    cap on one input's size in bytes, or with KiB/MiB suffix
                  (env PARALLAX_MAX_SIZE; default 10MiB)
  --quiet         no progress bars or log lines (env PARALLAX_QUIET=1)
`

// Parse reads the global flags at the start of args and the PARALLAX_*
// environment variables. It returns the configuration and the remaining
// arguments (the command and its own flags).
func Parse(args []string, getenv func(string) string) (Config, []string, error) {
	fs := flag.NewFlagSet("parallax", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "store DSN")
	maxSize := fs.String("max-size", "", "size cap")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return Config{}, nil, fmt.Errorf("%w\n%s", err, Usage)
	}
	cfg := Config{DB: *db, Quiet: *quiet || getenv("PARALLAX_QUIET") == "1"}
	if cfg.DB == "" {
		cfg.DB = getenv("PARALLAX_DB")
	}
	cfg.DBExplicit = cfg.DB != ""
	if !cfg.DBExplicit {
		p, err := DefaultDBPath(getenv)
		if err != nil {
			return Config{}, nil, err
		}
		cfg.DB = p
	}
	size := *maxSize
	if size == "" {
		size = getenv("PARALLAX_MAX_SIZE")
	}
	cfg.MaxSize = DefaultMaxSize
	if size != "" {
		n, err := ParseSize(size)
		if err != nil {
			return Config{}, nil, fmt.Errorf("max size: %w", err)
		}
		cfg.MaxSize = n
	}
	return cfg, fs.Args(), nil
}

// DefaultDBPath is parallax.db in $XDG_DATA_HOME/parallax, falling back to
// ~/.local/share/parallax.
func DefaultDBPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "parallax", "parallax.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("no --db given and no home folder to keep the default store in")
		}
	}
	return filepath.Join(home, ".local", "share", "parallax", "parallax.db"), nil
}

// ParseSize reads a byte count with an optional KiB/MiB/GiB (or K/M/G) suffix.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	lower := strings.ToLower(s)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if strings.HasSuffix(lower, u.suffix) {
			mult = u.mult
			s = strings.TrimSpace(s[:len(s)-len(u.suffix)])
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive size", s)
	}
	return n * mult, nil
}
