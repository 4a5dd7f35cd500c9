package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// record is one article object of a .json or .jsonl file. Fields beyond
// these are ignored.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Title     string          `json:"title"`
	Byline    string          `json:"byline"`
	Published string          `json:"published"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
}

var errNoBody = errors.New(`no "text" or "html" field`)

func readJSON(raw []byte, fileURL string, now time.Time) (*parallax.Document, error) {
	data, err := DecodeText(raw)
	if err != nil {
		return nil, err
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	if rec.URL == "" {
		rec.URL = fileURL
	}
	return rec.document(now)
}

func readJSONL(path string, raw []byte, now time.Time) ([]*parallax.Document, []Failure) {
	data, err := DecodeText(raw)
	if err != nil {
		return nil, []Failure{{Input: path, Err: err}}
	}
	var docs []*parallax.Document
	var failures []Failure
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		doc, err := parseRecord(text, now)
		if err != nil {
			failures = append(failures, Failure{Input: fmt.Sprintf("%s:%d", path, line), Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	if err := sc.Err(); err != nil {
		failures = append(failures, Failure{Input: path, Err: err})
	}
	return docs, failures
}

func parseRecord(line []byte, now time.Time) (*parallax.Document, error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	return rec.document(now)
}

func (r record) document(now time.Time) (*parallax.Document, error) {
	body, contentType := r.Text, TypeText
	if strings.TrimSpace(r.HTML) != "" {
		body, contentType = r.HTML, TypeHTML
	}
	if strings.TrimSpace(body) == "" {
		return nil, errNoBody
	}
	published, err := ParseDate(r.Published)
	if err != nil {
		return nil, err
	}
	u := strings.TrimSpace(r.URL)
	if u == "" {
		u = "urn:sha256:" + Hash([]byte(body))
	}
	doc := newDocument(u, contentType, []byte(body), now)
	doc.Hints = parallax.Hints{
		ID: recordID(r.ID), Source: strings.TrimSpace(r.Source), Title: strings.TrimSpace(r.Title),
		Byline: strings.TrimSpace(r.Byline), Published: published,
	}
	return doc, nil
}

func recordID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return string(raw) // a number
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123,
}

// ParseDate reads an RFC 3339 time or a date; empty gives the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("published %q: want RFC 3339 or YYYY-MM-DD", s)
}
