package dedup

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/shared"
)

var fingerprintCases = []string{
	"",
	"One.",
	"The U.S. economy grew 1.5 percent in Q3. Officials said so.\nNext line, e.g. this one.",
	"“Quoted,” he said. 'Single' quotes... and ellipses! Really? Yes.",
	"end.Next word without space. 880,000 people, 3.14 and 28-point plan.",
	"  leading spaces\n\n\ttabs and\r\nwindows lines  ",
	"Zelensky’s plan: Donetsk—Luhansk; Kherson/Zaporizhzhia (2026).",
	"Dr. Smith met Mr. Jones at 5 p.m. on Jan. 3. They talked.",
	"- bullet one\n• bullet two\n1. numbered\n2) numbered",
}

// TestFingerprintBySentence checks that the index, which fingerprints an
// article from the tokens of its sentences, gets FingerprintOf's result.
func TestFingerprintBySentence(t *testing.T) {
	cases := append([]string(nil), fingerprintCases...)
	if dir, err := shared.Dir("seeds"); err == nil {
		paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, string(b))
		}
	}
	for i, body := range cases {
		checkFingerprint(t, i, body)
	}
}

func FuzzFingerprintBySentence(f *testing.F) {
	for _, c := range fingerprintCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, body string) { checkFingerprint(t, 0, body) })
}

func checkFingerprint(t *testing.T, i int, body string) {
	t.Helper()
	ix := NewIndex(Config{MaxSentences: 3})
	_, _, got := ix.prepare(Doc{ID: 1, Text: body})
	if want := FingerprintOf(body); got != want {
		t.Errorf("case %d: prepare fingerprint %+v, FingerprintOf %+v (%q)", i, got, want, body)
	}
}
