package discrepancy

import (
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// resolver maps a claim's subject to a canonical name and a grouping key,
// through the story's entities and the articles' resolved mentions.
type resolver struct {
	canonical map[string]string   // name skeleton → canonical name
	surnames  map[string][]string // last-word skeleton → canonical names
	memo      map[string][2]string
}

func newResolver(entities []parallax.Entity, articles []ArticleClaims) *resolver {
	r := &resolver{canonical: map[string]string{}, surnames: map[string][]string{}, memo: map[string][2]string{}}
	for _, e := range entities {
		r.addName(e.Name, e.Name)
		for _, a := range e.Aliases {
			r.addName(a, e.Name)
		}
	}
	seen := map[[2]string]bool{}
	for _, ac := range articles {
		for _, m := range ac.Mentions {
			if k := [2]string{m.Text, m.Canonical}; m.Canonical != "" && !seen[k] {
				seen[k] = true
				r.addName(m.Text, m.Canonical)
				r.addName(m.Canonical, m.Canonical)
			}
		}
	}
	for k, names := range r.surnames {
		r.surnames[k] = sortedSet(names)
	}
	return r
}

func (r *resolver) addName(name, canonical string) {
	k := skeleton(name)
	if k == "" {
		return
	}
	if _, ok := r.canonical[k]; !ok {
		r.canonical[k] = canonical
	}
	if f := strings.Fields(k); len(f) > 1 {
		last := f[len(f)-1]
		if !slices.Contains(r.surnames[last], canonical) {
			r.surnames[last] = append(r.surnames[last], canonical)
		}
	}
}

// resolve returns the display name and grouping key of a subject.
func (r *resolver) resolve(subject string) (string, string) {
	if m, ok := r.memo[subject]; ok {
		return m[0], m[1]
	}
	name, key := r.lookup(subject)
	r.memo[subject] = [2]string{name, key}
	return name, key
}

func (r *resolver) lookup(subject string) (string, string) {
	subject = strings.Join(strings.Fields(subject), " ")
	k := skeleton(subject)
	if k == "" {
		return "", ""
	}
	if c, ok := r.canonical[k]; ok {
		return c, skeleton(c)
	}
	if names := r.surnames[k]; len(names) == 1 && !strings.Contains(k, " ") {
		return names[0], skeleton(names[0])
	}
	return subject, k
}

// NameSkeleton folds a person's or organisation's name the way Compare
// matches subjects, for callers that group by speaker or subject.
func NameSkeleton(name string) string { return skeleton(name) }

// skeleton folds a name for transliteration-tolerant matching: lower case,
// no diacritics or possessive, y as i, doubled letters single ("Zelenskyy"
// and "Zelensky", "Dmitri" and "Dmitry" meet).
func skeleton(name string) string {
	ws := strings.Fields(text.NameKey(strings.TrimSpace(name)))
	for i, w := range ws {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		b := make([]byte, 0, len(w))
		for j := 0; j < len(w); j++ {
			c := w[j]
			if c == 'y' {
				c = 'i'
			}
			if c == '.' || c == ',' {
				continue
			}
			if len(b) > 0 && b[len(b)-1] == c {
				continue
			}
			b = append(b, c)
		}
		ws[i] = string(b)
	}
	return strings.Join(ws, " ")
}
