// Package shared locates the ../shared folder that sits beside the
// repository (seeds, benchmark data) for tests and evaluations. It does not
// read the data itself.
package shared

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the path of ../shared/<sub> next to the module root, or of
// $PARALLAX_SHARED/<sub> when that is set.
func Dir(sub string) (string, error) {
	if root := os.Getenv("PARALLAX_SHARED"); root != "" {
		return existing(filepath.Join(root, sub))
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("shared %s: %w", sub, err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return existing(filepath.Join(dir, "..", "shared", sub))
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("shared %s: no go.mod above %s", sub, wd)
		}
	}
}

func existing(p string) (string, error) {
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("shared folder %s: %w", p, err)
	}
	return filepath.Clean(p), nil
}

// TestDir returns ../shared/<sub> for a test. When the folder is missing the
// test fails if PARALLAX_REQUIRE_SHARED=1 (as in CI) and is skipped with a
// message otherwise.
func TestDir(t testing.TB, sub string) string {
	t.Helper()
	p, err := Dir(sub)
	if err == nil {
		return p
	}
	if os.Getenv("PARALLAX_REQUIRE_SHARED") == "1" {
		t.Fatalf("PARALLAX_REQUIRE_SHARED=1 but %v", err)
	}
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("skipping: %v (set PARALLAX_REQUIRE_SHARED=1 to fail instead)", err)
	}
	t.Skipf("skipping: %v", err)
	return ""
}
