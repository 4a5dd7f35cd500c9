package demo_test

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/demo"
)

var update = flag.Bool("update", false, "rewrite the corpus's .gz files from their sources in testdata/gz")

// ingested lists the extensions the ingest reads; the corpus holds nothing
// else.
var ingested = []string{".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}

func catalog(t *testing.T) demo.Catalog {
	t.Helper()
	m, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// corpusFiles lists every file of the corpus, sorted.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(demo.Corpus(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(demo.Corpus(), name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".gz") {
		return b
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := zr.Close(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

func TestEveryFileIsInTheManifest(t *testing.T) {
	m := catalog(t)
	inManifest := map[string]bool{}
	for _, a := range m.Articles {
		inManifest[a.File] = true
	}
	files := corpusFiles(t)
	for _, f := range files {
		if !inManifest[f] {
			t.Errorf("corpus file %s is not in the manifest", f)
		}
		ext := path.Ext(strings.TrimSuffix(f, ".gz"))
		if !slices.Contains(ingested, ext) {
			t.Errorf("corpus file %s has extension %q, which the ingest does not read", f, ext)
		}
	}
	for f := range inManifest {
		if !slices.Contains(files, f) {
			t.Errorf("manifest file %s is not in the corpus", f)
		}
	}
}

func TestManifestIsConsistent(t *testing.T) {
	m := catalog(t)
	events := map[string]bool{}
	for _, e := range m.Events {
		if events[e.Key] {
			t.Errorf("event %s listed twice", e.Key)
		}
		events[e.Key] = true
	}
	keys := map[string]demo.Article{}
	for _, a := range m.Articles {
		if _, dup := keys[a.Key]; dup {
			t.Errorf("article %s listed twice", a.Key)
		}
		keys[a.Key] = a
		if !events[a.Event] {
			t.Errorf("article %s: unknown event %q", a.Key, a.Event)
		}
		if a.Gzip != strings.HasSuffix(a.File, ".gz") {
			t.Errorf("article %s: gzip=%v but file %s", a.Key, a.Gzip, a.File)
		}
		if want := strings.TrimPrefix(path.Ext(strings.TrimSuffix(a.File, ".gz")), "."); a.Format != want && !(a.Format == "html" && want == "htm") {
			t.Errorf("article %s: format %q, file extension %q", a.Key, a.Format, want)
		}
	}
	derivations := 0
	for _, a := range m.Articles {
		n := 0
		for _, k := range []string{a.RewriteOf, a.CopyOf, a.Wraps, a.SharesSourceWith} {
			if k != "" {
				n++
			}
		}
		if n > 1 {
			t.Errorf("article %s derives in more than one way", a.Key)
		}
		from := a.DerivedFrom()
		if from == "" {
			continue
		}
		derivations++
		orig, ok := keys[from]
		switch {
		case !ok:
			t.Errorf("article %s derives from unknown %s", a.Key, from)
		case from == a.Key:
			t.Errorf("article %s derives from itself", a.Key)
		case orig.Event != a.Event:
			t.Errorf("article %s (%s) derives from %s of another event (%s)", a.Key, a.Event, from, orig.Event)
		case orig.DerivedFrom() != "":
			t.Errorf("article %s derives from %s, itself derived", a.Key, from)
		case orig.Outlet == a.Outlet:
			t.Errorf("article %s derives from the same outlet's %s", a.Key, from)
		}
	}
	refs := func(what string, list []string) {
		for _, k := range list {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s names unknown article %s", what, k)
			}
		}
	}
	for _, x := range m.Aliases {
		for _, s := range x.Spellings {
			refs("alias "+s.Name, s.Articles)
		}
	}
	for _, d := range m.Disagreements {
		for _, v := range d.Values {
			refs("disagreement value "+v.Value, v.Articles)
		}
	}
	for _, q := range m.Quotes {
		refs("quote of "+q.Speaker, q.Articles)
		if !slices.Contains([]string{"direct", "split", "reported"}, q.Kind) {
			t.Errorf("quote of %s: kind %q", q.Speaker, q.Kind)
		}
	}
	for _, r := range m.Roles {
		refs("role of "+r.Person, r.Articles)
	}
	for _, f := range m.Facts {
		refs("fact "+f.Subject+" "+f.Attribute, f.Articles)
	}
	if derivations == 0 {
		t.Error("no planted derivation (rewrite, copy or wrapper)")
	}
}

// TestEvents checks the shape the later stages rely on: each event covered
// by 3 to 5 distinct outlets, and two events of the same kind.
func TestEvents(t *testing.T) {
	m := catalog(t)
	if len(m.Events) < 4 {
		t.Errorf("%d events, want at least 4", len(m.Events))
	}
	kinds := map[string]int{}
	for _, e := range m.Events {
		kinds[e.Kind]++
		outlets := map[string]bool{}
		for _, a := range m.ArticlesOf(e.Key) {
			if outlets[a.Outlet] {
				t.Errorf("event %s: outlet %s twice", e.Key, a.Outlet)
			}
			outlets[a.Outlet] = true
		}
		if n := len(outlets); n < 3 || n > 5 {
			t.Errorf("event %s: %d outlets, want 3 to 5", e.Key, n)
		}
		if n := m.IndependentSources(e.Key); n < 2 {
			t.Errorf("event %s: %d independent sources, want at least 2", e.Key, n)
		}
	}
	same := 0
	for _, n := range kinds {
		if n > 1 {
			same++
		}
	}
	if same == 0 {
		t.Error("no two events of the same kind")
	}
}

// TestGzip checks that each .gz file of the corpus decompresses to its
// source in testdata/gz; with -update it rewrites the .gz files from those
// sources, deterministically (no name, no time in the header).
func TestGzip(t *testing.T) {
	sources, err := filepath.Glob(filepath.Join("testdata", "gz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) == 0 {
		t.Fatal("no gzip sources in testdata/gz")
	}
	var want []string
	for _, src := range sources {
		rel, err := filepath.Rel(filepath.Join("testdata", "gz"), src)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.ToSlash(rel) + ".gz"
		want = append(want, name)
		plain, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			writeGzip(t, filepath.Join("corpus", filepath.FromSlash(name)), plain)
			continue
		}
		if diff := cmp.Diff(string(plain), string(readCorpus(t, name))); diff != "" {
			t.Errorf("%s does not decompress to %s (-want +got):\n%s", name, src, diff)
		}
	}
	if *update {
		return
	}
	var got []string
	for _, f := range corpusFiles(t) {
		if strings.HasSuffix(f, ".gz") {
			got = append(got, f)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gzip files (-sources +corpus):\n%s", diff)
	}
}

func writeGzip(t *testing.T, name string, plain []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
