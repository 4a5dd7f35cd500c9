package httpserver

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/view"
)

// Errors of the HTTP layer, mapped to statuses beside the store's.
var (
	errNoRoute      = errors.New("no such page")
	errBadRequest   = errors.New("bad request")
	errUnauthorized = errors.New("missing or invalid API token")
)

// statusOf maps an error to its HTTP status: the one place that does.
func statusOf(err error) int {
	var mb *http.MaxBytesError
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, parallax.ErrNotFound), errors.Is(err, errNoRoute):
		return http.StatusNotFound
	case errors.Is(err, errBadRequest):
		return http.StatusBadRequest
	case errors.Is(err, errUnauthorized), errors.Is(err, errSignIn):
		return http.StatusUnauthorized
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, errThrottled):
		return http.StatusTooManyRequests
	case errors.Is(err, parallax.ErrConflict):
		return http.StatusConflict
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, parallax.ErrNoContent):
		return http.StatusUnprocessableEntity
	case errors.Is(err, parallax.ErrUnsupported):
		return http.StatusNotImplemented
	default:
		return http.StatusInternalServerError
	}
}

// publicMessage is what a client is told: the error for client errors,
// a generic line for server errors (whose details go to the log only).
func publicMessage(err error, status int) string {
	if status >= 500 && status != http.StatusNotImplemented {
		return http.StatusText(status)
	}
	return err.Error()
}

// logError logs server errors; client errors are the client's business.
func (s *Server) logError(r *http.Request, err error, status int) {
	if status >= 500 && status != http.StatusNotImplemented {
		s.opt.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
}

// api adapts a handler returning a value to JSON, with errors mapped by
// statusOf.
func (s *Server) api(h func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			status := statusOf(err)
			s.logError(r, err, status)
			if status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
			}
			writeJSON(w, status, view.Error{Error: publicMessage(err, status), Status: status})
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return // the client went away or the value cannot be encoded; the status is sent
	}
}
