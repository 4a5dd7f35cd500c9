package parallax

import (
	"context"
	"time"
)

// Feed statuses, as FeedState.Status shows them.
const (
	FeedNew         = "new"          // never polled
	FeedOK          = "ok"           // the last poll got the feed
	FeedNotModified = "not_modified" // the last poll got 304
	FeedError       = "error"        // the last poll failed (see Error)
)

// Feed is a subscription: a feed URL polled on a schedule, with the state
// of its last poll.
type Feed struct {
	ID int64 `json:"id"`
	// URL is the feed's canonical address; one feed per URL.
	URL string `json:"url"`
	// Title is the feed's own title, or the one an OPML file gave.
	Title string `json:"title"`
	// SiteURL is the site the feed belongs to.
	SiteURL string `json:"site_url,omitempty"`
	// Source is the publisher name given for the feed's articles.
	Source string `json:"source,omitempty"`
	// Category is an OPML folder path ("News/World").
	Category  string    `json:"category,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	FeedState
}

// FeedState is what polling a feed records.
type FeedState struct {
	LastFetch time.Time `json:"last_fetch,omitzero"`
	Status    string    `json:"status"`
	Error     string    `json:"error,omitempty"`
	// Errors counts consecutive failed polls (for backoff).
	Errors int `json:"errors"`
	// ETag and LastModified are the validators of the last response, sent
	// back for a conditional GET.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Items is how many new articles the feed has brought in all.
	Items int `json:"items"`
	// Interval is the current poll interval; NextPoll when the feed is due.
	Interval time.Duration `json:"interval_ns"`
	NextPoll time.Time     `json:"next_poll,omitzero"`
}

// FeedFilter selects feeds. The zero filter selects all, ordered by ID.
type FeedFilter struct {
	IDs []int64
	// DueBy, when set, selects feeds whose NextPoll is at or before it (or
	// unset), ordered by NextPoll then ID.
	DueBy time.Time
	Limit int
}

// FeedStore keeps subscriptions.
type FeedStore interface {
	// CreateFeed stores f and fills in its ID. A URL already subscribed is
	// ErrConflict.
	CreateFeed(ctx context.Context, f *Feed) error
	FindFeedByID(ctx context.Context, id int64) (*Feed, error)
	FindFeeds(ctx context.Context, f FeedFilter) ([]*Feed, error)
	// UpdateFeed replaces a feed's poll state; ErrNotFound when there is
	// no such feed.
	UpdateFeed(ctx context.Context, id int64, s FeedState) error
	// DeleteFeed removes a subscription (its articles stay); ErrNotFound
	// when there is none.
	DeleteFeed(ctx context.Context, id int64) error
	// KnownURLs reports which of urls are stored documents, so that a poll
	// does not fetch again the pages of items it already has.
	KnownURLs(ctx context.Context, urls []string) (map[string]bool, error)
}
