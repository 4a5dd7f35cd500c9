package subscription_test

import (
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/subscription"
)

func TestInterval(t *testing.T) {
	now := time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC)
	every := func(gap time.Duration, n int) []time.Time {
		ts := make([]time.Time, n)
		for i := range ts {
			ts[i] = now.Add(-time.Duration(i) * gap)
		}
		return ts
	}
	tests := []struct {
		name      string
		published []time.Time
		lo, hi    time.Duration
		want      time.Duration
	}{
		{"no items", nil, 0, 0, time.Hour},
		{"one item", every(time.Hour, 1), 0, 0, time.Hour},
		{"every 4 hours", every(4*time.Hour, 10), 0, 0, 2 * time.Hour},
		{"every 5 minutes: the floor", every(5*time.Minute, 30), 0, 0, 15 * time.Minute},
		{"weekly: the ceiling", every(7*24*time.Hour, 4), 0, 0, 24 * time.Hour},
		{"undated items ignored", append(every(2*time.Hour, 5), time.Time{}, time.Time{}), 0, 0, time.Hour},
		{"silent feed slows down", every(time.Hour, 10)[5:], 0, 0, 75 * time.Minute},
		{"custom bounds", every(4*time.Hour, 10), 30 * time.Minute, time.Hour, time.Hour},
		{"future dates ignored", append(every(6*time.Hour, 5), now.Add(48*time.Hour)), 0, 0, 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := subscription.Interval(tt.published, now, tt.lo, tt.hi); got != tt.want {
				t.Errorf("Interval = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval   time.Duration
		errors     int
		retryAfter time.Duration
		want       time.Duration
	}{
		{time.Hour, 1, 0, time.Hour},
		{time.Hour, 2, 0, 2 * time.Hour},
		{time.Hour, 4, 0, 8 * time.Hour},
		{time.Hour, 30, 0, 24 * time.Hour},
		{time.Minute, 1, 0, 15 * time.Minute},
		{time.Hour, 1, 3 * time.Hour, 3 * time.Hour},
		{time.Hour, 1, 1000 * time.Hour, 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := subscription.Backoff(tt.interval, tt.errors, tt.retryAfter); got != tt.want {
			t.Errorf("Backoff(%v, %d, %v) = %v, want %v", tt.interval, tt.errors, tt.retryAfter, got, tt.want)
		}
	}
}
