package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/normalize"
	"github.com/parallax-news/parallax/internal/subscription"
)

// Imported is what ImportFeeds did with a list of outlines.
type Imported struct {
	// IDs are the stored feeds of the accepted outlines (added now or
	// stored before), in outline order, once each.
	IDs []int64
	// Added counts the feeds stored now, Known those stored before.
	Added, Known int
	// Failed holds one line per outline refused (not an http(s) URL).
	Failed []string
}

// ImportFeeds stores the feeds of outlines that are not stored yet, by
// canonical URL (an OPML import of the install, or of one reader).
func ImportFeeds(ctx context.Context, st parallax.FeedStore, outlines []subscription.Outline, now time.Time) (*Imported, error) {
	stored, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return nil, err
	}
	byURL := make(map[string]int64, len(stored))
	for _, f := range stored {
		byURL[f.URL] = f.ID
	}
	res := &Imported{}
	seen := map[int64]bool{}
	for _, o := range outlines {
		u, err := normalize.URL(o.FeedURL)
		if err == nil && !IsURL(u) {
			err = fmt.Errorf("%q is not an http(s) URL", o.FeedURL)
		}
		if err != nil {
			res.Failed = append(res.Failed, err.Error())
			continue
		}
		id, ok := byURL[u]
		if ok {
			res.Known++
		} else {
			fd := &parallax.Feed{URL: u, Title: o.Title, SiteURL: o.SiteURL, Category: o.Category, CreatedAt: now}
			switch err := st.CreateFeed(ctx, fd); {
			case errors.Is(err, parallax.ErrConflict):
				// Added meanwhile by another process.
				if id, err = feedID(ctx, st, u); err != nil {
					return nil, fmt.Errorf("import feed %s: %w", u, err)
				}
				res.Known++
			case err != nil:
				return nil, fmt.Errorf("import feed %s: %w", u, err)
			default:
				id = fd.ID
				res.Added++
			}
			byURL[u] = id
		}
		if !seen[id] {
			seen[id] = true
			res.IDs = append(res.IDs, id)
		}
	}
	return res, nil
}

// feedID finds the stored feed of a canonical URL.
func feedID(ctx context.Context, st parallax.FeedStore, u string) (int64, error) {
	feeds, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return 0, err
	}
	for _, f := range feeds {
		if f.URL == u {
			return f.ID, nil
		}
	}
	return 0, fmt.Errorf("feed %s: %w", u, parallax.ErrNotFound)
}
