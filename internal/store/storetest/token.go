package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

func testTokens(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	ts, ok := s.(parallax.TokenStore)
	if !ok {
		t.Fatalf("%T is not a parallax.TokenStore", s)
	}
	// a is an install token (no user), b acts for a reader.
	owner := newUser(t, readerStore(t, s), "ana")
	a := &parallax.Token{Name: "ci", CreatedAt: when(24, 1)}
	b := &parallax.Token{Name: "laptop", UserID: owner.ID, CreatedAt: when(24, 2)}
	for _, tk := range []struct {
		t    *parallax.Token
		hash string
	}{{a, parallax.HashToken("secret-a")}, {b, parallax.HashToken("secret-b")}} {
		if err := ts.CreateToken(ctx, tk.t, tk.hash); err != nil {
			t.Fatalf("CreateToken(%s): %v", tk.t.Name, err)
		}
	}
	if a.ID == 0 || b.ID == 0 || a.ID == b.ID {
		t.Fatalf("token IDs %d and %d, want distinct and set", a.ID, b.ID)
	}
	if err := ts.CreateToken(ctx, &parallax.Token{Name: "dup"}, parallax.HashToken("secret-a")); !errors.Is(err, parallax.ErrConflict) {
		t.Errorf("CreateToken with a stored hash: %v, want ErrConflict", err)
	}
	got, err := ts.FindTokenByHash(ctx, parallax.HashToken("secret-b"))
	if err != nil {
		t.Fatalf("FindTokenByHash: %v", err)
	}
	if !got.CreatedAt.Equal(b.CreatedAt) || got.ID != b.ID || got.Name != b.Name || got.UserID != owner.ID {
		t.Errorf("FindTokenByHash = %+v, want %+v", got, b)
	}
	if err := ts.CreateToken(ctx, &parallax.Token{Name: "stray", UserID: owner.ID + 100}, parallax.HashToken("secret-d")); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("CreateToken for an unknown user: %v, want ErrNotFound", err)
	}
	if _, err := ts.FindTokenByHash(ctx, parallax.HashToken("secret-c")); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("FindTokenByHash(unknown): %v, want ErrNotFound", err)
	}
	if err := ts.RevokeToken(ctx, a.ID); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if _, err := ts.FindTokenByHash(ctx, parallax.HashToken("secret-a")); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("FindTokenByHash(revoked): %v, want ErrNotFound", err)
	}
	if err := ts.RevokeToken(ctx, b.ID+100); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("RevokeToken(unknown): %v, want ErrNotFound", err)
	}
	all, err := ts.FindTokens(ctx)
	if err != nil {
		t.Fatalf("FindTokens: %v", err)
	}
	type owned struct {
		Name   string
		UserID int64
	}
	var names []owned
	for _, tk := range all {
		names = append(names, owned{tk.Name, tk.UserID})
	}
	if diff := cmp.Diff([]owned{{"ci", 0}, {"laptop", owner.ID}}, names); diff != "" {
		t.Errorf("FindTokens names and owners (-want +got):\n%s", diff)
	}
	if len(all) == 2 && (all[0].RevokedAt.IsZero() || !all[1].RevokedAt.IsZero()) {
		t.Errorf("FindTokens revoked times %v, %v; want only the first set", all[0].RevokedAt, all[1].RevokedAt)
	}
}
