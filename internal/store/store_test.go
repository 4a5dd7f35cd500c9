package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store"
)

func TestOpenUnsupported(t *testing.T) {
	for _, dsn := range []string{"mysql://localhost/p", "sqlite://x.db"} {
		t.Run(dsn, func(t *testing.T) {
			s, err := store.Open(context.Background(), dsn)
			if !errors.Is(err, parallax.ErrUnsupported) {
				t.Fatalf("Open(%q): err=%v, want parallax.ErrUnsupported", dsn, err)
			}
			if s != nil {
				t.Errorf("Open(%q) returned a store with its error", dsn)
			}
		})
	}
}

func TestOpenCreatesFolders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "parallax.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file: %v", err)
	}
}

func TestOpenEmpty(t *testing.T) {
	if _, err := store.Open(context.Background(), ""); err == nil {
		t.Error("Open(\"\"): nil error, want one")
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr bool
	}{
		{"xdg", map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/u"}, "/data/parallax/parallax.db", false},
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/parallax/parallax.db", false},
		{"relative xdg ignored", map[string]string{"XDG_DATA_HOME": "data", "HOME": "/home/u"}, "/home/u/.local/share/parallax/parallax.db", false},
		{"nothing", map[string]string{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.DefaultPath(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("DefaultPath: err=%v, wantErr %v", err, tt.wantErr)
			}
			if got != filepath.FromSlash(tt.want) {
				t.Errorf("DefaultPath = %q, want %q", got, tt.want)
			}
		})
	}
}
