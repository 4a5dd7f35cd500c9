package postgres_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// snapshot is everything the pipeline stored.
type snapshot struct {
	Articles    []*parallax.Article
	Stories     []*parallax.Story
	Derivations []parallax.Derivation
	Assignments []parallax.Assignment
	Analyses    []parallax.Analysis
	Briefs      []*parallax.Brief
}

// TestSameAsSQLite ingests the seeds into PostgreSQL and into SQLite with
// the same clock and compares everything stored: articles, stories,
// derivations, assignments, analyses (entities, quotes, claims) and briefs
// (disagreements included).
func TestSameAsSQLite(t *testing.T) {
	seeds := shared.TestDir(t, "seeds")
	pg := openTemp(t)
	defer pg.Close()
	lite, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parallax.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	defer lite.Close()
	stores := []parallax.Store{lite, pg}
	var got [2]snapshot
	for i, st := range stores {
		got[i] = ingestSnapshot(t, st, seeds)
	}
	// Processing brings PostgreSQL's trailing search index up to date.
	if n, err := pg.IndexSearch(context.Background(), 0); err != nil || n != 0 {
		t.Errorf("IndexSearch after processing = %d, %v; want 0 (nothing left to index)", n, err)
	}
	// The stores give back exactly what they were given, but two runs of
	// the pipeline may differ in the last bits of a float (alignment
	// scores summed in map order), so floats compare approximately.
	if diff := cmp.Diff(got[0], got[1], cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("stored (-sqlite +postgres):\n%s", diff)
	}
}

func ingestSnapshot(t *testing.T, st parallax.Store, dir string) snapshot {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2025, 11, 25, 8, 0, 0, 0, time.UTC) }
	in := &pipeline.Ingester{Store: st, Read: ingest.Options{MaxSize: 10 << 20, Now: now}}
	if _, err := in.Ingest(ctx, []string{dir}); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	if _, err := (&pipeline.Processor{Store: st, Now: now}).Process(ctx); err != nil {
		t.Fatalf("Process: %v", err)
	}
	var s snapshot
	var err error
	if s.Articles, err = st.FindArticles(ctx, parallax.ArticleFilter{}); err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	if s.Stories, err = st.FindStories(ctx, parallax.StoryFilter{}); err != nil {
		t.Fatalf("FindStories: %v", err)
	}
	if s.Derivations, err = st.FindDerivations(ctx, nil); err != nil {
		t.Fatalf("FindDerivations: %v", err)
	}
	if s.Assignments, err = st.FindAssignments(ctx, nil); err != nil {
		t.Fatalf("FindAssignments: %v", err)
	}
	if s.Analyses, err = st.FindAnalyses(ctx, nil); err != nil {
		t.Fatalf("FindAnalyses: %v", err)
	}
	for _, story := range s.Stories {
		b, err := st.FindBrief(ctx, story.ID)
		if err != nil {
			t.Fatalf("FindBrief(%d): %v", story.ID, err)
		}
		s.Briefs = append(s.Briefs, b)
	}
	if len(s.Articles) == 0 || len(s.Stories) == 0 || len(s.Analyses) == 0 {
		t.Fatalf("stored %d articles, %d stories, %d analyses; want some of each", len(s.Articles), len(s.Stories), len(s.Analyses))
	}
	// What the JSON API would show: the same after a JSON round trip.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("json: %v", err)
	}
	var out snapshot
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("json: %v", err)
	}
	return out
}
