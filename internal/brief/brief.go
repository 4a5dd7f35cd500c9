package brief

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/discrepancy"
)

// Input is everything known about one story.
type Input struct {
	StoryID     int64
	Articles    []*parallax.Article
	Derivations []parallax.Derivation
	Analyses    []parallax.Analysis
	Entities    []parallax.Entity
	// Since, when set, flags the articles that arrived after it as new.
	Since time.Time
	// Now stamps the brief; nil leaves BuiltAt zero, for reproducible output.
	Now func() time.Time
}

// Builder builds briefs and caches each article's sentence analysis between
// builds, so that rebuilding a story after one new article analyses only
// that article. It is safe for concurrent use.
type Builder struct {
	cache *cache
	opt   Options
	pool  sync.Pool // *buffers
}

// NewBuilder returns a Builder with the default options and an empty cache.
func NewBuilder() *Builder {
	return NewBuilderWith(DefaultOptions())
}

// NewBuilderWith returns a Builder with the given options.
func NewBuilderWith(opt Options) *Builder {
	return &Builder{cache: newCache(), opt: opt}
}

// Build builds one brief without keeping a cache.
func Build(in Input) *parallax.Brief {
	return NewBuilder().Build(in)
}

// Build tells the story in once. The result depends only on the input (and
// Now): articles are taken in order of time and ID, ties broken by ID.
func (b *Builder) Build(in Input) *parallax.Brief {
	buf, ok := b.pool.Get().(*buffers)
	if !ok {
		buf = &buffers{}
	}
	defer b.pool.Put(buf)
	st := b.newStory(in, buf)
	out := &parallax.Brief{
		StoryID:     in.StoryID,
		Since:       in.Since,
		Entities:    storyEntities(in.Entities, st.index),
		Derivations: st.derivations,
		Sources:     st.sources(in.Since),
	}
	if in.Now != nil {
		out.BuiltAt = in.Now()
	}
	comparisons := discrepancy.Compare(discrepancy.Input{
		Articles:    st.articleClaims(),
		Derivations: st.derivations,
		Entities:    in.Entities,
		Roots:       st.roots,
	})
	out.Claims = comparisons
	out.Summary = st.summary()
	out.Headline = st.headline()
	out.KeyPoints = st.keyPoints(comparisons)
	out.Quotes = st.quotes(in.Entities)
	out.Timeline = st.timeline()
	nonNil(out)
	return out
}

// nonNil gives the brief's lists empty values instead of nil, so that they
// marshal as [] rather than null.
func nonNil(b *parallax.Brief) {
	b.Summary = orEmpty(b.Summary)
	b.KeyPoints = orEmpty(b.KeyPoints)
	b.Quotes = orEmpty(b.Quotes)
	b.Entities = orEmpty(b.Entities)
	b.Claims = orEmpty(b.Claims)
	b.Derivations = orEmpty(b.Derivations)
	b.Timeline = orEmpty(b.Timeline)
	b.Sources = orEmpty(b.Sources)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// story is one build's working state.
type story struct {
	articles    []*parallax.Article
	prep        []*prepared
	analyses    []*parallax.Analysis // per article, nil when none
	index       map[int64]int        // article ID → position in articles
	derivations []parallax.Derivation
	pairs       map[int64][]parallax.Derivation // article → input derivations involving it
	roots       map[int64]int64
	group       []int // article → independent source group
	groups      int
	groupSize   []int
	scorer      *scorer
	opt         Options
	words       func([]string) [][]string // cached quoteWords
	posWeights  []float64                 // positionWeight of the first positions
}

func (b *Builder) newStory(in Input, buf *buffers) *story {
	st := &story{index: map[int64]int{}, opt: b.opt, words: b.cache.wordsOf}
	for _, a := range in.Articles {
		if a == nil {
			continue
		}
		if _, dup := st.index[a.ID]; dup {
			continue
		}
		st.index[a.ID] = -1
		st.articles = append(st.articles, a)
	}
	slices.SortFunc(st.articles, func(a, b *parallax.Article) int {
		return cmp.Or(a.When().Compare(b.When()), cmp.Compare(a.ID, b.ID))
	})
	ids := make([]int64, len(st.articles))
	publishers := map[int64]string{}
	for i, a := range st.articles {
		st.index[a.ID] = i
		ids[i] = a.ID
		if a.Source != "" {
			publishers[a.ID] = a.Source
		}
	}
	st.derivations = storyDerivations(in.Derivations, st.index)
	st.pairs = map[int64][]parallax.Derivation{}
	for _, d := range in.Derivations {
		_, okA := st.index[d.ArticleID]
		_, okS := st.index[d.SourceID]
		if okA && okS && len(d.Pairs) > 0 && d.ArticleID != d.SourceID {
			st.pairs[d.ArticleID] = append(st.pairs[d.ArticleID], d)
			st.pairs[d.SourceID] = append(st.pairs[d.SourceID], d)
		}
	}
	st.roots = discrepancy.Roots(ids, publishers, st.derivations)
	st.group = make([]int, len(st.articles))
	groupOf := map[int64]int{}
	for i, a := range st.articles {
		r := st.roots[a.ID]
		g, ok := groupOf[r]
		if !ok {
			g = len(groupOf)
			groupOf[r] = g
			st.groupSize = append(st.groupSize, 0)
		}
		st.group[i] = g
		st.groupSize[g]++
	}
	st.groups = len(groupOf)
	st.analyses = make([]*parallax.Analysis, len(st.articles))
	for i := range in.Analyses {
		if k, ok := st.index[in.Analyses[i].ArticleID]; ok && st.analyses[k] == nil {
			st.analyses[k] = &in.Analyses[i]
		}
	}
	st.posWeights = make([]float64, 64)
	for i := range st.posWeights {
		st.posWeights[i] = 1 / math.Pow(1+float64(i), st.opt.PositionDecay)
	}
	var dict int
	st.prep, dict = b.cache.prepare(st.articles)
	st.scorer = newScorer(st, dict, buf)
	return st
}

// storyDerivations keeps the derivations between the story's articles, one
// per derived article (the strongest), sorted by article ID, without their
// sentence pairs.
func storyDerivations(derivs []parallax.Derivation, index map[int64]int) []parallax.Derivation {
	best := map[int64]parallax.Derivation{}
	for _, d := range derivs {
		_, okA := index[d.ArticleID]
		_, okS := index[d.SourceID]
		if !okA || !okS || d.ArticleID == d.SourceID {
			continue
		}
		if cur, ok := best[d.ArticleID]; ok && !strongerDerivation(d, cur) {
			continue
		}
		best[d.ArticleID] = d
	}
	out := make([]parallax.Derivation, 0, len(best))
	for _, d := range best {
		d.Pairs = nil
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b parallax.Derivation) int { return cmp.Compare(a.ArticleID, b.ArticleID) })
	return breakCycles(out)
}

func strongerDerivation(a, b parallax.Derivation) bool {
	if ka, kb := kindRank(a.Kind), kindRank(b.Kind); ka != kb {
		return ka < kb
	}
	if a.Coverage != b.Coverage {
		return a.Coverage > b.Coverage
	}
	return a.SourceID < b.SourceID
}

func kindRank(k parallax.DerivationKind) int {
	switch k {
	case parallax.DerivedExact:
		return 0
	case parallax.DerivedNearDup:
		return 1
	case parallax.DerivedRewrite:
		return 2
	case parallax.DerivedSharedSource:
		return 3
	}
	return 4
}

// breakCycles drops the derivation that closes a cycle (A from B from A),
// so that the source tree is a forest.
func breakCycles(derivs []parallax.Derivation) []parallax.Derivation {
	parent := make(map[int64]int64, len(derivs))
	for _, d := range derivs {
		parent[d.ArticleID] = d.SourceID
	}
	out := derivs[:0]
	for _, d := range derivs {
		if !reaches(parent, d.SourceID, d.ArticleID) {
			out = append(out, d)
			continue
		}
		delete(parent, d.ArticleID)
	}
	return out
}

func reaches(parent map[int64]int64, from, target int64) bool {
	for steps := 0; steps <= len(parent); steps++ {
		if from == target {
			return true
		}
		next, ok := parent[from]
		if !ok {
			return false
		}
		from = next
	}
	return true
}

func (st *story) articleClaims() []discrepancy.ArticleClaims {
	out := make([]discrepancy.ArticleClaims, 0, len(st.articles))
	for i, a := range st.articles {
		ac := discrepancy.ArticleClaims{ArticleID: a.ID, Source: a.Source}
		if an := st.analyses[i]; an != nil {
			ac.Claims, ac.Mentions = an.Claims, an.Mentions
		}
		out = append(out, ac)
	}
	return out
}

// storyEntities keeps the entities named in the story's articles, most
// widely named first.
func storyEntities(entities []parallax.Entity, index map[int64]int) []parallax.Entity {
	out := make([]parallax.Entity, 0, len(entities))
	for _, e := range entities {
		var ids []int64
		for _, id := range e.ArticleIDs {
			if _, ok := index[id]; ok {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 && len(e.ArticleIDs) > 0 {
			continue
		}
		slices.Sort(ids)
		e.ArticleIDs = orEmpty(slices.Compact(ids))
		e.Aliases = orEmpty(e.Aliases)
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b parallax.Entity) int {
		return cmp.Or(cmp.Compare(len(b.ArticleIDs), len(a.ArticleIDs)), cmp.Compare(a.Name, b.Name))
	})
	return out
}
