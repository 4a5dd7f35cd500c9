package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store"
)

const tokenUsage = "token create [--name NAME] [--user READER] | token list [--json] | token revoke ID"

// runToken manages the API tokens that POST /api/v1/ingest requires. A new
// token's secret is printed once; the store keeps only its hash.
func runToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("token: want a subcommand: %s", tokenUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	name := fs.String("name", "api", "a name to tell the token apart (create)")
	jsonOut := fs.Bool("json", false, "print JSON (list)")
	user := fs.String("user", "", "the reader the token acts for (create); without it, an install token that may ingest")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, e.cfg.DB)
	if err != nil {
		return fmt.Errorf("token: open store %s: %w", e.cfg.DB, err)
	}
	defer st.Close()
	ts, ok := st.(parallax.TokenStore)
	if !ok {
		return fmt.Errorf("token: the %T store keeps no tokens: %w", st, parallax.ErrUnsupported)
	}
	switch sub {
	case "create":
		secret, err := parallax.NewTokenSecret()
		if err != nil {
			return fmt.Errorf("token create: %w", err)
		}
		t := &parallax.Token{Name: *name, CreatedAt: time.Now().UTC()}
		if *user != "" {
			rs, ok := st.(parallax.ReaderStore)
			if !ok {
				return fmt.Errorf("token create: the %T store keeps no readers: %w", st, parallax.ErrUnsupported)
			}
			u, _, err := rs.FindUserByName(ctx, *user)
			if err != nil {
				return fmt.Errorf("token create --user %s: %w", *user, err)
			}
			t.UserID = u.ID
		}
		if err := ts.CreateToken(ctx, t, parallax.HashToken(secret)); err != nil {
			return fmt.Errorf("token create: %w", err)
		}
		owner := "an install token"
		if *user != "" {
			owner = "acting for " + *user
		}
		fmt.Fprintf(e.stderr, "token %d (%s, %s) created; it is shown once, send it as \"Authorization: Bearer TOKEN\":\n", t.ID, t.Name, owner)
		fmt.Fprintln(e.stdout, secret)
		return nil
	case "list":
		tokens, err := ts.FindTokens(ctx)
		if err != nil {
			return fmt.Errorf("token list: %w", err)
		}
		if *jsonOut {
			if tokens == nil {
				tokens = []*parallax.Token{}
			}
			return writeJSON(e.stdout, tokens)
		}
		for _, t := range tokens {
			state := "live"
			if !t.RevokedAt.IsZero() {
				state = "revoked " + t.RevokedAt.UTC().Format(time.RFC3339)
			}
			owner := "install"
			if t.UserID != 0 {
				owner = fmt.Sprintf("reader %d", t.UserID)
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\tcreated %s\t%s\n", t.ID, t.Name, owner, t.CreatedAt.UTC().Format(time.RFC3339), state)
		}
		return nil
	case "revoke":
		if len(pos) != 1 {
			return fmt.Errorf("token revoke: want exactly one ID")
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return fmt.Errorf("token revoke: %q is not an ID", pos[0])
		}
		if err := ts.RevokeToken(ctx, id); err != nil {
			return fmt.Errorf("token revoke: %w", err)
		}
		fmt.Fprintf(e.stdout, "token %d revoked\n", id)
		return nil
	default:
		return fmt.Errorf("token: unknown subcommand %q: %s", sub, tokenUsage)
	}
}
