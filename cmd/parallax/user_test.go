package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("correct horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "--db", db, "user", "add", "ana", "--password-file", pw); !strings.Contains(out, "reader 1 (ana) added") {
		t.Errorf("user add: %q", out)
	}
	if _, _, err := runCLI(t, "--db", db, "user", "add", "ANA", "--password-file", pw); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("adding a taken name (other case): %v", err)
	}
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("abc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "user", "add", "ben", "--password-file", short); err == nil {
		t.Error("a 3-character password was accepted")
	}
	if _, _, err := runCLI(t, "--db", db, "user", "add", "a/b", "--password-file", pw); err == nil {
		t.Error("a name with a slash was accepted")
	}
	if _, _, err := runCLI(t, "--db", db, "user", "add", "cat"); err == nil || !strings.Contains(err.Error(), "--password-file") {
		t.Errorf("no terminal and no password file: %v", err)
	}
	if out := mustRun(t, "--db", db, "user", "passwd", "ana", "--password-file", pw); !strings.Contains(out, "password of ana changed") {
		t.Errorf("user passwd: %q", out)
	}
	var users []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "user", "list", "--json")), &users); err != nil || len(users) != 1 || users[0].Name != "ana" {
		t.Errorf("user list --json: %+v %v", users, err)
	}
	secret := strings.TrimSpace(mustRun(t, "--db", db, "token", "create", "--name", "ana-phone", "--user", "ana"))
	if !strings.HasPrefix(secret, "plx_") {
		t.Fatalf("token create --user printed %q", secret)
	}
	if list := mustRun(t, "--db", db, "token", "list"); !strings.Contains(list, "ana-phone\treader 1") {
		t.Errorf("token list does not show the owner: %q", list)
	}
	if _, _, err := runCLI(t, "--db", db, "token", "create", "--user", "nobody"); err == nil {
		t.Error("a token for an unknown reader was made")
	}
}

func TestServeNoSignInLoopbackOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	_, _, err := runCLI(t, "--db", db, "serve", "--no-sign-in", "--addr", "0.0.0.0:0")
	if err == nil || !strings.Contains(err.Error(), "loopback only") {
		t.Errorf("serve --no-sign-in on 0.0.0.0: %v, want a refusal", err)
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0"} {
		if err := (serveOptions{reader: "r"}).check(addr); err != nil {
			t.Errorf("%s: %v", addr, err)
		}
	}
	if err := (serveOptions{reader: "r", anywhere: true}).check("0.0.0.0:8080"); err != nil {
		t.Errorf("--listen-anywhere: %v", err)
	}
	if err := (serveOptions{}).check("0.0.0.0:8080"); err != nil {
		t.Errorf("sign-in on: %v", err)
	}
}

// A long password of multi-byte characters is read whole, or refused when
// over the limit, never cut.
func TestPasswordFileLong(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	ok := filepath.Join(dir, "ok")
	if err := os.WriteFile(ok, []byte(strings.Repeat("é", 600)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "user", "add", "ana", "--password-file", ok)
	long := filepath.Join(dir, "long")
	if err := os.WriteFile(long, []byte(strings.Repeat("é", 1100)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "user", "add", "ben", "--password-file", long); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a 1,100-character password: %v, want a refusal", err)
	}
}
