package subscription_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/subscription"
)

func TestDiscover(t *testing.T) {
	tests := []struct {
		name, page string
		want       []subscription.Found
	}{
		{"three formats", `<html><head>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://feeds.example/atom">
<LINK REL="Alternate" TYPE="application/feed+json" HREF="feed.json">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="/rss.xml#again">
</head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`,
			[]subscription.Found{
				{URL: "https://news.example/rss.xml", Title: "All news", Type: "application/rss+xml"},
				{URL: "https://feeds.example/atom", Type: "application/atom+xml"},
				{URL: "https://news.example/section/feed.json", Type: "application/feed+json"},
			}},
		{"base href", `<head><base href="https://cdn.example/x/"><link rel="alternate feed" type="application/atom+xml" href="a.xml"></head>`,
			[]subscription.Found{{URL: "https://cdn.example/x/a.xml", Type: "application/atom+xml"}}},
		{"no feeds", `<html><head><title>x</title></head><body><a href="/rss.xml">RSS</a></body></html>`, nil},
		{"other schemes dropped", `<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := subscription.Discover([]byte(tt.page), "https://news.example/section/page.html")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Discover (-want +got):\n%s", diff)
			}
		})
	}
}
