package pipeline

import (
	"context"
	"sort"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

// Result is the outcome of a whole in-memory run: stories ranked as the
// store ranks them, each with its brief.
type Result struct {
	Summary  Summary
	Articles []*parallax.Article
	Stories  []*parallax.Story
	Briefs   map[int64]*parallax.Brief
}

// RunInMemory runs the whole pipeline over paths with no store: read,
// extract, provenance, stories, analysis and a brief per story. Articles are
// numbered 1, 2, … in the order read (files sorted by path); a document seen
// twice (same URL) counts as already known.
func RunInMemory(ctx context.Context, paths []string, read ingest.Options, now func() time.Time) (*Result, error) {
	files, failed := ingest.Files(paths)
	res := &Result{Summary: Summary{Files: len(files), Failed: failed}, Briefs: map[int64]*parallax.Brief{}}
	eng := NewEngine(now)
	seen := map[string]bool{}
	touched := map[int64]bool{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		docs, fails := ingest.ReadFile(f, read)
		res.Summary.Failed = append(res.Summary.Failed, fails...)
		items, fails := Extract(f, docs)
		res.Summary.Failed = append(res.Summary.Failed, fails...)
		for _, it := range items {
			res.Summary.Documents++
			if seen[it.Document.URL] {
				res.Summary.Known++
				continue
			}
			seen[it.Document.URL] = true
			res.Summary.New++
			a := it.Article
			a.ID = int64(len(res.Articles) + 1)
			a.DocumentID = a.ID
			res.Articles = append(res.Articles, a)
			ch := eng.Add(a)
			for from := range ch.Merged {
				delete(touched, from)
			}
			for _, s := range ch.Stories {
				touched[s] = true
			}
		}
	}
	for id := range touched {
		s := eng.Story(id)
		if len(s.ArticleIDs) == 0 {
			continue
		}
		res.Stories = append(res.Stories, s)
		res.Briefs[id] = eng.Brief(id, time.Time{})
	}
	RankStories(res.Stories)
	return res, nil
}

// RankStories orders stories by independent sources, then recency, then ID:
// the order of `parallax stories`.
func RankStories(stories []*parallax.Story) {
	sort.Slice(stories, func(i, j int) bool {
		a, b := stories[i], stories[j]
		if a.Sources != b.Sources {
			return a.Sources > b.Sources
		}
		if !a.LastSeen.Equal(b.LastSeen) {
			return a.LastSeen.After(b.LastSeen)
		}
		return a.ID < b.ID
	})
}
