package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

//go:embed corpus
var corpusFiles embed.FS

//go:embed manifest.json
var manifestJSON []byte

// corpusDir is the embedded folder that Corpus exposes as its root.
const corpusDir = "corpus"

// Corpus returns the demo corpus as a read-only file system whose root is
// the corpus folder (paths such as "pages/…html", "feeds/…rss").
func Corpus() fs.FS {
	sub, err := fs.Sub(corpusFiles, corpusDir)
	if err != nil {
		// fs.Sub fails only on an invalid directory name, which corpusDir
		// is not; keep the error visible rather than panicking.
		return errFS{err: fmt.Errorf("demo corpus: %w", err)}
	}
	return sub
}

// errFS is a file system whose every Open fails with err.
type errFS struct{ err error }

func (e errFS) Open(string) (fs.File, error) { return nil, e.err }

// Manifest decodes the embedded manifest that describes the corpus. (The
// type is Catalog because Go does not allow a function and a type to share
// the name Manifest.)
func Manifest() (Catalog, error) {
	var m Catalog
	dec := json.NewDecoder(bytes.NewReader(manifestJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Catalog{}, fmt.Errorf("demo manifest: %w", err)
	}
	return m, nil
}
