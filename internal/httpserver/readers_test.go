package httpserver_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/reader"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// addReader stores a reader with a password.
func addReader(t testing.TB, st parallax.ReaderStore, name, pw string) *parallax.User {
	t.Helper()
	h, err := reader.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	u := &parallax.User{Name: name, CreatedAt: fixedNow}
	if err := st.CreateUser(context.Background(), u, h); err != nil {
		t.Fatal(err)
	}
	return u
}

// readerToken stores a token acting for u and returns its secret.
func readerToken(t testing.TB, st parallax.TokenStore, u *parallax.User) string {
	t.Helper()
	secret, err := parallax.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateToken(context.Background(), &parallax.Token{Name: u.Name, UserID: u.ID, CreatedAt: fixedNow}, parallax.HashToken(secret)); err != nil {
		t.Fatal(err)
	}
	return secret
}

// browserClient is a cookie-keeping client that does not follow
// redirects, so tests see the 303s.
type browserClient struct {
	t    testing.TB
	base string
	c    *http.Client
	csrf string
}

func newClient(t testing.TB, base string) *browserClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browserClient{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browserClient) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return res, string(body)
}

func (b *browserClient) get(path string) (*http.Response, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

func (b *browserClient) postForm(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var (
	csrfRE   = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	signinRE = regexp.MustCompile(`id="signin-form">\s*<input type="hidden" name="csrf" value="([^"]+)"`)
)

// signIn signs b in and keeps the CSRF token of its pages.
func (b *browserClient) signIn(name, pw string) *http.Response {
	b.t.Helper()
	_, page := b.get("/signin")
	m := signinRE.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("sign-in form without a token: %s", page)
	}
	res, _ := b.postForm("/signin", url.Values{"csrf": {m[1]}, "name": {name}, "password": {pw}, "next": {"/for-you"}})
	if res.StatusCode == http.StatusSeeOther {
		_, acct := b.get("/following")
		if m := csrfRE.FindStringSubmatch(acct); m != nil {
			b.csrf = m[1]
		}
	}
	return res
}

func (b *browserClient) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// apiJSON sends a JSON request with a bearer token (or the client's
// session) and decodes the answer into v when it is 200.
func apiJSON(t testing.TB, h http.Handler, method, target, token string, body any, v any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, target, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	code, _, out := do(t, h, req)
	if code == http.StatusOK && v != nil {
		if err := json.Unmarshal(out, v); err != nil {
			t.Fatalf("%s %s: %v: %s", method, target, err, out)
		}
	}
	return code
}

func TestSignInSession(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(srv.Close)

	b := newClient(t, srv.URL)
	if res, _ := b.get("/for-you"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
		t.Fatalf("GET /for-you signed out: %d to %q, want a redirect to sign in", res.StatusCode, res.Header.Get("Location"))
	}
	if res := b.signIn("ana", "wrong password"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong password: %d, want 401", res.StatusCode)
	}
	// A session id planted before sign-in is not the one after it.
	u, _ := url.Parse(srv.URL)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "parallax_session", Value: "planted", Path: "/"}})
	res := b.signIn("ana", "correct horse")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/for-you" {
		t.Fatalf("sign in: %d to %q, want 303 to /for-you", res.StatusCode, res.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "parallax_session" {
			sc = c
		}
	}
	if sc == nil || sc.Value == "" || sc.Value == "planted" {
		t.Fatalf("sign in set session cookie %+v, want a new id", sc)
	}
	if !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Path != "/" {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", sc)
	}
	if sc.Secure {
		t.Errorf("session cookie Secure on plain HTTP without --secure-cookies")
	}
	first := sc.Value
	if res, body := b.get("/for-you"); res.StatusCode != http.StatusOK || !strings.Contains(body, `id="for-you"`) {
		t.Fatalf("GET /for-you signed in: %d", res.StatusCode)
	}
	// Signing in again issues yet another id and ends the previous one.
	if res := b.signIn("ana", "correct horse"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second sign-in: %d", res.StatusCode)
	}
	if c := b.cookie("parallax_session"); c == nil || c.Value == first {
		t.Errorf("second sign-in kept the session id")
	}
	old := newClient(t, srv.URL)
	old.c.Jar.SetCookies(u, []*http.Cookie{{Name: "parallax_session", Value: first, Path: "/"}})
	if res, _ := old.get("/for-you"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session before the second sign-in still works: %d", res.StatusCode)
	}
	// Sign-out ends the session.
	cur := b.cookie("parallax_session").Value
	if res, _ := b.postForm("/signout", url.Values{"csrf": {b.csrf}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out: %d", res.StatusCode)
	}
	again := newClient(t, srv.URL)
	again.c.Jar.SetCookies(u, []*http.Cookie{{Name: "parallax_session", Value: cur, Path: "/"}})
	if res, _ := again.get("/for-you"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session still works after sign-out: %d", res.StatusCode)
	}

	// Over TLS the cookie is Secure.
	tls := httptest.NewTLSServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(tls.Close)
	tb := newClient(t, tls.URL)
	tb.c.Transport = tls.Client().Transport
	res = tb.signIn("ana", "correct horse")
	for _, c := range res.Cookies() {
		if c.Name == "parallax_session" && !c.Secure {
			t.Errorf("session cookie over TLS is not Secure")
		}
	}
}

func TestSignInThrottled(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	now := fixedNow
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: func() time.Time { return now }}).Handler())
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	for i := range 5 {
		if res := b.signIn("ana", fmt.Sprintf("guess %d", i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d, want 401", i, res.StatusCode)
		}
	}
	res := b.signIn("ana", "correct horse")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("after 5 failures the right password got %d (Retry-After %q), want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	now = now.Add(16 * time.Minute)
	if res := b.signIn("ana", "correct horse"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d, want 303", res.StatusCode)
	}
}

func TestCSRF(t *testing.T) {
	st := freshDemo(t)
	u := addReader(t, st, "ana", "correct horse")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	if res := b.signIn("ana", "correct horse"); res.StatusCode != http.StatusSeeOther || b.csrf == "" {
		t.Fatalf("sign in: %d, csrf %q", res.StatusCode, b.csrf)
	}
	form := url.Values{"kind": {"entity"}, "value": {"Marco Rubio"}}
	for _, tok := range []string{"", "0000", reader.CSRFToken("another session")} {
		f := url.Values{"csrf": {tok}}
		for k, v := range form {
			f[k] = v
		}
		if res, _ := b.postForm("/following", f); res.StatusCode != http.StatusForbidden {
			t.Errorf("POST /following with csrf %q: %d, want 403", tok, res.StatusCode)
		}
	}
	// The sign-in form itself: a token that is not the cookie's is refused.
	nb := newClient(t, srv.URL)
	nb.get("/signin")
	if res, _ := nb.postForm("/signin", url.Values{"csrf": {"forged"}, "name": {"ana"}, "password": {"correct horse"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a forged token: %d, want 403", res.StatusCode)
	}
	ins, err := st.FindInterests(context.Background(), u.ID)
	if err != nil || len(ins) != 0 {
		t.Fatalf("refused forms changed the follows: %v %v", ins, err)
	}
	form.Set("csrf", b.csrf)
	if res, _ := b.postForm("/following", form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("POST /following with the token: %d, want 303", res.StatusCode)
	}
	// The API with the session cookie wants the header; with a bearer
	// token, none.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/me/interests", strings.NewReader(`{"kind":"source","value":"Harbour Gazette"}`))
	if res, _ := b.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("session POST without X-CSRF-Token: %d, want 403", res.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/api/v1/me/interests", strings.NewReader(`{"kind":"source","value":"Harbour Gazette"}`))
	req.Header.Set("X-CSRF-Token", b.csrf)
	if res, body := b.do(req); res.StatusCode != http.StatusOK {
		t.Errorf("session POST with X-CSRF-Token: %d %s", res.StatusCode, body)
	}
	tok := readerToken(t, st, u)
	if code := apiJSON(t, h, http.MethodPost, "/api/v1/me/interests", tok, parallax.Interest{Kind: "topic", Value: "Storms"}, nil); code != http.StatusOK {
		t.Errorf("bearer POST: %d", code)
	}
	ins, _ = st.FindInterests(context.Background(), u.ID)
	if len(ins) != 3 {
		t.Errorf("follows after the accepted requests: %+v, want 3", ins)
	}
}

// TestReadersIsolated: a reader sees and changes only their own follows,
// saved stories, read state and subscriptions, through pages and API.
func TestReadersIsolated(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	ana, ben := addReader(t, st, "ana", "correct horse"), addReader(t, st, "ben", "battery staple")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	anaTok, benTok := readerToken(t, st, ana), readerToken(t, st, ben)
	stories, err := st.FindStories(ctx, parallax.StoryFilter{Limit: 2})
	if err != nil || len(stories) < 2 {
		t.Fatal(err)
	}
	secret := "Ana's private interest"
	if code := apiJSON(t, h, http.MethodPost, "/api/v1/me/interests", anaTok, parallax.Interest{Kind: "topic", Value: secret}, nil); code != http.StatusOK {
		t.Fatalf("ana follows: %d", code)
	}
	if code := apiJSON(t, h, http.MethodPut, fmt.Sprintf("/api/v1/me/saved/%d", stories[0].ID), anaTok, nil, nil); code != http.StatusOK {
		t.Fatalf("ana saves: %d", code)
	}
	fd := &parallax.Feed{URL: "https://news.example/feed.xml", Title: "Example", CreatedAt: fixedNow}
	if err := st.CreateFeed(ctx, fd); err != nil {
		t.Fatal(err)
	}
	if err := st.Subscribe(ctx, ana.ID, fd.ID); err != nil {
		t.Fatal(err)
	}
	// Ben sees none of it.
	for _, target := range []string{"/api/v1/me", "/api/v1/me/interests", "/api/v1/me/saved", "/api/v1/me/export", "/api/v1/me/front"} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Authorization", "Bearer "+benTok)
		code, _, body := do(t, h, req)
		if code != http.StatusOK {
			t.Errorf("ben GET %s: %d", target, code)
		}
		if strings.Contains(string(body), secret) || strings.Contains(string(body), "news.example/feed.xml") || strings.Contains(string(body), `"user":{"id":`+fmt.Sprint(ana.ID)) {
			t.Errorf("ben GET %s shows ana's data: %s", target, body)
		}
		if target == "/api/v1/me/saved" && strings.Contains(string(body), fmt.Sprintf(`"id":%d`, stories[0].ID)) {
			t.Errorf("ben's saved stories include ana's: %s", body)
		}
	}
	// Ben cannot remove Ana's follow or unsave her story: his requests
	// act on his own rows.
	apiJSON(t, h, http.MethodDelete, "/api/v1/me/interests", benTok, parallax.Interest{Kind: "topic", Value: secret}, nil)
	apiJSON(t, h, http.MethodDelete, fmt.Sprintf("/api/v1/me/saved/%d", stories[0].ID), benTok, nil, nil)
	if ins, _ := st.FindInterests(ctx, ana.ID); len(ins) != 1 {
		t.Errorf("ana's follows after ben's delete: %+v", ins)
	}
	if sv, _ := st.FindSaved(ctx, ana.ID); len(sv) != 1 {
		t.Errorf("ana's saved after ben's delete: %+v", sv)
	}
	// Without a reader: 401 on the API, sign-in on the pages; an install
	// token is no reader.
	install := newToken(t, st)
	for _, tok := range []string{"", "plx_nope", install} {
		if code := apiJSON(t, h, http.MethodGet, "/api/v1/me/saved", tok, nil, nil); code != http.StatusUnauthorized {
			t.Errorf("GET /api/v1/me/saved with token %q: %d, want 401", tok, code)
		}
	}
	// Through the pages.
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	b.signIn("ben", "battery staple")
	for _, p := range []string{"/following", "/saved", "/for-you", "/subscriptions", "/account/export.json", "/account/export.opml"} {
		res, body := b.get(p)
		if res.StatusCode != http.StatusOK {
			t.Errorf("ben GET %s: %d", p, res.StatusCode)
		}
		if strings.Contains(body, secret) || (p != "/subscriptions" && strings.Contains(body, "news.example/feed.xml")) {
			t.Errorf("ben's %s shows ana's data", p)
		}
		if p == "/subscriptions" && strings.Contains(body, "Unsubscribe") {
			t.Errorf("ben's /subscriptions marks ana's feed as his")
		}
	}
	if res, _ := b.postForm("/following/remove", url.Values{"csrf": {b.csrf}, "kind": {"topic"}, "value": {secret}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("ben's remove: %d", res.StatusCode)
	}
	if ins, _ := st.FindInterests(ctx, ana.ID); len(ins) != 1 {
		t.Errorf("ana's follows after ben's form: %+v", ins)
	}
	if res, _ := b.postForm("/stories/999999/save", url.Values{"csrf": {b.csrf}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("saving a story that does not exist: %d, want 404", res.StatusCode)
	}
}

// TestSecretsStoredHashed: neither token secrets, session ids nor
// passwords are in the database as given.
func TestSecretsStoredHashed(t *testing.T) {
	dir := t.TempDir()
	st, err := demoStore(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := addReader(t, st, "ana", "correct horse")
	tok := readerToken(t, st, u)
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	b.signIn("ana", "correct horse")
	session := b.cookie("parallax_session")
	if session == nil {
		t.Fatal("no session")
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"SELECT hash FROM api_tokens", "SELECT hash FROM sessions", "SELECT password_hash FROM users"} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		n := 0
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			n++
			if strings.Contains(v, tok) || strings.Contains(v, session.Value) || strings.Contains(v, "correct horse") {
				t.Errorf("%s: a secret is stored as given", q)
			}
			if strings.HasPrefix(q, "SELECT password_hash") && !strings.HasPrefix(v, "$argon2id$") {
				t.Errorf("password stored as %.12q…, want an argon2id hash", v)
			}
		}
		rows.Close()
		if n == 0 {
			t.Errorf("%s: no rows", q)
		}
	}
}

// multiSourceStory returns the profile of a story covered by two or more
// outlets.
func multiSourceStory(t testing.TB, st *sqlite.DB) parallax.StoryProfile {
	t.Helper()
	ctx := context.Background()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(stories))
	for i, s := range stories {
		ids[i] = s.ID
	}
	ps, err := st.FindStoryProfiles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if len(p.Sources) >= 2 {
			return p
		}
	}
	t.Fatalf("the demo corpus has no story with two sources: %+v", ps)
	return parallax.StoryProfile{}
}

func frontIDs(t testing.TB, h http.Handler, tok string) ([]int64, []httpserver.FrontStory) {
	t.Helper()
	var front []httpserver.FrontStory
	if code := apiJSON(t, h, http.MethodGet, "/api/v1/me/front", tok, nil, &front); code != http.StatusOK {
		t.Fatalf("GET /api/v1/me/front: %d", code)
	}
	ids := make([]int64, len(front))
	for i, f := range front {
		ids[i] = f.ID
	}
	return ids, front
}

// TestFrontPageMutes: a muted source's story leaves the front page unless
// another, unmuted source covers it; a muted keyword hides its stories.
func TestFrontPageMutes(t *testing.T) {
	st := freshDemo(t)
	u := addReader(t, st, "ana", "correct horse")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	tok := readerToken(t, st, u)
	multi := multiSourceStory(t, st)
	before, _ := frontIDs(t, h, tok)
	if !slices.Contains(before, multi.StoryID) {
		t.Fatalf("front page %v lacks story %d before any mute", before, multi.StoryID)
	}
	mute := func(kind, value string) {
		if code := apiJSON(t, h, http.MethodPost, "/api/v1/me/interests", tok, parallax.Interest{Kind: kind, Value: value, Mute: true}, nil); code != http.StatusOK {
			t.Fatalf("mute %s %s: %d", kind, value, code)
		}
	}
	// Every source but the last muted: another source still covers it.
	for _, src := range multi.Sources[:len(multi.Sources)-1] {
		mute("source", src)
	}
	if after, _ := frontIDs(t, h, tok); !slices.Contains(after, multi.StoryID) {
		t.Errorf("story %d, covered by %v, left the front page though %q is not muted", multi.StoryID, multi.Sources, multi.Sources[len(multi.Sources)-1])
	}
	mute("source", multi.Sources[len(multi.Sources)-1])
	if after, _ := frontIDs(t, h, tok); slices.Contains(after, multi.StoryID) {
		t.Errorf("story %d stays on the front page with every one of its sources %v muted", multi.StoryID, multi.Sources)
	}
	// The global top stories are the same for everyone.
	var top []json.RawMessage
	getJSON(t, h, "/api/v1/stories", &top)
	if len(top) < len(before) {
		t.Errorf("global list has %d stories, reader's front had %d", len(top), len(before))
	}
}

// TestFrontPageFollows: two readers following different people get
// different front pages, each led by the story naming their person, with
// the reason shown.
func TestFrontPageFollows(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	picks := distinctPeople(t, st)
	var fronts [2][]int64
	for i, p := range picks {
		u := addReader(t, st, fmt.Sprintf("reader%d", i), "correct horse")
		tok := readerToken(t, st, u)
		if err := st.AddInterest(ctx, u.ID, parallax.Interest{Kind: "entity", Value: p.person, CreatedAt: fixedNow}); err != nil {
			t.Fatal(err)
		}
		ids, front := frontIDs(t, h, tok)
		if len(front) == 0 || front[0].ID != p.story {
			t.Fatalf("reader following %s: front page %v, want story %d first", p.person, ids, p.story)
		}
		if !strings.Contains(front[0].Reason, p.person) {
			t.Errorf("reader following %s: reason %q does not name them", p.person, front[0].Reason)
		}
		fronts[i] = ids
	}
	if slices.Equal(fronts[0], fronts[1]) {
		t.Errorf("two readers with different follows see the same front page %v", fronts[0])
	}
}

type personStory struct {
	person string
	story  int64
}

// distinctPeople returns two people, each named in exactly one story, of
// two different stories.
func distinctPeople(t testing.TB, st *sqlite.DB) [2]personStory {
	t.Helper()
	ents, err := st.FindEntities(context.Background(), parallax.NameFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []personStory
	for _, e := range ents {
		if e.Kind != parallax.EntityPerson || len(e.StoryIDs) != 1 || !strings.Contains(e.Name, " ") {
			continue
		}
		if len(out) == 1 && out[0].story == e.StoryIDs[0] {
			continue
		}
		out = append(out, personStory{e.Name, e.StoryIDs[0]})
		if len(out) == 2 {
			return [2]personStory{out[0], out[1]}
		}
	}
	t.Fatalf("the demo corpus lacks two people named in one story each: %+v", ents)
	return [2]personStory{}
}

func TestExportImport(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	ana, ben := addReader(t, st, "ana", "correct horse"), addReader(t, st, "ben", "battery staple")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	anaTok, benTok := readerToken(t, st, ana), readerToken(t, st, ben)
	stories, _ := st.FindStories(ctx, parallax.StoryFilter{Limit: 1})
	for _, in := range []parallax.Interest{{Kind: "entity", Value: "Mara Lind"}, {Kind: "keyword", Value: "football", Mute: true}} {
		apiJSON(t, h, http.MethodPost, "/api/v1/me/interests", anaTok, in, nil)
	}
	apiJSON(t, h, http.MethodPut, fmt.Sprintf("/api/v1/me/saved/%d", stories[0].ID), anaTok, nil, nil)
	fd := &parallax.Feed{URL: "https://news.example/feed.xml", Title: "Example", CreatedAt: fixedNow}
	if err := st.CreateFeed(ctx, fd); err != nil {
		t.Fatal(err)
	}
	if err := st.Subscribe(ctx, ana.ID, fd.ID); err != nil {
		t.Fatal(err)
	}
	var ex httpserver.Export
	if code := apiJSON(t, h, http.MethodGet, "/api/v1/me/export", anaTok, nil, &ex); code != http.StatusOK {
		t.Fatalf("export: %d", code)
	}
	if len(ex.Interests) != 2 || len(ex.Saved) != 1 || len(ex.Subscriptions) != 1 {
		t.Fatalf("export %+v", ex)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/me/import", bytes.NewReader(mustJSON(t, ex)))
	req.Header.Set("Authorization", "Bearer "+benTok)
	if code, _, body := do(t, h, req); code != http.StatusOK {
		t.Fatalf("import: %d %s", code, body)
	}
	var got httpserver.Export
	apiJSON(t, h, http.MethodGet, "/api/v1/me/export", benTok, nil, &got)
	if len(got.Interests) != 2 || len(got.Saved) != 1 || !slices.Equal(got.Subscriptions, ex.Subscriptions) || got.User != "ben" {
		t.Errorf("after import ben has %+v, want ana's follows, saved and subscriptions", got)
	}
	// OPML: export ana's subscriptions, import them for a third reader
	// through the form, with one feed new to the install.
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	a := newClient(t, srv.URL)
	a.signIn("ana", "correct horse")
	res, opml := a.get("/account/export.opml")
	if res.StatusCode != http.StatusOK || !strings.Contains(opml, `xmlUrl="https://news.example/feed.xml"`) {
		t.Fatalf("OPML export: %d %s", res.StatusCode, opml)
	}
	opml = strings.Replace(opml, "</body>", `<outline text="Other" type="rss" xmlUrl="https://other.example/rss"/></body>`, 1)
	cat := addReader(t, st, "cat", "tabby cat!")
	c := newClient(t, srv.URL)
	c.signIn("cat", "tabby cat!")
	var buf bytes.Buffer
	mw := multipartWriter(t, &buf, map[string]string{"csrf": c.csrf}, "file", "subs.opml", []byte(opml))
	req2, _ := http.NewRequest(http.MethodPost, srv.URL+"/account/import", &buf)
	req2.Header.Set("Content-Type", mw)
	if res, body := c.do(req2); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("OPML import: %d %s", res.StatusCode, body)
	}
	subs, err := st.FindSubscriptions(ctx, cat.ID)
	if err != nil || len(subs) != 1 || subs[0].URL != "https://news.example/feed.xml" {
		t.Fatalf("cat's subscriptions after OPML import: %+v %v, want the feed the install follows", subs, err)
	}
	// A reader's import adds no feed to the install (the workers would
	// poll whatever a reader lists).
	all, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil || len(all) != 1 {
		t.Errorf("the install's feeds after a reader's import: %+v %v, want only the one it had", all, err)
	}
	// Oversized lists and control characters are refused.
	big := httpserver.Export{Version: 1, User: "x"}
	for i := range 1001 {
		big.Interests = append(big.Interests, parallax.Interest{Kind: "topic", Value: fmt.Sprint("t", i)})
	}
	for _, body := range [][]byte{mustJSON(t, big), []byte(`{"version":1,"user":"x","interests":[],"saved":[],"subscriptions":[],"preferred_source":"a\u0000b"}`)} {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/me/import", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+benTok)
		if code, _, out := do(t, h, req); code != http.StatusBadRequest {
			t.Errorf("import of %.60s…: %d %s, want 400", body, code, out)
		}
	}
	// Junk is refused with a clear error and changes nothing.
	req3 := httptest.NewRequest(http.MethodPost, "/api/v1/me/import", strings.NewReader("\x00\x01 not an export"))
	req3.Header.Set("Authorization", "Bearer "+benTok)
	if code, _, _ := do(t, h, req3); code != http.StatusBadRequest {
		t.Errorf("junk import: %d, want 400", code)
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoSignIn: with sign-in off, the one reader's pages work without
// signing in, and forms still need the page's token.
func TestNoSignIn(t *testing.T) {
	st := freshDemo(t)
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now, LocalReader: "me"}).Handler())
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	res, body := b.get("/following")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /following: %d", res.StatusCode)
	}
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no token on the page")
	}
	if res, _ := b.postForm("/following", url.Values{"kind": {"topic"}, "value": {"Harbours"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("form without token: %d, want 403", res.StatusCode)
	}
	if res, _ := b.postForm("/following", url.Values{"csrf": {m[1]}, "kind": {"topic"}, "value": {"Harbours"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("form with token: %d, want 303", res.StatusCode)
	}
	if res, _ := b.get("/signin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /signin with sign-in off: %d, want a redirect", res.StatusCode)
	}
	u, _, err := st.FindUserByName(context.Background(), "me")
	if err != nil {
		t.Fatal(err)
	}
	if ins, _ := st.FindInterests(context.Background(), u.ID); len(ins) != 1 {
		t.Errorf("local reader's follows: %+v", ins)
	}
}

// multipartWriter writes a form with fields and one file into buf and
// returns its content type.
func multipartWriter(t testing.TB, buf *bytes.Buffer, fields map[string]string, field, name string, data []byte) string {
	t.Helper()
	mw := multipart.NewWriter(buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType()
}

// TestOpenAPIReaders validates the per-reader endpoints' real responses
// (successes and refusals) against the OpenAPI document.
func TestOpenAPIReaders(t *testing.T) {
	st := freshDemo(t)
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	router := openAPIRouter(t, h)
	u := addReader(t, st, "ana", "correct horse")
	tok := readerToken(t, st, u)
	stories, err := st.FindStories(context.Background(), parallax.StoryFilter{Limit: 1})
	if err != nil || len(stories) == 0 {
		t.Fatal(err)
	}
	sid := stories[0].ID
	reqs := []struct{ method, target, body string }{
		{"POST", "/api/v1/me/interests", `{"kind":"entity","value":"Mara Lind"}`},
		{"POST", "/api/v1/me/interests", `{"kind":"keyword","value":"football"}`},
		{"POST", "/api/v1/me/interests", `{"kind":"source","value":"Valley Times","mute":true}`},
		{"GET", "/api/v1/me", ""},
		{"GET", "/api/v1/me/interests", ""},
		{"GET", "/api/v1/me/front?limit=5", ""},
		{"PUT", fmt.Sprintf("/api/v1/me/saved/%d", sid), ""},
		{"PUT", "/api/v1/me/saved/999999", ""},
		{"GET", "/api/v1/me/saved", ""},
		{"PUT", fmt.Sprintf("/api/v1/me/read/%d", sid), ""},
		{"GET", "/api/v1/me/front", ""},
		{"GET", "/api/v1/me/export", ""},
		{"POST", "/api/v1/me/import", `{"version":1,"user":"x","interests":[{"kind":"topic","value":"Storms"}],"saved":[],"subscriptions":["https://news.example/rss"]}`},
		{"POST", "/api/v1/me/import", `{"nonsense":true}`},
		{"DELETE", "/api/v1/me/interests", `{"kind":"entity","value":"Mara Lind"}`},
		{"DELETE", fmt.Sprintf("/api/v1/me/saved/%d", sid), ""},
	}
	for _, rq := range reqs {
		req := httptest.NewRequest(rq.method, "http://localhost"+rq.target, strings.NewReader(rq.body))
		if rq.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		code, ct, body := do(t, h, req)
		if code >= 500 {
			t.Errorf("%s %s: %d %s", rq.method, rq.target, code, body)
		}
		req.Body = io.NopCloser(strings.NewReader(rq.body))
		validate(t, router, req, code, ct, body)
	}
}

// TestChangePassword: the current password is checked, every other
// session ends, and the new password signs in.
func TestChangePassword(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(srv.Close)
	phone, laptop := newClient(t, srv.URL), newClient(t, srv.URL)
	phone.signIn("ana", "correct horse")
	laptop.signIn("ana", "correct horse")
	if res, _ := laptop.postForm("/account/password", url.Values{"csrf": {laptop.csrf}, "current": {"wrong"}, "new": {"new secret 1"}, "confirm": {"new secret 1"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("wrong current password: %d, want 403", res.StatusCode)
	}
	if res, _ := laptop.postForm("/account/password", url.Values{"csrf": {laptop.csrf}, "current": {"correct horse"}, "new": {"short"}, "confirm": {"short"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("too short a new password: %d, want 400", res.StatusCode)
	}
	if res, _ := laptop.postForm("/account/password", url.Values{"csrf": {laptop.csrf}, "current": {"correct horse"}, "new": {"new secret 1"}, "confirm": {"new secret 1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: %d", res.StatusCode)
	}
	if res, _ := laptop.get("/account"); res.StatusCode != http.StatusOK {
		t.Errorf("the session that changed the password was signed out: %d", res.StatusCode)
	}
	if res, _ := phone.get("/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the other session survived the password change: %d", res.StatusCode)
	}
	if res := newClient(t, srv.URL).signIn("ana", "correct horse"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d", res.StatusCode)
	}
	if res := newClient(t, srv.URL).signIn("ana", "new secret 1"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: %d", res.StatusCode)
	}
}

// TestTopicsAndRelated: topic pages list the stories of a tag or entity;
// story pages show related stories.
func TestTopicsAndRelated(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserver.Options{}).Handler()
	var topics []httpserver.Topic
	getJSON(t, h, "/api/v1/topics", &topics)
	if len(topics) == 0 {
		t.Fatal("no topics in the demo corpus")
	}
	for _, tp := range topics[:min(3, len(topics))] {
		if len(tp.StoryIDs) < 2 {
			t.Errorf("topic %+v has fewer than two stories", tp)
		}
		code, _, body := get(t, h, "/topics/"+url.PathEscape(tp.Name))
		if code != http.StatusOK {
			t.Fatalf("GET /topics/%s: %d", tp.Name, code)
		}
		for _, id := range tp.StoryIDs {
			if !strings.Contains(string(body), fmt.Sprintf(`href="/stories/%d"`, id)) {
				t.Errorf("topic page %s lacks story %d", tp.Name, id)
			}
		}
	}
	if code, _, _ := get(t, h, "/topics/no-such-topic-anywhere"); code != http.StatusNotFound {
		t.Errorf("unknown topic: %d, want 404", code)
	}
	if code, _, body := get(t, h, "/topics"); code != http.StatusOK || !strings.Contains(string(body), `id="topics"`) {
		t.Errorf("GET /topics: %d", code)
	}
	stories, err := st.FindStories(context.Background(), parallax.StoryFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	var rel []httpserver.RelatedStory
	getJSON(t, h, fmt.Sprintf("/api/v1/stories/%d/related", stories[0].ID), &rel)
	if len(rel) == 0 {
		t.Fatalf("story %d has no related stories in the demo corpus", stories[0].ID)
	}
	_, _, body := get(t, h, fmt.Sprintf("/stories/%d", stories[0].ID))
	if !strings.Contains(string(body), `id="related"`) || !strings.Contains(string(body), fmt.Sprintf(`href="/stories/%d"`, rel[0].ID)) {
		t.Errorf("story page lacks its related stories")
	}
}

// TestPreferredSourceFirst: the reader's preferred source leads a story's
// source list.
func TestPreferredSourceFirst(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(srv.Close)
	multi := multiSourceStory(t, st)
	b := newClient(t, srv.URL)
	b.signIn("ana", "correct horse")
	firstSource := func() string {
		_, page := b.get(fmt.Sprintf("/stories/%d", multi.StoryID))
		i := strings.Index(page, `<ul class="tree">`)
		if i < 0 {
			t.Fatal("story page without a source tree")
		}
		m := regexp.MustCompile(`<span class="meta">([^<·]+)`).FindStringSubmatch(page[i:])
		if m == nil {
			t.Fatal("no source in the tree")
		}
		return strings.TrimSpace(m[1])
	}
	for _, want := range []string{multi.Sources[len(multi.Sources)-1], multi.Sources[0]} {
		if res, _ := b.postForm("/following/source", url.Values{"csrf": {b.csrf}, "source": {want}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("set preferred source: %d", res.StatusCode)
		}
		if got := firstSource(); got != want {
			t.Errorf("preferred %q: the story lists %q first", want, got)
		}
	}
}

// TestSignInParallel: attempts sent at once are counted before the
// password check, so no more than the limit get one; an oversized name is
// refused without being kept or echoed.
func TestSignInParallel(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	srv := httptest.NewServer(newServer(t, st, httpserver.Options{Now: time.Now}).Handler())
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	_, page := b.get("/signin")
	tok := signinRE.FindStringSubmatch(page)[1]
	var (
		mu    sync.Mutex
		codes = map[int]int{}
		wg    sync.WaitGroup
	)
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _ := b.postForm("/signin", url.Values{"csrf": {tok}, "name": {"ana"}, "password": {fmt.Sprintf("guess %d", i)}})
			mu.Lock()
			codes[res.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[http.StatusUnauthorized] > 5 || codes[http.StatusTooManyRequests] < 25 {
		t.Errorf("30 parallel wrong sign-ins: %v, want at most 5 checked (401) and the rest 429", codes)
	}
	long := strings.Repeat("n", 100_000)
	res, body := b.postForm("/signin", url.Values{"csrf": {tok}, "name": {long}, "password": {"x"}})
	if res.StatusCode != http.StatusUnauthorized || strings.Contains(body, long[:1000]) {
		t.Errorf("an oversized name: %d, echoed %v", res.StatusCode, strings.Contains(body, long[:1000]))
	}
}

// TestReaderTokenCannotIngest: ingest takes an install token; a reader's
// token is refused.
func TestReaderTokenCannotIngest(t *testing.T) {
	st := freshDemo(t)
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	tok := readerToken(t, st, addReader(t, st, "ana", "correct horse"))
	doc := `{"documents":[{"id":"n1","url":"https://news.example/x","source":"Example","title":"Ferry resumes","text":"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days, the operator said."}]}`
	if code, body := post(t, h, tok, "application/json", []byte(doc)); code != http.StatusForbidden {
		t.Errorf("ingest with a reader's token: %d %s, want 403", code, body)
	}
	if code, body := post(t, h, newToken(t, st), "application/json", []byte(doc)); code != http.StatusOK {
		t.Errorf("ingest with an install token: %d %s", code, body)
	}
}

// TestReviewFixes: a HEAD or prefetch of a story does not mark it read;
// personal API answers are not cached; with sign-in off, a page reached
// under a name other than loopback's gets no reader (DNS rebinding); the
// account page shows only fixed messages.
func TestReviewFixes(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	u := addReader(t, st, "ana", "correct horse")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	tok := readerToken(t, st, u)
	stories, _ := st.FindStories(ctx, parallax.StoryFilter{Limit: 1})
	target := fmt.Sprintf("/stories/%d", stories[0].ID)
	for _, r := range []*http.Request{httptest.NewRequest(http.MethodHead, target, nil), httptest.NewRequest(http.MethodGet, target, nil)} {
		r.Header.Set("Authorization", "Bearer "+tok)
		if r.Method == http.MethodGet {
			r.Header.Set("Sec-Purpose", "prefetch")
		}
		do(t, h, r)
	}
	if reads, _ := st.FindReads(ctx, u.ID, nil); len(reads) != 0 {
		t.Errorf("a HEAD and a prefetch marked stories read: %v", reads)
	}
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	do(t, h, r)
	if reads, _ := st.FindReads(ctx, u.ID, nil); len(reads) != 1 {
		t.Errorf("a GET did not mark the story read: %v", reads)
	}
	r = httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("GET /api/v1/me Cache-Control %q, want private, no-store", cc)
	}

	local := newServer(t, st, httpserver.Options{Now: time.Now, LocalReader: "me"}).Handler()
	for host, want := range map[string]bool{"127.0.0.1:8080": true, "localhost": true, "[::1]:8080": true, "evil.example": false, "10.0.0.5:8080": false} {
		r := httptest.NewRequest(http.MethodGet, "/following", nil)
		r.Host = host
		code, _, body := do(t, local, r)
		got := code == http.StatusOK && csrfRE.Match(body)
		if got != want {
			t.Errorf("sign-in off, Host %s: %d (reader's page %v), want reader's page %v", host, code, got, want)
		}
	}

	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	b := newClient(t, srv.URL)
	b.signIn("ana", "correct horse")
	if _, body := b.get("/account?done=Your+account+was+compromised"); strings.Contains(body, "compromised") {
		t.Error("the account page shows text taken from its address")
	}
	if _, body := b.get("/account?done=import&i=2&s=1&f=0&x=3"); !strings.Contains(body, "imported 2 follows and mutes, 1 saved stories and 0 subscriptions; 3 items were refused") {
		t.Error("the account page does not report the import")
	}
}

// TestTrustedProxy: behind a trusted proxy, throttling counts the reader's
// address from X-Forwarded-For (one reader's failures do not lock out the
// others) and X-Forwarded-Proto https makes cookies Secure; the headers of
// an untrusted peer are ignored.
func TestTrustedProxy(t *testing.T) {
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	addReader(t, st, "ben", "battery staple")
	h := newServer(t, st, httpserver.Options{Now: time.Now, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}}).Handler()
	signin := func(remote, xff, proto, name, pw string) *http.Response {
		t.Helper()
		get := httptest.NewRequest(http.MethodGet, "/signin", nil)
		get.RemoteAddr = remote + ":4000"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, get)
		m := signinRE.FindStringSubmatch(w.Body.String())
		cookie := w.Result().Cookies()[0]
		form := url.Values{"csrf": {m[1]}, "name": {name}, "password": {pw}}
		r := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = remote + ":4000"
		r.AddCookie(cookie)
		if xff != "" {
			r.Header.Set("X-Forwarded-For", xff)
		}
		if proto != "" {
			r.Header.Set("X-Forwarded-Proto", proto)
		}
		w = httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	// 20 failures from one reader's address behind the proxy...
	for i := range 20 {
		signin("192.0.2.10", "203.0.113.7", "", fmt.Sprintf("user%d", i), "wrong password")
	}
	if res := signin("192.0.2.10", "203.0.113.7", "", "ana", "correct horse"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the address that failed 20 times: %d, want 429", res.StatusCode)
	}
	// ...do not lock out another reader behind the same proxy.
	res := signin("192.0.2.10", "203.0.113.8", "https", "ben", "battery staple")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another reader behind the proxy: %d, want 303", res.StatusCode)
	}
	for _, c := range res.Cookies() {
		if c.Name == "parallax_session" && !c.Secure {
			t.Error("X-Forwarded-Proto https from a trusted proxy: the session cookie is not Secure")
		}
	}
	// An untrusted peer's headers are ignored: its own address counts.
	for i := range 20 {
		signin("198.51.100.1", fmt.Sprintf("203.0.113.%d", 100+i), "", fmt.Sprintf("user%d", i), "wrong password")
	}
	if res := signin("198.51.100.1", "203.0.113.200", "https", "ben", "battery staple"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("an untrusted peer changed its counted address with X-Forwarded-For: %d, want 429", res.StatusCode)
	}
}
