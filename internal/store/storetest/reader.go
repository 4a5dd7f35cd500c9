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

// readerStore returns s as a parallax.ReaderStore or stops the test.
func readerStore(t *testing.T, s parallax.Store) parallax.ReaderStore {
	t.Helper()
	rs, ok := s.(parallax.ReaderStore)
	if !ok {
		t.Fatalf("%T is not a parallax.ReaderStore", s)
	}
	return rs
}

// newUser creates a user named name and returns it.
func newUser(t *testing.T, rs parallax.ReaderStore, name string) *parallax.User {
	t.Helper()
	u := &parallax.User{Name: name, CreatedAt: when(1, len(name))}
	if err := rs.CreateUser(context.Background(), u, "hash-of-"+name); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	if u.ID == 0 {
		t.Fatalf("CreateUser(%s): no ID", name)
	}
	return u
}

// timeOpts compares times by instant, whatever their zone.
var timeOpts = cmp.Options{cmpopts.EquateApproxTime(0), cmpopts.EquateEmpty()}

func testUsers(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	ana := newUser(t, rs, "Ana")
	bo := newUser(t, rs, "Bø Lee")
	if ana.ID == bo.ID {
		t.Fatalf("users share ID %d", ana.ID)
	}
	for _, name := range []string{"Ana", "ana", "ANA", "bø lee", "BØ LEE"} {
		err := rs.CreateUser(ctx, &parallax.User{Name: name, CreatedAt: when(2, 0)}, "x")
		if !errors.Is(err, parallax.ErrConflict) {
			t.Errorf("CreateUser(%q) with the name taken: %v, want ErrConflict", name, err)
		}
	}
	for _, tt := range []struct {
		name     string
		lookup   string
		want     *parallax.User
		wantHash string
	}{
		{"exact", "Ana", ana, "hash-of-Ana"},
		{"lower case", "ana", ana, "hash-of-Ana"},
		{"non-ASCII folded", "BØ LEE", bo, "hash-of-Bø Lee"},
		{"unknown", "Cy", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, hash, err := rs.FindUserByName(ctx, tt.lookup)
			if tt.want == nil {
				if !errors.Is(err, parallax.ErrNotFound) {
					t.Fatalf("FindUserByName(%q): %v, want ErrNotFound", tt.lookup, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("FindUserByName(%q): %v", tt.lookup, err)
			}
			if diff := cmp.Diff(tt.want, got, timeOpts); diff != "" {
				t.Errorf("FindUserByName(%q) (-want +got):\n%s", tt.lookup, diff)
			}
			if hash != tt.wantHash {
				t.Errorf("FindUserByName(%q) hash=%q, want %q", tt.lookup, hash, tt.wantHash)
			}
		})
	}
	if err := rs.SetPassword(ctx, ana.ID, "new-hash"); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	if _, hash, err := rs.FindUserByName(ctx, "Ana"); err != nil || hash != "new-hash" {
		t.Errorf("hash after SetPassword = %q, %v; want new-hash", hash, err)
	}
	if _, hash, err := rs.FindUserByName(ctx, "Bø Lee"); err != nil || hash != "hash-of-Bø Lee" {
		t.Errorf("other user's hash after SetPassword = %q, %v; want unchanged", hash, err)
	}
	missing := bo.ID + 100
	if err := rs.SetPassword(ctx, missing, "x"); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("SetPassword(unknown user): %v, want ErrNotFound", err)
	}
	if err := rs.SetPreferredSource(ctx, ana.ID, "Example News"); err != nil {
		t.Fatalf("SetPreferredSource: %v", err)
	}
	if err := rs.SetPreferredSource(ctx, missing, "Example News"); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("SetPreferredSource(unknown user): %v, want ErrNotFound", err)
	}
	got, err := rs.FindUserByID(ctx, ana.ID)
	if err != nil {
		t.Fatalf("FindUserByID: %v", err)
	}
	want := *ana
	want.PreferredSource = "Example News"
	if diff := cmp.Diff(&want, got, timeOpts); diff != "" {
		t.Errorf("FindUserByID after SetPreferredSource (-want +got):\n%s", diff)
	}
	if _, err := rs.FindUserByID(ctx, missing); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("FindUserByID(unknown): %v, want ErrNotFound", err)
	}
	if err := rs.SetPreferredSource(ctx, ana.ID, ""); err != nil {
		t.Fatalf("SetPreferredSource(clear): %v", err)
	}
	all, err := rs.FindUsers(ctx)
	if err != nil {
		t.Fatalf("FindUsers: %v", err)
	}
	if diff := cmp.Diff([]*parallax.User{ana, bo}, all, timeOpts); diff != "" {
		t.Errorf("FindUsers (-want +got):\n%s", diff)
	}
}

func testSessions(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	ana, bo := newUser(t, rs, "ana"), newUser(t, rs, "bo")
	start := when(3, 0)
	sessions := []struct {
		hash string
		s    parallax.Session
	}{
		{"a1", parallax.Session{UserID: ana.ID, CreatedAt: start, ExpiresAt: start.Add(time.Hour)}},
		{"a2", parallax.Session{UserID: ana.ID, CreatedAt: start, ExpiresAt: start.Add(2 * time.Hour)}},
		{"b1", parallax.Session{UserID: bo.ID, CreatedAt: start, ExpiresAt: start.Add(time.Hour)}},
	}
	for _, se := range sessions {
		if err := rs.CreateSession(ctx, se.hash, se.s); err != nil {
			t.Fatalf("CreateSession(%s): %v", se.hash, err)
		}
	}
	if err := rs.CreateSession(ctx, "a1", sessions[0].s); !errors.Is(err, parallax.ErrConflict) {
		t.Errorf("CreateSession(stored hash): %v, want ErrConflict", err)
	}
	if err := rs.CreateSession(ctx, "x", parallax.Session{UserID: bo.ID + 100, ExpiresAt: start.Add(time.Hour)}); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("CreateSession(unknown user): %v, want ErrNotFound", err)
	}
	for _, tt := range []struct {
		name string
		hash string
		now  time.Time
		want *parallax.Session
	}{
		{"live", "a1", start.Add(59 * time.Minute), &sessions[0].s},
		{"expires exactly now", "a1", start.Add(time.Hour), nil},
		{"expired", "a1", start.Add(2 * time.Hour), nil},
		{"longer session", "a2", start.Add(90 * time.Minute), &sessions[1].s},
		{"other user", "b1", start, &sessions[2].s},
		{"unknown", "zz", start, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.FindSession(ctx, tt.hash, tt.now)
			if tt.want == nil {
				if !errors.Is(err, parallax.ErrNotFound) {
					t.Fatalf("FindSession(%s, %v) = %+v, %v; want ErrNotFound", tt.hash, tt.now, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("FindSession(%s): %v", tt.hash, err)
			}
			if diff := cmp.Diff(tt.want, got, timeOpts); diff != "" {
				t.Errorf("FindSession(%s) (-want +got):\n%s", tt.hash, diff)
			}
		})
	}
	live := func(hash string) bool {
		_, err := rs.FindSession(ctx, hash, start)
		if err != nil && !errors.Is(err, parallax.ErrNotFound) {
			t.Fatalf("FindSession(%s): %v", hash, err)
		}
		return err == nil
	}
	if err := rs.DeleteSession(ctx, "a1"); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	if err := rs.DeleteSession(ctx, "a1"); err != nil {
		t.Errorf("DeleteSession(absent): %v, want nil", err)
	}
	if live("a1") || !live("a2") || !live("b1") {
		t.Errorf("after DeleteSession(a1): a1 %v a2 %v b1 %v, want false true true", live("a1"), live("a2"), live("b1"))
	}
	if err := rs.CreateSession(ctx, "a3", sessions[0].s); err != nil {
		t.Fatalf("CreateSession(a3): %v", err)
	}
	if err := rs.DeleteSessions(ctx, ana.ID); err != nil {
		t.Fatalf("DeleteSessions: %v", err)
	}
	if live("a2") || live("a3") || !live("b1") {
		t.Errorf("after DeleteSessions(ana): a2 %v a3 %v b1 %v, want false false true", live("a2"), live("a3"), live("b1"))
	}
	// A new session removes those expired by its creation (b1, an hour
	// after start), whoever they belong to, and keeps the rest.
	later := parallax.Session{UserID: ana.ID, CreatedAt: start.Add(time.Hour), ExpiresAt: start.Add(3 * time.Hour)}
	if err := rs.CreateSession(ctx, "b2-keeps", parallax.Session{UserID: bo.ID, CreatedAt: start, ExpiresAt: start.Add(4 * time.Hour)}); err != nil {
		t.Fatalf("CreateSession(b2-keeps): %v", err)
	}
	if err := rs.CreateSession(ctx, "a4", later); err != nil {
		t.Fatalf("CreateSession(a4): %v", err)
	}
	if live("b1") || !live("b2-keeps") || !live("a4") {
		t.Errorf("after a session created once b1 expired: b1 %v b2-keeps %v a4 %v, want false true true", live("b1"), live("b2-keeps"), live("a4"))
	}
}

func testInterests(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	u := newUser(t, rs, "ana")
	at := when(4, 0)
	add := []parallax.Interest{
		{Kind: parallax.InterestTopic, Value: "UkraineWar", CreatedAt: at},
		{Kind: parallax.InterestEntity, Value: "Volodymyr Zelensky", CreatedAt: at},
		{Kind: parallax.InterestSource, Value: "Example News", Mute: true, CreatedAt: at},
		{Kind: parallax.InterestEntity, Value: "Kaja Kallas", CreatedAt: at},
		// The same value as a mute is a distinct interest.
		{Kind: parallax.InterestTopic, Value: "ukrainewar", Mute: true, CreatedAt: at},
		{Kind: parallax.InterestKeyword, Value: "Élection", Mute: true, CreatedAt: at},
		// Already held (case-insensitively): kept as first given.
		{Kind: parallax.InterestTopic, Value: "UKRAINEWAR", CreatedAt: at.Add(time.Hour)},
		{Kind: parallax.InterestEntity, Value: "kaja kallas", CreatedAt: at.Add(time.Hour)},
	}
	for _, in := range add {
		if err := rs.AddInterest(ctx, u.ID, in); err != nil {
			t.Fatalf("AddInterest(%+v): %v", in, err)
		}
	}
	want := []parallax.Interest{add[3], add[1], add[5], add[2], add[0], add[4]}
	check := func(step string, want []parallax.Interest) {
		t.Helper()
		got, err := rs.FindInterests(ctx, u.ID)
		if err != nil {
			t.Fatalf("FindInterests %s: %v", step, err)
		}
		if diff := cmp.Diff(want, got, timeOpts); diff != "" {
			t.Errorf("FindInterests %s (-want +got):\n%s", step, diff)
		}
	}
	check("after adds", want)
	for _, tt := range []struct {
		name string
		in   parallax.Interest
		want []parallax.Interest
	}{
		{"absent", parallax.Interest{Kind: parallax.InterestEntity, Value: "Nobody"}, want},
		{"follow, not the mute", parallax.Interest{Kind: parallax.InterestTopic, Value: "ukraineWAR"}, []parallax.Interest{add[3], add[1], add[5], add[2], add[4]}},
		{"other kind", parallax.Interest{Kind: parallax.InterestTopic, Value: "Kaja Kallas"}, []parallax.Interest{add[3], add[1], add[5], add[2], add[4]}},
		{"non-ASCII case", parallax.Interest{Kind: parallax.InterestKeyword, Value: "éLECTION", Mute: true}, []parallax.Interest{add[3], add[1], add[2], add[4]}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := rs.RemoveInterest(ctx, u.ID, tt.in); err != nil {
				t.Fatalf("RemoveInterest(%+v): %v", tt.in, err)
			}
			check("after RemoveInterest", tt.want)
		})
	}
	if err := rs.AddInterest(ctx, u.ID+100, add[0]); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("AddInterest(unknown user): %v, want ErrNotFound", err)
	}
}

func testMarks(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	u := newUser(t, rs, "ana")
	t0 := when(5, 0)
	// Marks need no stored story: a merged story's marks stay and are
	// ignored by readers of it.
	for _, tt := range []struct {
		story int64
		at    time.Time
	}{
		{10, t0.Add(time.Hour)},
		{10, t0}, // earlier: ignored
		{11, t0},
		{11, t0.Add(2 * time.Hour)}, // later: kept
		{12, t0.Add(3 * time.Hour)},
	} {
		if err := rs.MarkRead(ctx, u.ID, tt.story, tt.at); err != nil {
			t.Fatalf("MarkRead(%d, %v): %v", tt.story, tt.at, err)
		}
	}
	for _, tt := range []struct {
		name string
		ids  []int64
		want map[int64]time.Time
	}{
		{"all", nil, map[int64]time.Time{10: t0.Add(time.Hour), 11: t0.Add(2 * time.Hour), 12: t0.Add(3 * time.Hour)}},
		{"empty is all", []int64{}, map[int64]time.Time{10: t0.Add(time.Hour), 11: t0.Add(2 * time.Hour), 12: t0.Add(3 * time.Hour)}},
		{"some", []int64{11, 99}, map[int64]time.Time{11: t0.Add(2 * time.Hour)}},
		{"none read", []int64{99}, map[int64]time.Time{}},
	} {
		t.Run("FindReads/"+tt.name, func(t *testing.T) {
			got, err := rs.FindReads(ctx, u.ID, tt.ids)
			if err != nil {
				t.Fatalf("FindReads(%v): %v", tt.ids, err)
			}
			if diff := cmp.Diff(tt.want, got, timeOpts); diff != "" {
				t.Errorf("FindReads(%v) (-want +got):\n%s", tt.ids, diff)
			}
		})
	}
	if err := rs.MarkRead(ctx, u.ID+100, 10, t0); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("MarkRead(unknown user): %v, want ErrNotFound", err)
	}

	for _, tt := range []struct {
		story int64
		at    time.Time
	}{
		{20, t0},
		{21, t0.Add(time.Hour)},
		{20, t0.Add(2 * time.Hour)}, // saved again: the first time stays
		{22, t0.Add(time.Hour)},
	} {
		if err := rs.SaveStory(ctx, u.ID, tt.story, tt.at); err != nil {
			t.Fatalf("SaveStory(%d): %v", tt.story, err)
		}
	}
	wantSaved := []parallax.StoryMark{{StoryID: 22, At: t0.Add(time.Hour)}, {StoryID: 21, At: t0.Add(time.Hour)}, {StoryID: 20, At: t0}}
	got, err := rs.FindSaved(ctx, u.ID)
	if err != nil {
		t.Fatalf("FindSaved: %v", err)
	}
	if diff := cmp.Diff(wantSaved, got, timeOpts); diff != "" {
		t.Errorf("FindSaved (-want +got):\n%s", diff)
	}
	for _, id := range []int64{21, 21, 99} {
		if err := rs.UnsaveStory(ctx, u.ID, id); err != nil {
			t.Fatalf("UnsaveStory(%d): %v", id, err)
		}
	}
	if got, err = rs.FindSaved(ctx, u.ID); err != nil {
		t.Fatalf("FindSaved: %v", err)
	}
	if diff := cmp.Diff([]parallax.StoryMark{wantSaved[0], wantSaved[2]}, got, timeOpts); diff != "" {
		t.Errorf("FindSaved after UnsaveStory (-want +got):\n%s", diff)
	}
}

func testSubscriptions(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	u := newUser(t, rs, "ana")
	var feeds []*parallax.Feed
	for _, url := range []string{"https://a.example/feed", "https://b.example/feed", "https://c.example/feed"} {
		f := &parallax.Feed{URL: url, CreatedAt: when(6, 0)}
		if err := s.CreateFeed(ctx, f); err != nil {
			t.Fatalf("CreateFeed(%s): %v", url, err)
		}
		feeds = append(feeds, f)
	}
	for _, f := range []*parallax.Feed{feeds[2], feeds[0], feeds[2], feeds[1]} {
		if err := rs.Subscribe(ctx, u.ID, f.ID); err != nil {
			t.Fatalf("Subscribe(%d): %v", f.ID, err)
		}
	}
	if err := rs.Subscribe(ctx, u.ID, feeds[2].ID+100); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("Subscribe(unknown feed): %v, want ErrNotFound", err)
	}
	ids := func(step string) []int64 {
		t.Helper()
		fs, err := rs.FindSubscriptions(ctx, u.ID)
		if err != nil {
			t.Fatalf("FindSubscriptions %s: %v", step, err)
		}
		out := []int64{}
		for _, f := range fs {
			if f.URL == "" {
				t.Errorf("FindSubscriptions %s: feed %d without URL", step, f.ID)
			}
			out = append(out, f.ID)
		}
		return out
	}
	if diff := cmp.Diff([]int64{feeds[0].ID, feeds[1].ID, feeds[2].ID}, ids("after Subscribe")); diff != "" {
		t.Errorf("FindSubscriptions (-want +got):\n%s", diff)
	}
	for _, id := range []int64{feeds[1].ID, feeds[1].ID} {
		if err := rs.Unsubscribe(ctx, u.ID, id); err != nil {
			t.Fatalf("Unsubscribe(%d): %v", id, err)
		}
	}
	if err := s.DeleteFeed(ctx, feeds[2].ID); err != nil {
		t.Fatalf("DeleteFeed: %v", err)
	}
	if diff := cmp.Diff([]int64{feeds[0].ID}, ids("after Unsubscribe and DeleteFeed")); diff != "" {
		t.Errorf("FindSubscriptions after Unsubscribe and DeleteFeed (-want +got):\n%s", diff)
	}
}

// testReaderIsolation gives two users the same rows, then changes and
// removes user A's through every per-user method, checking that user B's
// stay as they were and that A's reads never show B's.
func testReaderIsolation(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	a, b := newUser(t, rs, "ana"), newUser(t, rs, "bo")
	f := &parallax.Feed{URL: "https://a.example/feed", CreatedAt: when(7, 0)}
	if err := s.CreateFeed(ctx, f); err != nil {
		t.Fatalf("CreateFeed: %v", err)
	}
	t0 := when(7, 0)
	in := parallax.Interest{Kind: parallax.InterestTopic, Value: "UkraineWar", CreatedAt: t0}
	type state struct {
		Interests []parallax.Interest
		Reads     map[int64]time.Time
		Saved     []parallax.StoryMark
		Feeds     []int64
		Session   bool
	}
	snapshot := func(u *parallax.User, hash string) state {
		t.Helper()
		var st state
		var err error
		if st.Interests, err = rs.FindInterests(ctx, u.ID); err != nil {
			t.Fatalf("FindInterests: %v", err)
		}
		if st.Reads, err = rs.FindReads(ctx, u.ID, nil); err != nil {
			t.Fatalf("FindReads: %v", err)
		}
		if st.Saved, err = rs.FindSaved(ctx, u.ID); err != nil {
			t.Fatalf("FindSaved: %v", err)
		}
		fs, err := rs.FindSubscriptions(ctx, u.ID)
		if err != nil {
			t.Fatalf("FindSubscriptions: %v", err)
		}
		for _, f := range fs {
			st.Feeds = append(st.Feeds, f.ID)
		}
		_, err = rs.FindSession(ctx, hash, t0)
		st.Session = err == nil
		return st
	}
	// B alone first: A must see none of it.
	if err := rs.AddInterest(ctx, b.ID, in); err != nil {
		t.Fatalf("AddInterest(B): %v", err)
	}
	if err := rs.MarkRead(ctx, b.ID, 1, t0); err != nil {
		t.Fatalf("MarkRead(B): %v", err)
	}
	if err := rs.SaveStory(ctx, b.ID, 1, t0); err != nil {
		t.Fatalf("SaveStory(B): %v", err)
	}
	if err := rs.Subscribe(ctx, b.ID, f.ID); err != nil {
		t.Fatalf("Subscribe(B): %v", err)
	}
	if err := rs.CreateSession(ctx, "b", parallax.Session{UserID: b.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
		t.Fatalf("CreateSession(B): %v", err)
	}
	wantB := snapshot(b, "b")
	if diff := cmp.Diff(state{}, snapshot(a, "b-is-not-a"), timeOpts); diff != "" {
		t.Errorf("user A sees user B's rows (-want +got):\n%s", diff)
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"AddInterest", func() error {
			return rs.AddInterest(ctx, a.ID, parallax.Interest{Kind: in.Kind, Value: "UKRAINEWAR", CreatedAt: t0.Add(time.Hour)})
		}},
		{"MarkRead", func() error { return rs.MarkRead(ctx, a.ID, 1, t0.Add(time.Hour)) }},
		{"SaveStory", func() error { return rs.SaveStory(ctx, a.ID, 1, t0.Add(time.Hour)) }},
		{"Subscribe", func() error { return rs.Subscribe(ctx, a.ID, f.ID) }},
		{"CreateSession", func() error {
			return rs.CreateSession(ctx, "a", parallax.Session{UserID: a.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)})
		}},
		{"SetPassword", func() error { return rs.SetPassword(ctx, a.ID, "changed") }},
		{"SetPreferredSource", func() error { return rs.SetPreferredSource(ctx, a.ID, "Other Wire") }},
		{"RemoveInterest", func() error { return rs.RemoveInterest(ctx, a.ID, in) }},
		{"UnsaveStory", func() error { return rs.UnsaveStory(ctx, a.ID, 1) }},
		{"Unsubscribe", func() error { return rs.Unsubscribe(ctx, a.ID, f.ID) }},
		{"DeleteSessions", func() error { return rs.DeleteSessions(ctx, a.ID) }},
	}
	for _, st := range steps {
		if err := st.fn(); err != nil {
			t.Fatalf("%s(A): %v", st.name, err)
		}
		if diff := cmp.Diff(wantB, snapshot(b, "b"), timeOpts); diff != "" {
			t.Errorf("user B's rows after %s of user A (-want +got):\n%s", st.name, diff)
		}
		if st.name == "CreateSession" {
			gotA := snapshot(a, "a")
			wantA := state{
				Interests: []parallax.Interest{{Kind: in.Kind, Value: "UKRAINEWAR", CreatedAt: t0.Add(time.Hour)}},
				Reads:     map[int64]time.Time{1: t0.Add(time.Hour)}, Saved: []parallax.StoryMark{{StoryID: 1, At: t0.Add(time.Hour)}},
				Feeds: []int64{f.ID}, Session: true,
			}
			if diff := cmp.Diff(wantA, gotA, timeOpts); diff != "" {
				t.Errorf("user A's own rows (-want +got):\n%s", diff)
			}
		}
	}
	if _, hash, err := rs.FindUserByName(ctx, "bo"); err != nil || hash != "hash-of-bo" {
		t.Errorf("user B's hash = %q, %v; want unchanged", hash, err)
	}
	if got, err := rs.FindUserByID(ctx, b.ID); err != nil || got.PreferredSource != "" {
		t.Errorf("user B = %+v, %v; want no preferred source", got, err)
	}
	// A's own rows went with them (reads stay: nothing removes one).
	if diff := cmp.Diff(state{Reads: map[int64]time.Time{1: t0.Add(time.Hour)}}, snapshot(a, "a"), timeOpts); diff != "" {
		t.Errorf("user A after removing everything (-want +got):\n%s", diff)
	}
	// A's session hash cannot reach B's session.
	if err := rs.DeleteSession(ctx, "a"); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	if diff := cmp.Diff(wantB, snapshot(b, "b"), timeOpts); diff != "" {
		t.Errorf("user B's rows at the end (-want +got):\n%s", diff)
	}
}

// storedStories stores articles 0-4 in two stories (0-2 under ids[0], 3-4
// under ids[3]) with tags, a second source and an unresolved mention, and
// returns the article ids.
func storedStories(t *testing.T, s parallax.Store) []int64 {
	t.Helper()
	its := items(1, 6)
	its[1].Article.Tags = []string{"talks", "UkraineWar"}
	its[2].Article.Source = "Other Wire"
	its[2].Article.Title = its[0].Article.Title // a copy: one title
	its[3].Article.Tags = []string{"UkraineWar", ""}
	its[4].Article.Tags = nil
	its[4].Article.Source = ""
	its[5].Article.Tags = []string{"Orphan"} // no story
	ids := articleIDs(create(t, s, its))
	var results []parallax.Processed
	for i, id := range ids[:5] {
		story := ids[0]
		if i >= 3 {
			story = ids[3]
		}
		p := processed(id, 0, story)
		if i == 4 {
			p.Analysis.Mentions = append(p.Analysis.Mentions, parallax.Mention{Text: "Kaja Kallas", Kind: parallax.EntityPerson})
		}
		results = append(results, p)
	}
	stories := []*parallax.Story{
		{ID: ids[0], Headline: "One", ArticleIDs: ids[:3], Sources: 2, FirstSeen: when(20, 1), LastSeen: when(20, 2)},
		{ID: ids[3], Headline: "Two", ArticleIDs: ids[3:5], Sources: 1, FirstSeen: when(21, 1), LastSeen: when(21, 2)},
	}
	if err := s.SaveProcessed(context.Background(), results, stories, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	return ids
}

func testStoryProfiles(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	ids := storedStories(t, s)
	its := items(1, 6)
	one := parallax.StoryProfile{
		StoryID:  ids[0],
		Entities: []string{"Volodymyr Zelensky"},
		Sources:  []string{"Example News", "Other Wire"},
		Tags:     []string{"UkraineWar", "talks", "world"},
		Titles:   []string{its[0].Article.Title, its[1].Article.Title},
		// The latest fetch time of its articles.
		LastArrival: latestFetch(its[0], its[1], its[2]),
	}
	two := parallax.StoryProfile{
		StoryID:     ids[3],
		Entities:    []string{"Kaja Kallas", "Volodymyr Zelensky"},
		Sources:     []string{"Example News"},
		Tags:        []string{"UkraineWar"},
		Titles:      []string{its[3].Article.Title, its[4].Article.Title},
		LastArrival: latestFetch(its[3], its[4]),
	}
	if one.LastArrival.IsZero() || two.LastArrival.IsZero() {
		t.Fatal("the stored items have no fetch times to test LastArrival with")
	}
	for _, tt := range []struct {
		name string
		ids  []int64
		want []parallax.StoryProfile
	}{
		{"in the order asked", []int64{ids[3], ids[0]}, []parallax.StoryProfile{two, one}},
		{"missing omitted", []int64{ids[1], ids[0], ids[5] + 100}, []parallax.StoryProfile{one}},
		{"none", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.FindStoryProfiles(ctx, tt.ids)
			if err != nil {
				t.Fatalf("FindStoryProfiles(%v): %v", tt.ids, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindStoryProfiles(%v) (-want +got):\n%s", tt.ids, diff)
			}
		})
	}
	// A read and a save of a story survive its merge into another, and do
	// not stop the merge.
	u := newUser(t, rs, "ana")
	if err := rs.MarkRead(ctx, u.ID, ids[3], when(22, 0)); err != nil {
		t.Fatalf("MarkRead: %v", err)
	}
	if err := rs.SaveStory(ctx, u.ID, ids[3], when(22, 0)); err != nil {
		t.Fatalf("SaveStory: %v", err)
	}
	merged := &parallax.Story{ID: ids[0], Headline: "One and two", ArticleIDs: ids[:5], Sources: 2, LastSeen: when(21, 2)}
	if err := s.SaveProcessed(ctx, nil, []*parallax.Story{merged}, map[int64]int64{ids[3]: ids[0]}); err != nil {
		t.Fatalf("SaveProcessed merge with marks: %v", err)
	}
	got, err := rs.FindStoryProfiles(ctx, []int64{ids[3], ids[0]})
	if err != nil {
		t.Fatalf("FindStoryProfiles after merge: %v", err)
	}
	want := []parallax.StoryProfile{{
		StoryID:     ids[0],
		Entities:    []string{"Kaja Kallas", "Volodymyr Zelensky"},
		Sources:     []string{"Example News", "Other Wire"},
		Tags:        []string{"UkraineWar", "talks", "world"},
		Titles:      []string{its[0].Article.Title, its[1].Article.Title, its[3].Article.Title, its[4].Article.Title},
		LastArrival: latestFetch(its[:5]...),
	}}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("FindStoryProfiles after merge (-want +got):\n%s", diff)
	}
	if reads, err := rs.FindReads(ctx, u.ID, nil); err != nil || len(reads) != 1 || reads[ids[3]].IsZero() {
		t.Errorf("FindReads after merge = %v, %v; want the mark kept on story %d", reads, err, ids[3])
	}
	// The save moves to the story that absorbed the saved one.
	if saved, err := rs.FindSaved(ctx, u.ID); err != nil || len(saved) != 1 || saved[0].StoryID != ids[0] || !saved[0].At.Equal(when(22, 0)) {
		t.Errorf("FindSaved after merge = %+v, %v; want story %d saved at %v", saved, err, ids[0], when(22, 0))
	}
}

func testTags(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	rs := readerStore(t, s)
	if got, err := rs.FindTags(ctx, parallax.NameFilter{}); err != nil || len(got) != 0 {
		t.Errorf("FindTags on an empty store = %v, %v; want none", got, err)
	}
	ids := storedStories(t, s)
	all := []parallax.TagRef{
		{Name: "UkraineWar", StoryIDs: []int64{ids[0], ids[3]}},
		{Name: "talks", StoryIDs: []int64{ids[0]}},
		{Name: "world", StoryIDs: []int64{ids[0]}},
		{Name: "Orphan", StoryIDs: []int64{}},
	}
	for _, tt := range []struct {
		name string
		f    parallax.NameFilter
		want []parallax.TagRef
	}{
		{"all", parallax.NameFilter{}, all},
		{"limit", parallax.NameFilter{Limit: 2}, all[:2]},
		{"name", parallax.NameFilter{Name: "talks"}, all[1:2]},
		{"name, other case", parallax.NameFilter{Name: "ukrainewar"}, all[:1]},
		{"name without story", parallax.NameFilter{Name: "orphan"}, all[3:]},
		{"unknown name", parallax.NameFilter{Name: "tal"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rs.FindTags(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindTags(%+v): %v", tt.f, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindTags(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

// latestFetch is the latest fetch time of the items' articles.
func latestFetch(its ...parallax.Ingested) time.Time {
	var t time.Time
	for _, it := range its {
		if it.Article.Fetched.After(t) {
			t = it.Article.Fetched
		}
	}
	return t
}
