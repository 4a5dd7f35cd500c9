package demo

import (
	"slices"

	"github.com/parallax-news/parallax"
)

// Catalog is the decoded manifest: the events, every article in the corpus,
// and the facts planted for the later stages.
type Catalog struct {
	Events        []Event        `json:"events"`
	Articles      []Article      `json:"articles"`
	Aliases       []Alias        `json:"aliases"`
	Disagreements []Disagreement `json:"disagreements"`
	Quotes        []Quote        `json:"quotes"`
	Roles         []Role         `json:"roles"`
	Facts         []Fact         `json:"facts"`
}

// Event is one fictional news event; every article covers exactly one.
type Event struct {
	Key string `json:"key"`
	// Kind names the kind of event; two events share a kind on purpose so
	// that clustering must separate them by content.
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
}

// Article is one article of the corpus: a whole file, or one item of a
// feed or one line of a JSON Lines file.
type Article struct {
	// Key identifies the article in the manifest ("outlet/event").
	Key   string `json:"key"`
	Event string `json:"event"`
	// Outlet is the publisher's name as the article gives it.
	Outlet string `json:"outlet"`
	// File is the path inside Corpus().
	File string `json:"file"`
	// Item picks the article inside a multi-article file: the RSS guid, the
	// Atom id or the JSON Lines id. Empty for a file holding one article.
	Item string `json:"item,omitempty"`
	// Format is html, txt, rss, atom, json or jsonl; Gzip says whether the
	// file is gzip-compressed.
	Format string `json:"format"`
	Gzip   bool   `json:"gzip,omitempty"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title"`
	Byline string `json:"byline,omitempty"`
	// Published is RFC 3339, or empty when the article carries no date.
	Published string `json:"published,omitempty"`
	// RewriteOf, CopyOf, Wraps and SharesSourceWith name (by Key) the
	// earlier article this one derives from: a paraphrased rewrite, a
	// syndicated near-exact copy, an aggregator page carrying the article
	// inside its own chrome, or an article that takes part of its text
	// (some paragraphs, verbatim) from the other. At most one is set.
	RewriteOf        string   `json:"rewrite_of,omitempty"`
	CopyOf           string   `json:"copy_of,omitempty"`
	Wraps            string   `json:"wraps,omitempty"`
	SharesSourceWith string   `json:"shares_source_with,omitempty"`
	Notes            []string `json:"notes,omitempty"`
}

// DerivedFrom returns the key of the article this one derives from, or "".
func (a Article) DerivedFrom() string {
	from, _ := a.Derivation()
	return from
}

// Derivation returns the key of the article this one derives from and the
// kind the provenance stage is expected to find: a rewrite; a near
// duplicate for a syndicated copy or an aggregator page (whose extracted
// body may even be an exact copy); a shared source for partly copied
// text. It returns "", "" for an original.
func (a Article) Derivation() (string, parallax.DerivationKind) {
	switch {
	case a.RewriteOf != "":
		return a.RewriteOf, parallax.DerivedRewrite
	case a.CopyOf != "":
		return a.CopyOf, parallax.DerivedNearDup
	case a.Wraps != "":
		return a.Wraps, parallax.DerivedNearDup
	case a.SharesSourceWith != "":
		return a.SharesSourceWith, parallax.DerivedSharedSource
	default:
		return "", ""
	}
}

// Alias is one person whose name is spelled in more than one way.
type Alias struct {
	Event     string     `json:"event"`
	Person    string     `json:"person"`
	Spellings []Spelling `json:"spellings"`
}

// Spelling is one way of writing a name and the articles that use it.
type Spelling struct {
	Name     string   `json:"name"`
	Articles []string `json:"articles"`
}

// Disagreement is a fact on which independent outlets differ.
type Disagreement struct {
	Event     string  `json:"event"`
	Subject   string  `json:"subject"`
	Attribute string  `json:"attribute"`
	Values    []Value `json:"values"`
}

// Value is one side of a disagreement: the value as written and the
// articles that state it.
type Value struct {
	Value    string   `json:"value"`
	Articles []string `json:"articles"`
}

// Quote is words attributed to a speaker. Kind is direct (in quotation
// marks, in one piece), split ("…," she said, "…") or reported ("X said
// that …", "according to X"). Text is a literal excerpt of the quoted words
// as each listed article writes them.
type Quote struct {
	Event    string   `json:"event"`
	Speaker  string   `json:"speaker"`
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

// Role is the title or role used with a person in the listed articles.
type Role struct {
	Event    string   `json:"event"`
	Person   string   `json:"person"`
	Role     string   `json:"role"`
	Articles []string `json:"articles"`
}

// Fact is a number with what it counts, or a deadline, stated alike by the
// listed articles: subject · attribute · value (From holds the earlier
// value of a change such as "from 1,200 to 900").
type Fact struct {
	Event     string   `json:"event"`
	Subject   string   `json:"subject"`
	Attribute string   `json:"attribute"`
	Value     string   `json:"value"`
	From      string   `json:"from,omitempty"`
	Articles  []string `json:"articles"`
}

// Article returns the article with the given key.
func (c Catalog) Article(key string) (Article, bool) {
	i := slices.IndexFunc(c.Articles, func(a Article) bool { return a.Key == key })
	if i < 0 {
		return Article{}, false
	}
	return c.Articles[i], true
}

// ArticlesOf returns the articles covering the event, in manifest order.
func (c Catalog) ArticlesOf(event string) []Article {
	var out []Article
	for _, a := range c.Articles {
		if a.Event == event {
			out = append(out, a)
		}
	}
	return out
}

// IndependentSources counts the event's articles that derive from no other
// article: an original and its rewrites, copies, wrappers and the articles
// sharing its text are one source.
func (c Catalog) IndependentSources(event string) int {
	n := 0
	for _, a := range c.ArticlesOf(event) {
		if a.DerivedFrom() == "" {
			n++
		}
	}
	return n
}
