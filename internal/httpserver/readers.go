package httpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/normalize"
	"github.com/parallax-news/parallax/internal/reader"
	"github.com/parallax-news/parallax/internal/subscription"
	"github.com/parallax-news/parallax/internal/view"
)

// Per-reader pages and API: the front page "for you", follows and mutes,
// saved stories, read state, topics, related stories, the account page,
// and export and import of a reader's subscriptions, follows and saved
// stories.

// frontCandidates bounds how many recent stories a reader's front page
// ranks.
const frontCandidates = 500

// maxImport caps an uploaded export or OPML file.
const maxImport = 4 << 20

// candidates returns the most recent stories with their profiles.
func (s *Server) candidates(ctx context.Context, limit int) ([]reader.Candidate, error) {
	stories, err := s.st.FindStories(ctx, parallax.StoryFilter{Limit: limit})
	if err != nil {
		return nil, err
	}
	return s.withProfiles(ctx, stories)
}

func (s *Server) withProfiles(ctx context.Context, stories []*parallax.Story) ([]reader.Candidate, error) {
	ids := make([]int64, len(stories))
	for i, st := range stories {
		ids[i] = st.ID
	}
	if len(ids) == 0 {
		return nil, nil
	}
	profiles, err := s.st.FindStoryProfiles(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]parallax.StoryProfile, len(profiles))
	for _, p := range profiles {
		byID[p.StoryID] = p
	}
	out := make([]reader.Candidate, 0, len(stories))
	for _, st := range stories {
		p, ok := byID[st.ID]
		if !ok {
			p = parallax.StoryProfile{StoryID: st.ID}
		}
		out = append(out, reader.Candidate{Story: st, Profile: p})
	}
	return out, nil
}

// frontPage ranks the recent stories for u, given their interests.
func (s *Server) frontPage(ctx context.Context, u *parallax.User, interests []parallax.Interest, limit int) ([]reader.Pick, error) {
	cands, err := s.candidates(ctx, frontCandidates)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.Story.ID
	}
	reads := map[int64]time.Time{}
	if len(ids) > 0 {
		if reads, err = s.st.FindReads(ctx, u.ID, ids); err != nil {
			return nil, err
		}
	}
	return reader.FrontPage(cands, interests, reads, s.opt.Now(), limit), nil
}

// pickCard is a story card of a reader's front page: why it is there and
// whether it is new to them.
type pickCard struct {
	storyCard
	Reason string
	Unread bool
	Read   time.Time
}

type forYouPage struct {
	Cards     []pickCard
	Following int
}

func (s *Server) forYouPage(r *http.Request) (string, any, error) {
	v := visitorOf(r)
	if v.User == nil {
		return "", nil, errSignIn
	}
	interests, err := s.st.FindInterests(r.Context(), v.User.ID)
	if err != nil {
		return "", nil, err
	}
	picks, err := s.frontPage(r.Context(), v.User, interests, defaultLimit)
	if err != nil {
		return "", nil, err
	}
	stories := make([]*parallax.Story, len(picks))
	for i, p := range picks {
		stories[i] = p.Story
	}
	cards, err := s.storyCards(r, stories)
	if err != nil {
		return "", nil, err
	}
	p := forYouPage{Following: len(interests)}
	for i, c := range cards {
		p.Cards = append(p.Cards, pickCard{storyCard: c, Reason: picks[i].Reason, Unread: picks[i].Unread, Read: picks[i].Read})
	}
	return "foryou", pageData{Title: "For you", Page: p}, nil
}

// interestFromForm reads a follow or mute from a form or JSON body.
func interestFrom(kind, value string, mute bool) (parallax.Interest, error) {
	in := parallax.Interest{Kind: strings.TrimSpace(kind), Value: strings.Join(strings.Fields(value), " "), Mute: mute}
	switch in.Kind {
	case parallax.InterestEntity, parallax.InterestTopic, parallax.InterestSource:
	case parallax.InterestKeyword:
		if !in.Mute {
			return in, fmt.Errorf("keywords can be muted, not followed: %w", errBadRequest)
		}
	default:
		return in, fmt.Errorf("kind %q: want entity, topic, source or keyword: %w", kind, errBadRequest)
	}
	if in.Value == "" {
		return in, fmt.Errorf("a follow or mute needs a value: %w", errBadRequest)
	}
	return in, checkValue(in.Value)
}

// checkValue accepts a name a reader gives (a follow, a mute, a preferred
// source): 1 to 200 bytes of valid UTF-8 without control characters, the
// same on every store.
func checkValue(v string) error {
	if len(v) > 200 || !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
		return fmt.Errorf("a name of at most 200 bytes of text without control characters: %w", errBadRequest)
	}
	return nil
}

type followingPage struct {
	CSRF           string
	Follows, Mutes []parallax.Interest
	Sources        []string
	Preferred      string
}

func (s *Server) followingPage(r *http.Request) (string, any, error) {
	v := visitorOf(r)
	if v.User == nil {
		return "", nil, errSignIn
	}
	interests, err := s.st.FindInterests(r.Context(), v.User.ID)
	if err != nil {
		return "", nil, err
	}
	p := followingPage{CSRF: v.csrf, Preferred: v.User.PreferredSource}
	for _, in := range interests {
		if in.Mute {
			p.Mutes = append(p.Mutes, in)
		} else {
			p.Follows = append(p.Follows, in)
		}
	}
	srcs, err := s.st.FindSources(r.Context(), parallax.NameFilter{Limit: 200})
	if err != nil {
		return "", nil, err
	}
	for _, src := range srcs {
		p.Sources = append(p.Sources, src.Name)
	}
	sort.Strings(p.Sources)
	return "following", pageData{Title: "Following", Page: p}, nil
}

func (s *Server) addInterest(w http.ResponseWriter, r *http.Request, v *visitor) error {
	in, err := interestFrom(r.PostFormValue("kind"), r.PostFormValue("value"), r.PostFormValue("mute") == "1")
	if err != nil {
		return err
	}
	in.CreatedAt = s.opt.Now()
	if err := s.st.AddInterest(r.Context(), v.User.ID, in); err != nil {
		return err
	}
	back(w, r, "/following")
	return nil
}

func (s *Server) removeInterest(w http.ResponseWriter, r *http.Request, v *visitor) error {
	in := parallax.Interest{Kind: r.PostFormValue("kind"), Value: r.PostFormValue("value"), Mute: r.PostFormValue("mute") == "1"}
	if err := s.st.RemoveInterest(r.Context(), v.User.ID, in); err != nil {
		return err
	}
	back(w, r, "/following")
	return nil
}

func (s *Server) setPreferred(w http.ResponseWriter, r *http.Request, v *visitor) error {
	src := strings.TrimSpace(r.PostFormValue("source"))
	if src != "" {
		if err := checkValue(src); err != nil {
			return err
		}
	}
	if err := s.st.SetPreferredSource(r.Context(), v.User.ID, src); err != nil {
		return err
	}
	back(w, r, "/following")
	return nil
}

func (s *Server) saveStory(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return err
	}
	if _, err := s.st.FindStoryByID(r.Context(), id); err != nil {
		return err
	}
	if r.PostFormValue("unsave") == "1" {
		err = s.st.UnsaveStory(r.Context(), v.User.ID, id)
	} else {
		err = s.st.SaveStory(r.Context(), v.User.ID, id, s.opt.Now())
	}
	if err != nil {
		return err
	}
	back(w, r, fmt.Sprintf("/stories/%d", id))
	return nil
}

// savedStories returns the reader's saved stories that still exist, most
// recently saved first.
func (s *Server) savedStories(ctx context.Context, u *parallax.User) ([]*parallax.Story, []parallax.StoryMark, error) {
	marks, err := s.st.FindSaved(ctx, u.ID)
	if err != nil || len(marks) == 0 {
		return nil, marks, err
	}
	ids := make([]int64, len(marks))
	for i, m := range marks {
		ids[i] = m.StoryID
	}
	found, err := s.st.FindStories(ctx, parallax.StoryFilter{IDs: ids})
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]*parallax.Story{}
	for _, st := range found {
		byID[st.ID] = st
	}
	var out []*parallax.Story
	var kept []parallax.StoryMark
	for _, m := range marks {
		if st, ok := byID[m.StoryID]; ok {
			out = append(out, st)
			kept = append(kept, m)
		}
	}
	return out, kept, nil
}

func (s *Server) savedPage(r *http.Request) (string, any, error) {
	v := visitorOf(r)
	if v.User == nil {
		return "", nil, errSignIn
	}
	stories, _, err := s.savedStories(r.Context(), v.User)
	if err != nil {
		return "", nil, err
	}
	cards, err := s.storyCards(r, stories)
	if err != nil {
		return "", nil, err
	}
	return "saved", pageData{Title: "Saved stories", Page: cards}, nil
}

type accountPage struct {
	CSRF    string
	User    *parallax.User
	Local   bool
	Message string
}

func (s *Server) accountPage(r *http.Request) (string, any, error) {
	v := visitorOf(r)
	if v.User == nil {
		return "", nil, errSignIn
	}
	return "account", pageData{Title: "Account", Page: accountPage{CSRF: v.csrf, User: v.User, Local: s.local != nil, Message: doneMessage(r.URL.Query())}}, nil
}

// doneMessage is the fixed sentence for what the last form did (never
// text taken from the address).
func doneMessage(q url.Values) string {
	n := func(k string) int {
		v, _ := strconv.Atoi(q.Get(k))
		return max(v, 0)
	}
	switch q.Get("done") {
	case "password":
		return "your password was changed, and every other session signed out"
	case "import":
		return fmt.Sprintf("imported %d follows and mutes, %d saved stories and %d subscriptions; %d items were refused", n("i"), n("s"), n("f"), n("x"))
	}
	return ""
}

// changePassword checks the current password, stores the new one's hash
// and ends every session of the reader, then starts a new one here.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if s.local != nil {
		return fmt.Errorf("sign-in is off on this server: %w", errBadRequest)
	}
	ctx := r.Context()
	_, hash, err := s.st.FindUserByName(ctx, v.User.Name)
	if err != nil {
		return err
	}
	if ok, _ := reader.CheckPassword(hash, r.PostFormValue("current")); !ok {
		return fmt.Errorf("the current password is wrong: %w", errForbidden)
	}
	nw := r.PostFormValue("new")
	if nw != r.PostFormValue("confirm") {
		return fmt.Errorf("the new passwords differ: %w", errBadRequest)
	}
	h, err := reader.HashPassword(nw)
	if err != nil {
		return fmt.Errorf("%w: %w", err, errBadRequest)
	}
	if err := s.st.SetPassword(ctx, v.User.ID, h); err != nil {
		return err
	}
	if err := s.st.DeleteSessions(ctx, v.User.ID); err != nil {
		return err
	}
	secret, err := reader.NewSecret()
	if err != nil {
		return err
	}
	now := s.opt.Now()
	if err := s.st.CreateSession(ctx, parallax.HashToken(secret), parallax.Session{UserID: v.User.ID, CreatedAt: now, ExpiresAt: now.Add(sessionTTL)}); err != nil {
		return err
	}
	s.setCookie(w, r, sessionCookie, secret, sessionTTL)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}

// subscribe adds or removes a feed of the install to the reader's own
// subscriptions.
func (s *Server) subscribe(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return err
	}
	if _, err := s.st.FindFeedByID(r.Context(), id); err != nil {
		if errors.Is(err, parallax.ErrNotFound) {
			return fmt.Errorf("no feed %d: %w", id, parallax.ErrNotFound)
		}
		return err
	}
	if r.PostFormValue("unsubscribe") == "1" {
		err = s.st.Unsubscribe(r.Context(), v.User.ID, id)
	} else {
		err = s.st.Subscribe(r.Context(), v.User.ID, id)
	}
	if err != nil {
		return err
	}
	back(w, r, "/subscriptions")
	return nil
}

// Export is a reader's follows, mutes and saved stories, as
// /account/export.json and GET /api/v1/me/export give them and import
// takes them back. Subscriptions travel as OPML.
type Export struct {
	Version         int                  `json:"version"`
	User            string               `json:"user"`
	PreferredSource string               `json:"preferred_source,omitempty"`
	Interests       []parallax.Interest  `json:"interests"`
	Saved           []parallax.StoryMark `json:"saved"`
	Subscriptions   []string             `json:"subscriptions"`
}

func (s *Server) export(ctx context.Context, u *parallax.User) (*Export, error) {
	ex := &Export{Version: 1, User: u.Name, PreferredSource: u.PreferredSource, Interests: []parallax.Interest{}, Saved: []parallax.StoryMark{}, Subscriptions: []string{}}
	var err error
	if ex.Interests, err = s.st.FindInterests(ctx, u.ID); err != nil {
		return nil, err
	}
	if ex.Saved, err = s.st.FindSaved(ctx, u.ID); err != nil {
		return nil, err
	}
	feeds, err := s.st.FindSubscriptions(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range feeds {
		ex.Subscriptions = append(ex.Subscriptions, f.URL)
	}
	ex.Interests = nonNilSlice(ex.Interests)
	ex.Saved = nonNilSlice(ex.Saved)
	return ex, nil
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) exportJSON(w http.ResponseWriter, r *http.Request) {
	v := visitorOf(r)
	if v.User == nil {
		http.Redirect(w, r, "/signin?next=/account", http.StatusSeeOther)
		return
	}
	ex, err := s.export(r.Context(), v.User)
	if err != nil {
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="parallax-`+safeFileName(v.User.Name)+`.json"`)
	w.Header().Set("Cache-Control", "private, no-store")
	writeJSON(w, http.StatusOK, ex)
}

func (s *Server) exportOPML(w http.ResponseWriter, r *http.Request) {
	v := visitorOf(r)
	if v.User == nil {
		http.Redirect(w, r, "/signin?next=/account", http.StatusSeeOther)
		return
	}
	feeds, err := s.st.FindSubscriptions(r.Context(), v.User.ID)
	if err != nil {
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if err := subscription.WriteOPML(&b, v.User.Name+"'s subscriptions", s.opt.Now(), subscription.FeedOutlines(feeds)); err != nil {
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="parallax-`+safeFileName(v.User.Name)+`.opml"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = b.WriteTo(w)
}

func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, name)
}

// ImportResult counts what an import added.
type ImportResult struct {
	Interests     int      `json:"interests"`
	Saved         int      `json:"saved"`
	Subscriptions int      `json:"subscriptions"`
	Failed        []string `json:"failed"`
}

// importData takes back an export (JSON) or an OPML file of feeds: feeds
// not yet followed by the install are added, and the reader subscribed.
func (s *Server) importData(ctx context.Context, u *parallax.User, data []byte) (*ImportResult, error) {
	res := &ImportResult{Failed: []string{}}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("import: the file is empty: %w", errBadRequest)
	}
	var urls []subscription.Outline
	if trimmed[0] == '{' {
		var ex Export
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ex); err != nil {
			return nil, fmt.Errorf("import: not a Parallax export: %v: %w", err, errBadRequest)
		}
		if len(ex.Interests) > maxImportItems || len(ex.Saved) > maxImportItems || len(ex.Subscriptions) > maxImportItems {
			return nil, fmt.Errorf("import: more than %d follows, saved stories or subscriptions: %w", maxImportItems, errBadRequest)
		}
		if ex.PreferredSource != "" {
			if err := checkValue(ex.PreferredSource); err != nil {
				return nil, err
			}
		}
		for _, in := range ex.Interests {
			in2, err := interestFrom(in.Kind, in.Value, in.Mute)
			if err != nil {
				res.Failed = append(res.Failed, err.Error())
				continue
			}
			in2.CreatedAt = importTime(in.CreatedAt, s.opt.Now())
			if err := s.st.AddInterest(ctx, u.ID, in2); err != nil {
				return nil, err
			}
			res.Interests++
		}
		for _, m := range ex.Saved {
			if _, err := s.st.FindStoryByID(ctx, m.StoryID); err != nil {
				res.Failed = append(res.Failed, fmt.Sprintf("saved story %d: no such story", m.StoryID))
				continue
			}
			if err := s.st.SaveStory(ctx, u.ID, m.StoryID, importTime(m.At, s.opt.Now())); err != nil {
				return nil, err
			}
			res.Saved++
		}
		if ex.PreferredSource != "" {
			if err := s.st.SetPreferredSource(ctx, u.ID, ex.PreferredSource); err != nil {
				return nil, err
			}
		}
		for _, fu := range ex.Subscriptions {
			urls = append(urls, subscription.Outline{FeedURL: fu})
		}
	} else {
		outlines, err := subscription.ParseOPML(bytes.NewReader(trimmed))
		if err != nil {
			return nil, fmt.Errorf("import: %v: %w", err, errBadRequest)
		}
		if len(outlines) > maxImportItems {
			return nil, fmt.Errorf("import: more than %d feeds: %w", maxImportItems, errBadRequest)
		}
		urls = outlines
	}
	if len(urls) == 0 {
		return res, nil
	}
	// A reader subscribes to feeds the install already follows; adding a
	// feed to the install (which the workers then poll) is the operator's
	// `parallax feeds add` or `feeds import`.
	feeds, err := s.st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		return nil, err
	}
	byURL := make(map[string]int64, len(feeds))
	for _, f := range feeds {
		byURL[f.URL] = f.ID
	}
	for _, o := range urls {
		fu, err := normalize.URL(o.FeedURL)
		id, ok := byURL[fu]
		if err != nil || !ok {
			res.Failed = append(res.Failed, fmt.Sprintf("%.200q: not a feed this install follows (its operator adds feeds with parallax feeds add)", o.FeedURL))
			continue
		}
		if err := s.st.Subscribe(ctx, u.ID, id); err != nil {
			return nil, err
		}
		res.Subscriptions++
	}
	return res, nil
}

// maxImportItems caps each list of an import.
const maxImportItems = 1000

// importTime is t when it is a time the stores keep (years 1970 to 9999
// in UTC), else now.
func importTime(t, now time.Time) time.Time {
	if y := t.UTC().Year(); y < 1970 || y > 9999 {
		return now
	}
	return t
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, v *visitor) error {
	f, _, err := r.FormFile("file")
	if err != nil {
		return fmt.Errorf("import: choose a file (%v): %w", err, errBadRequest)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImport+1))
	if err != nil {
		return bodyErr(err)
	}
	if len(data) > maxImport {
		return fmt.Errorf("import: the file is larger than %d bytes: %w", maxImport, errBadRequest)
	}
	res, err := s.importData(r.Context(), v.User, data)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/account?done=import&i=%d&s=%d&f=%d&x=%d", res.Interests, res.Saved, res.Subscriptions, len(res.Failed)), http.StatusSeeOther)
	return nil
}

// topicsPage lists topics: tags and entities named in two or more stories.
func (s *Server) topics(ctx context.Context) ([]reader.Topic, error) {
	tags, err := s.st.FindTags(ctx, parallax.NameFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	ents, err := s.st.FindEntities(ctx, parallax.NameFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	return reader.Topics(tags, ents, 100), nil
}

func (s *Server) topicsPage(r *http.Request) (string, any, error) {
	ts, err := s.topics(r.Context())
	if err != nil {
		return "", nil, err
	}
	return "topics", pageData{Title: "Topics", Page: ts}, nil
}

type topicPage struct {
	CSRF     string
	Name     string
	Kind     string
	Cards    []storyCard
	Followed bool
}

// topicPage shows the stories tagged with a name or naming it.
func (s *Server) topicPage(r *http.Request) (string, any, error) {
	name := r.PathValue("name")
	ctx := r.Context()
	p := topicPage{Name: name, Kind: "tag"}
	var ids []int64
	tags, err := s.st.FindTags(ctx, parallax.NameFilter{Name: name, Limit: 1})
	if err != nil {
		return "", nil, err
	}
	// A topic is everything tagged with the name or naming it.
	e, eerr := s.entity(ctx, name)
	if eerr != nil && !errors.Is(eerr, parallax.ErrNotFound) {
		return "", nil, eerr
	}
	switch {
	case len(tags) > 0:
		p.Name, ids = tags[0].Name, slices.Clone(tags[0].StoryIDs)
		if eerr == nil {
			ids = append(ids, e.StoryIDs...)
			slices.Sort(ids)
			ids = slices.Compact(ids)
		}
	case eerr == nil:
		p.Name, p.Kind, ids = e.Name, "entity", e.StoryIDs
	default:
		return "", nil, eerr
	}
	var stories []*parallax.Story
	if len(ids) > 0 {
		if stories, err = s.st.FindStories(ctx, parallax.StoryFilter{IDs: ids}); err != nil {
			return "", nil, err
		}
	}
	if p.Cards, err = s.storyCards(r, stories); err != nil {
		return "", nil, err
	}
	if v := visitorOf(r); v.User != nil {
		p.CSRF = v.csrf
		ins, err := s.st.FindInterests(ctx, v.User.ID)
		if err != nil {
			return "", nil, err
		}
		kind := parallax.InterestTopic
		if p.Kind == "entity" {
			kind = parallax.InterestEntity
		}
		p.Followed = slices.ContainsFunc(ins, func(in parallax.Interest) bool {
			return !in.Mute && in.Kind == kind && strings.EqualFold(in.Value, p.Name)
		})
	}
	return "topic", pageData{Title: p.Name, Page: p}, nil
}

// related returns the stories most like story id.
func (s *Server) related(ctx context.Context, id int64, limit int) ([]reader.RelatedStory, error) {
	target, err := s.st.FindStoryProfiles(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(target) == 0 {
		return nil, fmt.Errorf("story %d: %w", id, parallax.ErrNotFound)
	}
	cands, err := s.candidates(ctx, frontCandidates)
	if err != nil {
		return nil, err
	}
	return reader.Related(target[0], cands, limit), nil
}

// readerStory is what a story page adds for a signed-in reader.
type readerStory struct {
	CSRF  string
	Saved bool
	// LastRead is when they last read the story (zero on a first visit);
	// New the articles that arrived since.
	LastRead  time.Time
	New       []parallax.BriefSource
	Following map[string]bool
}

// personalize fills the reader's part of a story page, orders the
// sources with the preferred source first, and marks the story read.
func (s *Server) personalize(r *http.Request, u *parallax.User, p *storyPage, b *parallax.Brief) error {
	ctx := r.Context()
	rs := &readerStory{CSRF: visitorOf(r).csrf, Following: map[string]bool{}}
	reads, err := s.st.FindReads(ctx, u.ID, []int64{p.Story.ID})
	if err != nil {
		return err
	}
	rs.LastRead = reads[p.Story.ID]
	saved, err := s.st.FindSaved(ctx, u.ID)
	if err != nil {
		return err
	}
	rs.Saved = slices.ContainsFunc(saved, func(m parallax.StoryMark) bool { return m.StoryID == p.Story.ID })
	ins, err := s.st.FindInterests(ctx, u.ID)
	if err != nil {
		return err
	}
	for _, in := range ins {
		if !in.Mute {
			rs.Following[in.Kind+":"+strings.ToLower(in.Value)] = true
		}
	}
	if b != nil && !rs.LastRead.IsZero() {
		ids := make([]int64, 0, len(b.Sources))
		for _, bs := range b.Sources {
			ids = append(ids, bs.ArticleID)
		}
		as, err := s.st.FindArticles(ctx, parallax.ArticleFilter{IDs: ids})
		if err != nil {
			return err
		}
		arrived := map[int64]time.Time{}
		for _, a := range as {
			t := a.Fetched
			if t.IsZero() {
				t = a.When()
			}
			arrived[a.ID] = t
		}
		for _, bs := range b.Sources {
			if t := arrived[bs.ArticleID]; t.After(rs.LastRead) {
				rs.New = append(rs.New, bs)
			}
		}
	}
	if u.PreferredSource != "" {
		preferFirst(p.Tree, u.PreferredSource)
	}
	p.Reader = rs
	if r.Method != http.MethodGet || isPrefetch(r) {
		return nil // a HEAD or a prefetch is nobody reading
	}
	return s.st.MarkRead(ctx, u.ID, p.Story.ID, s.opt.Now())
}

// isPrefetch reports a browser's speculative load of a page.
func isPrefetch(r *http.Request) bool {
	for _, h := range []string{"Sec-Purpose", "Purpose", "X-Moz", "X-Purpose"} {
		if v := strings.ToLower(r.Header.Get(h)); strings.Contains(v, "prefetch") || strings.Contains(v, "preview") {
			return true
		}
	}
	return false
}

// preferFirst moves the preferred source's articles to the front of the
// derivation tree's roots (and of each level), keeping the rest in order.
func preferFirst(nodes []*treeNode, source string) bool {
	found := false
	sort.SliceStable(nodes, func(i, j int) bool {
		return has(nodes[i], source) && !has(nodes[j], source)
	})
	for _, n := range nodes {
		if preferFirst(n.Children, source) || strings.EqualFold(n.Source.Source, source) {
			found = true
		}
	}
	return found
}

func has(n *treeNode, source string) bool {
	if strings.EqualFold(n.Source.Source, source) {
		return true
	}
	for _, c := range n.Children {
		if has(c, source) {
			return true
		}
	}
	return false
}

// --- API ---------------------------------------------------------------

// me adapts a per-reader API handler: a bearer token of a reader, or a
// session (whose state-changing requests carry the X-CSRF-Token header).
func (s *Server) me(h func(r *http.Request, v *visitor) (any, error)) http.HandlerFunc {
	inner := s.api(func(r *http.Request) (any, error) {
		v := visitorOf(r)
		if v.User == nil {
			return nil, errUnauthorized
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := s.checkCSRF(r, v); err != nil {
				return nil, err
			}
		}
		return h(r, v)
	})
	return func(w http.ResponseWriter, r *http.Request) {
		// A reader's data is never kept by shared caches.
		w.Header().Set("Cache-Control", "private, no-store")
		inner(w, r)
	}
}

// Me is GET /api/v1/me.
type Me struct {
	User      *parallax.User      `json:"user"`
	Interests []parallax.Interest `json:"interests"`
}

func (s *Server) apiMe(r *http.Request, v *visitor) (any, error) {
	ins, err := s.st.FindInterests(r.Context(), v.User.ID)
	if err != nil {
		return nil, err
	}
	return Me{User: v.User, Interests: nonNilSlice(ins)}, nil
}

// FrontStory is one story of GET /api/v1/me/front.
type FrontStory struct {
	view.Story
	Score   float64   `json:"score"`
	Reasons []string  `json:"reasons"`
	Reason  string    `json:"reason"`
	Unread  bool      `json:"unread"`
	Read    time.Time `json:"read,omitzero"`
}

func (s *Server) apiFront(r *http.Request, v *visitor) (any, error) {
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		return nil, err
	}
	interests, err := s.st.FindInterests(r.Context(), v.User.ID)
	if err != nil {
		return nil, err
	}
	picks, err := s.frontPage(r.Context(), v.User, interests, limit)
	if err != nil {
		return nil, err
	}
	out := make([]FrontStory, len(picks))
	for i, p := range picks {
		out[i] = FrontStory{Story: view.NewStory(p.Story), Score: p.Score, Reasons: nonNilSlice(p.Reasons), Reason: p.Reason, Unread: p.Unread, Read: p.Read}
	}
	return out, nil
}

func (s *Server) apiInterests(r *http.Request, v *visitor) (any, error) {
	ins, err := s.st.FindInterests(r.Context(), v.User.ID)
	return nonNilSlice(ins), err
}

func decodeInterest(r *http.Request) (parallax.Interest, error) {
	var in parallax.Interest
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, fmt.Errorf("body: want {\"kind\":…,\"value\":…,\"mute\":…}: %v: %w", err, errBadRequest)
	}
	return interestFrom(in.Kind, in.Value, in.Mute)
}

func (s *Server) apiAddInterest(r *http.Request, v *visitor) (any, error) {
	in, err := decodeInterest(r)
	if err != nil {
		return nil, err
	}
	in.CreatedAt = s.opt.Now()
	if err := s.st.AddInterest(r.Context(), v.User.ID, in); err != nil {
		return nil, err
	}
	return s.apiInterests(r, v)
}

func (s *Server) apiRemoveInterest(r *http.Request, v *visitor) (any, error) {
	in, err := decodeInterest(r)
	if err != nil {
		return nil, err
	}
	if err := s.st.RemoveInterest(r.Context(), v.User.ID, in); err != nil {
		return nil, err
	}
	return s.apiInterests(r, v)
}

func (s *Server) apiSaved(r *http.Request, v *visitor) (any, error) {
	stories, _, err := s.savedStories(r.Context(), v.User)
	if err != nil {
		return nil, err
	}
	out := make([]view.Story, len(stories))
	for i, st := range stories {
		out[i] = view.NewStory(st)
	}
	return out, nil
}

func (s *Server) apiSave(r *http.Request, v *visitor) (any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if _, err := s.st.FindStoryByID(r.Context(), id); err != nil {
		return nil, err
	}
	if r.Method == http.MethodDelete {
		err = s.st.UnsaveStory(r.Context(), v.User.ID, id)
	} else {
		err = s.st.SaveStory(r.Context(), v.User.ID, id, s.opt.Now())
	}
	if err != nil {
		return nil, err
	}
	return s.apiSaved(r, v)
}

// ReadMark is PUT /api/v1/me/read/{id}: when the story was read.
type ReadMark struct {
	StoryID int64     `json:"story_id"`
	At      time.Time `json:"at"`
}

func (s *Server) apiRead(r *http.Request, v *visitor) (any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if _, err := s.st.FindStoryByID(r.Context(), id); err != nil {
		return nil, err
	}
	now := s.opt.Now()
	if err := s.st.MarkRead(r.Context(), v.User.ID, id, now); err != nil {
		return nil, err
	}
	return ReadMark{StoryID: id, At: now}, nil
}

func (s *Server) apiExport(r *http.Request, v *visitor) (any, error) {
	return s.export(r.Context(), v.User)
}

func (s *Server) apiImport(r *http.Request, v *visitor) (any, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxImport+1))
	if err != nil {
		return nil, bodyErr(err)
	}
	if len(data) > maxImport {
		return nil, fmt.Errorf("import: the body is larger than %d bytes: %w", maxImport, errBadRequest)
	}
	return s.importData(r.Context(), v.User, data)
}

// RelatedStory is one story of GET /api/v1/stories/{id}/related.
type RelatedStory struct {
	view.Story
	Score  float64  `json:"score"`
	Shared []string `json:"shared"`
}

func (s *Server) apiRelated(r *http.Request) (any, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		return nil, err
	}
	rel, err := s.related(r.Context(), id, limit)
	if err != nil {
		return nil, err
	}
	out := make([]RelatedStory, len(rel))
	for i, rs := range rel {
		out[i] = RelatedStory{Story: view.NewStory(rs.Story), Score: rs.Score, Shared: nonNilSlice(rs.Shared)}
	}
	return out, nil
}

// Topic is one topic of GET /api/v1/topics.
type Topic struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	StoryIDs []int64 `json:"story_ids"`
}

func (s *Server) apiTopics(r *http.Request) (any, error) {
	ts, err := s.topics(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]Topic, len(ts))
	for i, t := range ts {
		out[i] = Topic{Name: t.Name, Kind: t.Kind, StoryIDs: nonNilSlice(t.StoryIDs)}
	}
	return out, nil
}

// ensureLocalReader finds or creates the one reader of a server with
// sign-in off. Their password hash is unusable: nobody signs in as them.
func ensureLocalReader(ctx context.Context, st parallax.ReaderStore, name string, now time.Time) (*parallax.User, error) {
	u, _, err := st.FindUserByName(ctx, name)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, parallax.ErrNotFound) {
		return nil, err
	}
	u = &parallax.User{Name: name, CreatedAt: now}
	if err := st.CreateUser(ctx, u, "!"); err != nil {
		if errors.Is(err, parallax.ErrConflict) {
			u, _, err = st.FindUserByName(ctx, name)
			return u, err
		}
		return nil, err
	}
	return u, nil
}
