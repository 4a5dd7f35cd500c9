package reader

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// HalfLife is the age at which a story's recency weight halves.
const HalfLife = 24 * time.Hour

// Candidate is a story that may appear on a front page, with its profile.
type Candidate struct {
	Story   *parallax.Story
	Profile parallax.StoryProfile
}

// Pick is a story chosen for a reader's front page.
type Pick struct {
	Story *parallax.Story
	// Score orders the page: picks that match a follow score in [1, 2),
	// the others in [0, 1).
	Score float64
	// Reasons names each follow the story matches, e.g. "you follow Marco
	// Rubio", "you follow the source Reuters", "you follow the topic
	// UkraineWar", spelled as the story spells them.
	Reasons []string
	// Reason is the reasons joined for display ("because you follow Marco
	// Rubio and Reuters"); "" when none.
	Reason string
	// Read is when the reader last read the story (zero if never).
	Read time.Time
	// Unread is true when the story was never read, or an article arrived
	// after it was read (Profile.LastArrival; without one, the story's
	// UpdatedAt or LastSeen).
	Unread bool
}

// interests is a reader's follows and mutes, folded once per page.
type interests struct {
	followEntities, followTopics, muteEntities, muteTopics nameIndex
	muteKeywords                                           [][]string
	followSources, muteSources                             map[string]bool
	followTopicKeys, muteTopicKeys                         map[string]bool
	cache                                                  wordCache
	// entity match results by name, for this reader.
	followed, topical, mutedNames map[string]bool
}

func compile(in []parallax.Interest) *interests {
	c := &interests{followSources: map[string]bool{}, muteSources: map[string]bool{},
		followTopicKeys: map[string]bool{}, muteTopicKeys: map[string]bool{},
		followEntities: nameIndex{}, followTopics: nameIndex{}, muteEntities: nameIndex{}, muteTopics: nameIndex{},
		cache: wordCache{}, followed: map[string]bool{}, topical: map[string]bool{}, mutedNames: map[string]bool{}}
	for _, it := range in {
		w := words(it.Value, false)
		if len(w) == 0 {
			continue
		}
		switch {
		case it.Kind == parallax.InterestEntity && !it.Mute:
			c.followEntities.add(w)
		case it.Kind == parallax.InterestEntity && it.Mute:
			c.muteEntities.add(w)
		case it.Kind == parallax.InterestTopic && !it.Mute:
			c.followTopics.add(w)
			c.followTopicKeys[strings.Join(w, "")] = true
		case it.Kind == parallax.InterestTopic && it.Mute:
			c.muteTopics.add(w)
			c.muteTopicKeys[strings.Join(w, "")] = true
		case it.Kind == parallax.InterestSource && !it.Mute:
			c.followSources[strings.Join(w, " ")] = true
		case it.Kind == parallax.InterestSource && it.Mute:
			c.muteSources[strings.Join(w, " ")] = true
		case it.Kind == parallax.InterestKeyword && it.Mute:
			c.muteKeywords = append(c.muteKeywords, w)
		}
		// A keyword follow has no meaning (keywords are for mutes only).
	}
	return c
}

// profile is a story's profile in folded words.
type profile struct {
	entities [][]string
	tagKeys  []string
}

func (c *interests) profile(p *parallax.StoryProfile, pr *profile) {
	pr.entities = pr.entities[:0]
	pr.tagKeys = pr.tagKeys[:0]
	for _, e := range p.Entities {
		pr.entities = append(pr.entities, c.cache.words(e))
	}
	for _, t := range p.Tags {
		pr.tagKeys = append(pr.tagKeys, strings.Join(c.cache.words(t), ""))
	}
}

// memo looks up or computes a match of a name against an index.
func memo(m map[string]bool, name string, w []string, ix nameIndex) bool {
	v, ok := m[name]
	if !ok {
		v = ix.match(w)
		m[name] = v
	}
	return v
}

// muted reports whether a reader's mutes hide the story.
func (c *interests) muted(cd *Candidate, pr *profile) bool {
	if len(c.muteEntities)+len(c.muteTopics) > 0 {
		for i, e := range pr.entities {
			name := cd.Profile.Entities[i]
			v, ok := c.mutedNames[name]
			if !ok {
				v = c.muteEntities.match(e) || c.muteTopics.match(e)
				c.mutedNames[name] = v
			}
			if v {
				return true
			}
		}
	}
	for _, t := range pr.tagKeys {
		if c.muteTopicKeys[t] {
			return true
		}
	}
	if len(c.muteSources) > 0 && len(cd.Profile.Sources) > 0 {
		all := true
		for _, s := range cd.Profile.Sources {
			if !c.muteSources[strings.Join(c.cache.words(s), " ")] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	if len(c.muteKeywords) > 0 {
		for _, e := range pr.entities {
			if c.keywordIn(e) {
				return true
			}
		}
		for _, t := range cd.Profile.Tags {
			// "war" in "UkraineWar", "iphone" in "iPhone"
			if c.keywordIn(words(t, true)) || c.keywordIn(c.cache.words(t)) {
				return true
			}
		}
		if c.keywordInText(cd.Story.Headline) {
			return true
		}
		for _, t := range cd.Profile.Titles {
			if c.keywordInText(t) {
				return true
			}
		}
	}
	return false
}

// keywordIn reports whether a muted keyword occurs in ws as whole words.
func (c *interests) keywordIn(ws []string) bool {
	for _, k := range c.muteKeywords {
		if containsRun(ws, k) {
			return true
		}
	}
	return false
}

// keywordInText is keywordIn for a title; it splits the title into words
// only when the folded title contains a keyword's first word as a
// substring, which most titles do not.
func (c *interests) keywordInText(s string) bool {
	f := text.Fold(s)
	for _, k := range c.muteKeywords {
		if strings.Contains(f, k[0]) {
			return c.keywordIn(words(s, false))
		}
	}
	return false
}

// follows returns the names of the follows the story matches (as the story
// spells them) and the reasons naming them.
func (c *interests) follows(cd *Candidate, pr *profile) (names, reasons []string) {
	seen := map[string]bool{}
	add := func(name, reason string) {
		if !seen[reason] {
			seen[reason] = true
			names = append(names, name)
			reasons = append(reasons, reason)
		}
	}
	for i, e := range pr.entities {
		if memo(c.followed, cd.Profile.Entities[i], e, c.followEntities) {
			add(cd.Profile.Entities[i], "you follow "+cd.Profile.Entities[i])
		}
	}
	for i, t := range pr.tagKeys {
		if c.followTopicKeys[t] {
			add(cd.Profile.Tags[i], "you follow the topic "+cd.Profile.Tags[i])
		}
	}
	for i, e := range pr.entities {
		if memo(c.topical, cd.Profile.Entities[i], e, c.followTopics) && !seen["you follow "+cd.Profile.Entities[i]] {
			add(cd.Profile.Entities[i], "you follow the topic "+cd.Profile.Entities[i])
		}
	}
	for _, s := range cd.Profile.Sources {
		if c.followSources[strings.Join(c.cache.words(s), " ")] {
			add(s, "you follow the source "+s)
		}
	}
	return names, reasons
}

// because joins names for display: "because you follow A", "… A and B",
// "… A, B and C". A name met twice (a tag and an entity both "Ukraine") is
// said once.
func because(all []string) string {
	var names []string
	seen := map[string]bool{}
	for _, n := range all {
		if k := key(n); !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "because you follow " + names[0]
	}
	return "because you follow " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// arrived is when the story's latest article arrived, as "new since you
// last read" on the story page counts it; the story's update time when
// the profile does not say.
func arrived(cd *Candidate) time.Time {
	if !cd.Profile.LastArrival.IsZero() {
		return cd.Profile.LastArrival
	}
	return updated(cd.Story)
}

// updated is when a story last changed.
func updated(s *parallax.Story) time.Time {
	t := s.LastSeen
	if s.UpdatedAt.After(t) {
		t = s.UpdatedAt
	}
	if t.IsZero() {
		t = s.FirstSeen
	}
	return t
}

// minDecay keeps stories of any age (or with no date) ordered by their
// sources rather than all tied at zero.
const minDecay = 1e-12

// weight is a story's unbounded score: follows matched, independent
// sources and recency, multiplied.
func weight(s *parallax.Story, nSources, matches int, now time.Time) float64 {
	decay := minDecay
	if t := updated(s); !t.IsZero() {
		age := max(now.Sub(t), 0)
		decay = max(math.Exp2(-float64(age)/float64(HalfLife)), minDecay)
	}
	return (1 + 2*float64(matches)) * (1 + math.Log2(1+float64(nSources))) * decay
}

// FrontPage ranks candidates for a reader with the given follows and mutes
// (see the package comment): stories that match a follow first, each group
// ordered by score, ties by story ID; muted stories are left out. reads
// gives when the reader last read each story. limit <= 0 means no limit.
// Candidates without a story are skipped.
func FrontPage(cands []Candidate, in []parallax.Interest, reads map[int64]time.Time, now time.Time, limit int) []Pick {
	c := compile(in)
	picks := make([]Pick, 0, len(cands))
	var pr profile
	for i := range cands {
		cd := &cands[i]
		if cd.Story == nil {
			continue
		}
		c.profile(&cd.Profile, &pr)
		if c.muted(cd, &pr) {
			continue
		}
		names, reasons := c.follows(cd, &pr)
		n := cd.Story.Sources
		if n <= 0 {
			n = len(cd.Profile.Sources)
		}
		w := weight(cd.Story, n, len(reasons), now)
		score := w / (1 + w)
		if len(reasons) > 0 {
			score++
		}
		p := Pick{Story: cd.Story, Score: score, Reasons: reasons, Reason: because(names), Read: reads[cd.Story.ID]}
		p.Unread = p.Read.IsZero() || arrived(cd).After(p.Read)
		picks = append(picks, p)
	}
	sort.Slice(picks, func(i, j int) bool {
		if picks[i].Score != picks[j].Score {
			return picks[i].Score > picks[j].Score
		}
		return picks[i].Story.ID < picks[j].Story.ID
	})
	if limit > 0 && len(picks) > limit {
		picks = picks[:limit]
	}
	return picks
}
