package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
)

// turnsCorpus is the seeds (one event, with rewrites) and the first pages
// of the extraction benchmark, in name order.
func turnsCorpus(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{shared.TestDir(t, "seeds"),
		filepath.Join(shared.TestDir(t, "bench-data"), "article-extraction-benchmark", "html")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatalf("read %s: %v", dir, err)
		}
		n := 0
		for _, e := range entries {
			if ingest.Supported(e.Name()) && n < 40 {
				files = append(files, filepath.Join(dir, e.Name()))
				n++
			}
		}
	}
	return files
}

// outcome is what processing stored, keyed by URL so that runs compare:
// the stories (members, headline, independent sources) and derivations.
type outcome struct {
	Stories     []string
	Derivations []string
}

func stored(t *testing.T, st parallax.Store) outcome {
	t.Helper()
	ctx := context.Background()
	articles, err := st.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	url := map[int64]string{}
	for _, a := range articles {
		url[a.ID] = filepath.Base(a.URL)
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out outcome
	for _, s := range stories {
		var members []string
		for _, id := range s.ArticleIDs {
			members = append(members, url[id])
		}
		sort.Strings(members)
		out.Stories = append(out.Stories, fmt.Sprintf("%s | %q | %d", strings.Join(members, " "), s.Headline, s.Sources))
		if _, err := st.FindBrief(ctx, s.ID); err != nil {
			t.Errorf("story %d has no brief: %v", s.ID, err)
		}
	}
	sort.Strings(out.Stories)
	ds, err := st.FindDerivations(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		out.Derivations = append(out.Derivations, fmt.Sprintf("%s <- %s %s", url[d.ArticleID], url[d.SourceID], d.Kind))
	}
	slices.Sort(out.Derivations)
	return out
}

// TestProcessorsTakeTurns stores a corpus a few files at a time and, after
// each step, processes with one of several long-lived processors in turn
// (as workers sharing a store do): each must take over what the others
// processed since its last run. After every step, the stories and
// derivations must be those of one processor doing every step, and of a
// new processor per step (a full restore each time).
func TestProcessorsTakeTurns(t *testing.T) {
	files := turnsCorpus(t)
	ctx := context.Background()
	// The seeds one at a time (a rewrite arrives before its original, so a
	// later run changes an earlier article's derivation), then three pages
	// at a time.
	var steps [][]string
	for i := 0; i < len(files); {
		n := 3
		if i < 5 {
			n = 1
		}
		steps = append(steps, files[i:min(i+n, len(files))])
		i += n
	}
	run := func(t *testing.T, procs func(st parallax.Store) func(i int) *pipeline.Processor) []outcome {
		st := openStore(t)
		pick := procs(st)
		in := &pipeline.Ingester{Store: st}
		var out []outcome
		for i, step := range steps {
			if _, err := in.Ingest(ctx, step); err != nil {
				t.Fatal(err)
			}
			p := pick(i)
			if _, err := p.Process(ctx); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			checkIndexed(t, i, st, p)
			out = append(out, stored(t, st))
		}
		return out
	}
	one := run(t, func(st parallax.Store) func(int) *pipeline.Processor {
		p := &pipeline.Processor{Store: st}
		return func(int) *pipeline.Processor { return p }
	})
	if last := one[len(one)-1]; len(last.Stories) < 10 || len(last.Derivations) == 0 {
		t.Fatalf("corpus too easy: %d stories, %d derivations", len(last.Stories), len(last.Derivations))
	}
	var turns []*pipeline.Processor
	inTurns := run(t, func(st parallax.Store) func(int) *pipeline.Processor {
		turns = []*pipeline.Processor{{Store: st}, {Store: st}, {Store: st}}
		return func(i int) *pipeline.Processor { return turns[i%len(turns)] }
	})
	fresh := run(t, func(st parallax.Store) func(int) *pipeline.Processor {
		return func(int) *pipeline.Processor { return &pipeline.Processor{Store: st} }
	})
	if diff := cmp.Diff(one, inTurns); diff != "" {
		t.Errorf("processors in turns (-one processor +three in turns):\n%s", diff)
	}
	if diff := cmp.Diff(one, fresh); diff != "" {
		t.Errorf("a new processor per step (-one processor +new each step):\n%s", diff)
	}
	for i, p := range turns {
		// Each restores fully once (its first run); then it takes over
		// the others' results, unless one merged a story it holds.
		if n := p.FullRestores(); n < 1 || n > 3 {
			t.Errorf("processor %d restored fully %d times, want 1 (a few after merges)", i, n)
		}
	}
}

// checkIndexed checks that the provenance index of a processor that just
// ran holds the stored derivation of every article it holds (restored, or
// taken over from another processor): later articles are compared against
// them.
func checkIndexed(t *testing.T, step int, st parallax.Store, p *pipeline.Processor) {
	t.Helper()
	held := p.IndexedDerivations()
	ds, err := st.FindDerivations(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[int64]*parallax.Derivation, len(held))
	for id := range held {
		want[id] = nil
	}
	for i, d := range ds {
		if _, ok := held[d.ArticleID]; ok {
			want[d.ArticleID] = &ds[i]
		}
	}
	if diff := cmp.Diff(want, held); diff != "" {
		t.Errorf("step %d: index derivations differ from the store's (-stored +index):\n%s", step, diff)
	}
}

// lateStore hides articles from FindArticles, as PostgreSQL does with a
// document transaction that took its IDs before another one and commits
// after it.
type lateStore struct {
	parallax.Store
	hidden map[int64]bool
}

func (s *lateStore) FindArticles(ctx context.Context, f parallax.ArticleFilter) ([]*parallax.Article, error) {
	limit := f.Limit // applies to what is visible, as in the database
	f.Limit = 0
	as, err := s.Store.FindArticles(ctx, f)
	as = slices.DeleteFunc(as, func(a *parallax.Article) bool { return s.hidden[a.ID] })
	if limit > 0 && len(as) > limit {
		as = as[:limit]
	}
	return as, err
}

// TestProcessorFindsLateArticle: an article committed after a higher ID
// that a kept engine has already passed is still processed.
func TestProcessorFindsLateArticle(t *testing.T) {
	ctx := context.Background()
	st := &lateStore{Store: openStore(t), hidden: map[int64]bool{}}
	dir := writeArticles(t, 12)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, filepath.Join(dir, e.Name()))
	}
	in := &pipeline.Ingester{Store: st}
	p := &pipeline.Processor{Store: st}
	steps := []struct {
		files []string
		hide  []int64
		want  int
	}{
		{files[:6], nil, 6},
		{files[6:], []int64{8}, 5}, // 8 is not committed yet
		{nil, nil, 1},              // now it is
		{nil, nil, 0},
	}
	for i, s := range steps {
		if len(s.files) > 0 {
			if _, err := in.Ingest(ctx, s.files); err != nil {
				t.Fatal(err)
			}
		}
		st.hidden = map[int64]bool{}
		for _, id := range s.hide {
			st.hidden[id] = true
		}
		if n, err := p.Process(ctx); err != nil || n != s.want {
			t.Fatalf("step %d: Process = %d, %v; want %d", i, n, err, s.want)
		}
	}
	as, err := st.FindAssignments(ctx, nil)
	if err != nil || len(as) != 12 {
		t.Fatalf("assignments = %d, %v; want 12", len(as), err)
	}
	if n := p.FullRestores(); n != 1 {
		t.Errorf("full restores = %d, want 1", n)
	}
}

// TestProcessorFindsLateArticleAtRestore: an article not yet committed
// when a processor first restores (below the highest ID it then sees) is
// processed once it is committed.
func TestProcessorFindsLateArticleAtRestore(t *testing.T) {
	ctx := context.Background()
	st := &lateStore{Store: openStore(t), hidden: map[int64]bool{}}
	dir := writeArticles(t, 6)
	in := &pipeline.Ingester{Store: st}
	if _, err := in.Ingest(ctx, []string{dir}); err != nil {
		t.Fatal(err)
	}
	p := &pipeline.Processor{Store: st}
	st.hidden = map[int64]bool{1: true, 3: true} // not committed yet
	if n, err := p.Process(ctx); err != nil || n != 4 {
		t.Fatalf("first run: Process = %d, %v; want 4", n, err)
	}
	st.hidden = map[int64]bool{}
	if n, err := p.Process(ctx); err != nil || n != 2 {
		t.Fatalf("after the commits: Process = %d, %v; want 2", n, err)
	}
}
