package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

func TestOpenPostgres(t *testing.T) {
	s, err := store.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if _, ok := s.(*postgres.DB); !ok {
		t.Errorf("Open(postgres URL) = %T, want *postgres.DB", s)
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	// Port 1 on the loopback: refused at once, without DNS.
	for _, dsn := range []string{
		"postgres://parallax:secret@127.0.0.1:1/parallax?connect_timeout=5",
		"POSTGRESQL://parallax:secret@127.0.0.1:1/parallax?connect_timeout=5",
	} {
		_, err := store.Open(context.Background(), dsn)
		if err == nil || errors.Is(err, parallax.ErrUnsupported) {
			t.Fatalf("Open(%q): err=%v, want a connection error", dsn, err)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q): error %q shows the password", dsn, err)
		}
	}
}
