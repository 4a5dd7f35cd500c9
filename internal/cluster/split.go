package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Split says that a story fell apart into two groups of articles and one
// group moved out into a new story.
type Split struct {
	// From is the story that split; it keeps the other group.
	From int64
	// To is the new story: the ID of the article whose arrival split it,
	// never the ID of an earlier story.
	To int64
	// Moved holds the new assignment of every article that moved to To,
	// but the new article (the Result's own Assignment), sorted by article
	// ID.
	Moved []parallax.Assignment
	// Reason says why, in words.
	Reason string
}

// member is a young story's member: its vector and time, kept while the
// story may still split.
type member struct {
	vec []entry
	t   int64
}

// expireYoung forgets the members of stories that started more than
// SplitWindow articles ago: they no longer split, and memory stays bounded
// however many articles arrive.
func (c *Clusterer) expireYoung() {
	c.seq++
	for c.youngHead < len(c.youngQ) {
		s := &c.stories[c.youngQ[c.youngHead]]
		if s.born+int64(c.cfg.SplitWindow) > c.seq {
			break
		}
		s.young = nil
		c.youngHead++
	}
	if c.youngHead > 1024 && c.youngHead*2 > len(c.youngQ) {
		c.youngQ = slices.Clip(c.youngQ[:copy(c.youngQ, c.youngQ[c.youngHead:])])
		c.youngHead = 0
	}
}

// keepYoung remembers a joining article's vector while the story is young
// enough to split, and forgets them all when it grows past SplitMax.
func (c *Clusterer) keepYoung(s *story, articleID int64, vec []entry, t int64) {
	if c.cfg.SplitMax <= 0 || len(s.young) != len(s.members) || len(s.members) >= c.cfg.SplitMax {
		s.young = nil
		return
	}
	s.young = append(s.young, member{vec: vec, t: t})
}

// mergeYoung appends b's young members to a's (a merge) when both are
// complete and the sum is still small enough to split.
func (c *Clusterer) mergeYoung(a, b *story) {
	if len(a.young) != len(a.members) || len(b.young) != len(b.members) ||
		len(a.members)+len(b.members) > c.cfg.SplitMax {
		a.young = nil
		return
	}
	a.young = append(a.young, b.young...)
}

// partition is a story's members cut in two by average-link clustering,
// with the similarities that decide whether the cut is real. Once the cut
// is accepted, a is the group that stays (it holds the story's first
// article) and b the group that moves.
type partition struct {
	a, b     []int   // member positions
	between  float64 // mean similarity across the cut
	withinA  float64 // mean similarity inside a (1 for one member)
	withinB  float64
	centroid float64 // cosine of the two groups' centroids
	// namesA and namesB are the names each group holds and the other
	// lacks (see exclusiveNames); set only when they decided the split.
	namesA, namesB []string
}

// splitIfApart checks a young story that just grew: when its members fall
// into two groups far apart, the group without the story's first article
// moves out into a new story with ID newID.
func (c *Clusterer) splitIfApart(si int32, newID int64, res *Result) {
	s := &c.stories[si]
	n := len(s.members)
	if n < c.cfg.SplitMin || n != len(s.young) {
		return
	}
	if _, taken := c.byID[newID]; taken {
		return
	}
	vecs := make([][]entry, n)
	for i, m := range s.young {
		vecs[i] = m.vec
	}
	// The cut is made on the features that vary inside the story (what
	// all members share cannot tell two events apart) and tested on the
	// full vectors.
	p := bisect(c.localSim(vecs))
	if len(p.a) < 2 || len(p.b) < 2 {
		return
	}
	sim := c.simMatrix(vecs)
	p.between = meanSim(sim, p.a, p.b)
	p.withinA, p.withinB = withinSim(sim, p.a), withinSim(sim, p.b)
	ca, cb := sumVecs(vecs, p.a), sumVecs(vecs, p.b)
	p.centroid = c.cosine(ca, cb, c.norm(ca), c.norm(cb))
	if !c.apart(&p, vecs) {
		return
	}
	if slices.Contains(p.b, c.founder(s)) {
		p.a, p.b, p.withinA, p.withinB, p.namesA, p.namesB = p.b, p.a, p.withinB, p.withinA, p.namesB, p.namesA
	}
	c.moveOut(si, newID, p, res)
}

// apart is the separation test: the groups are far apart, or less far
// but each has names of its own (two fights of one boxer against different
// opponents, two arrests of different players of one team).
func (c *Clusterer) apart(p *partition, vecs [][]entry) bool {
	within := min(p.withinA, p.withinB)
	if p.centroid < c.cfg.SplitThreshold && p.between < c.cfg.SplitRatio*within {
		return true
	}
	if c.cfg.SplitNames <= 0 || p.centroid >= c.cfg.SplitNameThreshold || p.between >= c.cfg.SplitNameRatio*within {
		return false
	}
	p.namesA, p.namesB = c.exclusiveNames(vecs, p.a, p.b), c.exclusiveNames(vecs, p.b, p.a)
	if min(len(p.namesA), len(p.namesB)) < c.cfg.SplitNames {
		p.namesA, p.namesB = nil, nil
		return false
	}
	return true
}

// nameShare is the share of a group's articles that must hold a name for
// it to count as the group's own.
const nameShare = 0.75

// exclusiveNames lists the names held by nameShare or more of group a and
// by no member of group b, most widely held first (ties by surface).
func (c *Clusterer) exclusiveNames(vecs [][]entry, a, b []int) []string {
	inB := make(map[uint32]bool)
	for _, i := range b {
		for _, e := range vecs[i] {
			inB[e.id] = true
		}
	}
	held := make(map[uint32]int)
	for _, i := range a {
		for _, e := range vecs[i] {
			if !inB[e.id] && c.voc.isName(e.id) {
				held[e.id]++
			}
		}
	}
	type named struct {
		n int
		s string
	}
	var out []named
	for id, n := range held {
		if float64(n) >= nameShare*float64(len(a)) {
			out = append(out, named{n, c.voc.surface[id]})
		}
	}
	slices.SortFunc(out, func(x, y named) int {
		if r := cmp.Compare(y.n, x.n); r != 0 {
			return r
		}
		return cmp.Compare(x.s, y.s)
	})
	names := make([]string, len(out))
	for i, x := range out {
		names[i] = x.s
	}
	return names
}

// founder is the position of the story's first article among its members
// (0 when the story's ID names none of them).
func (c *Clusterer) founder(s *story) int {
	for i, id := range s.members {
		if id == s.id {
			return i
		}
	}
	return 0
}

func sumVecs(vecs [][]entry, idx []int) []entry {
	var out []entry
	for _, i := range idx {
		out = addVec(out, vecs[i])
	}
	return out
}

// moveOut rebuilds story si from the members at positions p.a and a new
// story newID from those at p.b, in their order in the story, and reports
// the new assignments.
func (c *Clusterer) moveOut(si int32, newID int64, p partition, res *Result) {
	stay, move := p.a, p.b
	old := c.stories[si]
	for _, e := range old.centroid {
		if c.voc.df[e.id] > 0 {
			c.voc.df[e.id]--
		}
	}
	s := &c.stories[si]
	s.centroid, s.members, s.young, s.minT, s.maxT, s.rep, s.repSim = nil, nil, nil, 0, 0, 0, 0
	for _, i := range stay {
		c.join(si, old.members[i], old.young[i].vec, old.young[i].t)
	}
	ni := c.newStory(newID)
	for _, i := range move {
		c.join(ni, old.members[i], old.young[i].vec, old.young[i].t)
	}
	sp := &Split{From: old.id, To: newID}
	ratio, threshold := c.cfg.SplitRatio, c.cfg.SplitThreshold
	if p.namesA != nil {
		ratio, threshold = c.cfg.SplitNameRatio, c.cfg.SplitNameThreshold
	}
	sp.Reason = fmt.Sprintf("story %d split in two: its %d articles formed a group of %d that stays and one of %d that moves "+
		"(mean similarity %.2f and %.2f within them, %.2f across < %.2f × %.2f; centroid similarity %.2f < split threshold %.2f",
		old.id, len(old.members), len(stay), len(move), p.withinA, p.withinB, p.between, ratio, min(p.withinA, p.withinB),
		p.centroid, threshold)
	if p.namesA != nil {
		sp.Reason += fmt.Sprintf("; names of the group that stays only: %s; of the group that moves only: %s",
			quoteNames(p.namesA), quoteNames(p.namesB))
	}
	sp.Reason += ")"
	for _, i := range move {
		id := old.members[i]
		v := old.young[i].vec
		f := features{vec: v, words: c.words(v)}
		t := old.young[i].t
		as := c.assignment(id, c.candidate(ni, f, t), f, "")
		as.Reason = fmt.Sprintf("moved to new story %d: %s; similarity %.2f to the new story%s",
			newID, sp.Reason, as.Similarity, sharedText(as))
		if id == res.Assignment.ArticleID {
			res.Assignment = as
			continue
		}
		sp.Moved = append(sp.Moved, as)
	}
	slices.SortFunc(sp.Moved, func(a, b parallax.Assignment) int { return cmp.Compare(a.ArticleID, b.ArticleID) })
	res.Split = sp
	if res.Assignment.StoryID == old.id {
		res.Assignment.Reason += fmt.Sprintf("; then %s, and the other %d moved to new story %d", sp.Reason, len(move), newID)
	}
}

// words names a vector's features for reasons, as first written.
func (c *Clusterer) words(v []entry) []string {
	out := make([]string, len(v))
	for i, e := range v {
		out[i] = c.voc.surface[e.id]
	}
	return out
}

// simMatrix returns the pairwise cosines of vecs under the current IDF.
func (c *Clusterer) simMatrix(vecs [][]entry) [][]float64 {
	n := len(vecs)
	norms := make([]float64, n)
	for i, v := range vecs {
		norms[i] = c.norm(v)
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		sim[i][i] = 1
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			s := c.cosine(vecs[i], vecs[j], norms[i], norms[j])
			sim[i][j], sim[j][i] = s, s
		}
	}
	return sim
}

// bisect cuts n items in two by average-link agglomeration over sim.
func bisect(sim [][]float64) partition {
	n := len(sim)
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	for len(groups) > 2 {
		bi, bj, best := 0, 1, -1.0
		for i := range groups {
			for j := i + 1; j < len(groups); j++ {
				if s := meanSim(sim, groups[i], groups[j]); s > best {
					bi, bj, best = i, j, s
				}
			}
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups = append(groups[:bj], groups[bj+1:]...)
	}
	p := partition{a: groups[0], b: groups[1]}
	slices.Sort(p.a)
	slices.Sort(p.b)
	p.between = meanSim(sim, p.a, p.b)
	p.withinA, p.withinB = withinSim(sim, p.a), withinSim(sim, p.b)
	return p
}

func meanSim(sim [][]float64, a, b []int) float64 {
	var s float64
	for _, i := range a {
		for _, j := range b {
			s += sim[i][j]
		}
	}
	return s / float64(len(a)*len(b))
}

func withinSim(sim [][]float64, a []int) float64 {
	if len(a) < 2 {
		return 1
	}
	var s float64
	for x, i := range a {
		for _, j := range a[x+1:] {
			s += sim[i][j]
		}
	}
	return s / float64(len(a)*(len(a)-1)/2)
}

// localSim is the cosine matrix of vecs with each feature weighted also by
// ln(n/k) when k of the n vectors hold it: features every member holds
// drop out, and the cut follows what differs inside the story.
func (c *Clusterer) localSim(vecs [][]entry) [][]float64 {
	df := map[uint32]int{}
	for _, v := range vecs {
		for _, e := range v {
			df[e.id]++
		}
	}
	n := float64(len(vecs))
	lv := make([][]entry, len(vecs))
	for i, v := range vecs {
		for _, e := range v {
			if w := math.Log(n / float64(df[e.id])); w > 0 {
				lv[i] = append(lv[i], entry{e.id, e.w * float32(w)})
			}
		}
	}
	return c.simMatrix(lv)
}

// quoteNames lists up to reasonNames names for a reason.
func quoteNames(names []string) string {
	if len(names) > reasonNames {
		return strings.Join(names[:reasonNames], ", ") + fmt.Sprintf(" and %d more", len(names)-reasonNames)
	}
	return strings.Join(names, ", ")
}
