package ingest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// DefaultMaxSize is the default cap on one input's size, compressed or not.
const DefaultMaxSize = 10 << 20

// Content types of documents read from files.
const (
	TypeText = "text/plain; charset=utf-8"
	TypeHTML = "text/html"
	TypeFeed = "application/xml"
)

// Options configures reading.
type Options struct {
	// MaxSize caps the bytes read from one file (after decompression).
	MaxSize int64
	// Now stamps FetchedAt; time.Now when nil.
	Now func() time.Time
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now().UTC()
	}
	return o.Now().UTC()
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Failure is one input that could not be read, with the reason.
type Failure struct {
	Input string
	Err   error
}

func (f Failure) Error() string { return f.Input + ": " + f.Err.Error() }

// Errors callers can test for with errors.Is.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary content, not text")
	ErrTooLarge    = errors.New("larger than the size cap")
	ErrUnsupported = errors.New("unsupported file type (want .txt .html .htm .json .jsonl .xml .rss .atom, optionally .gz)")
	ErrCharset     = errors.New("not UTF-8 and the charset could not be detected")
)

type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindJSON
	kindJSONL
	kindFeed
)

// kindOf tells a file's kind from its name, looking through a .gz suffix.
func kindOf(name string) (kind, bool) {
	lower := strings.ToLower(name)
	gz := strings.HasSuffix(lower, ".gz")
	lower = strings.TrimSuffix(lower, ".gz")
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return kindText, gz
	case ".html", ".htm", ".xhtml":
		return kindHTML, gz
	case ".json":
		return kindJSON, gz
	case ".jsonl", ".ndjson":
		return kindJSONL, gz
	case ".xml", ".rss", ".atom":
		return kindFeed, gz
	}
	return kindUnknown, gz
}

// Supported reports whether a file name has an extension ingest reads.
func Supported(name string) bool {
	k, _ := kindOf(name)
	return k != kindUnknown
}

// Files expands paths into the sorted list of files to read. Folders are
// walked recursively and contribute only supported files (hidden entries are
// skipped); a path named explicitly must exist and be supported.
func Files(paths []string) ([]string, []Failure) {
	var files []string
	var failures []Failure
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			failures = append(failures, Failure{Input: p, Err: pathError(err)})
			continue
		}
		if !info.IsDir() {
			if !Supported(p) {
				failures = append(failures, Failure{Input: p, Err: ErrUnsupported})
				continue
			}
			files = append(files, p)
			continue
		}
		found, fails := walk(p)
		files = append(files, found...)
		failures = append(failures, fails...)
	}
	return files, failures
}

func walk(root string) ([]string, []Failure) {
	var files []string
	var failures []Failure
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			failures = append(failures, Failure{Input: p, Err: pathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && Supported(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		failures = append(failures, Failure{Input: root, Err: pathError(err)})
	}
	sort.Strings(files)
	return files, failures
}

func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FileURL returns the canonical file:// URL of a path.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// ReadFile reads one file into documents: one for .txt, .html and .json
// files, one per record for .jsonl, and one (the whole feed) for feed files.
// Failures name the file, or file:line for a .jsonl record; the documents
// that could be read are returned beside them.
func ReadFile(path string, opt Options) ([]*parallax.Document, []Failure) {
	return ReadFS(osFS{}, path, FileURL(path), opt)
}

// ReadFS is ReadFile over any file system; url is the document's canonical
// URL (records of .jsonl files get their own).
func ReadFS(fsys fs.FS, path, docURL string, opt Options) ([]*parallax.Document, []Failure) {
	fail := func(err error) ([]*parallax.Document, []Failure) {
		return nil, []Failure{{Input: path, Err: err}}
	}
	k, gz := kindOf(path)
	if k == kindUnknown {
		return fail(ErrUnsupported)
	}
	raw, err := readCapped(fsys, path, gz, opt.maxSize())
	if err != nil {
		return fail(err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return fail(ErrEmpty)
	}
	if isBinary(raw) {
		return fail(ErrBinary)
	}
	now := opt.now()
	switch k {
	case kindJSONL:
		return readJSONL(path, raw, now)
	case kindJSON:
		doc, err := readJSON(raw, docURL, now)
		if err != nil {
			return fail(err)
		}
		return []*parallax.Document{doc}, nil
	case kindHTML:
		return []*parallax.Document{newDocument(docURL, TypeHTML, raw, now)}, nil
	case kindFeed:
		return []*parallax.Document{newDocument(docURL, TypeFeed, raw, now)}, nil
	}
	body, err := DecodeText(raw)
	if err != nil {
		return fail(err)
	}
	return []*parallax.Document{newDocument(docURL, TypeText, body, now)}, nil
}

type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }

func readCapped(fsys fs.FS, path string, gz bool, max int64) ([]byte, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, errors.New("is a directory")
	} else if err == nil && info.Size() > max {
		return nil, fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, info.Size(), max)
	}
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		if gz {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return nil, pathError(err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// isBinary reports whether data looks like binary junk rather than text: a
// NUL byte, or more than 10% control characters, in the first 8 KiB.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return false // UTF-16 text carries NULs
	}
	control := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	return control*10 > len(head)
}

func newDocument(u, contentType string, body []byte, now time.Time) *parallax.Document {
	return &parallax.Document{URL: u, ContentType: contentType, Body: body, Hash: Hash(body), FetchedAt: now}
}

// Hash is the hex SHA-256 of b.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
