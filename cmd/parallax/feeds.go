package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/normalize"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/subscription"
)

// feedsUsage is the help of `parallax feeds`.
const feedsUsage = `usage: parallax feeds add URL [--source NAME] [--allow-private]
       parallax feeds list [--json]
       parallax feeds remove ID
       parallax feeds import FILE.opml
       parallax feeds export                 (OPML 2.0 on stdout)
       parallax feeds poll [--allow-private]  poll every due feed once, then process
fetching: --allow-private (or PARALLAX_ALLOW_PRIVATE=1) lets URLs reach loopback,
private and link-local addresses; PARALLAX_CONTACT is the contact URL in the
User-Agent; PARALLAX_FETCH_DELAY (e.g. 1s) the pause between two requests to a host`

func runFeeds(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return errors.New(feedsUsage)
	}
	switch args[0] {
	case "add":
		return runFeedsAdd(ctx, e, args[1:])
	case "list":
		return runFeedsList(ctx, e, args[1:])
	case "remove", "rm":
		return runFeedsRemove(ctx, e, args[1:])
	case "import":
		return runFeedsImport(ctx, e, args[1:])
	case "export":
		return runFeedsExport(ctx, e, args[1:])
	case "poll":
		return runFeedsPoll(ctx, e, args[1:])
	}
	return fmt.Errorf("feeds: unknown subcommand %q\n%s", args[0], feedsUsage)
}

// newFetcher builds the fetcher from the environment: PARALLAX_ALLOW_PRIVATE,
// PARALLAX_CONTACT, PARALLAX_FETCH_DELAY and the global size cap.
func newFetcher(e *env, allowPrivate bool) (*fetch.Fetcher, error) {
	opt := fetch.Options{
		AllowPrivate: allowPrivate || e.getenv("PARALLAX_ALLOW_PRIVATE") == "1",
		Contact:      e.getenv("PARALLAX_CONTACT"),
		MaxSize:      e.cfg.MaxSize,
	}
	if d := e.getenv("PARALLAX_FETCH_DELAY"); d != "" {
		v, err := time.ParseDuration(d)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("PARALLAX_FETCH_DELAY %q is not a duration", d)
		}
		opt.Delay = v
		if v == 0 {
			opt.Delay = -1 // explicitly none
		}
	}
	return fetch.New(opt), nil
}

// ingestURLs fetches and stores URLs for `parallax ingest`.
func ingestURLs(ctx context.Context, e *env, st parallax.Store, urls []string, allowPrivate bool) (pipeline.Summary, error) {
	if len(urls) == 0 {
		return pipeline.Summary{}, nil
	}
	f, err := newFetcher(e, allowPrivate)
	if err != nil {
		return pipeline.Summary{}, err
	}
	ing := &pipeline.Ingester{Store: st}
	return ing.IngestURLs(ctx, f, urls)
}

func runFeedsAdd(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds add", flag.ContinueOnError)
	source := fs.String("source", "", "publisher name for the feed's articles")
	allow := fs.Bool("allow-private", false, "allow loopback and private addresses")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("feeds add: give exactly one URL")
	}
	f, err := newFetcher(e, *allow)
	if err != nil {
		return err
	}
	feedURL, parsed, err := pipeline.DiscoverFeed(ctx, f, pos[0])
	if err != nil {
		return fmt.Errorf("feeds add %s: %w", pos[0], err)
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	fd := &parallax.Feed{URL: feedURL, Title: parsed.Title, Source: *source, CreatedAt: time.Now()}
	if site, err := normalize.URL(parsed.Link); err == nil && pipeline.IsURL(site) {
		fd.SiteURL = site
	}
	if err := st.CreateFeed(ctx, fd); err != nil {
		if errors.Is(err, parallax.ErrConflict) {
			return fmt.Errorf("feeds add %s: already subscribed (%s)", pos[0], feedURL)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "added feed %d: %s (%s)\n", fd.ID, fd.URL, fd.Title)
	return nil
}

func runFeedsList(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds list", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return err
	}
	if *jsonOut {
		if feeds == nil {
			feeds = []*parallax.Feed{}
		}
		return writeJSON(e.stdout, feeds)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tITEMS\tLAST FETCH\tNEXT POLL\tURL\tERROR")
	for _, fd := range feeds {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\n", fd.ID, fd.Status, fd.Items, stamp(fd.LastFetch), stamp(fd.NextPoll), fd.URL, fd.Error)
	}
	return tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func runFeedsRemove(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds remove", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	id, err := parseID("feeds remove", pos)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.DeleteFeed(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed feed %d\n", id)
	return nil
}

func runFeedsImport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds import", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("feeds import: give exactly one FILE.opml")
	}
	file, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("feeds import: %w", err)
	}
	outlines, err := subscription.ParseOPML(file)
	if cerr := file.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("feeds import %s: %w", pos[0], err)
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := pipeline.ImportFeeds(ctx, st, outlines, time.Now())
	if err != nil {
		return fmt.Errorf("feeds import %s: %w", pos[0], err)
	}
	added, known, failed := res.Added, res.Known, res.Failed
	fmt.Fprintf(e.stdout, "imported %d feeds: %d new, %d already subscribed, %d failed\n", len(outlines), added, known, len(failed))
	for _, f := range failed {
		fmt.Fprintf(e.stdout, "failed: %s\n", f)
	}
	if len(failed) > 0 {
		return errReported
	}
	return nil
}

func runFeedsExport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds export", flag.ContinueOnError)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return err
	}
	return subscription.WriteOPML(e.stdout, "Parallax subscriptions", time.Now(), subscription.FeedOutlines(feeds))
}

func runFeedsPoll(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("feeds poll", flag.ContinueOnError)
	allow := fs.Bool("allow-private", false, "allow loopback and private addresses")
	jsonOut := fs.Bool("json", false, "print the polled feeds as JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := newFetcher(e, *allow)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	n, err := pipeline.Poll(ctx, st, f, start)
	if err != nil {
		return err
	}
	if _, err := (&pipeline.Processor{Store: st}).Process(ctx); err != nil {
		return err
	}
	feeds, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return err
	}
	var polled []*parallax.Feed
	for _, fd := range feeds {
		if !fd.LastFetch.Before(start) {
			polled = append(polled, fd)
		}
	}
	if *jsonOut {
		if polled == nil {
			polled = []*parallax.Feed{}
		}
		return writeJSON(e.stdout, polled)
	}
	fmt.Fprintf(e.stdout, "polled %d feeds\n", n)
	for _, fd := range polled {
		line := fd.URL + ": " + fd.Status + ", " + strconv.Itoa(fd.Items) + " items in all"
		if fd.Error != "" {
			line += ": " + strings.ReplaceAll(fd.Error, "\n", " ")
		}
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}
