package cluster

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Doc is what the clusterer needs of an article.
type Doc struct {
	ID    int64
	Title string
	Text  string
	// Names are the entity names in the article when known; nil means
	// capitalised spans of the title and text stand in for them.
	Names []string
	// Time is when the article was published, else fetched; zero when
	// unknown.
	Time time.Time
	// DerivedFrom is the article this one rewrites or copies, 0 if none: a
	// rewrite joins its original's story.
	DerivedFrom int64
}

// Result is the outcome of adding one article.
type Result struct {
	Assignment parallax.Assignment
	// Merged maps each story merged away while adding the article to the
	// story that absorbed it. Nil when nothing merged.
	Merged map[int64]int64
	// Split is set when the story the article joined fell apart into two
	// groups and one moved out into a new story. Nil otherwise.
	Split *Split
}

// Clusterer assigns articles to stories online. It is not safe for
// concurrent use.
type Clusterer struct {
	cfg      Config
	voc      vocab
	postings []posting // by feature ID
	stories  []story
	byID     map[int64]int32 // story ID -> index (merged stories point to their old index)
	articles map[int64]int32 // article ID -> story index at assignment
	accScore []float64       // scratch for lookup, by story index
	touched  []int32
	topBuf   []scored          // scratch for top
	terms    map[string]string // token -> term, "" for none (a cache)
	tallyIdx map[string]int32  // scratch for countDoc
	tallies  []tally
	// seq counts the articles added or restored; youngQ lists stories in
	// the order they started, from youngHead on, to expire their young
	// members (split.go).
	seq       int64
	youngQ    []int32
	youngHead int
}

// story is a set of articles and its centroid.
type story struct {
	id       int64
	parent   int32   // union-find: itself when alive
	centroid []entry // sum of the members' unit vectors, pruned
	posted   []postRef
	members  []int64
	// young holds the members' vectors and times, parallel to members,
	// while the story may still split (see split.go); nil after.
	young []member
	born  int64 // Clusterer.seq when the story started
	minT  int64 // unix seconds, 0 when unknown
	maxT  int64
	// rep is the member that was closest to the centroid when it joined:
	// the story's most representative article, for its headline.
	rep    int64
	repSim float32
}

// New returns an empty clusterer; zero fields of cfg take their defaults.
func New(cfg Config) *Clusterer {
	cfg = cfg.withDefaults()
	return &Clusterer{
		cfg:      cfg,
		voc:      newVocab(cfg.IDFPrior),
		byID:     make(map[int64]int32),
		articles: make(map[int64]int32),
		terms:    make(map[string]string),
		tallyIdx: make(map[string]int32),
	}
}

// Config returns the configuration in use, defaults filled in.
func (c *Clusterer) Config() Config { return c.cfg }

// Len returns the number of articles indexed.
func (c *Clusterer) Len() int { return len(c.articles) }

// StoryOf returns the story an article belongs to now.
func (c *Clusterer) StoryOf(articleID int64) (int64, bool) {
	si, ok := c.articles[articleID]
	if !ok {
		return 0, false
	}
	return c.stories[c.find(si)].id, true
}

// Story returns the members of a story, sorted; nil when there is no such
// story. A merged-away story ID answers with its survivor's members.
func (c *Clusterer) Story(id int64) []int64 {
	si, ok := c.byID[id]
	if !ok {
		return nil
	}
	m := slices.Clone(c.stories[c.find(si)].members)
	slices.Sort(m)
	return m
}

// Stories returns the IDs of the live stories, sorted.
func (c *Clusterer) Stories() []int64 {
	var out []int64
	for i := range c.stories {
		if c.stories[i].parent == int32(i) {
			out = append(out, c.stories[i].id)
		}
	}
	slices.Sort(out)
	return out
}

// Add assigns an article to a story, starting one when none is similar
// enough, and merges stories the article bridges. Adding an article ID twice
// returns its current story without indexing it again.
func (c *Clusterer) Add(d Doc) Result {
	if si, ok := c.articles[d.ID]; ok {
		id := c.stories[c.find(si)].id
		return Result{Assignment: parallax.Assignment{ArticleID: d.ID, StoryID: id, Threshold: c.cfg.Threshold,
			Reason: fmt.Sprintf("already in story %d", id)}}
	}
	c.expireYoung()
	f := c.vectorise(d)
	t := c.docTime(d.Time)
	if r, ok := c.addRewrite(d, f, t); ok {
		return r
	}
	scored := c.score(f, t)
	if len(f.vec) == 0 || len(scored) == 0 || scored[0].sim < c.cfg.Threshold {
		return c.start(d.ID, f, t, scored)
	}
	best := scored[0]
	as := c.assignment(d.ID, best, f, "joined")
	c.join(best.si, d.ID, f.vec, t)
	merged, lone, kept := c.mergeNear(best.si)
	if len(merged) > 0 {
		as.StoryID = c.stories[kept].id
		as.Reason += fmt.Sprintf("; merged %s", describeMerges(merged))
	}
	if len(lone) > 0 {
		slices.Sort(lone)
		ids := make([]string, len(lone))
		for i, id := range lone {
			ids[i] = strconv.FormatInt(id, 10)
		}
		what := "lone article"
		if len(lone) > 1 {
			what += "s"
		}
		as.Reason += fmt.Sprintf(" (%s %s merged in: similarity to the grown story ≥ lone threshold %.2f)", what, strings.Join(ids, ", "), c.cfg.LoneThreshold)
	}
	res := Result{Assignment: as, Merged: merged}
	c.splitIfApart(kept, d.ID, &res)
	return res
}

// Restore indexes an article that was already assigned to storyID (for
// instance read back from the store), without deciding anything: the story
// is created when it does not exist yet. Restoring the same article into the
// same story again does nothing.
func (c *Clusterer) Restore(d Doc, storyID int64) error {
	if si, ok := c.articles[d.ID]; ok {
		if got := c.stories[c.find(si)].id; got != storyID {
			if ti, ok := c.byID[storyID]; !ok || c.find(ti) != c.find(si) {
				return fmt.Errorf("cluster restore article %d: in story %d, not %d: %w", d.ID, got, storyID, parallax.ErrConflict)
			}
		}
		return nil
	}
	c.expireYoung()
	f := c.vectorise(d)
	t := c.docTime(d.Time)
	si, ok := c.byID[storyID]
	if !ok {
		si = c.newStory(storyID)
	}
	c.join(c.find(si), d.ID, f.vec, t)
	return nil
}

// addRewrite puts a rewrite into its original's story when the original is
// known.
func (c *Clusterer) addRewrite(d Doc, f features, t int64) (Result, bool) {
	if d.DerivedFrom == 0 || d.DerivedFrom == d.ID {
		return Result{}, false
	}
	osi, ok := c.articles[d.DerivedFrom]
	if !ok {
		return Result{}, false
	}
	root := c.find(osi)
	cand := c.candidate(root, f, t)
	as := c.assignment(d.ID, cand, f, "joined")
	c.join(root, d.ID, f.vec, t)
	as.Reason = fmt.Sprintf("joined story %d as a rewrite of article %d (similarity %.2f, threshold %.2f not applied)%s",
		as.StoryID, d.DerivedFrom, cand.sim, c.cfg.Threshold, sharedText(as))
	return Result{Assignment: as}, true
}

// start begins a new story with the article.
func (c *Clusterer) start(id int64, f features, t int64, scored []candidate) Result {
	si, exists := c.byID[id]
	if !exists {
		si = c.newStory(id)
	}
	si = c.find(si)
	c.join(si, id, f.vec, t)
	as := parallax.Assignment{ArticleID: id, StoryID: c.stories[si].id, Threshold: c.cfg.Threshold}
	switch {
	case len(f.vec) == 0:
		as.Reason = fmt.Sprintf("started story %d: no words to compare", as.StoryID)
	case len(scored) == 0:
		as.Reason = fmt.Sprintf("started story %d: no earlier story shares its key terms or names", as.StoryID)
	default:
		best := c.assignment(id, scored[0], f, "")
		as.Similarity = best.Similarity
		as.Reason = fmt.Sprintf("started story %d: no story reaches threshold %.2f; closest was story %d at %.2f%s",
			as.StoryID, c.cfg.Threshold, best.StoryID, best.Similarity, sharedText(best))
	}
	return Result{Assignment: as}
}

func (c *Clusterer) newStory(id int64) int32 {
	si := int32(len(c.stories))
	c.stories = append(c.stories, story{id: id, parent: si, born: c.seq})
	c.byID[id] = si
	if c.cfg.SplitMax > 0 {
		c.youngQ = append(c.youngQ, si)
	}
	c.voc.count(c.cfg.IDFPrior)
	return si
}

// join adds an article's vector to a live story and refreshes its postings.
func (c *Clusterer) join(si int32, articleID int64, vec []entry, t int64) {
	s := &c.stories[si]
	c.keepYoung(s, articleID, vec, t)
	s.members = append(s.members, articleID)
	c.articles[articleID] = si
	if t != 0 {
		if s.minT == 0 || t < s.minT {
			s.minT = t
		}
		if t > s.maxT {
			s.maxT = t
		}
	}
	if len(vec) == 0 {
		return
	}
	c.countNew(s.centroid, vec)
	s.centroid = addVec(s.centroid, vec)
	if len(s.centroid) > 2*c.cfg.StoryFeatures {
		s.centroid = c.prune(s.centroid, c.cfg.StoryFeatures)
	}
	if sim := float32(c.cosine(vec, s.centroid, c.norm(vec), c.norm(s.centroid))); s.rep == 0 && len(s.members) == 1 || sim > s.repSim {
		s.rep, s.repSim = articleID, sim
	}
	c.post(si)
}

// Representative returns the story's most representative article: the one
// closest to the story's centroid when it joined (the first article until
// another fits better). Its title makes a good headline.
func (c *Clusterer) Representative(storyID int64) (int64, bool) {
	si, ok := c.byID[storyID]
	if !ok {
		return 0, false
	}
	s := &c.stories[c.find(si)]
	if s.rep == 0 && len(s.members) > 0 {
		return s.members[0], true
	}
	return s.rep, len(s.members) > 0
}

func (c *Clusterer) find(i int32) int32 {
	for c.stories[i].parent != i {
		p := c.stories[i].parent
		c.stories[i].parent = c.stories[p].parent
		i = p
	}
	return i
}

// docTime returns an article's time in unix seconds, 0 when unknown or
// implausible (before 1970 or later than Now + MaxFuture).
func (c *Clusterer) docTime(t time.Time) int64 {
	if t.IsZero() || t.Unix() <= 0 || t.After(c.cfg.Now().Add(c.cfg.MaxFuture)) {
		return 0
	}
	return t.Unix()
}

// timeFactor damps a similarity by the gap between an article (or story)
// spanning [a0, a1] and a story spanning [b0, b1]; 1 when either is unknown.
func (c *Clusterer) timeFactor(a0, a1, b0, b1 int64) float64 {
	if a0 == 0 || b0 == 0 {
		return 1
	}
	gap := max(b0-a1, a0-b1, 0)
	over := time.Duration(gap)*time.Second - c.cfg.TimeWindow
	if over <= 0 {
		return c.cfg.TimeBoost
	}
	return math.Exp(-over.Seconds() / c.cfg.TimeDecay.Seconds())
}

// Stats describes the size of the index, to check that work and memory stay
// bounded.
type Stats struct {
	Articles int `json:"articles"`
	Stories  int `json:"stories"` // live stories
	Features int `json:"features"`
	// Postings counts index entries; LongestPosting is the longest list.
	Postings       int `json:"postings"`
	LongestPosting int `json:"longest_posting"`
	// LargestCentroid is the most features any story keeps.
	LargestCentroid int `json:"largest_centroid"`
}

// Stats returns the current size of the index.
func (c *Clusterer) Stats() Stats {
	st := Stats{Articles: len(c.articles), Features: len(c.voc.keys)}
	for i := range c.stories {
		if c.stories[i].parent == int32(i) {
			st.Stories++
		}
		st.LargestCentroid = max(st.LargestCentroid, len(c.stories[i].centroid))
	}
	for _, p := range c.postings {
		st.Postings += len(p.stories)
		st.LongestPosting = max(st.LongestPosting, len(p.stories))
	}
	return st
}
