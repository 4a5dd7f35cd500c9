package reader

import (
	"math"
	"sort"

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

// features returns a profile's features, each once, with a display form.
func features(p *parallax.StoryProfile) map[feature]string {
	out := map[feature]string{}
	for _, e := range p.Entities {
		if k := key(e); k != "" {
			if _, ok := out[feature{'e', k}]; !ok {
				out[feature{'e', k}] = e
			}
		}
	}
	for _, t := range p.Tags {
		if k := compactKey(t); k != "" {
			if _, ok := out[feature{'g', k}]; !ok {
				out[feature{'g', k}] = t
			}
		}
	}
	for _, title := range p.Titles {
		for _, tok := range text.Tokens(title) {
			if text.IsNumber(tok.Text) {
				continue // years and counts link unrelated stories
			}
			term, ok := text.Term(tok.Text)
			if !ok || len(term) < 3 {
				continue
			}
			if _, ok := out[feature{'t', term}]; !ok {
				out[feature{'t', term}] = text.Fold(tok.Text)
			}
		}
	}
	return out
}

// Related ranks candidates by what they share with target: entities and
// tags, each weighted by its rarity among the candidates (log(1+N/df), so
// a name every story carries counts little), and content words of titles
// (stemmed, stopwords and numbers dropped) weighted the same way at half
// weight. The target itself and stories sharing nothing are left out;
// ties go to the smaller story ID. limit <= 0 means no limit.
func Related(target parallax.StoryProfile, cands []Candidate, limit int) []RelatedStory {
	tf := features(&target)
	if len(tf) == 0 {
		return nil
	}
	type scored struct {
		story *parallax.Story
		feats map[feature]string
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
		type share struct {
			f feature
			w float64
		}
		var shared []share
		score := 0.0
		for k := range s.feats {
			if _, ok := tf[k]; !ok {
				continue
			}
			w := math.Log(1 + n/float64(df[k]))
			if k.kind == 't' {
				w *= termWeight
			}
			score += w
			shared = append(shared, share{k, w})
		}
		if score <= 0 {
			continue
		}
		sort.Slice(shared, func(i, j int) bool {
			a, b := shared[i], shared[j]
			if (a.f.kind == 't') != (b.f.kind == 't') {
				return b.f.kind == 't'
			}
			if a.w != b.w {
				return a.w > b.w
			}
			return a.f.key < b.f.key
		})
		names := make([]string, len(shared))
		for i, sh := range shared {
			names[i] = tf[sh.f]
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
