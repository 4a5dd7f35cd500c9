package extract_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/shared"
)

// benchPages reads up to n benchmark pages (sorted by name).
func benchPages(b *testing.B, n int) [][]byte {
	b.Helper()
	dir := shared.TestDir(b, filepath.Join("bench-data", "article-extraction-benchmark", "html"))
	files, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil {
		b.Fatal(err)
	}
	if len(files) > n {
		files = files[:n]
	}
	var pages [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page)
	}
	return pages
}

// BenchmarkHTML extracts benchmark pages with Document; one op is one page.
func BenchmarkHTML(b *testing.B) {
	pages := benchPages(b, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := &parallax.Document{ContentType: "text/html", Body: pages[i%len(pages)]}
		if _, err := extract.Document(doc); err != nil {
			b.Logf("page %d: %v", i%len(pages), err)
		}
	}
}

// BenchmarkTrafilatura is go-trafilatura alone on the same pages, the
// baseline BenchmarkHTML must not fall behind.
func BenchmarkTrafilatura(b *testing.B) {
	pages := benchPages(b, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := extract.Trafilatura(pages[i%len(pages)]); err != nil {
			b.Logf("page %d: %v", i%len(pages), err)
		}
	}
}

// BenchmarkText classifies a plain-text article of about 400 words with
// header, list and footer chrome.
func BenchmarkText(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "text-wire-story.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := extract.Document(&parallax.Document{ContentType: "text/plain", Body: body}); err != nil {
			b.Fatal(err)
		}
	}
}
