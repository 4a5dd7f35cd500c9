package httpserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
)

// Readers and sessions.
//
// With sign-in on (the default), a reader signs in with a name and password
// and gets a session cookie (HttpOnly, SameSite=Lax, Secure over TLS) whose
// secret is stored only as a hash; a new session id is issued at every
// sign-in and every session of a reader ends when their password changes.
// Failed sign-ins are throttled per name and address and per address.
// Every state-changing form carries a CSRF token bound to the session (the
// sign-in form, which has no session yet, a double-submitted cookie); the
// server's cross-origin protection refuses cross-site POSTs besides.
// Per-reader routes never take a reader's id: they act for the signed-in
// reader (or the bearer token's reader), so one reader cannot name
// another's data.
//
// With sign-in off (Options.LocalReader set), every request acts for that
// one reader; `parallax serve` then listens on loopback only unless told
// otherwise.

// Cookie names and lifetimes.
const (
	sessionCookie = "parallax_session"
	signinCookie  = "parallax_signin"
	sessionTTL    = 30 * 24 * time.Hour
	csrfField     = "csrf"
	// signinTokenLen is the length of reader.NewSecret's secrets (32
	// bytes, base64url without padding).
	signinTokenLen = 43
	csrfHeader     = "X-CSRF-Token"
)

// Sign-in throttling: attempts per name and address, per address, and
// per name from any address (which bounds guessing one account from many
// addresses, at the price that anyone can hold one reader's sign-in for
// the window).
const (
	throttlePerName     = 5
	throttlePerAddr     = 20
	throttlePerNameOnly = 20
	throttleWindow      = 15 * time.Minute
	// maxNameBytes and maxPasswordBytes bound what a sign-in form may
	// send (names have 64 bytes at most; passwords 1,024 characters).
	maxNameBytes     = 64
	maxPasswordBytes = 4 * reader.MaxPasswordLen
)

var (
	errSignIn    = errors.New("sign in to see this page")
	errForbidden = errors.New("forbidden")
	errThrottled = errors.New("too many failed sign-ins: try again later")
	errBadCSRF   = errors.New("the form has expired or did not come from this site: reload the page and try again")
)

// visitor is who a request comes from.
type visitor struct {
	User *parallax.User
	// session is the session cookie's secret ("" without a session); csrf
	// the token its forms carry.
	session string
	csrf    string
	// bearer is true when a bearer token identified the reader.
	bearer bool
}

type visitorKey struct{}

func visitorOf(r *http.Request) *visitor {
	if v, ok := r.Context().Value(visitorKey{}).(*visitor); ok {
		return v
	}
	return &visitor{}
}

// identify finds the reader of each request (session cookie, bearer token
// or the local reader) and puts it in the request's context.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := s.visitorFor(r)
		if err != nil {
			s.logError(r, err, http.StatusInternalServerError)
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), visitorKey{}, v)))
	})
}

func (s *Server) visitorFor(r *http.Request) (*visitor, error) {
	ctx := r.Context()
	if s.local != nil {
		if !s.opt.LocalAnyHost && !loopbackHost(r.Host) {
			// Sign-in off: a page reached under another name (DNS
			// rebinding) gets no reader.
			return &visitor{}, nil
		}
		return &visitor{User: s.local, csrf: reader.CSRFToken(s.localSecret)}, nil
	}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return &visitor{}, nil
		}
		tok, err := s.st.FindTokenByHash(ctx, parallax.HashToken(secret))
		if errors.Is(err, parallax.ErrNotFound) || (err == nil && tok.UserID == 0) {
			return &visitor{}, nil
		}
		if err != nil {
			return nil, err
		}
		u, err := s.st.FindUserByID(ctx, tok.UserID)
		if errors.Is(err, parallax.ErrNotFound) {
			return &visitor{}, nil
		}
		if err != nil {
			return nil, err
		}
		return &visitor{User: u, bearer: true}, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return &visitor{}, nil
	}
	sess, err := s.st.FindSession(ctx, parallax.HashToken(c.Value), s.opt.Now())
	if errors.Is(err, parallax.ErrNotFound) {
		return &visitor{}, nil
	}
	if err != nil {
		return nil, err
	}
	u, err := s.st.FindUserByID(ctx, sess.UserID)
	if errors.Is(err, parallax.ErrNotFound) {
		return &visitor{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &visitor{User: u, session: c.Value, csrf: reader.CSRFToken(c.Value)}, nil
}

// checkCSRF checks a state-changing request of a signed-in visitor: the
// form field or header must carry the session's token. Bearer requests
// carry no ambient credentials and need none.
func (s *Server) checkCSRF(r *http.Request, v *visitor) error {
	if v.bearer {
		return nil
	}
	tok := r.Header.Get(csrfHeader)
	if tok == "" {
		tok = r.PostFormValue(csrfField)
	}
	secret := v.session
	if s.local != nil {
		secret = s.localSecret
	}
	if secret == "" || !reader.CheckCSRF(secret, tok) {
		return fmt.Errorf("%w: %w", errForbidden, errBadCSRF)
	}
	return nil
}

// secure reports whether cookies must be Secure: the request came over TLS
// (directly, or through a trusted proxy that says so) or the server was
// told.
func (s *Server) secure(r *http.Request) bool {
	if s.opt.SecureCookies || r.TLS != nil {
		return true
	}
	return s.fromTrustedProxy(r) && strings.EqualFold(strings.TrimSpace(lastField(r.Header.Get("X-Forwarded-Proto"))), "https")
}

// fromTrustedProxy reports whether the connection comes from a proxy the
// server was told to trust (Options.TrustedProxies).
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	ip, err := netip.ParseAddr(connAddr(r))
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range s.opt.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// clientAddr is the address sign-in throttling counts by: the
// connection's, or, from a trusted proxy, the nearest address in
// X-Forwarded-For that is not itself a trusted proxy.
func (s *Server) clientAddr(r *http.Request) string {
	addr := connAddr(r)
	if !s.fromTrustedProxy(r) {
		return addr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return addr
		}
		ip = ip.Unmap()
		trusted := false
		for _, p := range s.opt.TrustedProxies {
			trusted = trusted || p.Contains(ip)
		}
		if !trusted {
			return ip.String()
		}
	}
	return addr
}

func lastField(v string) string {
	if i := strings.LastIndexByte(v, ','); i >= 0 {
		return v[i+1:]
	}
	return v
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   int(maxAge.Seconds()),
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}

// loopbackHost reports whether a Host header names this machine's
// loopback: localhost or a loopback address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// connAddr is the connection's remote address without the port.
func connAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// localPath returns next when it is a path on this site, else "/": a
// sign-in never redirects elsewhere.
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return u.RequestURI()
}

type signinPage struct {
	Next    string
	Name    string
	Token   string
	Message string
}

// signinForm shows the sign-in form with a fresh double-submit token.
func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) {
	if s.local != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.renderSignin(w, r, http.StatusOK, signinPage{Next: localPath(r.URL.Query().Get("next"))})
}

func (s *Server) renderSignin(w http.ResponseWriter, r *http.Request, status int, p signinPage) {
	if len(p.Name) > maxNameBytes {
		p.Name = ""
	}
	// The form's token is the browser's sign-in cookie: kept while it
	// lives, so that two open sign-in tabs both work.
	var tok string
	var err error
	if c, cerr := r.Cookie(signinCookie); cerr == nil && len(c.Value) == signinTokenLen {
		tok = c.Value
	} else if tok, err = reader.NewSecret(); err == nil && len(tok) != signinTokenLen {
		err = fmt.Errorf("sign-in token of %d bytes, want %d", len(tok), signinTokenLen)
	}
	if err != nil {
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	s.setCookie(w, r, signinCookie, tok, time.Hour)
	p.Token = tok
	s.render(w, r, status, "signin", pageData{Title: "Sign in", Page: p})
}

// signin checks a name and password, throttled, and starts a new session.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	if s.local != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	p := signinPage{Next: localPath(r.PostFormValue("next")), Name: name}
	c, err := r.Cookie(signinCookie)
	if err != nil || c.Value == "" || c.Value != r.PostFormValue(csrfField) {
		p.Message = errBadCSRF.Error()
		s.renderSignin(w, r, http.StatusForbidden, p)
		return
	}
	pw := r.PostFormValue("password")
	if len(name) > maxNameBytes || len(pw) > maxPasswordBytes || !utf8.ValidString(name) {
		// No account has such a name or password: refused before the
		// throttle or the store see it (and not echoed back).
		p.Name, p.Message = "", "wrong name or password"
		s.renderSignin(w, r, http.StatusUnauthorized, p)
		return
	}
	// Every attempt is counted before the slow password check (parallel
	// requests cannot all pass), per address, per name and address, and
	// per name from anywhere; a success clears them.
	addr := s.clientAddr(r)
	folded := strings.ToLower(name)
	keys := []struct {
		t *reader.Throttle
		k string
	}{{s.addrThrottle, addr}, {s.throttle, folded + "|" + addr}, {s.nameThrottle, folded}}
	for _, c := range keys {
		if ok, wait := c.t.Attempt(c.k); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
			p.Message = errThrottled.Error()
			s.renderSignin(w, r, http.StatusTooManyRequests, p)
			return
		}
	}
	u, hash, err := s.st.FindUserByName(r.Context(), name)
	ok := false
	switch {
	case errors.Is(err, parallax.ErrNotFound):
		// Spend the same time as a real check, so that timing does not
		// tell which names exist.
		_, _ = reader.CheckPassword(s.dummyHash(), pw)
	case err != nil:
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	default:
		ok, _ = reader.CheckPassword(hash, pw)
	}
	if !ok {
		p.Message = "wrong name or password"
		s.renderSignin(w, r, http.StatusUnauthorized, p)
		return
	}
	for _, c := range keys {
		c.t.Succeed(c.k)
	}
	// A new session id at every sign-in: a session fixed before sign-in
	// is dropped.
	if old, err := r.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.st.DeleteSession(r.Context(), parallax.HashToken(old.Value)); err != nil {
			s.logError(r, err, http.StatusInternalServerError)
		}
	}
	secret, err := reader.NewSecret()
	if err == nil {
		now := s.opt.Now()
		err = s.st.CreateSession(r.Context(), parallax.HashToken(secret), parallax.Session{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(sessionTTL)})
	}
	if err != nil {
		s.logError(r, err, http.StatusInternalServerError)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	s.clearCookie(w, r, signinCookie)
	s.setCookie(w, r, sessionCookie, secret, sessionTTL)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
}

// signout ends the session.
func (s *Server) signout(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if v.session != "" {
		if err := s.st.DeleteSession(r.Context(), parallax.HashToken(v.session)); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// action adapts a state-changing form handler: the visitor must be signed
// in and the form must carry their CSRF token. The handler redirects on
// success; errors are shown as an error page.
func (s *Server) action(h func(w http.ResponseWriter, r *http.Request, v *visitor) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := visitorOf(r)
		err := s.needReader(r, v)
		if err == nil {
			err = s.checkCSRF(r, v)
		}
		if err == nil {
			err = h(w, r, v)
		}
		if err == nil {
			return
		}
		if errors.Is(err, errSignIn) {
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(localPath(r.Referer())), http.StatusSeeOther)
			return
		}
		status := statusOf(err)
		s.logError(r, err, status)
		s.render(w, r, status, "error", pageData{Title: http.StatusText(status), Page: errorPage{status, publicMessage(err, status)}})
	}
}

// needReader reports errSignIn when no reader is signed in.
func (s *Server) needReader(_ *http.Request, v *visitor) error {
	if v.User == nil {
		return errSignIn
	}
	return nil
}

// back redirects to the form's "next" field (a local path), else to the
// page the form was on, else to fallback.
func back(w http.ResponseWriter, r *http.Request, fallback string) {
	next := r.PostFormValue("next")
	if next == "" {
		if ref, err := url.Parse(r.Referer()); err == nil && ref.Path != "" {
			next = ref.RequestURI()
		}
	}
	if next == "" {
		next = fallback
	}
	http.Redirect(w, r, localPath(next), http.StatusSeeOther)
}
