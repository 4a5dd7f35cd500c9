package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
	"github.com/parallax-news/parallax/internal/store"
)

const userUsage = "user add NAME [--password-file FILE|-] | user passwd NAME [--password-file FILE|-] | user list [--json]"

// runUser manages readers' accounts. Passwords are read from a terminal
// without echo (asked twice), or from the first line of --password-file
// ("-" for standard input) for scripts; only their argon2id hash is
// stored.
func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("user: want a subcommand: %s", userUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	pwFile := fs.String("password-file", "", "read the password from the first line of FILE (- for standard input) instead of the terminal")
	jsonOut := fs.Bool("json", false, "print JSON (list)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, e.cfg.DB)
	if err != nil {
		return fmt.Errorf("user: open store %s: %w", e.cfg.DB, err)
	}
	defer st.Close()
	rs, ok := st.(parallax.ReaderStore)
	if !ok {
		return fmt.Errorf("user: the %T store keeps no readers: %w", st, parallax.ErrUnsupported)
	}
	switch sub {
	case "add", "passwd":
		if len(pos) != 1 {
			return fmt.Errorf("user %s: want exactly one NAME", sub)
		}
		name := strings.TrimSpace(pos[0])
		if err := validUserName(name); err != nil {
			return fmt.Errorf("user %s: %w", sub, err)
		}
		pw, err := readPassword(e, *pwFile)
		if err != nil {
			return fmt.Errorf("user %s %s: %w", sub, name, err)
		}
		hash, err := reader.HashPassword(pw)
		if err != nil {
			return fmt.Errorf("user %s %s: %w", sub, name, err)
		}
		if sub == "add" {
			u := &parallax.User{Name: name, CreatedAt: time.Now().UTC()}
			if err := rs.CreateUser(ctx, u, hash); err != nil {
				if errors.Is(err, parallax.ErrConflict) {
					return fmt.Errorf("user add: a reader named %q exists already (change a password with `parallax user passwd %s`)", name, name)
				}
				return fmt.Errorf("user add %s: %w", name, err)
			}
			fmt.Fprintf(e.stdout, "reader %d (%s) added\n", u.ID, u.Name)
			return nil
		}
		u, _, err := rs.FindUserByName(ctx, name)
		if err != nil {
			return fmt.Errorf("user passwd %s: %w", name, err)
		}
		if err := rs.SetPassword(ctx, u.ID, hash); err != nil {
			return fmt.Errorf("user passwd %s: %w", name, err)
		}
		if err := rs.DeleteSessions(ctx, u.ID); err != nil {
			return fmt.Errorf("user passwd %s: %w", name, err)
		}
		fmt.Fprintf(e.stdout, "password of %s changed; their sessions are signed out\n", u.Name)
		return nil
	case "list":
		users, err := rs.FindUsers(ctx)
		if err != nil {
			return fmt.Errorf("user list: %w", err)
		}
		if *jsonOut {
			if users == nil {
				users = []*parallax.User{}
			}
			return writeJSON(e.stdout, users)
		}
		for _, u := range users {
			fmt.Fprintf(e.stdout, "%d\t%s\tadded %s\n", u.ID, u.Name, u.CreatedAt.UTC().Format(time.RFC3339))
		}
		return nil
	default:
		return fmt.Errorf("user: unknown subcommand %q: %s", sub, userUsage)
	}
}

// validUserName accepts 1 to 64 printable characters without spaces at
// either end, no control characters and no slash (names appear in paths).
func validUserName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("a reader's name has 1 to 64 bytes, got %d", len(name))
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return fmt.Errorf("a reader's name %q has a control character or slash", name)
		}
	}
	return nil
}

// readPassword reads a password: from the first line of file ("-" is
// standard input), else from the terminal, asked twice without echo.
func readPassword(e *env, file string) (string, error) {
	if file != "" {
		var r io.Reader = os.Stdin
		if file != "-" {
			f, err := os.Open(file)
			if err != nil {
				return "", fmt.Errorf("password file: %w", err)
			}
			defer f.Close()
			r = f
		}
		// A character takes up to 4 bytes: read enough for the longest
		// password and its line end, and refuse a longer line rather than
		// cut it.
		line, err := bufio.NewReader(io.LimitReader(r, 4*reader.MaxPasswordLen+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("password file: %w", err)
		}
		pw := strings.TrimRight(line, "\r\n")
		if utf8.RuneCountInString(pw) > reader.MaxPasswordLen {
			return "", fmt.Errorf("password file: the password is longer than %d characters", reader.MaxPasswordLen)
		}
		return pw, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", errors.New("no terminal to ask the password on: give --password-file FILE (or - for standard input)")
	}
	fmt.Fprint(e.stderr, "Password: ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(e.stderr, "Again: ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	if string(a) != string(b) {
		return "", errors.New("the passwords differ")
	}
	return string(a), nil
}
