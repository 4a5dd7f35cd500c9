package reader

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password length limits, in characters (runes). The upper bound keeps a
// sign-in request from costing more than a normal one.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 1024
)

// Params are the argon2id cost parameters of a password hash.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen int // bytes
	KeyLen  int // bytes
}

// DefaultParams are the parameters new hashes use: OWASP's argon2id
// recommendation (19 MiB, 2 passes, 1 lane). RFC 9106's second recommended
// option (64 MiB, 3 passes, 4 lanes) takes several times longer and would
// starve a 2-core server under a burst of sign-ins; OWASP rates these two as
// equivalent in strength against GPU attackers.
var DefaultParams = Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash, so that a corrupt or hostile
// hash cannot make CheckPassword allocate gigabytes or spin for minutes.
const (
	maxMemory  = 256 * 1024 // KiB
	maxTime    = 16
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// Password errors. HashPassword wraps ErrPasswordTooShort or
// ErrPasswordTooLong; CheckPassword wraps ErrMalformedHash.
var (
	ErrPasswordTooShort = errors.New("password too short")
	ErrPasswordTooLong  = errors.New("password too long")
	ErrMalformedHash    = errors.New("malformed password hash")
)

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of pw as a PHC string,
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", with a fresh random salt.
func HashPassword(pw string) (string, error) {
	if err := checkLen(pw); err != nil {
		return "", err
	}
	return hashWith(pw, DefaultParams)
}

func hashWith(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(p.KeyLen))
	return FormatHash(p, salt, key), nil
}

// FormatHash writes an argon2id PHC string from its parts (p's SaltLen and
// KeyLen are not written: the lengths of salt and key are the record).
func FormatHash(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

func checkLen(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen {
		return fmt.Errorf("%w: %d characters, at least %d needed", ErrPasswordTooShort, n, MinPasswordLen)
	}
	if n > MaxPasswordLen {
		return fmt.Errorf("%w: %d characters, at most %d allowed", ErrPasswordTooLong, n, MaxPasswordLen)
	}
	return nil
}

// CheckPassword reports whether pw matches the PHC string phc, comparing in
// constant time with the parameters, salt and length the string records.
// A malformed phc is an error (wrapping ErrMalformedHash); a password
// outside the length limits never matches.
func CheckPassword(phc, pw string) (bool, error) {
	p, salt, want, err := ParseHash(phc)
	if err != nil {
		return false, err
	}
	if checkLen(pw) != nil {
		return false, nil
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NeedsRehash reports whether a stored hash was made with parameters other
// than DefaultParams (or cannot be read), so that the server can store a
// fresh hash after the next successful sign-in.
func NeedsRehash(phc string) bool {
	p, salt, key, err := ParseHash(phc)
	if err != nil {
		return true
	}
	return p.Memory != DefaultParams.Memory || p.Time != DefaultParams.Time || p.Threads != DefaultParams.Threads ||
		len(salt) != DefaultParams.SaltLen || len(key) != DefaultParams.KeyLen
}

// ParseHash reads an argon2id PHC string into its parameters, salt and key.
// Errors wrap ErrMalformedHash and never quote the salt or key.
func ParseHash(phc string) (Params, []byte, []byte, error) {
	var p Params
	bad := func(format string, a ...any) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, fmt.Sprintf(format, a...))
	}
	parts := strings.Split(phc, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 || parts[0] != "" {
		return bad("want 5 fields separated by '$', got %d", len(parts)-1)
	}
	if parts[1] != "argon2id" {
		return bad("algorithm %.20q, want argon2id", parts[1])
	}
	v, ok := strings.CutPrefix(parts[2], "v=")
	if !ok {
		return bad("version field %.20q, want v=%d", parts[2], argon2.Version)
	}
	if n, err := strconv.Atoi(v); err != nil || n != argon2.Version {
		return bad("version %.20q, want %d", v, argon2.Version)
	}
	var seen [3]bool
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return bad("parameters %.40q, want m=,t=,p=", parts[3])
	}
	for _, f := range fields {
		name, val, ok := strings.Cut(f, "=")
		if !ok {
			return bad("parameter %.20q has no value", f)
		}
		n, err := strconv.ParseUint(val, 10, 32)
		if err != nil || (len(val) > 1 && val[0] == '0') {
			return bad("parameter %.20q is not a number", f)
		}
		var i int
		switch name {
		case "m":
			i = 0
			if n < 8 || n > maxMemory {
				return bad("memory %d KiB out of range 8..%d", n, maxMemory)
			}
			p.Memory = uint32(n)
		case "t":
			i = 1
			if n < 1 || n > maxTime {
				return bad("time %d out of range 1..%d", n, maxTime)
			}
			p.Time = uint32(n)
		case "p":
			i = 2
			if n < 1 || n > 255 {
				return bad("parallelism %d out of range 1..255", n)
			}
			p.Threads = uint8(n)
		default:
			return bad("unknown parameter %.20q", name)
		}
		if seen[i] {
			return bad("parameter %q given twice", name)
		}
		seen[i] = true
	}
	if p.Memory < 8*uint32(p.Threads) {
		return bad("memory %d KiB below 8 KiB per lane (%d lanes)", p.Memory, p.Threads)
	}
	salt, err := b64.Strict().DecodeString(parts[4])
	if err != nil {
		return bad("salt is not unpadded base64")
	}
	if len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return bad("salt of %d bytes, want %d..%d", len(salt), minSaltLen, maxSaltLen)
	}
	key, err := b64.Strict().DecodeString(parts[5])
	if err != nil {
		return bad("hash is not unpadded base64")
	}
	if len(key) < minKeyLen || len(key) > maxKeyLen {
		return bad("hash of %d bytes, want %d..%d", len(key), minKeyLen, maxKeyLen)
	}
	p.SaltLen, p.KeyLen = len(salt), len(key)
	return p, salt, key, nil
}
