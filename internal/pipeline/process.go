package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// processBatch is how many new articles are processed per transaction.
const processBatch = 500

// gapTTL is how long an article ID missing below the highest one seen is
// looked for again: a document transaction that took its ID and commits
// later (after a higher ID) is found within it. Past it, the ID is taken
// to be a gap of the sequence (a rolled-back or skipped insert).
const gapTTL = 15 * time.Minute

// maxGaps bounds the missing IDs looked for again; the oldest go first.
const maxGaps = 10000

// recheckEvery is how often a kept engine looks through every stored
// article for one that is unprocessed below the highest ID it has seen
// (committed after its gap was given up).
const recheckEvery = time.Hour

// Processor runs the stages after extraction over stored articles that have
// not been processed yet (no story assignment), in ID (arrival) order.
//
// Its first run restores the engine from everything stored, so a run after
// a crash carries on where the last one stopped. It keeps that engine
// between runs and later runs read only what is new: articles with a
// higher ID than it has seen, IDs it saw missing (a transaction that took
// its ID before another and committed after it) for gapTTL, and, every
// recheckEvery, any unprocessed article below the highest ID seen.
// When another process processed some of them, their results are restored
// in ID order, after the articles the engine holds, as a full restore would
// order them (those before the first unprocessed one already before the
// process lock is taken: warm); when that cannot be (an article processed
// elsewhere below the highest ID seen) or another process changed what
// this engine decided (an article it holds moved to another story), the
// run restores everything again. Either way, a run starts with the articles, stories and
// derivations that are stored.
//
// Briefs of the stories a run changed are built after it releases the
// process lock, and each is saved only while its story is as the run left
// it (see saveBriefs), so workers decide in turn but build briefs at once.
//
// A Processor is safe for concurrent use; its runs are serialised.
type Processor struct {
	Store parallax.Store
	Now   func() time.Time
	// Progress, when set, is called after each article with the count done
	// and the total to do.
	Progress func(done, total int)
	// Yield makes Process return at once, with nothing done, when another
	// process holds the store's process lock, instead of waiting for it.
	// Nothing is left behind: every run that held the lock looks for
	// unprocessed articles again after releasing it (callers that yielded
	// stored theirs before trying the lock) and, if the lock is free,
	// takes it again for them. Workers yield, so that processing stays
	// with one worker while articles keep coming (the others would each
	// have to catch up with everything it did before their turn) and
	// their job slots stay free.
	Yield bool

	mu       sync.Mutex
	eng      *Engine                // nil until restored, and after a failed run
	seen     int64                  // highest article ID in eng (processed or restored)
	gaps     []gap                  // IDs below seen not stored when seen passed them
	checked  time.Time              // when every article was last looked through (recheck)
	restores int                    // full restores, for FullRestores
	repaired int64                  // highest article processed elsewhere when briefs were last checked
	pending  map[int64]pendingBrief // briefs to build after the run, by story
	logSeq   int64                  // the process log's entries up to this one are in eng
	repair   bool                   // briefs to check: warm took over another process's results
}

// gap is an article ID missing below the highest ID seen.
type gap struct {
	id    int64
	since time.Time
}

// Process handles every unprocessed article and returns how many it
// processed (with Yield, none when another process holds the lock: that
// one processes them). When the store is shared by several processes (it implements
// parallax.ProcessLocker), the run holds the store's process lock, so that
// concurrent runs never start two stories for one new event.
func (p *Processor) Process(ctx context.Context) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	indexed := p.indexSearch(ctx)
	if err := p.warm(ctx); err != nil {
		return 0, errors.Join(fmt.Errorf("process: %w", err), indexed())
	}
	n, err := p.passes(ctx)
	if err != nil {
		return n, errors.Join(err, indexed())
	}
	return n, indexed()
}

// indexSearch brings a store whose search index trails ingest
// (PostgreSQL's bulk copy) up to date with the articles stored so far, on
// a goroutine of its own, so that the server indexes while the run
// decides; it returns a func that waits for it. Articles stored later are
// indexed by the next run, or by the first search (the store indexes
// before every search). Any number of processes may index at once.
func (p *Processor) indexSearch(ctx context.Context) (wait func() error) {
	ix, ok := p.Store.(interface {
		IndexSearch(ctx context.Context, limit int) (int, error)
	})
	if !ok {
		return func() error { return nil }
	}
	done := make(chan error, 1)
	go func() {
		_, err := ix.IndexSearch(ctx, 0)
		done <- err
	}()
	return func() error {
		if err := <-done; err != nil {
			return fmt.Errorf("process: index search: %w", err)
		}
		return nil
	}
}

// passes runs process under the lock, then again while articles stored
// meanwhile are left and the lock is free (up to maxPasses), building and
// saving the briefs after each.
func (p *Processor) passes(ctx context.Context) (int, error) {
	total := 0
	for pass := 1; ; pass++ {
		// Only the first pass of a run that does not yield waits for the
		// lock: later passes are for articles stored meanwhile, which a
		// holder that got the lock since takes itself.
		n, ran, err := p.locked(ctx, !p.Yield && pass == 1)
		total += n
		if err != nil {
			clear(p.pending) // the next run restores and repairs the briefs
			return total, err
		}
		if err := p.saveBriefs(ctx); err != nil {
			clear(p.pending)
			p.eng, p.seen, p.gaps = nil, 0, nil // restore and repair next run
			return total, fmt.Errorf("process: %w", err)
		}
		if !ran || pass == maxPasses {
			return total, nil
		}
		// Callers that yielded while this run held the lock stored their
		// articles before trying it: they are visible now.
		more, err := p.leftovers(ctx)
		if err != nil {
			return total, fmt.Errorf("process: %w", err)
		}
		if !more {
			return total, nil
		}
	}
}

// leftovers reports whether an article is unprocessed that this
// processor's last run did not see: above the highest ID it saw or among
// the IDs it saw missing (every unprocessed article when it has no engine).
func (p *Processor) leftovers(ctx context.Context) (bool, error) {
	f := parallax.ArticleFilter{Unprocessed: true, Limit: 1}
	if p.eng != nil {
		f.AfterID = p.seen
	}
	left, err := p.Store.FindArticles(ctx, f)
	if err != nil || len(left) > 0 || p.eng == nil || len(p.gaps) == 0 {
		return len(left) > 0, err
	}
	ids := make([]int64, len(p.gaps))
	for i, g := range p.gaps {
		ids[i] = g.id
	}
	left, err = p.Store.FindArticles(ctx, parallax.ArticleFilter{IDs: ids, Unprocessed: true, Limit: 1})
	return len(left) > 0, err
}

// maxPasses bounds how often a yielding run takes the lock again for
// articles stored while it held it.
const maxPasses = 5

// locked runs process holding the store's process lock, if it has one,
// waiting for it when wait is set and otherwise only when the lock is free
// (ran is false when it was not).
func (p *Processor) locked(ctx context.Context, wait bool) (n int, ran bool, err error) {
	l, ok := p.Store.(parallax.ProcessLocker)
	if !ok {
		n, err = p.process(ctx)
		return n, true, err
	}
	fn := func(ctx context.Context) error {
		var err error
		n, err = p.process(ctx)
		return err
	}
	if !wait {
		ran, err = l.TryProcessLock(ctx, fn)
		return n, ran, err
	}
	return n, true, l.WithProcessLock(ctx, fn)
}

// FullRestores reports how many runs restored the engine from everything
// stored (the first, and those after another process changed earlier
// decisions or a run failed).
func (p *Processor) FullRestores() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.restores
}

func (p *Processor) process(ctx context.Context) (n int, err error) {
	defer func() {
		if err != nil {
			// The engine may be ahead of the store: start afresh next time.
			p.eng, p.seen, p.gaps = nil, 0, nil
		}
	}()
	// Articles stored while a round ran are taken by the next one, so that
	// processes waiting for the lock behind this one mostly find nothing
	// left to do and need not bring their engines up to date.
	for range maxRounds {
		todo, repair, err := p.sync(ctx)
		if err != nil {
			return n, fmt.Errorf("process: %w", err)
		}
		if repair || p.repair {
			p.repair = false
			if err := p.repairBriefs(ctx); err != nil {
				return n, fmt.Errorf("process: %w", err)
			}
		}
		if len(todo) == 0 {
			break
		}
		for start := 0; start < len(todo); start += processBatch {
			batch := todo[start:min(start+processBatch, len(todo))]
			if err := p.processBatch(ctx, p.eng, batch); err != nil {
				return n, fmt.Errorf("process: %w", err)
			}
			n += len(batch)
			p.seen = max(p.seen, batch[len(batch)-1].ID)
			if p.Progress != nil {
				p.Progress(start+len(batch), len(todo))
			}
		}
	}
	return n, nil
}

// maxRounds bounds the rounds of one run while articles keep arriving.
const maxRounds = 20

// sync brings the engine up to date with the store and returns the
// unprocessed articles in ID order, and whether briefs need checking for
// repair (on a new engine, or when another process has run since: either
// may follow a crash between saving results and briefs). With nothing to
// process, the engine is left as it is: it is brought up to date by the
// first run that has something to do.
func (p *Processor) sync(ctx context.Context) ([]*parallax.Article, bool, error) {
	if p.eng == nil {
		todo, err := p.restore(ctx)
		return todo, true, err
	}
	fresh, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{AfterID: p.seen})
	if err != nil {
		return nil, false, err
	}
	now := time.Now()
	if now.Sub(p.checked) >= recheckEvery {
		if err := p.recheck(ctx, now); err != nil {
			return nil, false, err
		}
	}
	var late []*parallax.Article
	if len(p.gaps) > 0 {
		ids := make([]int64, 0, len(p.gaps))
		kept := p.gaps[:0]
		for _, g := range p.gaps {
			if now.Sub(g.since) < gapTTL {
				ids = append(ids, g.id)
				kept = append(kept, g)
			}
		}
		p.gaps = kept
		if len(ids) > 0 {
			if late, err = p.Store.FindArticles(ctx, parallax.ArticleFilter{IDs: ids}); err != nil {
				return nil, false, err
			}
		}
	}
	cands := append(late, fresh...)
	if len(cands) == 0 {
		return nil, false, nil
	}
	as, err := p.assignmentsOf(ctx, cands)
	if err != nil {
		return nil, false, err
	}
	var todo, elsewhere []*parallax.Article
	for _, a := range cands {
		if _, ok := as[a.ID]; ok {
			elsewhere = append(elsewhere, a)
		} else {
			todo = append(todo, a)
		}
	}
	repair := len(elsewhere) > 0 && elsewhere[len(elsewhere)-1].ID > p.repaired
	if repair {
		p.repaired = elsewhere[len(elsewhere)-1].ID
	}
	if len(todo) == 0 {
		return nil, repair, nil
	}
	changes, err := p.Store.FindProcessChanges(ctx, p.logSeq)
	if err != nil {
		return nil, false, err
	}
	if len(elsewhere) > 0 || len(changes.ArticleIDs) > 0 || !changes.Complete {
		// Another process ran: take its results, unless a full restore
		// would order them differently or it changed earlier decisions.
		ok, err := p.catchUp(ctx, elsewhere, as, changes)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			p.eng = nil
			todo, err := p.restore(ctx)
			return todo, true, err
		}
	}
	p.logSeq = changes.Seq
	p.noteGaps(late, fresh, now)
	return todo, repair, nil
}

// warm takes over, before the process lock, what other processes saved
// since this processor's last run, so that the run under the lock has
// little left to read: the articles stored after the highest ID it has
// seen, in ID order up to the first one not processed yet, are restored
// into the engine with their stored results (catchUp), and the process
// log's entries read become the engine's. Saved results are committed, and
// any later change to them (a merge, a split, a changed derivation) is a
// later log entry, which the run under the lock reads. It does nothing
// without an engine, without a process lock (nothing else saves), when
// no other process saved, or when a full restore is due (the run under the
// lock does it).
func (p *Processor) warm(ctx context.Context) (err error) {
	if p.eng == nil {
		return nil
	}
	if _, ok := p.Store.(parallax.ProcessLocker); !ok {
		return nil
	}
	defer func() {
		if err != nil {
			p.eng, p.seen, p.gaps = nil, 0, nil // catchUp may have begun
		}
	}()
	changes, err := p.Store.FindProcessChanges(ctx, p.logSeq)
	if err != nil || !changes.Complete || len(changes.ArticleIDs) == 0 {
		return err
	}
	fresh, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{AfterID: p.seen})
	if err != nil || len(fresh) == 0 {
		return err
	}
	as, err := p.assignmentsOf(ctx, fresh)
	if err != nil {
		return err
	}
	done := 0
	for done < len(fresh) {
		if _, ok := as[fresh[done].ID]; !ok {
			break
		}
		done++
	}
	elsewhere := fresh[:done]
	ok, err := p.catchUp(ctx, elsewhere, as, changes)
	if err != nil || !ok {
		return err
	}
	p.logSeq = changes.Seq
	if len(elsewhere) > 0 && elsewhere[len(elsewhere)-1].ID > p.repaired {
		p.repaired = elsewhere[len(elsewhere)-1].ID
		p.repair = true
	}
	p.noteGaps(nil, elsewhere, time.Now())
	return nil
}

// recheck looks for articles below the highest ID seen that no process
// has processed and the engine does not hold: committed later than gapTTL
// after a higher ID, or dropped with the oldest gaps. They are looked for
// again as fresh gaps.
func (p *Processor) recheck(ctx context.Context, now time.Time) error {
	p.checked = now
	articles, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		return err
	}
	assigned, err := p.Store.FindAssignments(ctx, nil)
	if err != nil {
		return err
	}
	done := make(map[int64]bool, len(assigned))
	for _, a := range assigned {
		done[a.ArticleID] = true
	}
	for _, a := range articles {
		if _, held := p.eng.articles[a.ID]; a.ID <= p.seen && !held && !done[a.ID] &&
			!slices.ContainsFunc(p.gaps, func(g gap) bool { return g.id == a.ID }) {
			p.gaps = append(p.gaps, gap{id: a.ID, since: now})
		}
	}
	return nil
}

// noteGaps forgets the late IDs found and notes the IDs that fresh skipped
// (below its highest), then advances seen past fresh.
func (p *Processor) noteGaps(late, fresh []*parallax.Article, now time.Time) {
	if len(late) > 0 {
		found := make(map[int64]bool, len(late))
		for _, a := range late {
			found[a.ID] = true
		}
		p.gaps = slices.DeleteFunc(p.gaps, func(g gap) bool { return found[g.id] })
	}
	next := p.seen + 1
	for _, a := range fresh {
		for id := next; id < a.ID; id++ {
			p.gaps = append(p.gaps, gap{id: id, since: now})
		}
		next = a.ID + 1
		p.seen = a.ID
	}
	if len(p.gaps) > maxGaps {
		p.gaps = slices.Delete(p.gaps, 0, len(p.gaps)-maxGaps)
	}
}

// catchUp restores the articles another process processed since this
// engine's last run, when that gives the state a full restore would: they
// all come after every article the engine holds, and no article it holds
// has moved to another story. Derivations of held articles that the other
// process changed (an original arriving after its rewrite) are taken over.
// Only the articles the process log lists as changed since the engine last
// looked are read; when the log no longer reaches back that far, or lists
// an article below the highest ID seen that the engine neither holds nor is
// given, it is a full restore.
func (p *Processor) catchUp(ctx context.Context, elsewhere []*parallax.Article, as map[int64]parallax.Assignment, changes parallax.ProcessChanges) (bool, error) {
	eng := p.eng
	if !changes.Complete {
		return false, nil
	}
	given := make(map[int64]bool, len(elsewhere))
	for _, a := range elsewhere {
		if a.ID <= p.seen {
			return false, nil
		}
		given[a.ID] = true
	}
	var held []int64
	for _, id := range changes.ArticleIDs {
		if _, ok := eng.articles[id]; ok {
			held = append(held, id)
		} else if !given[id] && id <= p.seen {
			return false, nil
		}
	}
	if len(held) > 0 {
		stored, err := p.Store.FindAssignments(ctx, held)
		if err != nil {
			return false, err
		}
		for _, a := range stored {
			if mine := eng.assigned[a.ArticleID]; eng.current(mine.StoryID) != a.StoryID {
				return false, nil
			}
		}
	}
	if len(held) == 0 && len(elsewhere) == 0 {
		return true, nil
	}
	// One read for the derivations of both: the held articles' (taken
	// over) and the given ones' (restored with them).
	ids := slices.Clone(held)
	for _, a := range elsewhere {
		ids = append(ids, a.ID)
	}
	derivs, err := p.Store.FindDerivations(ctx, ids)
	if err != nil {
		return false, err
	}
	ds := derivationsByArticle(derivs)
	for _, id := range held {
		if d, ok := ds[id]; ok {
			eng.derived[id] = *d
			eng.dedup.SetDerivation(*d)
		}
	}
	if len(elsewhere) == 0 {
		return true, nil
	}
	analyses, err := p.Store.FindAnalyses(ctx, ids[len(held):])
	if err != nil {
		return false, err
	}
	ans := analysesByArticle(analyses)
	for _, a := range elsewhere {
		if err := eng.Restore(a, ds[a.ID], as[a.ID], ans[a.ID]); err != nil {
			return false, fmt.Errorf("restore article %d: %w", a.ID, err)
		}
	}
	return true, nil
}

// repairBriefs rebuilds the briefs that a crash or failure between saving
// a batch and saving its briefs left missing or older than their story.
func (p *Processor) repairBriefs(ctx context.Context) error {
	stale, err := p.Store.FindStaleBriefs(ctx)
	if err != nil {
		return err
	}
	for _, id := range stale {
		if err := RebuildBrief(ctx, p.Store, id, p.Now); err != nil {
			return err
		}
	}
	return nil
}

// restore loads every stored article into a new engine: processed ones with
// their stored results. It returns the unprocessed ones in ID order. When
// there are none, it builds no engine.
func (p *Processor) restore(ctx context.Context) ([]*parallax.Article, error) {
	// Most runs of a worker that is not the one processing find nothing to
	// do: one indexed query says so without loading the store.
	pending, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true, Limit: 1})
	if err != nil || len(pending) == 0 {
		return nil, err
	}
	// The log's latest entry, read before the rest: this run holds the
	// lock, so nothing saves in between.
	now, err := p.Store.FindProcessChanges(ctx, math.MaxInt64)
	if err != nil {
		return nil, err
	}
	articles, err := p.Store.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		return nil, err
	}
	assigned, err := p.Store.FindAssignments(ctx, nil)
	if err != nil {
		return nil, err
	}
	derivs, err := p.Store.FindDerivations(ctx, nil)
	if err != nil {
		return nil, err
	}
	// Only the processed articles' analyses are restored (the others' are
	// read with their batch): none when nothing is processed yet.
	var analyses []parallax.Analysis
	if len(assigned) > 0 {
		if analyses, err = p.Store.FindAnalyses(ctx, nil); err != nil {
			return nil, err
		}
	}
	as := make(map[int64]parallax.Assignment, len(assigned))
	for _, a := range assigned {
		as[a.ArticleID] = a
	}
	ds := derivationsByArticle(derivs)
	ans := analysesByArticle(analyses)
	var todo []*parallax.Article
	for _, a := range articles {
		if _, ok := as[a.ID]; !ok {
			todo = append(todo, a)
		}
	}
	if len(todo) == 0 {
		return nil, nil // restored by the first run with something to do
	}
	p.restores++
	eng := NewEngine(p.Now)
	for _, a := range articles {
		if assignment, ok := as[a.ID]; ok {
			if err := eng.Restore(a, ds[a.ID], assignment, ans[a.ID]); err != nil {
				return nil, fmt.Errorf("restore article %d: %w", a.ID, err)
			}
		}
	}
	p.eng, p.gaps, p.seen, p.checked, p.logSeq = eng, nil, 0, time.Now(), now.Seq
	if len(articles) > 0 {
		p.seen = articles[len(articles)-1].ID
	}
	// IDs missing below the highest may be articles not committed yet:
	// looked for again like those a later run skips (noteGaps).
	p.gaps = missingIDs(articles, p.checked)
	return todo, nil
}

// assignmentsOf returns the stored story assignments of articles, by
// article ID (none for those not processed).
func (p *Processor) assignmentsOf(ctx context.Context, articles []*parallax.Article) (map[int64]parallax.Assignment, error) {
	assigned, err := p.Store.FindAssignments(ctx, articleIDs(articles))
	if err != nil {
		return nil, err
	}
	as := make(map[int64]parallax.Assignment, len(assigned))
	for _, a := range assigned {
		as[a.ArticleID] = a
	}
	return as, nil
}

// articleIDs returns the IDs of articles, in order.
func articleIDs(articles []*parallax.Article) []int64 {
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	return ids
}

// derivationsByArticle indexes derivations by their article's ID.
func derivationsByArticle(ds []parallax.Derivation) map[int64]*parallax.Derivation {
	out := make(map[int64]*parallax.Derivation, len(ds))
	for i := range ds {
		out[ds[i].ArticleID] = &ds[i]
	}
	return out
}

// analysesByArticle indexes analyses by their article's ID.
func analysesByArticle(ans []parallax.Analysis) map[int64]*parallax.Analysis {
	out := make(map[int64]*parallax.Analysis, len(ans))
	for i := range ans {
		out[ans[i].ArticleID] = &ans[i]
	}
	return out
}

// missingIDs returns as gaps the newest maxGaps IDs missing below the
// highest of the articles (in ID order; IDs start at 1).
func missingIDs(articles []*parallax.Article, now time.Time) []gap {
	var out []gap
	for i := len(articles) - 1; i >= 0 && len(out) < maxGaps; i-- {
		below := int64(0)
		if i > 0 {
			below = articles[i-1].ID
		}
		for id := articles[i].ID - 1; id > below && len(out) < maxGaps; id-- {
			out = append(out, gap{id: id, since: now})
		}
	}
	slices.Reverse(out) // oldest first, as noteGaps keeps them
	return out
}

// analyseAll starts the analysis stage on each article that has no
// analysis in ahead (those stored at ingest), on every CPU (the part of
// processing that depends on nothing but the article), and returns at once
// with the analyses: the engine may take the pointers and go on with
// provenance and stories meanwhile, but nothing may read them before wait
// returns.
func analyseAll(batch []*parallax.Article, ahead map[int64]*parallax.Analysis) (out []*parallax.Analysis, wait func()) {
	out = make([]*parallax.Analysis, len(batch))
	var todo []int
	for i, a := range batch {
		if an, ok := ahead[a.ID]; ok {
			out[i] = an
			continue
		}
		out[i] = &parallax.Analysis{ArticleID: a.ID}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return out, func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		parallel(len(todo), func(j int) { i := todo[j]; *out[i] = *analyse(batch[i]) })
	}()
	return out, func() { <-done }
}

// parallel calls fn(0) … fn(n-1) on up to GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

func (p *Processor) processBatch(ctx context.Context, eng *Engine, batch []*parallax.Article) error {
	found, err := p.Store.FindAnalyses(ctx, articleIDs(batch))
	if err != nil {
		return err
	}
	ahead := analysesByArticle(found) // analysed at ingest
	analyses, analysed := analyseAll(batch, ahead)
	byArticle := map[int64]int{}
	var results []parallax.Processed
	merged := map[int64]int64{}
	touched := map[int64]bool{}
	derived := eng.dedupAhead(batch)
	for i, a := range batch {
		ch := eng.addDerived(a, analyses[i], <-derived)
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
	analysed()
	for i := range results {
		// Earlier results in the batch may name stories merged away since.
		results[i].Assignment = eng.assigned[results[i].ArticleID]
		if an, ok := ahead[results[i].ArticleID]; ok && results[i].Analysis == an {
			results[i].Analysis = nil // stored already: kept as it is
		}
	}
	for from, to := range merged {
		merged[from] = eng.current(to)
		delete(touched, from)
		// An earlier batch's brief of it would share articles with the
		// brief of the story that absorbed it, built at the same time.
		delete(p.pending, from)
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
	// This run holds the lock and took the log's entries before this save
	// (sync): the save is the next entry, and it is this engine's own.
	if c, err := p.Store.FindProcessChanges(ctx, math.MaxInt64); err != nil {
		return err
	} else if c.Seq == p.logSeq+1 {
		p.logSeq = c.Seq
	}
	// The briefs' inputs are taken now; they are built once the run is
	// over and the process lock released (saveBriefs).
	if p.pending == nil {
		p.pending = map[int64]pendingBrief{}
	}
	for _, s := range stories {
		p.pending[s.ID] = pendingBrief{build: eng.briefBuild(s.ID, time.Time{}), updated: s.UpdatedAt}
	}
	return nil
}

// pendingBrief is a story's brief to build from the inputs taken when its
// results were saved, and the story's UpdatedAt then.
type pendingBrief struct {
	build   func() *parallax.Brief
	updated time.Time
}

// saveBriefs builds the briefs of the stories the run changed and saves
// each while its story is as the run left it. It runs after the process
// lock is released, so that other workers decide and save meanwhile:
// building is most of a brief's cost and needs nothing but the inputs
// taken. Building resolves entities, which writes canonical names into the
// engine's analyses, so it runs after the results are saved and before
// the engine's next run (the processor's runs are serialised). A brief
// whose story another worker changed since is not saved: that worker
// saves its own, built from the later state.
func (p *Processor) saveBriefs(ctx context.Context) error {
	if len(p.pending) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(p.pending))
	for id := range p.pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	// Stories share no article, so their briefs build in parallel; each is
	// saved as soon as it is built, so that saving one overlaps building
	// another.
	errs := make([]error, len(ids))
	parallel(len(ids), func(i int) {
		pb := p.pending[ids[i]]
		if _, err := p.Store.SaveBriefIfCurrent(ctx, pb.build(), pb.updated); err != nil {
			errs[i] = fmt.Errorf("brief of story %d: %w", ids[i], err)
		}
	})
	clear(p.pending)
	return errors.Join(errs...)
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
