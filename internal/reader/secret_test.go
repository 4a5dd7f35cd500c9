package reader_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/reader"
)

func TestNewSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s, err := reader.NewSecret()
		if err != nil {
			t.Fatal(err)
		}
		if len(s) != 43 || strings.ContainsAny(s, "+/=") {
			t.Fatalf("NewSecret=%q, want 43 base64url characters without padding", s)
		}
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || len(b) != 32 {
			t.Fatalf("NewSecret=%q decodes to %d bytes (%v), want 32", s, len(b), err)
		}
		if seen[s] {
			t.Fatalf("NewSecret repeated %q", s)
		}
		seen[s] = true
	}
}

func TestCSRF(t *testing.T) {
	const secret = "c2Vzc2lvbi1zZWNyZXQtb25lLWZvci10ZXN0aW5nLW9ubHk"
	tok := reader.CSRFToken(secret)
	if len(tok) != 64 || strings.Trim(tok, "0123456789abcdef") != "" {
		t.Fatalf("CSRFToken=%q, want 64 lower-case hex digits", tok)
	}
	if tok != reader.CSRFToken(secret) {
		t.Fatalf("CSRFToken is not deterministic")
	}
	if reader.CSRFToken("") != "" {
		t.Fatalf("CSRFToken(\"\")=%q, want empty", reader.CSRFToken(""))
	}
	tests := []struct {
		name   string
		secret string
		token  string
		want   bool
	}{
		{"right", secret, tok, true},
		{"other session", secret + "x", tok, false},
		{"upper case", secret, strings.ToUpper(tok), false},
		{"truncated", secret, tok[:63], false},
		{"empty token", secret, "", false},
		{"empty secret", "", tok, false},
		{"both empty", "", "", false},
		{"secret as token", secret, secret, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reader.CheckCSRF(tt.secret, tt.token); got != tt.want {
				t.Fatalf("CheckCSRF=%v, want %v", got, tt.want)
			}
		})
	}
}
