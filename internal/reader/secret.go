package reader

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// SecretBytes is the number of random bytes in a secret.
const SecretBytes = 32

// NewSecret returns 32 bytes from crypto/rand as unpadded base64url (43
// characters): a session cookie's value or an API token.
func NewSecret() (string, error) {
	b := make([]byte, SecretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// csrfLabel is the message the CSRF token authenticates; a different label
// would give a different token from the same session secret.
const csrfLabel = "csrf"

// CSRFToken returns the CSRF token of a session: hex HMAC-SHA256 of "csrf"
// keyed with the session's secret. It needs no storage (the secret is in
// the cookie, the token in the form) and reveals nothing about the secret.
// An empty secret has no token ("").
func CSRFToken(sessionSecret string) string {
	if sessionSecret == "" {
		return ""
	}
	m := hmac.New(sha256.New, []byte(sessionSecret))
	m.Write([]byte(csrfLabel))
	return hex.EncodeToString(m.Sum(nil))
}

// CheckCSRF reports whether token is the CSRF token of sessionSecret,
// comparing in constant time. It is false when either is empty.
func CheckCSRF(sessionSecret, token string) bool {
	if sessionSecret == "" || token == "" {
		return false
	}
	return hmac.Equal([]byte(CSRFToken(sessionSecret)), []byte(token))
}
