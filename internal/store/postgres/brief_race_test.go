package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// TestSaveBriefIfCurrentRacesMerge: a brief saved while another
// transaction deletes its story (a merge) waits for it, and once that
// commits is not saved, without an error (the foreign key then fails).
func TestSaveBriefIfCurrentRacesMerge(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	at := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	if err := db.SaveProcessed(ctx, nil, []*parallax.Story{{ID: 7, Headline: "Seven", UpdatedAt: at}}, nil); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `DELETE FROM stories WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	type result struct {
		saved bool
		err   error
	}
	done := make(chan result, 1)
	go func() {
		saved, err := db.SaveBriefIfCurrent(ctx, &parallax.Brief{StoryID: 7, Headline: "late"}, at)
		done <- result{saved, err}
	}()
	select {
	case r := <-done:
		t.Fatalf("SaveBriefIfCurrent returned %v, %v before the deleting transaction ended", r.saved, r.err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.saved || r.err != nil {
		t.Errorf("SaveBriefIfCurrent after the story's deletion committed = %v, %v; want false, nil", r.saved, r.err)
	}
}
