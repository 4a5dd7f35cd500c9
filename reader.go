package parallax

import (
	"context"
	"time"
)

// User is a reader with an account. Passwords are never held here: the
// store keeps only their hash (PHC string, argon2id), beside the user.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	// PreferredSource is the publisher whose article a story shows first
	// for this reader ("" when none).
	PreferredSource string `json:"preferred_source,omitempty"`
}

// Interest kinds: what a reader can follow or mute.
const (
	InterestEntity  = "entity"  // a person, organisation or place, by canonical name
	InterestTopic   = "topic"   // a tag ("UkraineWar") or a frequent entity's topic page
	InterestSource  = "source"  // a publisher
	InterestKeyword = "keyword" // a word or phrase (mutes only)
)

// Interest is one follow or mute of a reader. Value is compared
// case-insensitively; the stored form is the one the reader gave.
type Interest struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Mute is true for a mute, false for a follow.
	Mute      bool      `json:"mute,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// StoryMark is a reader's mark on a story: when it was last read, or saved.
type StoryMark struct {
	StoryID int64     `json:"story_id"`
	At      time.Time `json:"at"`
}

// Session is a signed-in browser. The store keeps the hash of its secret
// (as for tokens); the cookie carries the secret.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// StoryProfile is what a reader's front page and related stories rank a
// story by: the canonical names of its entities, the publishers and tags of
// its articles, and their titles (for keywords and shared terms).
type StoryProfile struct {
	StoryID  int64    `json:"story_id"`
	Entities []string `json:"entities"`
	// Sources holds each publisher once.
	Sources []string `json:"sources"`
	Tags    []string `json:"tags"`
	Titles  []string `json:"titles"`
	// LastArrival is when the story's latest article arrived (its fetch
	// time): "new since you last read" counts from it.
	LastArrival time.Time `json:"last_arrival,omitzero"`
}

// TagRef is a tag with the stories whose articles carry it.
type TagRef struct {
	Name     string  `json:"name"`
	StoryIDs []int64 `json:"story_ids"`
}

// ReaderStore keeps readers' accounts, sessions, interests, subscriptions
// and marks. Every per-reader method takes the user's ID and touches only
// that user's rows: one reader can never read or change another's.
type ReaderStore interface {
	// CreateUser stores u with a password hash and fills in its ID (the
	// caller sets CreatedAt). A name already taken is ErrConflict.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// FindUserByName returns the user and their password hash, or
	// ErrNotFound.
	FindUserByName(ctx context.Context, name string) (*User, string, error)
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUsers returns every user ordered by ID.
	FindUsers(ctx context.Context) ([]*User, error)
	// SetPassword replaces a user's password hash; ErrNotFound when there
	// is no such user.
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	// SetPreferredSource sets (or clears, with "") a user's preferred
	// source.
	SetPreferredSource(ctx context.Context, userID int64, source string) error

	// CreateSession stores a session under the hash of its secret, and
	// removes every session that expired by its CreatedAt (so that
	// sessions nobody signs out of do not pile up).
	CreateSession(ctx context.Context, hash string, s Session) error
	// FindSession returns the session with that hash if it has not expired
	// at now, else ErrNotFound.
	FindSession(ctx context.Context, hash string, now time.Time) (*Session, error)
	// DeleteSession removes one session (sign-out); no error when absent.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessions removes every session of a user (password change).
	DeleteSessions(ctx context.Context, userID int64) error

	// AddInterest stores a follow or mute; adding one already held is not
	// an error (its CreatedAt is kept).
	AddInterest(ctx context.Context, userID int64, in Interest) error
	// RemoveInterest removes a follow or mute (matched by kind, value
	// case-insensitively, and Mute); no error when absent.
	RemoveInterest(ctx context.Context, userID int64, in Interest) error
	// FindInterests returns a user's follows and mutes ordered by kind,
	// then value.
	FindInterests(ctx context.Context, userID int64) ([]Interest, error)

	// MarkRead records that the user read the story at the given time
	// (the later of the stored and the given time is kept).
	MarkRead(ctx context.Context, userID, storyID int64, at time.Time) error
	// FindReads returns when the user last read each of the given stories
	// (all read stories when ids is empty).
	FindReads(ctx context.Context, userID int64, ids []int64) (map[int64]time.Time, error)
	// SaveStory and UnsaveStory keep or drop a story in the user's saved
	// list; both are idempotent.
	SaveStory(ctx context.Context, userID, storyID int64, at time.Time) error
	UnsaveStory(ctx context.Context, userID, storyID int64) error
	// FindSaved returns the user's saved stories, most recently saved
	// first.
	FindSaved(ctx context.Context, userID int64) ([]StoryMark, error)

	// Subscribe adds a feed to the user's subscriptions (idempotent;
	// ErrNotFound when no such feed); Unsubscribe removes it.
	Subscribe(ctx context.Context, userID, feedID int64) error
	Unsubscribe(ctx context.Context, userID, feedID int64) error
	// FindSubscriptions returns the user's feeds ordered by ID.
	FindSubscriptions(ctx context.Context, userID int64) ([]*Feed, error)

	// FindStoryProfiles returns the profile of each given story that
	// exists, in the order of ids.
	FindStoryProfiles(ctx context.Context, ids []int64) ([]StoryProfile, error)
	// FindTags returns the tags of stored articles ordered by the number
	// of stories that carry them (descending), then name; Limit caps them.
	FindTags(ctx context.Context, f NameFilter) ([]TagRef, error)
}
