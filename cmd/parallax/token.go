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

const tokenUsage = "token create [--name NAME] | token list [--json] | token revoke ID"

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
		if err := ts.CreateToken(ctx, t, parallax.HashToken(secret)); err != nil {
			return fmt.Errorf("token create: %w", err)
		}
		fmt.Fprintf(e.stderr, "token %d (%s) created; it is shown once, send it as \"Authorization: Bearer TOKEN\":\n", t.ID, t.Name)
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
			fmt.Fprintf(e.stdout, "%d\t%s\tcreated %s\t%s\n", t.ID, t.Name, t.CreatedAt.UTC().Format(time.RFC3339), state)
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
