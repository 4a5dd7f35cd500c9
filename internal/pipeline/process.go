package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// processBatch is how many new articles are processed per transaction.
const processBatch = 500

// Processor runs the stages after extraction over stored articles that have
// not been processed yet (no story assignment), in ID (arrival) order. It
// restores the engine from what is stored first, so a run after a crash
// carries on where the last one stopped.
type Processor struct {
	Store parallax.Store
	Now   func() time.Time
	// Progress, when set, is called after each article with the count done
	// and the total to do.
	Progress func(done, total int)
}

// Process handles every unprocessed article and returns how many it
// processed. When the store is shared by several processes (it implements
// parallax.ProcessLocker), the whole run holds the store's process lock, so
// that concurrent runs never start two stories for one new event.
func (p *Processor) Process(ctx context.Context) (int, error) {
	l, ok := p.Store.(parallax.ProcessLocker)
	if !ok {
		return p.process(ctx)
	}
	var n int
	err := l.WithProcessLock(ctx, func(ctx context.Context) error {
		var err error
		n, err = p.process(ctx)
		return err
	})
	return n, err
}

func (p *Processor) process(ctx context.Context) (int, error) {
	if err := p.repairBriefs(ctx); err != nil {
		return 0, fmt.Errorf("process: %w", err)
	}
	eng, todo, err := p.restore(ctx)
	if err != nil {
		return 0, fmt.Errorf("process: %w", err)
	}
	for start := 0; start < len(todo); start += processBatch {
		batch := todo[start:min(start+processBatch, len(todo))]
		if err := p.processBatch(ctx, eng, batch); err != nil {
			return start, fmt.Errorf("process: %w", err)
		}
		if p.Progress != nil {
			p.Progress(start+len(batch), len(todo))
		}
	}
	return len(todo), nil
}

// repairBriefs rebuilds the briefs that a crash between saving a batch and
// saving its briefs left missing or older than their story.
func (p *Processor) repairBriefs(ctx context.Context) error {
	stories, err := p.Store.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		return err
	}
	for _, s := range stories {
		b, err := p.Store.FindBrief(ctx, s.ID)
		if err == nil && !b.BuiltAt.Before(s.UpdatedAt) {
			continue
		}
		if err != nil && !errors.Is(err, parallax.ErrNotFound) {
			return err
		}
		if err := RebuildBrief(ctx, p.Store, s.ID, p.Now); err != nil {
			return err
		}
	}
	return nil
}

// restore loads every stored article into a new engine: processed ones with
// their stored results, and returns the unprocessed ones in ID order.
func (p *Processor) restore(ctx context.Context) (*Engine, []*parallax.Article, error) {
	articles, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		return nil, nil, err
	}
	assigned, err := p.Store.FindAssignments(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	derivs, err := p.Store.FindDerivations(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	analyses, err := p.Store.FindAnalyses(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	as := make(map[int64]parallax.Assignment, len(assigned))
	for _, a := range assigned {
		as[a.ArticleID] = a
	}
	ds := make(map[int64]*parallax.Derivation, len(derivs))
	for i := range derivs {
		ds[derivs[i].ArticleID] = &derivs[i]
	}
	ans := make(map[int64]*parallax.Analysis, len(analyses))
	for i := range analyses {
		ans[analyses[i].ArticleID] = &analyses[i]
	}
	eng := NewEngine(p.Now)
	var todo []*parallax.Article
	for _, a := range articles {
		assignment, ok := as[a.ID]
		if !ok {
			todo = append(todo, a)
			continue
		}
		if err := eng.Restore(a, ds[a.ID], assignment, ans[a.ID]); err != nil {
			return nil, nil, fmt.Errorf("restore article %d: %w", a.ID, err)
		}
	}
	return eng, todo, nil
}

func (p *Processor) processBatch(ctx context.Context, eng *Engine, batch []*parallax.Article) error {
	byArticle := map[int64]int{}
	var results []parallax.Processed
	merged := map[int64]int64{}
	touched := map[int64]bool{}
	for _, a := range batch {
		ch := eng.Add(a)
		for _, pr := range ch.Processed {
			if i, ok := byArticle[pr.ArticleID]; ok {
				results[i] = pr
				continue
			}
			byArticle[pr.ArticleID] = len(results)
			results = append(results, pr)
		}
		for from, to := range ch.Merged {
			merged[from] = to
		}
		for _, s := range ch.Stories {
			touched[s] = true
		}
	}
	// Earlier results in the batch may name stories merged away since.
	for i := range results {
		results[i].Assignment = eng.assigned[results[i].ArticleID]
	}
	for from, to := range merged {
		merged[from] = eng.current(to)
		delete(touched, from)
	}
	var stories []*parallax.Story
	for id := range touched {
		if _, gone := merged[id]; gone {
			continue
		}
		stories = append(stories, eng.Story(id))
	}
	sort.Slice(stories, func(i, j int) bool { return stories[i].ID < stories[j].ID })
	if err := p.Store.SaveProcessed(ctx, results, stories, merged); err != nil {
		return err
	}
	for _, s := range stories {
		if err := p.Store.SaveBrief(ctx, eng.Brief(s.ID, time.Time{})); err != nil {
			return fmt.Errorf("brief of story %d: %w", s.ID, err)
		}
	}
	return nil
}

// Headline is an article's title, or its first sentence when it has none.
func Headline(a *parallax.Article) string {
	if a.Title != "" {
		return a.Title
	}
	for _, b := range a.Body {
		if s := text.Sentences(b.Text); len(s) > 0 {
			return s[0].Text
		}
	}
	return ""
}
