package reader

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

// Topic kinds.
const (
	TopicTag    = "tag"
	TopicEntity = "entity"
)

// Topic is a subject a reader can browse and follow: a tag, or an entity
// named in several stories.
type Topic struct {
	Name     string
	Kind     string // TopicTag or TopicEntity
	StoryIDs []int64
}

// Topics merges tag topics (every tag; those carried by two stories or more
// rank above the rest by their counts) and entity topics (entities named in
// two stories or more), ordered by story count (descending), then name. A
// tag and an entity with the same name ("Ukraine") are one topic, of kind
// tag, with the stories of both. Story IDs are sorted and unique. limit <= 0
// means no limit.
func Topics(tags []parallax.TagRef, entities []parallax.EntityRef, limit int) []Topic {
	var out []Topic
	index := map[string]int{}
	add := func(name, kind string, ids []int64) {
		name = strings.TrimSpace(name)
		k := compactKey(name)
		if k == "" || len(ids) == 0 {
			return
		}
		if i, ok := index[k]; ok {
			out[i].StoryIDs = append(out[i].StoryIDs, ids...)
			return
		}
		index[k] = len(out)
		out = append(out, Topic{Name: name, Kind: kind, StoryIDs: append([]int64(nil), ids...)})
	}
	for _, t := range tags {
		add(t.Name, TopicTag, t.StoryIDs)
	}
	for _, e := range entities {
		if len(uniqueIDs(e.StoryIDs)) >= 2 {
			add(e.Name, TopicEntity, e.StoryIDs)
		}
	}
	for i := range out {
		out[i].StoryIDs = uniqueIDs(out[i].StoryIDs)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.StoryIDs) != len(b.StoryIDs) {
			return len(a.StoryIDs) > len(b.StoryIDs)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Kind > b.Kind // "tag" before "entity"
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// uniqueIDs returns ids sorted with duplicates dropped (a new slice).
func uniqueIDs(ids []int64) []int64 {
	out := append([]int64(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 0
	for i, id := range out {
		if i == 0 || id != out[n-1] {
			out[n] = id
			n++
		}
	}
	return out[:n]
}
