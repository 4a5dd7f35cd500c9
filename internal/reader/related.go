package reader

import (
	"math"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// RelatedStory is a story related to another, with what they share.
type RelatedStory struct {
	Story *parallax.Story
	Score float64
	// Shared lists the shared entities and tags (as the target spells them),
	// then shared title words, rarest first.
	Shared []string
}

// termWeight scales a shared title word against a shared entity or tag:
// names say more about a subject than words do.
const termWeight = 0.5

// feature is one thing a story can share: an entity, a tag or a title term.
type feature struct {
	kind byte // 'e' entity, 'g' tag, 't' term
	key  string
}

// featureInfo is how a story shows a feature and how central it is to it.
type featureInfo struct {
	display string
	// weight is, for a term, the share of the story's titles that use it;
	// for a name or tag, offCentre plus the rest in proportion to the
	// share of titles that name it. A story's headlines say what it is
	// about; a name met only in a body (an expert, a byline, an outlet) is
	// on the edge of it.
	weight float64
}

// offCentre is the weight of a name or tag no title mentions. Shared by
// two stories it counts offCentre² = 1/100 of a name both headlines carry:
// the entity stage also finds bylines, outlets and stray capitalised words
// in bodies, and on the demo corpus several of them together outweighed a
// shared headline word at 0.25 (1/16).
const offCentre = 0.1

// features returns a profile's features, each once.
func features(p *parallax.StoryProfile) map[feature]featureInfo {
	out := map[feature]featureInfo{}
	titles := make([][]string, len(p.Titles))
	for i, t := range p.Titles {
		titles[i] = words(t, false)
	}
	inTitles := func(name []string) float64 {
		if len(name) == 0 || len(titles) == 0 {
			return 0
		}
		n := 0
		for _, t := range titles {
			if containsRun(t, name) || (len(name) > 1 && containsRun(t, name[len(name)-1:])) {
				n++
			}
		}
		return float64(n) / float64(len(titles))
	}
	named := map[string]bool{} // stems of the words of entity names
	for _, e := range p.Entities {
		for _, tok := range text.Tokens(e) {
			named[text.Stem(tok.Text)] = true
		}
		if k := key(e); k != "" {
			if _, ok := out[feature{'e', k}]; !ok {
				out[feature{'e', k}] = featureInfo{e, offCentre + (1-offCentre)*inTitles(words(e, false))}
			}
		}
	}
	for _, t := range p.Tags {
		if k := compactKey(t); k != "" {
			if _, ok := out[feature{'g', k}]; !ok {
				out[feature{'g', k}] = featureInfo{t, offCentre + (1-offCentre)*inTitles(words(t, true))}
			}
		}
	}
	for _, title := range p.Titles {
		seen := map[string]bool{}
		for _, tok := range text.Tokens(title) {
			if text.IsNumber(tok.Text) {
				continue // years and counts link unrelated stories
			}
			term, ok := text.Term(tok.Text)
			if !ok || len(term) < 3 || named[term] || seen[term] {
				continue // a word of a name counts once, as the name
			}
			seen[term] = true
			f := feature{'t', term}
			fi, ok := out[f]
			if !ok {
				fi.display = text.Fold(tok.Text)
			}
			fi.weight += 1 / float64(len(p.Titles))
			out[f] = fi
		}
	}
	return out
}

// share is a feature two stories share and what it adds to their score.
type share struct {
	f feature
	w float64
}

// dropSubNames drops a shared name whose words lie inside another shared
// name ("Coastline" beside "Coastline Daily"), so that one name is not
// counted twice.
func dropSubNames(shared []share) []share {
	out := make([]share, 0, len(shared))
	for i, a := range shared {
		inside := false
		if a.f.kind == 'e' {
			aw := strings.Fields(a.f.key)
			for j, b := range shared {
				if j != i && b.f.kind == 'e' && len(b.f.key) > len(a.f.key) && containsRun(strings.Fields(b.f.key), aw) {
					inside = true
					break
				}
			}
		}
		if !inside {
			out = append(out, a)
		}
	}
	return out
}

// Related ranks candidates by what they share with target: entities and
// tags, and content words of titles (stemmed, stopwords and numbers
// dropped) at half weight. Each shared feature counts its rarity among the
// candidates (log(1+N/df), so a name every story carries counts little)
// times how central it is to each of the two stories (how many of their
// titles use it; see featureInfo). The target itself and stories sharing nothing are left out;
// ties go to the smaller story ID. limit <= 0 means no limit.
func Related(target parallax.StoryProfile, cands []Candidate, limit int) []RelatedStory {
	tf := features(&target)
	if len(tf) == 0 {
		return nil
	}
	type scored struct {
		story *parallax.Story
		feats map[feature]featureInfo
	}
	list := make([]scored, 0, len(cands))
	df := map[feature]int{}
	for i := range cands {
		cd := &cands[i]
		if cd.Story == nil || cd.Story.ID == target.StoryID {
			continue
		}
		f := features(&cd.Profile)
		for k := range f {
			if _, ok := tf[k]; ok {
				df[k]++
			}
		}
		list = append(list, scored{cd.Story, f})
	}
	n := float64(len(list))
	var out []RelatedStory
	for _, s := range list {
		var shared []share
		for k, fi := range s.feats {
			ti, ok := tf[k]
			if !ok {
				continue
			}
			w := math.Log(1+n/float64(df[k])) * ti.weight * fi.weight
			if k.kind == 't' {
				w *= termWeight
			}
			shared = append(shared, share{k, w})
		}
		// Sorted before summing, so that the score does not depend on map
		// order in its last bit.
		sort.Slice(shared, func(i, j int) bool {
			a, b := shared[i], shared[j]
			if (a.f.kind == 't') != (b.f.kind == 't') {
				return b.f.kind == 't'
			}
			if a.w != b.w {
				return a.w > b.w
			}
			if a.f.key != b.f.key {
				return a.f.key < b.f.key
			}
			return a.f.kind < b.f.kind
		})
		shared = dropSubNames(shared)
		score := 0.0
		for _, sh := range shared {
			score += sh.w
		}
		if score <= 0 {
			continue
		}
		names := make([]string, len(shared))
		for i, sh := range shared {
			names[i] = tf[sh.f].display
		}
		out = append(out, RelatedStory{Story: s.story, Score: score, Shared: names})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Story.ID < out[j].Story.ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
