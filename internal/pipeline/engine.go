package pipeline

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/text"
)

// Engine holds the in-memory state of the stages after extraction
// (provenance index, story clusterer, per-article results) and runs them on
// each new article in arrival order. It backs both the store-backed
// Processor and the in-memory `parallax brief`. Not safe for concurrent use.
type Engine struct {
	now      func() time.Time
	dedup    *dedup.Index
	cluster  *cluster.Clusterer
	articles map[int64]*parallax.Article
	derived  map[int64]parallax.Derivation
	assigned map[int64]parallax.Assignment
	analyses map[int64]*parallax.Analysis
	briefs   *brief.Builder
}

// NewEngine returns an empty engine; now stamps stories (time.Now when nil).
func NewEngine(now func() time.Time) *Engine {
	if now == nil {
		now = func() time.Time { return time.Now().UTC() }
	}
	return &Engine{
		now:      now,
		dedup:    dedup.NewIndex(dedup.Config{}),
		cluster:  cluster.New(cluster.Config{Now: now}),
		articles: map[int64]*parallax.Article{},
		derived:  map[int64]parallax.Derivation{},
		assigned: map[int64]parallax.Assignment{},
		analyses: map[int64]*parallax.Analysis{},
		briefs:   brief.NewBuilder(),
	}
}

// Change is what adding articles changed: the per-article results to store
// (the new articles, older ones whose derivation changed and older ones a
// story split moved to a new story), stories merged away, and the IDs of
// the stories whose contents changed (both stories of a split).
type Change struct {
	Processed []parallax.Processed
	Merged    map[int64]int64
	Stories   []int64
}

// Restore indexes an article that was processed before, with its stored
// results, without deciding anything again: the provenance index takes d
// as the article's derivation instead of comparing it with the others.
func (e *Engine) Restore(a *parallax.Article, d *parallax.Derivation, as parallax.Assignment, an *parallax.Analysis) error {
	e.articles[a.ID] = a
	e.dedup.Restore(dedupDoc(a), d)
	if d != nil {
		e.derived[a.ID] = *d
	}
	e.assigned[a.ID] = as
	if an != nil {
		e.analyses[a.ID] = an
	}
	return e.cluster.Restore(e.clusterDoc(a, d), as.StoryID)
}

// Add runs provenance, story assignment and analysis on a new article.
func (e *Engine) Add(a *parallax.Article) Change { return e.add(a, nil) }

// add is Add with the article's analysis done beforehand (nil: do it
// here). Analysis depends on the article alone, so callers may run it in
// parallel and outside the process lock; the rest depends on arrival order.
func (e *Engine) add(a *parallax.Article, an *parallax.Analysis) Change {
	return e.addDerived(a, an, e.dedup.Add(dedupDoc(a)))
}

// dedupAhead adds batch to the provenance index, in order, on a goroutine
// of its own, and returns the index's answer for each article in a
// channel, in the same order: the caller passes each to addDerived and
// must receive all of them. Provenance needs nothing from the later stages,
// so the next articles are compared while stories take the earlier ones,
// and reading each article for the index (dedup.Index.Prepare: sentences,
// stems, fingerprint) runs ahead of that on the other CPUs, at most
// prepareAhead articles ahead; nothing else may use the index meanwhile.
func (e *Engine) dedupAhead(batch []*parallax.Article) <-chan []parallax.Derivation {
	ready := make([]chan *dedup.Prepared, len(batch))
	for i := range ready {
		ready[i] = make(chan *dedup.Prepared, 1)
	}
	slots := make(chan struct{}, prepareAhead)
	var next atomic.Int64
	for range max(1, min(len(batch), runtime.GOMAXPROCS(0)-1)) {
		go func() {
			for {
				slots <- struct{}{}
				i := int(next.Add(1)) - 1
				if i >= len(batch) {
					return
				}
				ready[i] <- e.dedup.Prepare(dedupDoc(batch[i]))
			}
		}()
	}
	out := make(chan []parallax.Derivation, len(batch))
	go func() {
		for i := range batch {
			p := <-ready[i]
			<-slots
			out <- e.dedup.AddPrepared(p)
		}
		close(out)
	}()
	return out
}

// prepareAhead bounds the articles read for the provenance index and not
// yet added to it (their analysed sentences are held meanwhile).
const prepareAhead = 64

// addDerived is add with ds, the provenance index's answer for a (what
// dedup.Index.Add returned when a was added to it).
func (e *Engine) addDerived(a *parallax.Article, an *parallax.Analysis, ds []parallax.Derivation) Change {
	e.articles[a.ID] = a
	ch := Change{}
	touched := map[int64]bool{}
	var changedOthers []int64
	for _, d := range ds {
		e.derived[d.ArticleID] = d
		if d.ArticleID != a.ID {
			changedOthers = append(changedOthers, d.ArticleID)
		}
	}
	var own *parallax.Derivation
	if d, ok := e.derived[a.ID]; ok {
		own = &d
	}
	if an == nil {
		an = analyse(a)
	}
	e.analyses[a.ID] = an
	res := e.cluster.Add(e.clusterDoc(a, own))
	e.assigned[a.ID] = res.Assignment
	touched[res.Assignment.StoryID] = true
	if len(res.Merged) > 0 {
		ch.Merged = res.Merged
		e.applyMerges(res.Merged)
		for _, to := range res.Merged {
			touched[to] = true
		}
	}
	ch.Processed = append(ch.Processed, parallax.Processed{ArticleID: a.ID, Derivation: own, Assignment: res.Assignment, Analysis: an})
	moved := e.applySplit(res.Split, touched)
	for _, id := range moved {
		ch.Processed = append(ch.Processed, e.processed(id))
	}
	for _, id := range changedOthers {
		touched[e.assigned[id].StoryID] = true
		if !slices.Contains(moved, id) {
			ch.Processed = append(ch.Processed, e.processed(id))
		}
	}
	for id := range touched {
		ch.Stories = append(ch.Stories, e.current(id))
	}
	sort.Slice(ch.Stories, func(i, j int) bool { return ch.Stories[i] < ch.Stories[j] })
	return ch
}

// applySplit takes the new assignments of the articles a story split
// moved out, notes both stories as touched, and returns the moved articles.
func (e *Engine) applySplit(sp *cluster.Split, touched map[int64]bool) []int64 {
	if sp == nil {
		return nil
	}
	touched[sp.From], touched[sp.To] = true, true
	moved := make([]int64, 0, len(sp.Moved))
	for _, as := range sp.Moved {
		e.assigned[as.ArticleID] = as
		moved = append(moved, as.ArticleID)
	}
	return moved
}

// processed is an article's current results, to store again.
func (e *Engine) processed(id int64) parallax.Processed {
	pr := parallax.Processed{ArticleID: id, Assignment: e.assigned[id], Analysis: e.analyses[id]}
	if d, ok := e.derived[id]; ok {
		pr.Derivation = &d
	}
	return pr
}

// analyse runs the analysis stage on one article: named entities, then the
// quotes and claims that refer to them. It reads nothing but the article,
// and is safe for concurrent use.
func analyse(a *parallax.Article) *parallax.Analysis {
	body := a.Text()
	mentions := keepMentions(a, entity.Recognize(body))
	return &parallax.Analysis{
		ArticleID: a.ID,
		Mentions:  mentions,
		Quotes:    quote.Extract(body, mentions),
		Claims:    claim.Extract(body, mentions, published(a)),
	}
}

// keepMentions drops the mentions that name no one the article is about:
// those inside section headings ("Key Facts", "What Happens Next": title
// case misleads the tagger, and whoever a heading names the paragraphs
// name too) and the article's own publisher ("(Meridian Wire) —").
func keepMentions(a *parallax.Article, ms []parallax.Mention) []parallax.Mention {
	type span struct{ start, end int }
	var headings []span
	off := 0
	for i, bl := range a.Body {
		if i > 0 {
			off++ // the newline Text puts between blocks
		}
		if bl.Kind == parallax.BlockHeading {
			headings = append(headings, span{off, off + len(bl.Text)})
		}
		off += len(bl.Text)
	}
	out := ms[:0]
	for _, m := range ms {
		if a.Source != "" && strings.EqualFold(m.Text, a.Source) {
			continue
		}
		inHeading := false
		for _, h := range headings {
			if m.Start >= h.start && m.End <= h.end {
				inHeading = true
				break
			}
		}
		if !inHeading {
			out = append(out, m)
		}
	}
	return out
}

// Brief builds the brief of a story from its members' results; since flags
// the articles that arrived after it (zero: none).
func (e *Engine) Brief(storyID int64, since time.Time) *parallax.Brief {
	return e.briefBuild(storyID, since)()
}

// briefBuild gathers a story's brief input from the engine now and returns
// the function that builds it. The builds of different stories share no
// input and may run in parallel with each other, not with anything reading
// the members' analyses (entity resolution writes canonical names into
// their mentions).
func (e *Engine) briefBuild(storyID int64, since time.Time) func() *parallax.Brief {
	var arts []*parallax.Article
	var derivs []parallax.Derivation
	var analyses []parallax.Analysis
	for _, id := range e.cluster.Story(storyID) {
		a := e.articles[id]
		if a == nil {
			continue
		}
		arts = append(arts, a)
		if d, ok := e.derived[id]; ok {
			derivs = append(derivs, d)
		}
		if an := e.analyses[id]; an != nil {
			analyses = append(analyses, *an)
		}
	}
	return func() *parallax.Brief {
		return buildBrief(e.briefs, storyID, arts, derivs, analyses, since, e.now)
	}
}

// buildBrief resolves the story's entities across its articles and builds
// its brief: the one place both the engine and RebuildBrief assemble the
// brief's input.
func buildBrief(b *brief.Builder, storyID int64, arts []*parallax.Article, derivs []parallax.Derivation,
	analyses []parallax.Analysis, since time.Time, now func() time.Time) *parallax.Brief {
	docs := make([]entity.DocMentions, len(analyses))
	for i, an := range analyses {
		docs[i] = entity.DocMentions{ArticleID: an.ArticleID, Mentions: an.Mentions}
	}
	return b.Build(brief.Input{
		StoryID: storyID, Articles: arts, Derivations: derivs, Analyses: analyses,
		Entities: entity.Resolve(docs), Since: since, Now: now,
	})
}

// applyMerges moves the assignments of the articles of stories merged
// away to their survivors. Only the survivors' members can be among them,
// so only those are looked at, not every article held (lone articles merge
// often).
func (e *Engine) applyMerges(merged map[int64]int64) {
	seen := map[int64]bool{}
	for _, survivor := range merged {
		if seen[survivor] {
			continue
		}
		seen[survivor] = true
		for _, id := range e.cluster.Story(survivor) {
			as, ok := e.assigned[id]
			if !ok {
				continue
			}
			if to, ok := merged[as.StoryID]; ok {
				as.StoryID = to
				e.assigned[id] = as
			}
		}
	}
}

// current follows merges to the story an ID lives on as.
func (e *Engine) current(storyID int64) int64 {
	if m := e.cluster.Story(storyID); len(m) > 0 {
		if s, ok := e.cluster.StoryOf(m[0]); ok {
			return s
		}
	}
	return storyID
}

// Story builds the story value of a story from its members: headline,
// independent sources, first and last seen.
func (e *Engine) Story(id int64) *parallax.Story {
	members := e.cluster.Story(id)
	s := &parallax.Story{ID: id, ArticleIDs: members, UpdatedAt: e.now()}
	var ds []parallax.Derivation
	var titled []*parallax.Article
	for _, m := range members {
		a := e.articles[m]
		if a == nil {
			continue
		}
		if d, ok := e.derived[m]; ok {
			ds = append(ds, d)
		}
		w := a.When()
		if s.FirstSeen.IsZero() || w.Before(s.FirstSeen) {
			s.FirstSeen = w
		}
		if w.After(s.LastSeen) {
			s.LastSeen = w
		}
		if a.Title != "" {
			titled = append(titled, a)
		}
	}
	s.Sources = dedup.Independent(members, ds)
	if rep, ok := e.cluster.Representative(id); ok && e.articles[rep] != nil && e.articles[rep].Title != "" {
		s.Headline = e.articles[rep].Title
	} else {
		s.Headline = e.headline(members, titled)
	}
	return s
}

// headline is the fallback when the clusterer's representative article has
// no title: the titled article whose title shares most terms with the other members'
// titles and first sentences (ties to the lowest ID); the first sentence of
// the first article when none has a title.
func (e *Engine) headline(members []int64, titled []*parallax.Article) string {
	if len(titled) == 0 {
		if len(members) == 0 || e.articles[members[0]] == nil {
			return ""
		}
		return Headline(e.articles[members[0]])
	}
	const maxCompared = 50
	if len(titled) > maxCompared {
		titled = titled[:maxCompared]
	}
	counts := map[string]int{}
	for _, m := range members[:min(len(members), maxCompared)] {
		seen := map[string]bool{}
		for _, t := range text.Terms(Headline(e.articles[m])) {
			if !seen[t] {
				seen[t] = true
				counts[t]++
			}
		}
	}
	best, bestScore := titled[0], -1.0
	for _, a := range titled {
		terms := text.Terms(a.Title)
		score := 0.0
		for _, t := range terms {
			score += float64(counts[t])
		}
		if len(terms) > 0 {
			score /= float64(len(terms))
		}
		if score > bestScore {
			best, bestScore = a, score
		}
	}
	return best.Title
}

func dedupDoc(a *parallax.Article) dedup.Doc {
	return dedup.Doc{ID: a.ID, Published: published(a), Text: a.Text()}
}

// published is an article's publication time, else its dateline's date
// (zero when it has neither).
func published(a *parallax.Article) time.Time {
	if a.Published.IsZero() {
		return a.Dateline.Date
	}
	return a.Published
}

// clusterDoc is what the clusterer sees of an article. Its time is the
// published (else dateline) date. The fetch time does not stand in: a file,
// an export or an archive page read today says nothing about when its story
// happened, so an undated article has no time (neutral to the clusterer)
// rather than today's.
func (e *Engine) clusterDoc(a *parallax.Article, d *parallax.Derivation) cluster.Doc {
	doc := cluster.Doc{ID: a.ID, Title: a.Title, Text: a.Text(), Time: published(a)}
	if d != nil {
		doc.DerivedFrom = d.SourceID
	}
	return doc
}
