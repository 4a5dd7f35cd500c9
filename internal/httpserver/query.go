package httpserver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/view"
)

// storyQuery is the filters of the story list.
type storyQuery struct {
	Q, Source, Entity string
	Since             time.Time
	Limit             int
}

// maxSearchStories bounds how many matching articles a text filter of the
// story list looks at.
const maxSearchStories = 2000

func parseStoryQuery(r *http.Request) (storyQuery, error) {
	q := r.URL.Query()
	sq := storyQuery{Q: strings.TrimSpace(q.Get("q")), Source: q.Get("source"), Entity: q.Get("entity")}
	var err error
	if sq.Limit, err = parseLimit(q.Get("limit")); err != nil {
		return sq, err
	}
	if v := q.Get("since"); v != "" {
		if sq.Since, err = parseSince(v); err != nil {
			return sq, err
		}
	}
	return sq, nil
}

func parseLimit(v string) (int, error) {
	if v == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("limit %q: want a positive integer: %w", v, errBadRequest)
	}
	return min(n, maxListLimit), nil
}

// parseSince accepts RFC 3339 times and plain dates.
func parseSince(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("since %q: want an RFC 3339 time or a date: %w", v, errBadRequest)
}

func parseID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("id %q: %w", v, errNoRoute)
	}
	return id, nil
}

// findStories returns the ranked stories matching sq. The text, source and
// entity filters each give a set of stories; the list is their
// intersection.
func (s *Server) findStories(ctx context.Context, sq storyQuery) ([]*parallax.Story, error) {
	var sets [][]int64
	if sq.Q != "" {
		hits, err := s.st.SearchArticles(ctx, sq.Q, maxSearchStories)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(hits))
		for i, h := range hits {
			ids[i] = h.ArticleID
		}
		var stories []int64
		if len(ids) > 0 {
			as, err := s.st.FindAssignments(ctx, ids)
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				stories = append(stories, a.StoryID)
			}
		}
		sets = append(sets, stories)
	}
	if sq.Source != "" {
		srcs, err := s.st.FindSources(ctx, parallax.NameFilter{Name: sq.Source})
		if err != nil {
			return nil, err
		}
		var ids []int64
		for _, src := range srcs {
			ids = append(ids, src.StoryIDs...)
		}
		sets = append(sets, ids)
	}
	if sq.Entity != "" {
		ents, err := s.st.FindEntities(ctx, parallax.NameFilter{Name: sq.Entity})
		if err != nil {
			return nil, err
		}
		var ids []int64
		for _, e := range ents {
			ids = append(ids, e.StoryIDs...)
		}
		sets = append(sets, ids)
	}
	f := parallax.StoryFilter{Since: sq.Since, Limit: sq.Limit}
	if len(sets) > 0 {
		f.IDs = intersect(sets)
		if len(f.IDs) == 0 {
			return []*parallax.Story{}, nil
		}
	}
	return s.st.FindStories(ctx, f)
}

// intersect returns the sorted ids present in every set.
func intersect(sets [][]int64) []int64 {
	count := map[int64]int{}
	for _, set := range sets {
		seen := map[int64]bool{}
		for _, id := range set {
			if !seen[id] {
				seen[id] = true
				count[id]++
			}
		}
	}
	var out []int64
	for id, n := range count {
		if n == len(sets) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// storyBrief returns a story and its brief (nil before one is built).
func (s *Server) storyBrief(ctx context.Context, id int64) (*parallax.Story, *parallax.Brief, error) {
	st, err := s.st.FindStoryByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.st.FindBrief(ctx, id)
	if errors.Is(err, parallax.ErrNotFound) {
		return st, nil, nil
	}
	return st, b, err
}

// articleViews shapes articles with their assignments and derivations.
func (s *Server) articleViews(ctx context.Context, as []*parallax.Article) ([]view.Article, error) {
	out := make([]view.Article, 0, len(as))
	if len(as) == 0 {
		return out, nil
	}
	ids := make([]int64, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	asg, err := s.st.FindAssignments(ctx, ids)
	if err != nil {
		return nil, err
	}
	ders, err := s.st.FindDerivations(ctx, ids)
	if err != nil {
		return nil, err
	}
	byA := map[int64]*parallax.Assignment{}
	for i := range asg {
		byA[asg[i].ArticleID] = &asg[i]
	}
	byD := map[int64]*parallax.Derivation{}
	for i := range ders {
		byD[ders[i].ArticleID] = &ders[i]
	}
	for _, a := range as {
		out = append(out, view.NewArticle(a, byA[a.ID], byD[a.ID]))
	}
	return out, nil
}

// articleDetail returns an article with everything known about it.
func (s *Server) articleDetail(ctx context.Context, id int64) (*parallax.Article, view.ArticleDetail, error) {
	a, err := s.st.FindArticleByID(ctx, id)
	if err != nil {
		return nil, view.ArticleDetail{}, err
	}
	ids := []int64{id}
	asg, err := s.st.FindAssignments(ctx, ids)
	if err != nil {
		return nil, view.ArticleDetail{}, err
	}
	ders, err := s.st.FindDerivations(ctx, ids)
	if err != nil {
		return nil, view.ArticleDetail{}, err
	}
	ans, err := s.st.FindAnalyses(ctx, ids)
	if err != nil {
		return nil, view.ArticleDetail{}, err
	}
	var (
		as *parallax.Assignment
		d  *parallax.Derivation
		an *parallax.Analysis
	)
	if len(asg) > 0 {
		as = &asg[0]
	}
	if len(ders) > 0 {
		d = &ders[0]
	}
	if len(ans) > 0 {
		an = &ans[0]
	}
	return a, view.NewArticleDetail(a, as, d, an), nil
}

// search returns the articles matching q with a snippet each.
func (s *Server) search(ctx context.Context, q string, limit int) ([]view.SearchHit, error) {
	out := []view.SearchHit{}
	hits, err := s.st.SearchArticles(ctx, q, limit)
	if err != nil || len(hits) == 0 {
		return out, err
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ArticleID
	}
	as, err := s.st.FindArticles(ctx, parallax.ArticleFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	views, err := s.articleViews(ctx, as)
	if err != nil {
		return nil, err
	}
	byID := map[int64]int{}
	for i, a := range as {
		byID[a.ID] = i
	}
	for _, h := range hits {
		i, ok := byID[h.ArticleID]
		if !ok {
			continue // deleted between the two reads
		}
		out = append(out, view.SearchHit{Article: views[i], Score: h.Score, Snippet: snippet(as[i], q)})
	}
	return out, nil
}

// snippetWidth is the most characters of a search snippet.
const snippetWidth = 220

// snippet returns the first body block holding a word of q, cut around
// the word; the start of the body when none does.
func snippet(a *parallax.Article, q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	text := ""
	at := 0
	for _, b := range a.Body {
		low := strings.ToLower(b.Text)
		for _, w := range words {
			if i := strings.Index(low, w); i >= 0 && len(low) == len(b.Text) {
				text, at = b.Text, i
				break
			}
		}
		if text != "" {
			break
		}
	}
	if text == "" && len(a.Body) > 0 {
		text = a.Body[0].Text
	}
	r := []rune(text)
	pos := len([]rune(text[:at]))
	start := max(0, pos-snippetWidth/3)
	end := min(len(r), start+snippetWidth)
	out := strings.TrimSpace(string(r[start:end]))
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return out
}

// entity returns the named entity with its stories, ranked.
func (s *Server) entity(ctx context.Context, name string) (view.EntityDetail, error) {
	ents, err := s.st.FindEntities(ctx, parallax.NameFilter{Name: name})
	if err != nil {
		return view.EntityDetail{}, err
	}
	if len(ents) == 0 {
		return view.EntityDetail{}, fmt.Errorf("entity %q: %w", name, parallax.ErrNotFound)
	}
	d := view.EntityDetail{EntityRef: ents[0], Stories: []view.Story{}}
	var ids []int64
	for _, e := range ents { // one name of several kinds: the most named kind first
		ids = append(ids, e.StoryIDs...)
	}
	d.StoryIDs = intersect([][]int64{ids})
	if len(d.StoryIDs) == 0 {
		return d, nil
	}
	stories, err := s.st.FindStories(ctx, parallax.StoryFilter{IDs: d.StoryIDs})
	if err != nil {
		return view.EntityDetail{}, err
	}
	for _, st := range stories {
		d.Stories = append(d.Stories, view.NewStory(st))
	}
	return d, nil
}
