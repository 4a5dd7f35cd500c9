package httpserver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"testing/fstest"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/view"
)

// ingestRequest is the JSON body of POST /api/v1/ingest: URLs to fetch
// (when the server has a fetcher) or documents in the .jsonl
// record shape ({text|html, id, url, source, title, byline, published}).
type ingestRequest struct {
	URLs      []string          `json:"urls"`
	Documents []json.RawMessage `json:"documents"`
}

// maxUploadFiles bounds the files of one multipart upload.
const maxUploadFiles = 1000

// apiIngest stores uploaded documents through the pipeline, then processes
// everything unprocessed.
func (s *Server) apiIngest(r *http.Request) (any, error) {
	if err := s.authorize(r); err != nil {
		return nil, err
	}
	files, urls, err := s.uploaded(r)
	if err != nil {
		return nil, err
	}
	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	in := &pipeline.Ingester{Store: s.st, Read: s.opt.Read}
	var sum pipeline.Summary
	if len(urls) > 0 {
		sum, err = in.IngestURLs(r.Context(), s.opt.Fetcher, urls)
	} else {
		fsys := fstest.MapFS{} // an in-memory fs.FS (testing/fstest has no test dependencies)
		for name, body := range files {
			h := sha256.Sum256(body)
			// The content hash in the path makes re-uploading a file
			// idempotent and two different files of one name distinct.
			fsys[hex.EncodeToString(h[:8])+"/"+name] = &fstest.MapFile{Data: body}
		}
		sum, err = in.IngestFS(r.Context(), fsys, "upload:/")
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	res := view.IngestResult{Files: sum.Files, Documents: sum.Documents, New: sum.New, Known: sum.Known, Failed: []view.Failure{}}
	for name := range files {
		if !ingest.Supported(name) {
			res.Failed = append(res.Failed, view.Failure{Input: name, Error: "unsupported file type (want .txt .html .json .jsonl .xml .rss .atom, optionally .gz)"})
		}
	}
	for _, f := range sum.Failed {
		// Name the file as uploaded, without the content-hash folder.
		input := f.Input
		if dir, rest, ok := strings.Cut(input, "/"); ok && len(dir) == 16 && len(urls) == 0 {
			input = rest
		}
		res.Failed = append(res.Failed, view.Failure{Input: input, Error: f.Err.Error()})
	}
	// The processor takes the store's process lock itself.
	if res.Processed, err = s.opt.Processor.Process(r.Context()); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	s.metrics.ingested.Add(float64(res.New))
	s.opt.Log.Info("ingest", "files", res.Files, "documents", res.Documents, "new", res.New, "known", res.Known, "failed", len(res.Failed), "processed", res.Processed)
	return res, nil
}

// maxURLs bounds the URLs of one ingest request.
const maxURLs = 100

// uploaded returns the request's files, or the URLs to fetch (checked:
// http(s) only, and only when the server has a fetcher).
func (s *Server) uploaded(r *http.Request) (map[string][]byte, []string, error) {
	files, urls, err := uploadedFiles(r)
	if err != nil || len(urls) == 0 {
		return files, nil, err
	}
	if s.opt.Fetcher == nil {
		return nil, nil, fmt.Errorf("fetching URLs: %w on this server (upload the documents instead)", parallax.ErrUnsupported)
	}
	if len(urls) > maxURLs {
		return nil, nil, fmt.Errorf("%d URLs, at most %d per request: %w", len(urls), maxURLs, errBadRequest)
	}
	for _, u := range urls {
		if !pipeline.IsURL(u) {
			return nil, nil, fmt.Errorf("url %q: want http or https: %w", u, errBadRequest)
		}
	}
	return nil, urls, nil
}

// authorize checks the request's bearer token against the stored hashes:
// an install token's.
// Neither the token nor its hash is ever logged.
func (s *Server) authorize(r *http.Request) error {
	h := r.Header.Get("Authorization")
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return errUnauthorized
	}
	tok, err := s.st.FindTokenByHash(r.Context(), parallax.HashToken(secret))
	if errors.Is(err, parallax.ErrNotFound) {
		return errUnauthorized
	}
	if err == nil && tok.UserID != 0 {
		// A reader's token acts for the reader under /api/v1/me; ingest
		// (which fetches URLs for the whole install) takes an install
		// token.
		return fmt.Errorf("%w: a reader's token cannot ingest; use an install token (parallax token create without --user)", errForbidden)
	}
	return err
}

// uploadedFiles returns the request's documents as named files: the parts
// of a multipart form, a JSON body's documents as one .jsonl file, or a
// JSON Lines body as is.
func uploadedFiles(r *http.Request) (map[string][]byte, []string, error) {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, nil, fmt.Errorf("content type: %v: %w", err, errBadRequest)
	}
	switch ct {
	case "multipart/form-data":
		files, err := multipartFiles(r, params["boundary"])
		return files, nil, err
	case "application/json":
		var req ingestRequest
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&req); err != nil {
			return nil, nil, fmt.Errorf("json body: %w: %w", err, bodyErr(err))
		}
		if len(req.URLs) > 0 {
			return nil, req.URLs, nil
		}
		if len(req.Documents) == 0 {
			return nil, nil, fmt.Errorf("json body: no documents: %w", errBadRequest)
		}
		var b bytes.Buffer
		for _, d := range req.Documents {
			var c bytes.Buffer
			if err := json.Compact(&c, d); err != nil {
				return nil, nil, fmt.Errorf("json document: %w: %w", err, errBadRequest)
			}
			b.Write(c.Bytes())
			b.WriteByte('\n')
		}
		return map[string][]byte{"documents.jsonl": b.Bytes()}, nil, nil
	case "application/jsonl", "application/x-ndjson", "application/x-jsonlines":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, nil, fmt.Errorf("body: %w", bodyErr(err))
		}
		return map[string][]byte{"documents.jsonl": body}, nil, nil
	default:
		return nil, nil, fmt.Errorf("content type %q: want multipart/form-data, application/json or application/jsonl: %w", ct, errBadRequest)
	}
}

// bodyErr keeps a too-large body's error (413) and makes others 400.
func bodyErr(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return err
	}
	return errBadRequest
}

func multipartFiles(r *http.Request, boundary string) (map[string][]byte, error) {
	if boundary == "" {
		return nil, fmt.Errorf("multipart body without boundary: %w", errBadRequest)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("multipart body: %v: %w", err, errBadRequest)
	}
	files := map[string][]byte{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("multipart body: %w: %w", err, bodyErr(err))
		}
		name := p.FileName()
		if name == "" {
			continue // a plain form field
		}
		if len(files) == maxUploadFiles {
			return nil, fmt.Errorf("more than %d files: %w", maxUploadFiles, errBadRequest)
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return nil, fmt.Errorf("file %s: %w", name, bodyErr(err))
		}
		files[uniqueName(files, cleanName(name))] = body
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("multipart body holds no files: %w", errBadRequest)
	}
	return files, nil
}

// cleanName keeps the base name of an uploaded file's name, with a safe
// alphabet, so that it cannot escape its folder.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
	if strings.Trim(name, "._") == "" {
		return "upload"
	}
	return name
}

func uniqueName(files map[string][]byte, name string) string {
	if _, ok := files[name]; !ok {
		return name
	}
	for i := 2; ; i++ {
		n := fmt.Sprintf("%d-%s", i, name)
		if _, ok := files[n]; !ok {
			return n
		}
	}
}
