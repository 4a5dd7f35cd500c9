package discrepancy

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// ArticleClaims is what one article of the story claims, with its mentions
// (used to resolve a claim's subject to its entity's canonical name).
type ArticleClaims struct {
	ArticleID int64
	Source    string // publisher; articles of one publisher are one source
	Claims    []parallax.Claim
	Mentions  []parallax.Mention
}

// Input is one story's claims and what is needed to compare them.
type Input struct {
	Articles    []ArticleClaims
	Derivations []parallax.Derivation
	// Entities, when given, resolve subjects through canonical names and
	// aliases ("Dmitri Peskov" and "Dmitry Peskov" are one subject).
	Entities []parallax.Entity
	// Roots maps each article to its independent source; when nil it is
	// computed with Roots from the derivations and publishers.
	Roots map[int64]int64
}

// Compare groups the story's claims by subject and normalised attribute and
// decides, for each group, whether the values conflict. Values that agree
// ("US President" and "President"; "600,000" and "600,000 personnel") are
// merged; each value lists the articles that state it and counts their
// independent sources. A rewrite that contradicts its original is named in
// the comparison's Note. Conflicts come first, then the best supported.
func Compare(in Input) []parallax.Comparison {
	roots := in.Roots
	if roots == nil {
		roots = Roots(articleIDs(in.Articles), publishers(in.Articles), in.Derivations)
	}
	res := newResolver(in.Entities, in.Articles)
	groups := map[string]*group{}
	attrs := map[string]string{}
	values := map[valueMemoKey]value{}
	var order []string
	for _, ac := range in.Articles {
		for _, c := range ac.Claims {
			subj, subjKey := res.resolve(c.Subject)
			attr, ok := attrs[c.Attribute]
			if !ok {
				attr = normAttribute(c.Attribute)
				attrs[c.Attribute] = attr
			}
			if subjKey == "" || attr == "" || strings.TrimSpace(c.Value) == "" {
				continue
			}
			key := subjKey + "\x00" + attr
			g, ok := groups[key]
			if !ok {
				g = &group{attr: attr, subjects: map[string]int{}, attributes: map[string]int{}, values: map[string]*stated{}}
				groups[key] = g
				order = append(order, key)
			}
			mk := valueMemoKey{attr, c.Value, c.Normalized}
			v, ok := values[mk]
			if !ok {
				v = parseValue(attr, c)
				values[mk] = v
			}
			g.add(subj, ac.ArticleID, c, v)
		}
	}
	derivs := slices.Clone(in.Derivations)
	slices.SortFunc(derivs, func(a, b parallax.Derivation) int {
		return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.SourceID, b.SourceID))
	})
	out := make([]parallax.Comparison, 0, len(groups))
	for _, key := range order {
		out = append(out, groups[key].compare(roots, derivs))
	}
	slices.SortFunc(out, compareOrder)
	return out
}

func compareOrder(a, b parallax.Comparison) int {
	if a.Conflict != b.Conflict {
		if a.Conflict {
			return -1
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(totalSources(b), totalSources(a)),
		cmp.Compare(a.Subject, b.Subject),
		cmp.Compare(a.Attribute, b.Attribute),
	)
}

func totalSources(c parallax.Comparison) int {
	n := 0
	for _, v := range c.Values {
		n += v.Sources
	}
	return n
}

func articleIDs(acs []ArticleClaims) []int64 {
	ids := make([]int64, 0, len(acs))
	for _, ac := range acs {
		ids = append(ids, ac.ArticleID)
	}
	return ids
}

func publishers(acs []ArticleClaims) map[int64]string {
	m := make(map[int64]string, len(acs))
	for _, ac := range acs {
		if ac.Source != "" {
			m[ac.ArticleID] = ac.Source
		}
	}
	return m
}

// stated is one distinct value as stated, with the articles stating it.
type stated struct {
	text     string
	value    value
	articles []int64
	sources  int
}

// group is the claims about one subject's attribute.
type group struct {
	attr       string
	subjects   map[string]int // surface or canonical subject names, counted
	attributes map[string]int // attribute names as stated, counted
	values     map[string]*stated
	keys       []string
}

// valueMemoKey identifies a value's parse within one comparison.
type valueMemoKey struct{ attr, value, normalized string }

func (g *group) add(subject string, articleID int64, c parallax.Claim, v value) {
	g.subjects[subject]++
	g.attributes[strings.TrimSpace(c.Attribute)]++
	key := valueKey(v, c)
	s, ok := g.values[key]
	if !ok {
		label := strings.Join(strings.Fields(c.Value), " ")
		// Dates and numbers written in words show their normalised value too:
		// "Forty-one (41)" sits beside "14".
		wordNumber := v.kind == kindNumber && !strings.ContainsAny(label, "0123456789")
		if (isDate(v.norm) || wordNumber) && !strings.Contains(label, strings.TrimSpace(c.Normalized)) {
			label += " (" + strings.TrimSpace(c.Normalized) + ")"
		}
		s = &stated{text: label, value: v}
		g.values[key] = s
		g.keys = append(g.keys, key)
	}
	if !slices.Contains(s.articles, articleID) {
		s.articles = append(s.articles, articleID)
	}
}

// valueKey identifies a stated value: its exact wording when it differs
// only in case and spacing, so that each wording keeps its own articles.
func valueKey(v value, c parallax.Claim) string {
	return string(rune('0'+v.kind)) + "\x00" + v.folded + "\x00" + v.norm
}

// side is a set of stated values that agree with each other.
type side struct {
	members []*stated
}

func (g *group) compare(roots map[int64]int64, derivs []parallax.Derivation) parallax.Comparison {
	vals := make([]*stated, 0, len(g.keys))
	for _, k := range g.keys {
		v := g.values[k]
		slices.Sort(v.articles)
		v.sources = CountSources(v.articles, roots)
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b *stated) int {
		return cmp.Or(
			cmp.Compare(b.sources, a.sources),
			cmp.Compare(len(b.articles), len(a.articles)),
			cmp.Compare(b.value.specificity(), a.value.specificity()),
			cmp.Compare(a.text, b.text),
		)
	})
	var sides []*side
	for _, v := range vals {
		placed := false
		for _, s := range sides {
			if s.accepts(v) {
				s.members = append(s.members, v)
				placed = true
				break
			}
		}
		if !placed {
			sides = append(sides, &side{members: []*stated{v}})
		}
	}
	c := parallax.Comparison{
		Subject:   mostCommon(g.subjects),
		Attribute: mostCommon(g.attributes),
		Conflict:  len(sides) > 1,
	}
	for _, s := range sides {
		ids := s.articleIDs()
		c.Values = append(c.Values, parallax.ClaimValue{Value: s.label(), ArticleIDs: ids, Sources: CountSources(ids, roots)})
	}
	slices.SortStableFunc(c.Values, func(a, b parallax.ClaimValue) int {
		return cmp.Or(cmp.Compare(b.Sources, a.Sources), cmp.Compare(len(b.ArticleIDs), len(a.ArticleIDs)),
			cmp.Compare(text.Fold(a.Value), text.Fold(b.Value)), cmp.Compare(a.Value, b.Value))
	})
	if c.Conflict {
		c.Note = conflictNote(c.Values, derivs)
	}
	return c
}

// accepts reports whether v agrees with every value already on the side.
func (s *side) accepts(v *stated) bool {
	for _, m := range s.members {
		if !agree(m.value, v.value) {
			return false
		}
	}
	return true
}

func (s *side) articleIDs() []int64 {
	var ids []int64
	for _, m := range s.members {
		ids = append(ids, m.articles...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// label is the wording stated by the most articles, the fuller one on a
// tie.
func (s *side) label() string {
	best := s.members[0]
	for _, m := range s.members[1:] {
		if d := cmp.Or(
			cmp.Compare(len(m.articles), len(best.articles)),
			cmp.Compare(m.value.specificity(), best.value.specificity()),
			cmp.Compare(len(m.text), len(best.text)),
			cmp.Compare(best.text, m.text),
		); d > 0 {
			best = m
		}
	}
	return best.text
}

// maxNotes bounds the rewrites named in a note.
const maxNotes = 3

// conflictNote names the rewrites that contradict their originals and the
// articles that state both sides.
func conflictNote(values []parallax.ClaimValue, derivs []parallax.Derivation) string {
	sideOf := map[int64][]int{}
	for i, v := range values {
		for _, id := range v.ArticleIDs {
			sideOf[id] = append(sideOf[id], i)
		}
	}
	var notes []string
	more := 0
	for _, d := range derivs { // sorted by article, then source
		ds, ss := sideOf[d.ArticleID], sideOf[d.SourceID]
		if len(ds) == 0 || len(ss) == 0 || intersects(ds, ss) {
			continue
		}
		if len(notes) == maxNotes {
			more++
			continue
		}
		notes = append(notes, fmt.Sprintf("article %d, a %s of article %d, contradicts it: %q where the original has %q",
			d.ArticleID, kindName(d.Kind), d.SourceID, values[ds[0]].Value, values[ss[0]].Value))
	}
	if more > 0 {
		notes = append(notes, fmt.Sprintf("%d more rewrites contradict their originals", more))
	}
	var both []string
	for _, id := range slices.Sorted(maps.Keys(sideOf)) {
		if len(sideOf[id]) > 1 {
			both = append(both, "article "+strconv.FormatInt(id, 10))
		}
	}
	switch {
	case len(both) == 1:
		notes = append(notes, both[0]+" states more than one value")
	case len(both) > maxNotes:
		notes = append(notes, fmt.Sprintf("%d articles state more than one value", len(both)))
	case len(both) > 1:
		notes = append(notes, strings.Join(both, ", ")+" state more than one value")
	}
	return strings.Join(notes, "; ")
}

func kindName(k parallax.DerivationKind) string {
	switch k {
	case parallax.DerivedExact:
		return "copy"
	case parallax.DerivedNearDup:
		return "near-duplicate"
	case parallax.DerivedSharedSource:
		return "version from a shared source"
	case "":
		return "derivation"
	}
	return string(k)
}

func intersects(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func mostCommon(m map[string]int) string {
	best, n := "", -1
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}
