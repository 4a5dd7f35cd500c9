// Package profiles assembles story profiles (parallax.StoryProfile) from
// the rows a store reads, in any order, the same way for every store.
package profiles

import (
	"slices"
	"time"

	"github.com/parallax-news/parallax"
)

// Collector gathers the profiles of the stories it is told about.
type Collector struct {
	byID map[int64]*parallax.StoryProfile
}

// Story starts the profile of a story that exists.
func (c *Collector) Story(id int64) {
	if c.byID == nil {
		c.byID = map[int64]*parallax.StoryProfile{}
	}
	c.byID[id] = &parallax.StoryProfile{StoryID: id, Entities: []string{}, Sources: []string{}, Tags: []string{}, Titles: []string{}}
}

// Entity adds an entity's name to a story's profile.
func (c *Collector) Entity(id int64, name string) {
	if p := c.byID[id]; p != nil && name != "" {
		p.Entities = append(p.Entities, name)
	}
}

// Article adds an article's source, title, tags and arrival (fetch) time
// to its story's profile.
func (c *Collector) Article(id int64, source, title string, tags []string, arrived time.Time) {
	p := c.byID[id]
	if p == nil {
		return
	}
	if arrived.After(p.LastArrival) {
		p.LastArrival = arrived
	}
	if source != "" {
		p.Sources = append(p.Sources, source)
	}
	if title != "" {
		p.Titles = append(p.Titles, title)
	}
	for _, t := range tags {
		if t != "" {
			p.Tags = append(p.Tags, t)
		}
	}
}

// InOrder returns the profiles of ids that exist, in the order of ids,
// each list sorted by bytes and without repeats.
func (c *Collector) InOrder(ids []int64) []parallax.StoryProfile {
	out := make([]parallax.StoryProfile, 0, len(c.byID))
	seen := map[int64]bool{}
	for _, id := range ids {
		p := c.byID[id]
		if p == nil || seen[id] {
			continue
		}
		seen[id] = true
		for _, l := range []*[]string{&p.Entities, &p.Sources, &p.Tags, &p.Titles} {
			slices.Sort(*l)
			*l = slices.Compact(*l)
		}
		out = append(out, *p)
	}
	return out
}
