package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/feed"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/normalize"
	"github.com/parallax-news/parallax/internal/subscription"
)

// IsURL reports whether an ingest argument is a web address rather than a
// path.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// IngestURLs fetches every URL with f and stores what it holds: a page as
// one article; a feed as one article per item, the linked page fetched and
// extracted when the item carries only a summary. URLs are canonicalised,
// so a page reached again through a tracking link is already known.
// Failures are collected in Summary.Failed (Summary.Files counts the URLs);
// the error is non-nil only when the store fails or ctx is cancelled.
func (in *Ingester) IngestURLs(ctx context.Context, f *fetch.Fetcher, urls []string) (Summary, error) {
	sum := Summary{Files: len(urls)}
	var known func([]string) map[string]bool
	if ks, ok := in.Store.(interface {
		KnownURLs(ctx context.Context, urls []string) (map[string]bool, error)
	}); ok {
		// Items already stored are not fetched again; a failed look-up
		// only costs the fetches (the store skips known URLs anyway).
		known = func(urls []string) map[string]bool {
			k, err := ks.KnownURLs(ctx, urls)
			if err != nil {
				return nil
			}
			sum.Known += len(k) // counted as the store would have
			return k
		}
	}
	var batch pending
	for i, u := range urls {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		docs, fails := FetchDocuments(ctx, f, u, known)
		sum.Failed = append(sum.Failed, fails...)
		items, fails := Extract(u, docs)
		sum.Failed = append(sum.Failed, fails...)
		sum.Documents += len(items)
		batch.add(u, items)
		if len(batch.items) >= in.batchSize() {
			if err := in.flush(ctx, &batch, &sum); err != nil {
				return sum, err
			}
		}
		in.logFile(u, len(items), len(fails))
		if in.Progress != nil {
			in.Progress(i+1, len(urls))
		}
	}
	return sum, in.flush(ctx, &batch, &sum)
}

// FetchDocuments fetches rawURL and returns its documents, ready for
// Extract: a page as itself, a feed as its items (see FromFeed). known,
// when set, says which item URLs are stored already (their pages are not
// fetched again).
func FetchDocuments(ctx context.Context, f *fetch.Fetcher, rawURL string, known func([]string) map[string]bool) ([]*parallax.Document, []ingest.Failure) {
	u, err := normalize.URL(rawURL)
	if err != nil {
		return nil, []ingest.Failure{{Input: rawURL, Err: err}}
	}
	resp, err := f.Get(ctx, u)
	if err != nil {
		return nil, []ingest.Failure{{Input: rawURL, Err: err}}
	}
	if feed.Sniff(resp.Body) {
		fd, err := feed.Parse(bytes.NewReader(resp.Body), resp.URL)
		if err != nil {
			return nil, []ingest.Failure{{Input: rawURL, Err: err}}
		}
		return FromFeed(ctx, f, rawURL, fd, resp.FetchedAt, "", known)
	}
	doc, err := pageDocument(resp)
	if err != nil {
		return nil, []ingest.Failure{{Input: rawURL, Err: err}}
	}
	return []*parallax.Document{doc}, nil
}

// FromFeed turns a parsed feed into documents: items with their full text
// as they are, items with only a summary replaced by their fetched page
// (keeping the item's title, date, byline and tags as hints). Item URLs are
// canonicalised; items whose URL known reports stored are skipped. source,
// when set, names the publisher of every item.
func FromFeed(ctx context.Context, f *fetch.Fetcher, input string, fd *feed.Feed, fetched time.Time, source string, known func([]string) map[string]bool) ([]*parallax.Document, []ingest.Failure) {
	var failed []ingest.Failure
	if len(fd.Items) == 0 {
		return nil, []ingest.Failure{{Input: input, Err: errors.New("feed has no items")}}
	}
	urls := make([]string, len(fd.Items))
	for i, it := range fd.Items {
		urls[i] = canonicalItemURL(it.Doc.URL)
	}
	var skip map[string]bool
	if known != nil {
		skip = known(urls)
	}
	var docs []*parallax.Document
	seen := map[string]bool{}
	for i, it := range fd.Items {
		u := urls[i]
		if skip[u] || seen[u] {
			continue
		}
		seen[u] = true
		doc := it.Doc
		doc.URL = u
		if source != "" {
			doc.Hints.Source = source
		}
		if doc.FetchedAt.IsZero() {
			doc.FetchedAt = fetched
		}
		if it.SummaryOnly && IsURL(u) && !strings.Contains(u, "#") {
			resp, err := f.Get(ctx, u)
			if err != nil {
				failed = append(failed, ingest.Failure{Input: input + " (" + u + ")", Err: fmt.Errorf("feed item has only a summary; its page: %w", err)})
				continue
			}
			page, err := pageDocument(resp)
			if err != nil {
				failed = append(failed, ingest.Failure{Input: input + " (" + u + ")", Err: err})
				continue
			}
			page.URL = u // the item's address, even when the page redirected
			page.Hints = doc.Hints
			doc = page
		}
		docs = append(docs, doc)
	}
	return docs, failed
}

// canonicalItemURL canonicalises an item's URL, except that an item without
// a link of its own (the feed's address with the GUID as fragment) keeps its
// fragment, which is what tells it apart.
func canonicalItemURL(raw string) string {
	base, frag, hasFrag := strings.Cut(raw, "#")
	c, err := normalize.URL(base)
	if err != nil {
		return raw
	}
	if hasFrag {
		return c + "#" + frag
	}
	return c
}

// pageDocument makes a fetched page a document for extraction.
func pageDocument(resp *fetch.Response) (*parallax.Document, error) {
	var ct string
	switch resp.ContentType {
	case "text/html", "application/xhtml+xml":
		ct = ingest.TypeHTML
	case "text/plain":
		ct = ingest.TypeText
	default:
		return nil, fmt.Errorf("page %s: content type %q is not HTML or text", resp.URL, resp.ContentType)
	}
	u, err := normalize.URL(resp.URL)
	if err != nil {
		u = resp.URL
	}
	return &parallax.Document{URL: u, ContentType: ct, Body: resp.Body, Hash: ingest.Hash(resp.Body), FetchedAt: resp.FetchedAt}, nil
}

// PollStore is what polling needs of the store.
type PollStore interface {
	parallax.DocumentStore
	parallax.FeedStore
}

// PollOptions tune Poll; the zero value polls every due feed, 32 at a
// time (most of a poll is waiting on other hosts and on per-host delays).
type PollOptions struct {
	// Concurrency is how many feeds are polled at once (requests to one
	// host are serialised by the fetcher whatever this is).
	Concurrency int
	// Limit caps how many due feeds one call polls (0: all).
	Limit int
	// MinInterval and MaxInterval bound the adaptive interval
	// (subscription.MinInterval and MaxInterval when zero).
	MinInterval, MaxInterval time.Duration
}

// Poll polls every feed due at now once: a conditional GET, the new items
// ingested (summary-only items' pages fetched), and the feed's status,
// validators, item count and next poll recorded. A feed that fails is
// backed off and its error recorded; the others are unaffected. It returns
// how many feeds were polled; the error is non-nil only when the store
// fails or ctx is cancelled. New articles still need processing
// (Processor.Process).
func Poll(ctx context.Context, st PollStore, f *fetch.Fetcher, now time.Time) (int, error) {
	return PollWith(ctx, st, f, now, PollOptions{})
}

// PollWith is Poll with options.
func PollWith(ctx context.Context, st PollStore, f *fetch.Fetcher, now time.Time, opt PollOptions) (int, error) {
	due, err := st.FindFeeds(ctx, parallax.FeedFilter{DueBy: now, Limit: opt.Limit})
	if err != nil {
		return 0, fmt.Errorf("poll: %w", err)
	}
	workers := opt.Concurrency
	if workers <= 0 {
		workers = 32
	}
	work := make(chan *parallax.Feed)
	var (
		mu     sync.Mutex
		polled int
		first  error
		wg     sync.WaitGroup
	)
	for range min(workers, max(len(due), 1)) {
		wg.Go(func() {
			for fd := range work {
				err := pollFeed(ctx, st, f, fd, now, opt)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				if err == nil {
					polled++
				}
				mu.Unlock()
			}
		})
	}
	for _, fd := range due {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
		work <- fd
	}
	close(work)
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		first = ctx.Err()
	}
	return polled, first
}

// pollFeed polls one feed; only a store failure is returned.
func pollFeed(ctx context.Context, st PollStore, f *fetch.Fetcher, fd *parallax.Feed, now time.Time, opt PollOptions) error {
	s := fd.FeedState
	s.LastFetch = now
	interval := s.Interval
	if interval <= 0 {
		interval = subscription.Interval(nil, now, opt.MinInterval, opt.MaxInterval)
	}
	resp, err := f.Fetch(ctx, fetch.Request{URL: fd.URL, ETag: s.ETag, LastModified: s.LastModified})
	switch {
	case err != nil && ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		failFeed(&s, err, interval, now)
	case resp.NotModified:
		s.Status, s.Error, s.Errors = parallax.FeedNotModified, "", 0
		s.ETag, s.LastModified = resp.ETag, resp.LastModified
		s.Interval, s.NextPoll = interval, now.Add(interval)
	default:
		n, itemErr, storeErr := ingestFeed(ctx, st, f, fd, resp, now, opt, &s)
		if storeErr != nil {
			return storeErr
		}
		if itemErr != nil && n < 0 {
			failFeed(&s, itemErr, interval, now)
			break
		}
		s.Status, s.Errors, s.Error = parallax.FeedOK, 0, ""
		if itemErr != nil {
			s.Error = itemErr.Error() // the feed is fine; some items were not
		}
		s.ETag, s.LastModified = resp.ETag, resp.LastModified
	}
	if err := st.UpdateFeed(ctx, fd.ID, s); err != nil {
		return fmt.Errorf("poll feed %d: %w", fd.ID, err)
	}
	return nil
}

func failFeed(s *parallax.FeedState, err error, interval time.Duration, now time.Time) {
	s.Status, s.Error = parallax.FeedError, err.Error()
	s.Errors++
	var se *fetch.StatusError
	var retry time.Duration
	if errors.As(err, &se) {
		retry = se.RetryAfter
	}
	s.Interval = interval
	s.NextPoll = now.Add(subscription.Backoff(interval, s.Errors, retry))
}

// ingestFeed parses a fetched feed and stores its new items. n < 0 with
// itemErr means the response was not a usable feed.
func ingestFeed(ctx context.Context, st PollStore, f *fetch.Fetcher, fd *parallax.Feed, resp *fetch.Response, now time.Time, opt PollOptions, s *parallax.FeedState) (n int, itemErr, storeErr error) {
	parsed, err := feed.Parse(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		return -1, err, nil
	}
	var knownErr error
	known := func(urls []string) map[string]bool {
		k, err := st.KnownURLs(ctx, urls)
		if err != nil {
			knownErr = err
		}
		return k
	}
	docs, fails := FromFeed(ctx, f, fd.URL, parsed, resp.FetchedAt, fd.Source, known)
	if knownErr != nil {
		return 0, nil, fmt.Errorf("poll feed %d: %w", fd.ID, knownErr)
	}
	items, more := Extract(fd.URL, docs)
	fails = append(fails, more...)
	var published []time.Time
	for _, it := range parsed.Items {
		published = append(published, it.Doc.Hints.Published)
	}
	s.Interval = subscription.Interval(published, now, opt.MinInterval, opt.MaxInterval)
	s.NextPoll = now.Add(s.Interval)
	if len(items) > 0 {
		analyses := analyseNew(ctx, st, items)
		created, err := st.CreateDocuments(ctx, items)
		if err != nil {
			// One bad item fails the batch: store them one by one.
			created = make([]bool, len(items))
			for i, it := range items {
				c, err := st.CreateDocuments(ctx, []parallax.Ingested{it})
				if err != nil {
					if ctx.Err() != nil {
						return 0, nil, ctx.Err()
					}
					fails = append(fails, ingest.Failure{Input: describe(fd.URL, it.Document), Err: fmt.Errorf("store: %w", err)})
					continue
				}
				created[i] = c[0]
			}
		}
		for _, c := range created {
			if c {
				n++
			}
		}
		// Best effort: processing analyses what has no stored analysis.
		_ = saveAnalyses(ctx, st, items, created, analyses)
	}
	s.Items += n
	if len(fails) > 0 {
		itemErr = fmt.Errorf("%d items failed, first: %w", len(fails), fails[0])
	}
	return n, itemErr, nil
}

// DiscoverFeed returns the feed to subscribe to for rawURL: rawURL itself
// when it is a feed (with the parsed feed), else the first feed the page
// declares in <link rel="alternate">.
func DiscoverFeed(ctx context.Context, f *fetch.Fetcher, rawURL string) (feedURL string, parsed *feed.Feed, err error) {
	u, err := normalize.URL(rawURL)
	if err != nil {
		return "", nil, err
	}
	resp, err := f.Get(ctx, u)
	if err != nil {
		return "", nil, err
	}
	if feed.Sniff(resp.Body) {
		parsed, err := feed.Parse(bytes.NewReader(resp.Body), resp.URL)
		if err != nil {
			return "", nil, err
		}
		return u, parsed, nil
	}
	found := subscription.Discover(resp.Body, resp.URL)
	if len(found) == 0 {
		return "", nil, fmt.Errorf("discover %s: neither a feed nor a page that links to one", rawURL)
	}
	next, err := normalize.URL(found[0].URL)
	if err != nil {
		return "", nil, err
	}
	resp, err = f.Get(ctx, next)
	if err != nil {
		return "", nil, fmt.Errorf("discover %s: %w", rawURL, err)
	}
	parsed, err = feed.Parse(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		return "", nil, fmt.Errorf("discover %s: %w", rawURL, err)
	}
	return next, parsed, nil
}
