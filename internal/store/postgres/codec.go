package postgres

import (
	"encoding/json"
	"fmt"
	"time"
)

// timeLayout is fixed width so that stored times sort as text; the same as
// the SQLite store's.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeTime returns t as UTC text, or nil (NULL) for the zero time.
func encodeTime(t time.Time) (*string, error) {
	if t.IsZero() {
		return nil, nil
	}
	u := t.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("time %s: year outside 0000-9999", t)
	}
	s := u.Format(timeLayout)
	return &s, nil
}

// encodeTimes encodes each of ts with encodeTime.
func encodeTimes(ts ...time.Time) ([]*string, error) {
	out := make([]*string, len(ts))
	for i, t := range ts {
		v, err := encodeTime(t)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// timeDecoder reverses encodeTime, keeping the first error of several
// calls.
type timeDecoder struct{ err error }

func (d *timeDecoder) time(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("stored time %q: %w", *s, err)
	}
	return t
}

// encodeJSON marshals v; pgx sends a []byte to a JSONB column as is.
func encodeJSON(v any) ([]byte, error) {
	return json.Marshal(v)
}

// decodeJSON unmarshals stored JSON into v.
func decodeJSON(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("stored json: %w", err)
	}
	return nil
}

// maxSearchText caps the text indexed for search per article, in
// characters: a tsvector holds at most 1 MiB, and a longer article is found
// by its beginning. PostgreSQL's left() cuts the same text the same way
// when the store indexes an article later (search.go).
const maxSearchText = 256 << 10

// searchText cuts s to maxSearchText characters.
func searchText(s string) string {
	if len(s) <= maxSearchText {
		return s
	}
	n := 0
	for i := range s {
		if n == maxSearchText {
			return s[:i]
		}
		n++
	}
	return s
}

// idList returns ids as a non-nil slice, bound to one bigint[] parameter.
func idList(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
