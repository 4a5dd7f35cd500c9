package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/feed"
	"github.com/parallax-news/parallax/internal/ingest"
)

// DefaultBatchSize is how many documents are stored per transaction.
const DefaultBatchSize = 256

// Ingester reads inputs into the store.
type Ingester struct {
	Store parallax.DocumentStore
	// Read configures the size cap and clock.
	Read ingest.Options
	// BatchSize is the number of documents per transaction.
	BatchSize int
	// Log receives one line per file when set (non-terminal output).
	Log *slog.Logger
	// Progress, when set, is called after each file with the files done and
	// the total.
	Progress func(done, total int)
}

// Summary counts what an ingest did.
type Summary struct {
	Files     int              `json:"files"`
	Documents int              `json:"documents"`
	New       int              `json:"new"`
	Known     int              `json:"already_known"`
	Failed    []ingest.Failure `json:"-"`
}

// Ingest reads every path (files and folders), extracts each document and
// stores documents with their articles, BatchSize per transaction. Inputs
// that fail are collected in Summary.Failed; the rest are stored. The error
// is non-nil only when the store itself fails or ctx is cancelled.
func (in *Ingester) Ingest(ctx context.Context, paths []string) (Summary, error) {
	files, failed := ingest.Files(paths)
	return in.ingestFiles(ctx, files, failed, func(f string) ([]*parallax.Document, []ingest.Failure) {
		return ingest.ReadFile(f, in.Read)
	})
}

// IngestFS is Ingest over every supported file of fsys (the embedded demo
// corpus, for one); each file's URL is urlPrefix + its path.
func (in *Ingester) IngestFS(ctx context.Context, fsys fs.FS, urlPrefix string) (Summary, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && ingest.Supported(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return Summary{}, fmt.Errorf("walk: %w", err)
	}
	sort.Strings(files)
	return in.ingestFiles(ctx, files, nil, func(f string) ([]*parallax.Document, []ingest.Failure) {
		return ingest.ReadFS(fsys, f, urlPrefix+f, in.Read)
	})
}

// ingestFiles reads, extracts and stores each file in turn, BatchSize
// documents per transaction, reporting progress per file. failed holds the
// failures met while listing the files.
func (in *Ingester) ingestFiles(ctx context.Context, files []string, failed []ingest.Failure,
	read func(file string) ([]*parallax.Document, []ingest.Failure)) (Summary, error) {
	sum := Summary{Files: len(files), Failed: failed}
	var batch pending
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		docs, readFails := read(f)
		items, extractFails := Extract(f, docs)
		sum.Failed = append(append(sum.Failed, readFails...), extractFails...)
		sum.Documents += len(items)
		batch.add(f, items)
		if len(batch.items) >= in.batchSize() {
			if err := in.flush(ctx, &batch, &sum); err != nil {
				return sum, err
			}
		}
		in.logFile(f, len(items), len(readFails)+len(extractFails))
		if in.Progress != nil {
			in.Progress(i+1, len(files))
		}
	}
	return sum, in.flush(ctx, &batch, &sum)
}

// Extract turns the documents read from one input into articles; a feed
// becomes one document per item. Failures name the input and, for documents
// with their own URL, the document.
func Extract(input string, docs []*parallax.Document) ([]parallax.Ingested, []ingest.Failure) {
	var items []parallax.Ingested
	var failed []ingest.Failure
	for _, d := range docs {
		expanded, fails := expand(input, d)
		failed = append(failed, fails...)
		for _, doc := range expanded {
			a, err := extract.Document(doc)
			if err != nil {
				failed = append(failed, ingest.Failure{Input: describe(input, doc), Err: err})
				continue
			}
			items = append(items, parallax.Ingested{Document: doc, Article: a})
		}
	}
	return items, failed
}

// expand turns a feed document into one document per item that carries its
// full content; other documents pass through. Items with only a summary are
// reported: their pages need fetching.
func expand(input string, d *parallax.Document) ([]*parallax.Document, []ingest.Failure) {
	if d.ContentType != ingest.TypeFeed {
		return []*parallax.Document{d}, nil
	}
	f, err := feed.Parse(bytes.NewReader(d.Body), input)
	if err != nil {
		return nil, []ingest.Failure{{Input: input, Err: err}}
	}
	var docs []*parallax.Document
	var failed []ingest.Failure
	for _, it := range f.Items {
		if it.SummaryOnly {
			failed = append(failed, ingest.Failure{Input: describe(input, it.Doc),
				Err: errors.New("feed item has only a summary; its page is fetched when the feed is ingested by URL (parallax ingest URL), not from a file")})
			continue
		}
		if it.Doc.FetchedAt.IsZero() {
			it.Doc.FetchedAt = d.FetchedAt
		}
		docs = append(docs, it.Doc)
	}
	if len(f.Items) == 0 {
		failed = append(failed, ingest.Failure{Input: input, Err: errors.New("feed has no items")})
	}
	return docs, failed
}

func describe(input string, doc *parallax.Document) string {
	if doc.URL == "" || doc.URL == ingest.FileURL(input) {
		return input
	}
	return input + " (" + doc.URL + ")"
}

func (in *Ingester) batchSize() int {
	if in.BatchSize <= 0 {
		return DefaultBatchSize
	}
	return in.BatchSize
}

// pending is a batch of extracted documents waiting to be stored, with the
// input each came from (for error messages).
type pending struct {
	items  []parallax.Ingested
	inputs []string
}

func (p *pending) add(input string, items []parallax.Ingested) {
	for range items {
		p.inputs = append(p.inputs, input)
	}
	p.items = append(p.items, items...)
}

// flush stores the batch in one transaction. When the store rejects the
// batch (one bad item fails it as a whole), each item is stored on its own
// so that one bad document does not keep the others out; those that still
// fail are reported with their input. Only a cancelled context stops the
// ingest.
func (in *Ingester) flush(ctx context.Context, b *pending, sum *Summary) error {
	defer func() { b.items, b.inputs = b.items[:0], b.inputs[:0] }()
	if len(b.items) == 0 {
		return nil
	}
	analyses := analyseNew(ctx, in.Store, b.items)
	created, err := in.Store.CreateDocuments(ctx, b.items)
	if err == nil {
		count(sum, created)
		in.saveAhead(ctx, b.items, created, analyses)
		return nil
	}
	all := make([]bool, len(b.items))
	for i, it := range b.items {
		if ctx.Err() != nil {
			return fmt.Errorf("store documents: %w", ctx.Err())
		}
		if len(b.items) > 1 {
			created, err = in.Store.CreateDocuments(ctx, []parallax.Ingested{it})
		}
		if err != nil {
			sum.Failed = append(sum.Failed, ingest.Failure{Input: describe(b.inputs[i], it.Document), Err: fmt.Errorf("store: %w", err)})
			continue
		}
		count(sum, created)
		all[i] = created[0]
	}
	in.saveAhead(ctx, b.items, all, analyses)
	return nil
}

// saveAhead stores the analyses of the articles just created; a failure is
// logged and left to processing, which analyses every article that has no
// stored analysis.
func (in *Ingester) saveAhead(ctx context.Context, items []parallax.Ingested, created []bool, analyses []*parallax.Analysis) {
	if err := saveAnalyses(ctx, in.Store, items, created, analyses); err != nil && in.Log != nil {
		in.Log.Warn("analysis at ingest failed; processing will analyse", slog.Any("err", err))
	}
}

// analysisSaver is a store that keeps analyses made at ingest.
type analysisSaver interface {
	SaveAnalyses(ctx context.Context, analyses []*parallax.Analysis) (int, error)
}

// analyseNew runs the analysis stage, on every CPU, on the articles of the
// items before they are stored, when st can keep analyses; nil for items
// without an article or whose document URL st holds already (they will
// not be stored). Analysis depends on the article alone, so doing it at
// ingest takes it out of processing, whose runs are serialised by the
// process lock: with several workers it runs in parallel on all of them.
// It is done before the articles are stored so that a processing run never
// finds them without their analysis (and makes it again).
func analyseNew(ctx context.Context, st any, items []parallax.Ingested) []*parallax.Analysis {
	if _, ok := st.(analysisSaver); !ok {
		return nil
	}
	var known map[string]bool
	if ks, ok := st.(interface {
		KnownURLs(ctx context.Context, urls []string) (map[string]bool, error)
	}); ok {
		urls := make([]string, len(items))
		for i, it := range items {
			urls[i] = it.Document.URL
		}
		known, _ = ks.KnownURLs(ctx, urls) // on failure: analyse them all
	}
	var todo []int
	for i, it := range items {
		if it.Article != nil && !known[it.Document.URL] {
			todo = append(todo, i)
		}
	}
	analyses := make([]*parallax.Analysis, len(items))
	parallel(len(todo), func(j int) { i := todo[j]; analyses[i] = analyse(items[i].Article) })
	return analyses
}

// saveAnalyses stores the analyses (from analyseNew) of the items created
// (created[i]), now that their articles have IDs. Processing analyses any
// article that has none stored, so a failure here loses nothing.
func saveAnalyses(ctx context.Context, st any, items []parallax.Ingested, created []bool, analyses []*parallax.Analysis) error {
	ps, ok := st.(analysisSaver)
	if !ok {
		return nil
	}
	var save []*parallax.Analysis
	for i, an := range analyses {
		if an != nil && i < len(created) && created[i] && items[i].Article.ID > 0 {
			an.ArticleID = items[i].Article.ID
			save = append(save, an)
		}
	}
	if len(save) == 0 {
		return nil
	}
	if _, err := ps.SaveAnalyses(ctx, save); err != nil {
		return fmt.Errorf("analyse at ingest: %w", err)
	}
	return nil
}

func count(sum *Summary, created []bool) {
	for _, c := range created {
		if c {
			sum.New++
		} else {
			sum.Known++
		}
	}
}

func (in *Ingester) logFile(f string, docs, fails int) {
	if in.Log == nil {
		return
	}
	in.Log.Info("read", slog.String("input", f), slog.Int("documents", docs), slog.Int("failed", fails))
}

// ErrSomeFailed reports that an ingest stored what it could but some
// inputs failed.
var ErrSomeFailed = errors.New("some inputs failed")
