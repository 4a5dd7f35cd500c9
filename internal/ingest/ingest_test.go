package ingest_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/ingest"
)

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	latin1 := []byte("Caf\xe9 owners in M\xfcnster said the na\xefve plan would fail. \xabNo,\xbb said Jos\xe9.")
	tests := []struct {
		name     string
		file     string
		data     []byte
		wantDocs int
		wantErr  error  // nil: no failure expected
		wantText string // substring of the first document's body
	}{
		{"text", "a.txt", []byte("A headline\n\nA body sentence here."), 1, nil, "A body sentence"},
		{"gzip text", "b.txt.gz", gz(t, []byte("Compressed body text.")), 1, nil, "Compressed body"},
		{"html", "c.html", []byte("<html><body><p>Hello there.</p></body></html>"), 1, nil, "Hello"},
		{"latin-1", "d.txt", latin1, 1, nil, "Café owners in Münster"},
		{"utf-16", "e.txt", []byte{0xFF, 0xFE, 'H', 0, 'i', 0, '!', 0}, 1, nil, "Hi!"},
		{"empty", "f.txt", []byte(" \n\n"), 0, ingest.ErrEmpty, ""},
		{"binary", "g.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00junk"), 0, ingest.ErrBinary, ""},
		{"too large", "h.txt", bytes.Repeat([]byte("word "), 300), 0, ingest.ErrTooLarge, ""},
		{"gzip bomb", "i.txt.gz", gz(t, bytes.Repeat([]byte("word "), 300)), 0, ingest.ErrTooLarge, ""},
		{"bad gzip", "j.txt.gz", []byte("not gzip at all"), 0, nil, ""},
		{"json", "k.json", []byte(`{"title":"T","text":"Body of a json article.","published":"2026-03-01"}`), 1, nil, "Body of a json"},
		{"unsupported", "l.pdf", []byte("%PDF"), 0, ingest.ErrUnsupported, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.file, tt.data)
			docs, fails := ingest.ReadFile(p, ingest.Options{MaxSize: 1000})
			if len(docs) != tt.wantDocs {
				t.Fatalf("got %d documents (failures %v), want %d", len(docs), fails, tt.wantDocs)
			}
			if tt.wantDocs == 0 && len(fails) == 0 {
				t.Fatalf("no failure reported for %s", tt.file)
			}
			for _, f := range fails {
				if f.Input != p {
					t.Errorf("failure input = %q, want %q", f.Input, p)
				}
			}
			if tt.wantErr != nil && (len(fails) == 0 || !errors.Is(fails[0].Err, tt.wantErr)) {
				t.Errorf("failures %v, want %v", fails, tt.wantErr)
			}
			if tt.wantText != "" && !strings.Contains(string(docs[0].Body), tt.wantText) {
				t.Errorf("body %q does not contain %q", docs[0].Body, tt.wantText)
			}
			if tt.wantDocs > 0 && !strings.HasPrefix(docs[0].URL, "file://") && tt.file != "k.json" {
				t.Errorf("URL = %q, want file://", docs[0].URL)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "feed.jsonl", []byte(`{"id":1,"url":"https://example.com/a","source":"Example","title":"A","text":"First article body."}
{"text":"Second article without a URL.","published":"2026-02-03T10:00:00Z"}
{not json
{"title":"no body"}
{"text":"Bad date.","published":"yesterday"}

{"html":"<p>Third article in HTML.</p>"}
`))
	docs, fails := ingest.ReadFile(p, ingest.Options{})
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3", len(docs))
	}
	wantFails := []string{p + ":3", p + ":4", p + ":5"}
	if len(fails) != len(wantFails) {
		t.Fatalf("failures %v, want at %v", fails, wantFails)
	}
	for i, f := range fails {
		if f.Input != wantFails[i] {
			t.Errorf("failure %d at %q, want %q", i, f.Input, wantFails[i])
		}
	}
	if docs[0].URL != "https://example.com/a" || docs[0].Hints.Source != "Example" || docs[0].Hints.ID != "1" {
		t.Errorf("first record = %+v", docs[0])
	}
	if !strings.HasPrefix(docs[1].URL, "urn:sha256:") || docs[1].Hints.Published.IsZero() {
		t.Errorf("second record URL %q published %v", docs[1].URL, docs[1].Hints.Published)
	}
	again, _ := ingest.ReadFile(p, ingest.Options{})
	if again[1].URL != docs[1].URL {
		t.Errorf("content-hash URL not stable: %q vs %q", again[1].URL, docs[1].URL)
	}
	if docs[2].ContentType != ingest.TypeHTML {
		t.Errorf("html record content type %q", docs[2].ContentType)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/one.txt", []byte("x"))
	write(t, dir, "a/two.html.gz", []byte("x"))
	write(t, dir, "a/notes.md", []byte("x"))
	write(t, dir, ".hidden/three.txt", []byte("x"))
	files, fails := ingest.Files([]string{dir, filepath.Join(dir, "missing.txt")})
	if len(files) != 2 || !strings.HasSuffix(files[0], "two.html.gz") || !strings.HasSuffix(files[1], "one.txt") {
		t.Errorf("files = %v", files)
	}
	if len(fails) != 1 || !errors.Is(fails[0].Err, os.ErrNotExist) {
		t.Errorf("failures = %v, want one not-exist", fails)
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add([]byte("Caf\xe9"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ingest.DecodeText(data)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("DecodeText(%q) = %q: not UTF-8", data, out)
		}
	})
}
