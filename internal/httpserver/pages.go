package httpserver

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
	"github.com/parallax-news/parallax/internal/view"
)

// pageNames are the templates in templates/, each rendered inside
// layout.html.
var pageNames = []string{"home", "story", "article", "search", "entity", "subscriptions", "error",
	"signin", "foryou", "following", "saved", "topics", "topic", "account"}

func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"date":       func(t time.Time) string { return fmtTime(t, "2 Jan 2006") },
		"datetime":   func(t time.Time) string { return fmtTime(t, "2 Jan 2006 15:04 MST") },
		"isodate":    func(t time.Time) string { return fmtTime(t, time.RFC3339) },
		"pathEscape": url.PathEscape,
		"percent":    func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
		"score":      func(f float64) string { return fmt.Sprintf("%.2f", f) },
		"lower":      strings.ToLower,
	}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

func fmtTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

// pageData is what layout.html gets; Page is the page's own data.
type pageData struct {
	Site  string
	Title string
	Query string
	Feed  string
	// User is the signed-in reader (nil when none); CSRF the token their
	// forms carry; SignIn whether the site has sign-in at all.
	User   *parallax.User
	CSRF   string
	SignIn bool
	Page   any
}

type errorPage struct {
	Status  int
	Message string
}

// page adapts a handler returning a template name and data to HTML, with
// errors mapped by statusOf. A page that needs a reader sends a visitor
// who is not signed in to the sign-in form.
func (s *Server) page(h func(r *http.Request) (string, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name, data, err := h(r)
		status := http.StatusOK
		if errors.Is(err, errSignIn) {
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			status = statusOf(err)
			s.logError(r, err, status)
			name = "error"
			data = pageData{Title: http.StatusText(status), Page: errorPage{status, publicMessage(err, status)}}
		}
		pd, ok := data.(pageData)
		if !ok {
			pd = pageData{Page: data}
		}
		s.render(w, r, status, name, pd)
	}
}

// render executes a page template inside the layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, pd pageData) {
	v := visitorOf(r)
	pd.Site = s.opt.Title
	pd.User, pd.CSRF, pd.SignIn = v.User, v.csrf, s.local == nil
	if pd.Title == "" {
		pd.Title = s.opt.Title
	}
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, pd); err != nil {
		s.logError(r, fmt.Errorf("render %s: %w", name, err), http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if v.User != nil {
		// Personal pages are never cached by shared caches.
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(status)
	if _, err := b.WriteTo(w); err != nil {
		return // the client went away
	}
}

// storyCard is one story of a list: its headline, independent-source
// count, outlets, last update and one-line summary.
type storyCard struct {
	ID       int64
	Headline string
	Sources  int
	Articles int
	Outlets  []string
	LastSeen time.Time
	Summary  string
}

func (s *Server) storyCards(r *http.Request, stories []*parallax.Story) ([]storyCard, error) {
	out := make([]storyCard, 0, len(stories))
	for _, st := range stories {
		c := storyCard{ID: st.ID, Headline: st.Headline, Sources: st.Sources, Articles: len(st.ArticleIDs), LastSeen: st.LastSeen}
		_, b, err := s.storyBrief(r.Context(), st.ID)
		if err != nil {
			return nil, err
		}
		if b != nil {
			seen := map[string]bool{}
			for _, src := range b.Sources {
				if src.Source != "" && !seen[src.Source] {
					seen[src.Source] = true
					c.Outlets = append(c.Outlets, src.Source)
				}
			}
			sort.Strings(c.Outlets)
			if len(b.Summary) > 0 {
				c.Summary = b.Summary[0].Text
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *Server) homePage(r *http.Request) (string, any, error) {
	sq, err := parseStoryQuery(r)
	if err != nil {
		return "", nil, err
	}
	stories, err := s.findStories(r.Context(), sq)
	if err != nil {
		return "", nil, err
	}
	cards, err := s.storyCards(r, stories)
	if err != nil {
		return "", nil, err
	}
	return "home", pageData{Title: s.opt.Title + ": top stories", Feed: "/feeds/stories.atom", Page: cards}, nil
}

// mark is a source marker: the brief's source number linking to an
// article.
type mark struct {
	N         int
	ArticleID int64
	Source    string
}

type cited struct {
	Text  string
	Marks []mark
}

type valueView struct {
	Value   string
	Sources int
	Marks   []mark
}

type comparisonView struct {
	Subject, Attribute, Note string
	Values                   []valueView
}

type speakerView struct {
	Speaker string
	Quotes  []quoteView
}

type quoteView struct {
	Text  string
	Kind  parallax.QuoteKind
	Marks []mark
}

type timelineView struct {
	Date time.Time
	cited
}

type treeNode struct {
	Source   parallax.BriefSource
	Children []*treeNode
}

type storyPage struct {
	Story         view.Story
	BuiltAt       time.Time
	HasBrief      bool
	Summary       []cited
	KeyPoints     []cited
	Disagreements []comparisonView
	Agreements    []comparisonView
	Speakers      []speakerView
	Entities      []parallax.Entity
	Timeline      []timelineView
	Tree          []*treeNode
	Chart         chart
	// Related are the stories most like this one.
	Related []reader.RelatedStory
	// Reader is the signed-in reader's part (nil when none).
	Reader *readerStory
}

func (s *Server) storyPage(r *http.Request) (string, any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	st, b, err := s.storyBrief(r.Context(), id)
	if err != nil {
		return "", nil, err
	}
	p := storyPage{Story: view.NewStory(st)}
	if b != nil {
		p.HasBrief, p.BuiltAt = true, b.BuiltAt
		fillStoryPage(&p, b)
	}
	if p.Related, err = s.related(r.Context(), id, 5); err != nil && !errors.Is(err, parallax.ErrNotFound) {
		return "", nil, err
	}
	if v := visitorOf(r); v.User != nil {
		if err := s.personalize(r, v.User, &p, b); err != nil {
			return "", nil, err
		}
	}
	return "story", pageData{Title: st.Headline, Feed: "/feeds/stories.atom", Page: p}, nil
}

func fillStoryPage(p *storyPage, b *parallax.Brief) {
	src := map[int64]parallax.BriefSource{}
	for _, bs := range b.Sources {
		src[bs.ArticleID] = bs
	}
	marks := func(ids []int64) []mark {
		var out []mark
		for _, id := range ids {
			bs, ok := src[id]
			if !ok {
				out = append(out, mark{ArticleID: id})
				continue
			}
			out = append(out, mark{N: bs.N, ArticleID: id, Source: bs.Source})
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].N < out[j].N })
		return out
	}
	for _, c := range b.Summary {
		p.Summary = append(p.Summary, cited{c.Text, marks(c.ArticleIDs)})
	}
	for _, c := range b.KeyPoints {
		p.KeyPoints = append(p.KeyPoints, cited{c.Text, marks(c.ArticleIDs)})
	}
	for _, c := range b.Claims {
		cv := comparisonView{Subject: c.Subject, Attribute: c.Attribute, Note: c.Note}
		for _, v := range c.Values {
			cv.Values = append(cv.Values, valueView{Value: v.Value, Sources: v.Sources, Marks: marks(v.ArticleIDs)})
		}
		if c.Conflict {
			p.Disagreements = append(p.Disagreements, cv)
		} else {
			p.Agreements = append(p.Agreements, cv)
		}
	}
	bySpeaker := map[string]int{}
	for _, q := range b.Quotes {
		i, ok := bySpeaker[q.Speaker]
		if !ok {
			i = len(p.Speakers)
			bySpeaker[q.Speaker] = i
			p.Speakers = append(p.Speakers, speakerView{Speaker: q.Speaker})
		}
		p.Speakers[i].Quotes = append(p.Speakers[i].Quotes, quoteView{Text: q.Text, Kind: q.Kind, Marks: marks(q.ArticleIDs)})
	}
	p.Entities = b.Entities
	for _, t := range b.Timeline {
		p.Timeline = append(p.Timeline, timelineView{Date: t.Date, cited: cited{t.Text, marks(t.ArticleIDs)}})
	}
	p.Tree = derivationTree(b.Sources)
	p.Chart = publishChart(b.Sources)
}

// derivationTree nests each source under the one it derives from; sources
// deriving from nothing listed are roots, in source-number order.
func derivationTree(sources []parallax.BriefSource) []*treeNode {
	nodes := map[int64]*treeNode{}
	for _, bs := range sources {
		nodes[bs.ArticleID] = &treeNode{Source: bs}
	}
	var roots []*treeNode
	for _, bs := range sources {
		n := nodes[bs.ArticleID]
		if parent, ok := nodes[bs.DerivedFrom]; ok && bs.DerivedFrom != 0 && bs.DerivedFrom != bs.ArticleID {
			parent.Children = append(parent.Children, n)
			continue
		}
		roots = append(roots, n)
	}
	return roots
}

// chart is an SVG strip chart: one row per source, a dot when it published.
type chart struct {
	Width, Height int
	Rows          []chartRow
	From, To      time.Time
}

type chartRow struct {
	Label string
	Y     int
	Dots  []chartDot
}

type chartDot struct {
	X     int
	Title string
}

const (
	chartWidth = 640
	chartLeft  = 200
	chartRowH  = 24
)

func publishChart(sources []parallax.BriefSource) chart {
	var c chart
	for _, bs := range sources {
		if bs.Published.IsZero() {
			continue
		}
		if c.From.IsZero() || bs.Published.Before(c.From) {
			c.From = bs.Published
		}
		if bs.Published.After(c.To) {
			c.To = bs.Published
		}
	}
	if c.From.IsZero() {
		return c
	}
	span := c.To.Sub(c.From)
	row := map[string]int{}
	for _, bs := range sources {
		if bs.Published.IsZero() {
			continue
		}
		i, ok := row[bs.Source]
		if !ok {
			i = len(c.Rows)
			row[bs.Source] = i
			c.Rows = append(c.Rows, chartRow{Label: bs.Source, Y: i*chartRowH + chartRowH/2 + 4})
		}
		x := chartLeft + 10
		if span > 0 {
			x += int(float64(chartWidth-chartLeft-20) * float64(bs.Published.Sub(c.From)) / float64(span))
		}
		c.Rows[i].Dots = append(c.Rows[i].Dots, chartDot{X: x, Title: fmt.Sprintf("[%d] %s, %s", bs.N, bs.Source, fmtTime(bs.Published, "2 Jan 2006 15:04 MST"))})
	}
	c.Width, c.Height = chartWidth, len(c.Rows)*chartRowH+chartRowH
	return c
}

// segment is a piece of an aligned sentence, marked when the other
// sentence shares the word.
type segment struct {
	Text string
	Mark bool
}

type pairView struct {
	Score           float64
	Source, Derived []segment
}

type articlePage struct {
	Article view.ArticleDetail
	// Original is the article this one derives from, when stored.
	Original *parallax.Article
	Pairs    []pairView
}

func (s *Server) articlePage(r *http.Request) (string, any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	a, d, err := s.articleDetail(r.Context(), id)
	if err != nil {
		return "", nil, err
	}
	p := articlePage{Article: d}
	if d.DerivedFrom != nil {
		if p.Original, err = s.st.FindArticleByID(r.Context(), d.DerivedFrom.ID); err != nil {
			return "", nil, err
		}
	}
	for _, ap := range d.Alignment {
		src, der := highlight(ap.SourceText, ap.DerivedText)
		p.Pairs = append(p.Pairs, pairView{Score: ap.Score, Source: src, Derived: der})
	}
	title := a.Title
	if title == "" {
		title = fmt.Sprintf("Article %d", a.ID)
	}
	return "article", pageData{Title: title, Page: p}, nil
}

// highlight splits two aligned sentences into segments, marking the words
// both share (case-folded).
func highlight(a, b string) ([]segment, []segment) {
	wa, wb := wordSet(a), wordSet(b)
	return segments(a, wb), segments(b, wa)
}

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, notWord) {
		out[strings.ToLower(w)] = true
	}
	return out
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// segments cuts s into runs of shared and unshared words (the text between
// words goes with the run before it).
func segments(s string, shared map[string]bool) []segment {
	var out []segment
	add := func(text string, m bool) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Mark == m {
			out[n-1].Text += text
			return
		}
		out = append(out, segment{text, m})
	}
	i := 0
	for i < len(s) {
		j := strings.IndexFunc(s[i:], func(r rune) bool { return !notWord(r) })
		if j < 0 {
			add(s[i:], false)
			break
		}
		add(s[i:i+j], false)
		i += j
		k := strings.IndexFunc(s[i:], notWord)
		if k < 0 {
			k = len(s) - i
		}
		w := s[i : i+k]
		add(w, shared[strings.ToLower(w)])
		i += k
	}
	return out
}

type searchPage struct {
	Q    string
	Hits []view.SearchHit
}

func (s *Server) searchPage(r *http.Request) (string, any, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := searchPage{Q: q}
	if q != "" {
		var err error
		if p.Hits, err = s.search(r.Context(), q, defaultLimit); err != nil {
			return "", nil, err
		}
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	return "search", pageData{Title: title, Query: q, Page: p}, nil
}

// subscriptionsPage lists the feeds followed and the state of their last
// poll.
func (s *Server) subscriptionsPage(r *http.Request) (string, any, error) {
	feeds, err := s.st.FindFeeds(r.Context(), parallax.FeedFilter{})
	if err != nil {
		return "", nil, err
	}
	p := subscriptionsPage{Feeds: feeds}
	if v := visitorOf(r); v.User != nil {
		mine, err := s.st.FindSubscriptions(r.Context(), v.User.ID)
		if err != nil {
			return "", nil, err
		}
		p.Mine, p.CSRF = map[int64]bool{}, v.csrf
		for _, f := range mine {
			p.Mine[f.ID] = true
		}
	}
	return "subscriptions", pageData{Title: "Subscriptions", Page: p}, nil
}

// subscriptionsPage is the install's feeds; Mine marks the reader's own
// (nil when nobody is signed in).
type subscriptionsPage struct {
	CSRF  string
	Feeds []*parallax.Feed
	Mine  map[int64]bool
}

type entityPage struct {
	Entity view.EntityDetail
	Cards  []storyCard
}

func (s *Server) entityPage(r *http.Request) (string, any, error) {
	e, err := s.entity(r.Context(), r.PathValue("name"))
	if err != nil {
		return "", nil, err
	}
	stories, err := s.st.FindStories(r.Context(), parallax.StoryFilter{IDs: e.StoryIDs})
	if err != nil {
		return "", nil, err
	}
	if len(e.StoryIDs) == 0 {
		stories = nil
	}
	cards, err := s.storyCards(r, stories)
	if err != nil {
		return "", nil, err
	}
	return "entity", pageData{Title: e.Name, Feed: "/feeds/entities/" + url.PathEscape(e.Name) + ".atom", Page: entityPage{Entity: e, Cards: cards}}, nil
}
