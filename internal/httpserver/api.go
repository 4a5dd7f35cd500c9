package httpserver

import (
	"net/http"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/view"
)

func (s *Server) apiStories(r *http.Request) (any, error) {
	sq, err := parseStoryQuery(r)
	if err != nil {
		return nil, err
	}
	stories, err := s.findStories(r.Context(), sq)
	if err != nil {
		return nil, err
	}
	out := make([]view.Story, len(stories))
	for i, st := range stories {
		out[i] = view.NewStory(st)
	}
	return out, nil
}

func (s *Server) apiStory(r *http.Request) (any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	st, b, err := s.storyBrief(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return view.NewStoryDetail(st, b), nil
}

func (s *Server) apiArticles(r *http.Request) (any, error) {
	q := r.URL.Query()
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		return nil, err
	}
	f := parallax.ArticleFilter{Limit: limit}
	if v := q.Get("story"); v != "" {
		if f.StoryID, err = parseID(v); err != nil {
			return nil, err
		}
	}
	if v := q.Get("after"); v != "" {
		if f.AfterID, err = parseID(v); err != nil {
			return nil, err
		}
	}
	as, err := s.st.FindArticles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return s.articleViews(r.Context(), as)
}

func (s *Server) apiArticle(r *http.Request) (any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	_, d, err := s.articleDetail(r.Context(), id)
	return d, err
}

func (s *Server) apiEntities(r *http.Request) (any, error) {
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		return nil, err
	}
	ents, err := s.st.FindEntities(r.Context(), parallax.NameFilter{Limit: limit})
	if ents == nil {
		ents = []parallax.EntityRef{}
	}
	return ents, err
}

func (s *Server) apiEntity(r *http.Request) (any, error) {
	return s.entity(r.Context(), r.PathValue("name"))
}

func (s *Server) apiSources(r *http.Request) (any, error) {
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		return nil, err
	}
	srcs, err := s.st.FindSources(r.Context(), parallax.NameFilter{Limit: limit})
	if srcs == nil {
		srcs = []parallax.SourceRef{}
	}
	return srcs, err
}

func (s *Server) apiSearch(r *http.Request) (any, error) {
	q := r.URL.Query()
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		return nil, err
	}
	return s.search(r.Context(), q.Get("q"), limit)
}
