package entity

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// DocMentions are the mentions Recognize found in one article.
type DocMentions struct {
	ArticleID int64
	Mentions  []parallax.Mention
}

// ref points at one mention of one article.
type ref struct{ doc, i int }

// cluster is an entity being built.
type cluster struct {
	kind  parallax.EntityKind
	refs  []ref
	forms map[string]int // cleaned surface form → count
	full  bool           // holds a name of two words or more
	kinds map[parallax.EntityKind]int
	last  string // key of the last word of its full names
	first string // key of the first word of its full names
}

// Resolve merges the mentions of a story's articles into entities and sets
// each mention's Canonical to its entity's name (the mentions are updated
// in place). People with the same name key (NameKey) are one person; a
// first name given as an initial or a shorter spelling matches; a surname
// alone joins the full name with that surname that the same article, else
// the story, names most. Organisations, places and others merge on their
// name key, and an acronym joins the name it abbreviates. A name tagged as
// a place or organisation in one article but used mostly as a person's
// surname in the story is taken as the person. The canonical name is the
// most frequent name of two words or more (then the longest), else the most
// frequent form; the other forms are aliases. Entities are sorted by
// mention count, then name. Countries, capitals and cities of a million
// people are places whatever their mentions were tagged (news names a
// government by its capital: "Kyiv insists"). Names whose kind comes out
// as "other" (nationalities such as "Ukrainian", events) make no entity,
// and their mentions keep an empty Canonical.
func Resolve(docs []DocMentions) []parallax.Entity {
	nm := nameForms(docs)
	people, lone, personBySurname := resolvePeople(docs, nm)
	others := map[string]*cluster{}
	var order []string
	addOther := func(r ref, form, key string) {
		c, ok := others[key]
		if !ok {
			c = &cluster{forms: map[string]int{}, kinds: map[parallax.EntityKind]int{}}
			others[key] = c
			order = append(order, key)
		}
		c.add(r, form)
		c.kinds[docs[r.doc].Mentions[r.i].Kind]++
	}
	for _, r := range lone {
		n := nm.at(r)
		addOther(r, n.form, n.key)
	}
	for d := range docs {
		for i, m := range docs[d].Mentions {
			if m.Kind == parallax.EntityPerson {
				continue
			}
			form, key := nm.at(ref{d, i}).form, nm.at(ref{d, i}).key
			if key == "" {
				continue
			}
			if c := personBySurname(key, d); c != nil && !strings.Contains(key, " ") {
				c.add(ref{d, i}, form)
				continue
			}
			addOther(ref{d, i}, form, key)
		}
	}
	for _, key := range order {
		others[key].kind = majorityKind(others[key].kinds)
	}
	all := slices.Clone(people)
	for _, ck := range order {
		all = append(all, others[ck])
	}
	all = mergeAcronyms(all)
	for _, c := range all {
		if c.kind != parallax.EntityPerson && (countries()[NameKey(c.name())] || bigCity(c.name())) {
			c.kind = parallax.EntityPlace
		}
	}
	type counted struct {
		e parallax.Entity
		n int
	}
	ranked := make([]counted, 0, len(all))
	for _, c := range all {
		if c.kind == parallax.EntityOther {
			continue // nationalities, events, products: not entities here
		}
		ranked = append(ranked, counted{c.entity(docs), len(c.refs)})
	}
	slices.SortStableFunc(ranked, func(a, b counted) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.e.Name, b.e.Name), cmp.Compare(a.e.Kind, b.e.Kind))
	})
	out := make([]parallax.Entity, len(ranked))
	for i, r := range ranked {
		out[i] = r.e
	}
	return out
}

func (c *cluster) add(r ref, form string) {
	c.refs = append(c.refs, r)
	c.forms[form]++
}

// resolvePeople clusters the person mentions and returns the clusters and a
// look-up of a surname key for the article doc.
func resolvePeople(docs []DocMentions, nm names) ([]*cluster, []ref, func(key string, doc int) *cluster) {
	var full []*cluster
	var singles []ref
	for d := range docs {
		for i, m := range docs[d].Mentions {
			if m.Kind != parallax.EntityPerson {
				continue
			}
			form := nm.at(ref{d, i}).form
			words := strings.Fields(nm.at(ref{d, i}).key)
			if len(words) == 0 {
				continue
			}
			if len(words) == 1 {
				singles = append(singles, ref{d, i})
				continue
			}
			c := findFull(full, words)
			if c == nil {
				c = &cluster{kind: parallax.EntityPerson, forms: map[string]int{}, full: true,
					first: words[0], last: words[len(words)-1]}
				full = append(full, c)
			}
			c.add(ref{d, i}, form)
		}
	}
	bySurname := func(key string, doc int) *cluster {
		var best *cluster
		bestScore := 0
		for _, c := range full {
			if c.last != key {
				continue
			}
			score := 1
			for _, r := range c.refs {
				score += 1
				if r.doc == doc {
					score += 1000
				}
			}
			if score > bestScore {
				best, bestScore = c, score
			}
		}
		if best == nil || len(best.refs) < nm.otherKinds[key] {
			return nil
		}
		return best
	}
	var lone []ref
	for _, r := range singles {
		n := nm.at(r)
		if c := bySurname(n.key, r.doc); c != nil {
			c.add(r, n.form)
			continue
		}
		lone = append(lone, r)
	}
	return full, lone, bySurname
}

// kindOrder breaks ties between the kinds a name was tagged with.
var kindOrder = map[parallax.EntityKind]int{parallax.EntityPlace: 4, parallax.EntityOrg: 3, parallax.EntityPerson: 2, parallax.EntityOther: 1}

// majorityKind is the kind a name was tagged with most often in the story.
func majorityKind(kinds map[parallax.EntityKind]int) parallax.EntityKind {
	var best parallax.EntityKind
	for k, n := range kinds {
		if best == "" || n > kinds[best] || (n == kinds[best] && kindOrder[k] > kindOrder[best]) {
			best = k
		}
	}
	return best
}

// names holds each mention's cleaned form and name key, and how often each
// key is tagged as something other than a person in the story.
type names struct {
	forms      [][]nameForm
	otherKinds map[string]int
}

type nameForm struct{ form, key string }

func (n names) at(r ref) nameForm { return n.forms[r.doc][r.i] }

func nameForms(docs []DocMentions) names {
	n := names{forms: make([][]nameForm, len(docs)), otherKinds: map[string]int{}}
	for d := range docs {
		n.forms[d] = make([]nameForm, len(docs[d].Mentions))
		for i, m := range docs[d].Mentions {
			form := cleanForm(m.Text)
			key := NameKey(form)
			n.forms[d][i] = nameForm{form, key}
			if m.Kind != parallax.EntityPerson {
				n.otherKinds[key]++
			}
		}
	}
	return n
}

// findFull returns the cluster a full name belongs to: same last word and a
// compatible first word (equal, an initial of it, or a prefix of it).
func findFull(full []*cluster, words []string) *cluster {
	first, last := words[0], words[len(words)-1]
	for _, c := range full {
		if c.last == last && compatibleFirst(c.first, first) {
			return c
		}
	}
	return nil
}

func compatibleFirst(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 1 && strings.HasPrefix(b, a) && (len(a) == 1 || len(a) >= 3)
}

// cleanForm is a mention's text without a leading "the", honorifics or a
// trailing possessive.
func cleanForm(s string) string {
	s = strings.TrimSpace(s)
	for {
		word, rest, ok := strings.Cut(s, " ")
		if !ok || !(isHonorific(word) || strings.EqualFold(word, "the")) {
			break
		}
		s = strings.TrimSpace(rest)
	}
	if cut := possessive(s); cut > 0 {
		s = s[:cut]
	}
	return strings.TrimRight(s, "'’")
}

// mergeAcronyms folds an all-capitals name into the cluster of the same
// kind whose words' initials spell it ("NATO" and "North Atlantic Treaty
// Organization").
func mergeAcronyms(all []*cluster) []*cluster {
	initials := map[string]*cluster{}
	for _, c := range all {
		if c.kind == parallax.EntityPerson {
			continue
		}
		for form := range c.forms {
			if a := acronym(form); len(a) >= 2 && initials[a] == nil {
				initials[a] = c
			}
		}
	}
	out := all[:0]
	for _, c := range all {
		target := c.acronymOf(initials)
		if target == nil {
			out = append(out, c)
			continue
		}
		target.refs = append(target.refs, c.refs...)
		for form, n := range c.forms {
			target.forms[form] += n
		}
		for k, n := range c.kinds {
			if target.kinds == nil {
				target.kinds = map[parallax.EntityKind]int{}
			}
			target.kinds[k] += n
		}
		target.kind = majorityKind(target.kinds)
	}
	return out
}

// acronymOf returns the cluster whose name c abbreviates, if c is only
// acronyms ("US", "U.S.") of a longer name.
func (c *cluster) acronymOf(initials map[string]*cluster) *cluster {
	if c.kind == parallax.EntityPerson || c.full {
		return nil
	}
	var target *cluster
	for form := range c.forms {
		letters := strings.ReplaceAll(form, ".", "")
		t := initials[letters]
		if t == nil || t == c || !isAllCaps(letters) || (target != nil && t != target) {
			return nil
		}
		target = t
	}
	return target
}

func acronym(form string) string {
	var b strings.Builder
	for _, w := range strings.Fields(form) {
		if isCapitalised(w) {
			b.WriteString(w[:1])
		}
	}
	if strings.Count(form, " ") < 1 {
		return ""
	}
	return b.String()
}

func isAllCaps(s string) bool {
	return len(s) >= 2 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// name is the canonical name: the most frequent form of two words or more
// (then the longest, then the first in byte order), else the most frequent
// form.
func (c *cluster) name() string {
	best, bestN, bestWords := "", -1, 0
	for form, n := range c.forms {
		words := min(len(strings.Fields(form)), 2)
		better := words > bestWords ||
			(words == bestWords && n > bestN) ||
			(words == bestWords && n == bestN && len(form) > len(best)) ||
			(words == bestWords && n == bestN && len(form) == len(best) && form < best)
		if better {
			best, bestN, bestWords = form, n, words
		}
	}
	return best
}

func (c *cluster) entity(docs []DocMentions) parallax.Entity {
	name := c.name()
	e := parallax.Entity{Name: name, Kind: c.kind, Aliases: []string{}, ArticleIDs: []int64{}}
	for form := range c.forms {
		if form != name {
			e.Aliases = append(e.Aliases, form)
		}
	}
	slices.Sort(e.Aliases)
	roles := map[string]int{}
	for _, r := range c.refs {
		m := &docs[r.doc].Mentions[r.i]
		m.Canonical = name
		if m.Role != "" {
			roles[m.Role]++
		}
		e.ArticleIDs = append(e.ArticleIDs, docs[r.doc].ArticleID)
	}
	slices.Sort(e.ArticleIDs)
	e.ArticleIDs = slices.Compact(e.ArticleIDs)
	for role := range roles {
		e.Roles = append(e.Roles, role)
	}
	slices.SortFunc(e.Roles, func(a, b string) int {
		return cmp.Or(cmp.Compare(roles[b], roles[a]), cmp.Compare(a, b))
	})
	return e
}

// bigCity reports whether the default model lists name as a capital or a
// city of a million people (TrainOptions Capitals).
func bigCity(name string) bool {
	m, err := defaultModel()
	return err == nil && m.listed(capitalBit, name)
}

// listed reports whether the model's gazetteer marks name (its words, case
// ignored) with bit.
func (m *Model) listed(bit uint32, name string) bool {
	words := entryHashes(nil, name)
	return len(words) > 0 && len(words) <= maxGazWords && m.gaz.lookup(words)&bit != 0
}
