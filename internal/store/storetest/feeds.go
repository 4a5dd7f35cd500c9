package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

// testFeeds checks subscriptions: create, conflict, poll state round trip,
// due selection and order, delete.
func testFeeds(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	base := time.Date(2025, time.November, 24, 9, 0, 0, 0, time.UTC)
	feeds := []*parallax.Feed{
		{URL: "https://a.example/feed.xml", Title: "A — «news»", SiteURL: "https://a.example/", Source: "A News", Category: "World/Europe", CreatedAt: when(1, 1)},
		{URL: "https://b.example/atom", Title: "B", CreatedAt: when(1, 2)},
		{URL: "https://c.example/feed.json", CreatedAt: when(1, 3), FeedState: parallax.FeedState{NextPoll: base.Add(time.Hour)}},
	}
	for _, f := range feeds {
		if err := s.CreateFeed(ctx, f); err != nil {
			t.Fatalf("CreateFeed(%s): %v", f.URL, err)
		}
		if f.ID == 0 || f.Status != parallax.FeedNew {
			t.Fatalf("CreateFeed(%s): id %d status %q, want an id and %q", f.URL, f.ID, f.Status, parallax.FeedNew)
		}
	}
	if err := s.CreateFeed(ctx, &parallax.Feed{URL: feeds[0].URL}); !errors.Is(err, parallax.ErrConflict) {
		t.Errorf("CreateFeed(duplicate) = %v, want ErrConflict", err)
	}
	opts := cmp.Options{cmpopts.EquateApproxTime(0)}
	got, err := s.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		t.Fatalf("FindFeeds: %v", err)
	}
	if diff := cmp.Diff(feeds, got, opts); diff != "" {
		t.Errorf("FindFeeds (-want +got):\n%s", diff)
	}

	state := parallax.FeedState{
		LastFetch: when(2, 5), Status: parallax.FeedError, Error: "fetch https://b.example/atom: HTTP 500",
		Errors: 3, ETag: `W/"abc"`, LastModified: "Mon, 24 Nov 2025 08:00:00 GMT", Items: 42,
		Interval: 90 * time.Minute, NextPoll: base.Add(-time.Minute),
	}
	if err := s.UpdateFeed(ctx, feeds[1].ID, state); err != nil {
		t.Fatalf("UpdateFeed: %v", err)
	}
	one, err := s.FindFeedByID(ctx, feeds[1].ID)
	if err != nil {
		t.Fatalf("FindFeedByID: %v", err)
	}
	want := *feeds[1]
	want.FeedState = state
	if diff := cmp.Diff(&want, one, opts); diff != "" {
		t.Errorf("feed after UpdateFeed (-want +got):\n%s", diff)
	}
	if err := s.UpdateFeed(ctx, feeds[2].ID+100, state); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("UpdateFeed(missing) = %v, want ErrNotFound", err)
	}

	tests := []struct {
		name string
		f    parallax.FeedFilter
		want []int64
	}{
		{"all", parallax.FeedFilter{}, []int64{feeds[0].ID, feeds[1].ID, feeds[2].ID}},
		{"ids", parallax.FeedFilter{IDs: []int64{feeds[2].ID, feeds[0].ID}}, []int64{feeds[0].ID, feeds[2].ID}},
		{"limit", parallax.FeedFilter{Limit: 2}, []int64{feeds[0].ID, feeds[1].ID}},
		// Never-polled feeds come first, then by next poll.
		{"due now", parallax.FeedFilter{DueBy: base}, []int64{feeds[0].ID, feeds[1].ID}},
		{"due later", parallax.FeedFilter{DueBy: base.Add(2 * time.Hour)}, []int64{feeds[0].ID, feeds[1].ID, feeds[2].ID}},
		{"due with limit", parallax.FeedFilter{DueBy: base.Add(2 * time.Hour), Limit: 1}, []int64{feeds[0].ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FindFeeds(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindFeeds(%+v): %v", tt.f, err)
			}
			var ids []int64
			for _, f := range got {
				ids = append(ids, f.ID)
			}
			if diff := cmp.Diff(tt.want, ids, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindFeeds(%+v) ids (-want +got):\n%s", tt.f, diff)
			}
		})
	}

	stored := create(t, s, items(1, 2))
	known, err := s.KnownURLs(ctx, []string{stored[1].URL, "https://unknown.example/x", stored[0].URL})
	if err != nil {
		t.Fatalf("KnownURLs: %v", err)
	}
	if diff := cmp.Diff(map[string]bool{stored[0].URL: true, stored[1].URL: true}, known); diff != "" {
		t.Errorf("KnownURLs (-want +got):\n%s", diff)
	}
	if known, err := s.KnownURLs(ctx, nil); err != nil || len(known) != 0 {
		t.Errorf("KnownURLs(nil) = %v, %v; want none", known, err)
	}

	if err := s.DeleteFeed(ctx, feeds[0].ID); err != nil {
		t.Fatalf("DeleteFeed: %v", err)
	}
	if err := s.DeleteFeed(ctx, feeds[0].ID); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("DeleteFeed(again) = %v, want ErrNotFound", err)
	}
	if _, err := s.FindFeedByID(ctx, feeds[0].ID); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("FindFeedByID(deleted) = %v, want ErrNotFound", err)
	}
}
