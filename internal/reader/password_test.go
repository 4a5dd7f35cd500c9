package reader_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/reader"
)

func TestHashPasswordRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		pw   string
	}{
		{"ascii", "correct horse battery"},
		{"unicode", "pässwörd-ünïcödé"},
		{"exactly min", strings.Repeat("a", reader.MinPasswordLen)},
		{"exactly max", strings.Repeat("é", reader.MaxPasswordLen)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			phc, err := reader.HashPassword(tt.pw)
			if err != nil {
				t.Fatalf("HashPassword: %v", err)
			}
			if !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Fatalf("HashPassword=%q, want the argon2id prefix with m=19456,t=2,p=1", phc)
			}
			ok, err := reader.CheckPassword(phc, tt.pw)
			if err != nil || !ok {
				t.Fatalf("CheckPassword(right)=%v, %v, want true, nil", ok, err)
			}
			ok, err = reader.CheckPassword(phc, tt.pw+"x")
			if err != nil || ok {
				t.Fatalf("CheckPassword(wrong)=%v, %v, want false, nil", ok, err)
			}
			if reader.NeedsRehash(phc) {
				t.Fatalf("NeedsRehash(fresh hash)=true")
			}
		})
	}
}

func TestHashPasswordSaltsDiffer(t *testing.T) {
	a, err := reader.HashPassword("same password")
	if err != nil {
		t.Fatal(err)
	}
	b, err := reader.HashPassword("same password")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatalf("two hashes of one password are equal: %q", a)
	}
}

func TestHashPasswordLength(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		want error
	}{
		{"empty", "", reader.ErrPasswordTooShort},
		{"one short", strings.Repeat("a", reader.MinPasswordLen-1), reader.ErrPasswordTooShort},
		{"short in runes, long in bytes", strings.Repeat("é", reader.MinPasswordLen-1), reader.ErrPasswordTooShort},
		{"one long", strings.Repeat("a", reader.MaxPasswordLen+1), reader.ErrPasswordTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reader.HashPassword(tt.pw)
			if !errors.Is(err, tt.want) {
				t.Fatalf("HashPassword err=%v, want %v", err, tt.want)
			}
		})
	}
}

// TestCheckPasswordParams checks that the parameters are read from the
// string, not assumed: hashes made with other costs still verify.
func TestCheckPasswordParams(t *testing.T) {
	tests := []struct {
		name   string
		params reader.Params
	}{
		{"small", reader.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 8, KeyLen: 16}},
		{"two lanes", reader.Params{Memory: 256, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}},
		{"long key", reader.Params{Memory: 128, Time: 2, Threads: 4, SaltLen: 32, KeyLen: 64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			phc, err := reader.HashWith("password123", tt.params)
			if err != nil {
				t.Fatal(err)
			}
			p, _, _, err := reader.ParseHash(phc)
			if err != nil {
				t.Fatalf("ParseHash(%q): %v", phc, err)
			}
			if p != tt.params {
				t.Fatalf("ParseHash params=%+v, want %+v", p, tt.params)
			}
			if ok, err := reader.CheckPassword(phc, "password123"); !ok || err != nil {
				t.Fatalf("CheckPassword=%v, %v, want true", ok, err)
			}
			if ok, _ := reader.CheckPassword(phc, "password124"); ok {
				t.Fatalf("CheckPassword(wrong)=true")
			}
			if !reader.NeedsRehash(phc) {
				t.Fatalf("NeedsRehash(%+v)=false, want true", tt.params)
			}
		})
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good, err := reader.HashWith("password123", reader.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	tests := []struct {
		name string
		phc  string
	}{
		{"empty", ""},
		{"plain text", "password123"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"no leading dollar", "argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"missing key", "$argon2id$v=19$m=64,t=1,p=1$" + salt},
		{"extra field", good + "$x"},
		{"old version", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key},
		{"version not a number", "$argon2id$v=x$m=64,t=1,p=1$" + salt + "$" + key},
		{"no version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + key},
		{"params missing p", "$argon2id$v=19$m=64,t=1$" + salt + "$" + key},
		{"param twice", "$argon2id$v=19$m=64,t=1,t=1$" + salt + "$" + key},
		{"unknown param", "$argon2id$v=19$m=64,t=1,x=1$" + salt + "$" + key},
		{"negative", "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key},
		{"leading zero", "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key},
		{"zero time", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key},
		{"zero lanes", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key},
		{"memory too large", "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key},
		{"memory below lanes", "$argon2id$v=19$m=8,t=1,p=4$" + salt + "$" + key},
		{"time too large", "$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key},
		{"padded salt", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key},
		{"bad base64 salt", "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + key},
		{"short salt", "$argon2id$v=19$m=64,t=1,p=1$YWJj$" + key},
		{"short key", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$YWJj"},
		{"url base64 key", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + strings.NewReplacer("+", "-", "/", "_").Replace(key) + "-_"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := reader.CheckPassword(tt.phc, "password123")
			if ok || !errors.Is(err, reader.ErrMalformedHash) {
				t.Fatalf("CheckPassword(%q)=%v, %v, want false, ErrMalformedHash", tt.phc, ok, err)
			}
			if key != "" && strings.Contains(err.Error(), key) {
				t.Fatalf("error quotes the key: %v", err)
			}
			if !reader.NeedsRehash(tt.phc) {
				t.Fatalf("NeedsRehash(malformed)=false")
			}
		})
	}
}

func TestCheckPasswordOutOfLimits(t *testing.T) {
	phc, err := reader.HashWith("password123", reader.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"", "short", strings.Repeat("a", reader.MaxPasswordLen+1)} {
		if ok, err := reader.CheckPassword(phc, pw); ok || err != nil {
			t.Fatalf("CheckPassword(len %d)=%v, %v, want false, nil", len(pw), ok, err)
		}
	}
}

func FuzzCheckPassword(f *testing.F) {
	good, err := reader.HashWith("password123", reader.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "password123")
	f.Add(good, "password124")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$$", "")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", "password123")
	f.Add("$$$$$", "x")
	f.Fuzz(func(t *testing.T, phc, pw string) {
		p, salt, key, err := reader.ParseHash(phc)
		if err != nil {
			if !errors.Is(err, reader.ErrMalformedHash) {
				t.Fatalf("ParseHash(%q) err=%v, not ErrMalformedHash", phc, err)
			}
			if ok, err2 := reader.CheckPassword(phc, pw); ok || err2 == nil {
				t.Fatalf("CheckPassword(%q)=%v, %v after ParseHash failed", phc, ok, err2)
			}
			return
		}
		if p.SaltLen != len(salt) || p.KeyLen != len(key) || p.Memory == 0 || p.Time == 0 || p.Threads == 0 {
			t.Fatalf("ParseHash(%q)=%+v with salt %d, key %d bytes", phc, p, len(salt), len(key))
		}
		// Re-encoding gives a string that parses to the same parameters.
		if _, _, _, err := reader.ParseHash(reader.FormatHash(p, salt, key)); err != nil {
			t.Fatalf("ParseHash(FormatHash(%+v)): %v", p, err)
		}
		if p.Memory > 1024 || p.Time > 2 {
			return // valid but too costly to run on every input
		}
		if _, err := reader.CheckPassword(phc, pw); err != nil {
			t.Fatalf("CheckPassword(%q): %v after ParseHash succeeded", phc, err)
		}
	})
}
