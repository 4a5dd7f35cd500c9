package demo_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/demo"
)

// item is one article as the corpus holds it: its text (the whole file for
// a one-article file, else the feed item's content or the record's text or
// html) and the metadata its container gives.
type item struct {
	id, url, source, title, byline, published, text string
}

type rssFeed struct {
	Items []struct {
		Title   string `xml:"title"`
		Link    string `xml:"link"`
		GUID    string `xml:"guid"`
		Creator string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		PubDate string `xml:"pubDate"`
		Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	} `xml:"channel>item"`
}

type atomFeed struct {
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author    string `xml:"author>name"`
		Published string `xml:"published"`
		Content   string `xml:"content"`
	} `xml:"entry"`
}

type record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

func (r record) item() item {
	return item{id: r.ID, url: r.URL, source: r.Source, title: r.Title, byline: r.Byline, published: r.Published, text: r.Text + r.HTML}
}

// items splits a corpus file into its articles.
func items(t *testing.T, format string, b []byte) []item {
	t.Helper()
	switch format {
	case "rss":
		var f rssFeed
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatalf("rss: %v", err)
		}
		var out []item
		for _, it := range f.Items {
			pub, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				t.Fatalf("rss item %s: %v", it.GUID, err)
			}
			out = append(out, item{id: it.GUID, url: it.Link, title: it.Title, byline: it.Creator, published: pub.UTC().Format(time.RFC3339), text: it.Content})
		}
		return out
	case "atom":
		var f atomFeed
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatalf("atom: %v", err)
		}
		var out []item
		for _, e := range f.Entries {
			out = append(out, item{id: e.ID, url: e.Link.Href, title: e.Title, byline: e.Author, published: e.Published, text: e.Content})
		}
		return out
	case "jsonl":
		var out []item
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			var r record
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("jsonl line %d: %v", n, err)
			}
			out = append(out, r.item())
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	case "json":
		var r record
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("json: %v", err)
		}
		return []item{r.item()}
	default:
		return []item{{text: string(b)}}
	}
}

// texts maps each manifest article's key to its item.
func texts(t *testing.T, m demo.Catalog) map[string]item {
	t.Helper()
	byFile := map[string][]demo.Article{}
	for _, a := range m.Articles {
		byFile[a.File] = append(byFile[a.File], a)
	}
	out := map[string]item{}
	for file, arts := range byFile {
		its := items(t, arts[0].Format, readCorpus(t, file))
		if len(its) != len(arts) {
			t.Errorf("%s holds %d articles, the manifest lists %d", file, len(its), len(arts))
		}
		for _, a := range arts {
			i := slices.IndexFunc(its, func(it item) bool { return it.id == a.Item })
			if a.Item == "" && len(its) == 1 {
				i = 0 // a one-article file: its record id, if any, is not needed
			}
			if i < 0 {
				t.Errorf("article %s: no item %q in %s", a.Key, a.Item, file)
				continue
			}
			out[a.Key] = its[i]
		}
	}
	return out
}

var tags = regexp.MustCompile(`<[^>]*>`)

func words(s string) int { return len(strings.Fields(tags.ReplaceAllString(s, " "))) }

func TestArticles(t *testing.T) {
	m := catalog(t)
	txt := texts(t, m)
	undated := 0
	for _, a := range m.Articles {
		t.Run(a.Key, func(t *testing.T) {
			it, ok := txt[a.Key]
			if !ok {
				t.Fatal("no text")
			}
			if !strings.Contains(it.text, a.Title) && it.title != a.Title {
				t.Errorf("title %q not in the article", a.Title)
			}
			if a.Byline != "" && !strings.Contains(it.text, a.Byline) && it.byline != a.Byline {
				t.Errorf("byline %q not in the article", a.Byline)
			}
			if it.id != "" || a.Format == "jsonl" || a.Format == "json" {
				// Metadata lives in the container: it must agree.
				if it.title != a.Title {
					t.Errorf("title %q, container says %q", a.Title, it.title)
				}
				if it.url != a.URL {
					t.Errorf("url %q, container says %q", a.URL, it.url)
				}
				if it.source != "" && it.source != a.Outlet {
					t.Errorf("outlet %q, record says %q", a.Outlet, it.source)
				}
				if it.byline != a.Byline {
					t.Errorf("byline %q, container says %q", a.Byline, it.byline)
				}
				if it.published != a.Published {
					t.Errorf("published %q, container says %q", a.Published, it.published)
				}
				if n := words(it.text); n < 250 || n > 600 {
					t.Errorf("%d words, want 250 to 600", n)
				}
			}
			if a.Published == "" {
				undated++
				return
			}
			checkPublished(t, a, it)
		})
	}
	if undated < 2 {
		t.Errorf("%d undated articles, want a few", undated)
	}
}

// checkPublished checks that the manifest's date is a 2026 date that the
// article itself states.
func checkPublished(t *testing.T, a demo.Article, it item) {
	t.Helper()
	pub, err := parsePublished(a.Published)
	if err != nil {
		t.Fatalf("published %q: %v", a.Published, err)
	}
	if pub.Year() != 2026 {
		t.Errorf("published %s, want 2026", a.Published)
	}
	switch a.Format {
	case "html":
		if !strings.Contains(it.text, a.Published) {
			t.Errorf("published %s not in the page's metadata", a.Published)
		}
	case "txt":
		if dl := pub.Format("January 2, 2006"); !strings.Contains(it.text, dl) {
			t.Errorf("dateline date %q not in the text", dl)
		}
	}
}

// TestPlanted checks that every planted fact is stated, literally, by the
// articles the manifest says state it.
func TestPlanted(t *testing.T) {
	m := catalog(t)
	txt := texts(t, m)
	has := func(what, key, s string) {
		t.Helper()
		if !strings.Contains(txt[key].text, s) {
			t.Errorf("%s: %q not in %s", what, s, key)
		}
	}
	hasFold := func(what, key, s string) {
		t.Helper()
		if !strings.Contains(strings.ToLower(txt[key].text), strings.ToLower(s)) {
			t.Errorf("%s: %q not in %s", what, s, key)
		}
	}
	hasNot := func(what, key, s string) {
		t.Helper()
		if strings.Contains(txt[key].text, s) {
			t.Errorf("%s: %q in %s", what, s, key)
		}
	}
	for _, x := range m.Aliases {
		if len(x.Spellings) < 2 {
			t.Errorf("alias %s: %d spellings", x.Person, len(x.Spellings))
		}
		for _, s := range x.Spellings {
			for _, k := range s.Articles {
				has("alias "+x.Person, k, s.Name)
				for _, o := range x.Spellings {
					if o.Name != s.Name {
						hasNot("alias "+x.Person, k, o.Name)
					}
				}
			}
		}
	}
	if len(m.Disagreements) != 1 {
		t.Errorf("%d disagreements, want exactly one planted", len(m.Disagreements))
	}
	for _, d := range m.Disagreements {
		what := fmt.Sprintf("disagreement %s · %s", d.Subject, d.Attribute)
		if len(d.Values) < 2 {
			t.Errorf("%s: %d values", what, len(d.Values))
		}
		for _, v := range d.Values {
			for _, k := range v.Articles {
				has(what, k, v.Value)
				for _, o := range d.Values {
					if o.Value != v.Value {
						hasNot(what, k, o.Value)
					}
				}
			}
		}
	}
	for _, q := range m.Quotes {
		for _, k := range q.Articles {
			has("quote of "+q.Speaker, k, q.Text)
			has("quote of "+q.Speaker, k, lastName(q.Speaker))
		}
	}
	for _, r := range m.Roles {
		for _, k := range r.Articles {
			hasFold("role of "+r.Person, k, r.Role)
			has("role of "+r.Person, k, r.Person)
		}
	}
	for _, f := range m.Facts {
		for _, k := range f.Articles {
			has("fact "+f.Subject, k, f.Value)
			if f.From != "" {
				has("fact "+f.Subject, k, f.From)
			}
		}
	}
}

func lastName(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

// TestDerivedArticlesComeLater checks that, where both carry a date, a
// rewrite, copy or wrapper is published after its original, so that the
// provenance stage's rule (the earlier one is the original) holds here.
func TestDerivedArticlesComeLater(t *testing.T) {
	m := catalog(t)
	for _, a := range m.Articles {
		from := a.DerivedFrom()
		if from == "" || a.Published == "" {
			continue
		}
		orig, ok := m.Article(from)
		if !ok || orig.Published == "" {
			continue
		}
		got, err := parsePublished(a.Published)
		if err != nil {
			t.Fatalf("%s: %v", a.Key, err)
		}
		want, err := parsePublished(orig.Published)
		if err != nil {
			t.Fatalf("%s: %v", orig.Key, err)
		}
		if !got.After(want) {
			t.Errorf("%s (%s) is not later than its original %s (%s)", a.Key, a.Published, orig.Key, orig.Published)
		}
	}
}

// parsePublished reads a manifest date: RFC 3339, or a date alone (for
// plain text, whose dateline carries no time).
func parsePublished(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}
