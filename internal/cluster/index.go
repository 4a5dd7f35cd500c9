package cluster

import (
	"cmp"
	"slices"
)

// posting lists the stories posted under one feature, oldest first. total
// counts every append, so a story can tell whether its entry has aged out of
// the readable tail.
type posting struct {
	stories []int32
	total   uint32
}

// postRef remembers where a story was posted under a feature.
type postRef struct {
	feature uint32
	seq     uint32 // posting.total when the story was appended
}

// post (re)posts a live story under its top features: under a feature where
// it is missing, or where its entry is about to age out of the readable
// tail, so that a growing story stays reachable.
func (c *Clusterer) post(si int32) {
	limit := uint32(c.cfg.PostingLimit)
	for _, f := range c.top(c.stories[si].centroid, c.cfg.PostFeatures) {
		for int(f) >= len(c.postings) {
			c.postings = append(c.postings, posting{})
		}
		p := &c.postings[f]
		s := &c.stories[si]
		i, found := slices.BinarySearchFunc(s.posted, f, func(r postRef, f uint32) int { return cmp.Compare(r.feature, f) })
		if found && s.posted[i].seq+limit/2 > p.total {
			continue
		}
		p.stories = append(p.stories, si)
		p.total++
		if len(p.stories) >= 2*int(limit) {
			n := copy(p.stories, p.stories[len(p.stories)-int(limit):])
			p.stories = slices.Clip(p.stories[:n])
		}
		ref := postRef{feature: f, seq: p.total}
		if found {
			s.posted[i] = ref
		} else {
			s.posted = slices.Insert(s.posted, i, ref)
		}
	}
}

// candidate is a live story scored against an article.
type candidate struct {
	si   int32
	sim  float64 // cosine times time factor
	cos  float64
	time float64
}

// lookup proposes up to Candidates live stories for a vector through the
// index, by the summed IDF of the features they are posted under, best
// first (ties by smaller story ID). Story skip is left out.
func (c *Clusterer) lookup(vec []entry, skip int32) []int32 {
	// Scores accumulate in a slice indexed by story, reset through the
	// list of stories touched: no hashing in the inner loop.
	if n := len(c.stories); len(c.accScore) < n {
		c.accScore = append(c.accScore, make([]float64, n-len(c.accScore))...)
	}
	touched := c.touched[:0]
	limit := c.cfg.PostingLimit
	// Features no story is posted under (a word seen first in this very
	// article) cannot propose anything: look further down instead.
	queried := 0
	for _, fid := range c.top(vec, len(vec)) {
		if queried == c.cfg.QueryFeatures {
			break
		}
		if int(fid) >= len(c.postings) || len(c.postings[fid].stories) == 0 {
			continue
		}
		queried++
		w := c.voc.idf(fid)
		ps := c.postings[fid].stories
		if len(ps) > limit {
			ps = ps[len(ps)-limit:]
		}
		for _, si := range ps {
			root := c.find(si)
			if c.accScore[root] == 0 {
				touched = append(touched, root)
			}
			c.accScore[root] += w + 1e-9 // never 0 once touched
		}
	}
	if skip >= 0 {
		c.accScore[c.find(skip)] = 0
	}
	type pre struct {
		si  int32
		acc float64
	}
	pres := make([]pre, 0, len(touched))
	for _, si := range touched {
		if a := c.accScore[si]; a > 0 {
			pres = append(pres, pre{si, a})
		}
		c.accScore[si] = 0
	}
	c.touched = touched
	slices.SortFunc(pres, func(a, b pre) int {
		if r := cmp.Compare(b.acc, a.acc); r != 0 {
			return r
		}
		return cmp.Compare(c.stories[a.si].id, c.stories[b.si].id)
	})
	if len(pres) > c.cfg.Candidates {
		pres = pres[:c.cfg.Candidates]
	}
	out := make([]int32, len(pres))
	for i, p := range pres {
		out[i] = p.si
	}
	return out
}

// score scores the stories the index proposes for an article exactly, best
// first (ties by smaller story ID).
func (c *Clusterer) score(f features, t int64) []candidate {
	cands := c.lookup(f.vec, -1)
	out := make([]candidate, 0, len(cands))
	for _, si := range cands {
		out = append(out, c.candidate(si, f, t))
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if r := cmp.Compare(b.sim, a.sim); r != 0 {
			return r
		}
		return cmp.Compare(c.stories[a.si].id, c.stories[b.si].id)
	})
	return out
}

// candidate scores one live story against an article.
func (c *Clusterer) candidate(si int32, f features, t int64) candidate {
	s := &c.stories[si]
	cos := c.cosine(f.vec, s.centroid, c.norm(f.vec), c.norm(s.centroid))
	tf := c.timeFactor(t, t, s.minT, s.maxT)
	return candidate{si: si, sim: cos * tf, cos: cos, time: tf}
}

// mergeNear merges into a story that just grew every story the index
// proposes whose centroid has come close enough to it (the article bridged
// them), and every lone article that would join it now. It returns the
// stories merged away, the lone articles among them and the survivor.
func (c *Clusterer) mergeNear(into int32) (map[int64]int64, []int64, int32) {
	var merged map[int64]int64
	var lone []int64
	s := &c.stories[into]
	cands := c.lookup(s.centroid, into)
	for _, si := range cands {
		a, b := c.find(into), c.find(si)
		if a == b {
			continue
		}
		sa, sb := &c.stories[a], &c.stories[b]
		cos := c.cosine(sa.centroid, sb.centroid, c.norm(sa.centroid), c.norm(sb.centroid))
		if cos*c.timeFactor(sa.minT, sa.maxT, sb.minT, sb.maxT) < c.mergeNeed(sa, sb) {
			continue
		}
		if merged == nil {
			merged = make(map[int64]int64)
		}
		if len(sb.members) == 1 && c.mergeNeed(sa, sb) != c.cfg.MergeThreshold {
			lone = append(lone, sb.members[0])
		}
		lost, kept := c.union(a, b)
		merged[c.stories[lost].id] = c.stories[kept].id
		into = kept
	}
	// A story merged away earlier in this loop may itself have absorbed
	// one: report every loser against the final survivor.
	for lost := range merged {
		merged[lost] = c.stories[c.find(into)].id
	}
	return merged, lone, c.find(into)
}

// mergeNeed is the similarity story b needs to merge into a, which just
// grew: MergeThreshold, or LoneThreshold when b is a lone article (its
// centroid is its own vector) and a is larger: an article that started
// its own story merges when it would join a now, had it arrived later.
func (c *Clusterer) mergeNeed(a, b *story) float64 {
	if len(b.members) == 1 && len(a.members) > 1 && c.cfg.LoneThreshold > 0 {
		return c.cfg.LoneThreshold
	}
	return c.cfg.MergeThreshold
}

// union merges two live stories; the one with the smaller ID survives.
func (c *Clusterer) union(a, b int32) (lost, kept int32) {
	if c.stories[b].id < c.stories[a].id {
		a, b = b, a
	}
	sa, sb := &c.stories[a], &c.stories[b]
	sb.parent = a
	sa.centroid = addVec(sa.centroid, sb.centroid)
	if len(sa.centroid) > 2*c.cfg.StoryFeatures {
		sa.centroid = c.prune(sa.centroid, c.cfg.StoryFeatures)
	}
	if len(sb.members) > len(sa.members) {
		sa.members, sb.members = sb.members, sa.members
		sa.young, sb.young = sb.young, sa.young
	}
	c.mergeYoung(sa, sb)
	sa.members = append(sa.members, sb.members...)
	if sb.minT != 0 && (sa.minT == 0 || sb.minT < sa.minT) {
		sa.minT = sb.minT
	}
	sa.maxT = max(sa.maxT, sb.maxT)
	if sb.repSim > sa.repSim {
		sa.rep, sa.repSim = sb.rep, sb.repSim
	}
	sb.centroid, sb.members, sb.posted, sb.young = nil, nil, nil, nil
	c.post(a)
	return b, a
}
