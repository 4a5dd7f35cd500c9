package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// timeLayout is fixed width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeTime returns t as UTC text, or nil (NULL) for the zero time.
func encodeTime(t time.Time) (any, error) {
	if t.IsZero() {
		return nil, nil
	}
	u := t.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("time %s: year outside 0000-9999", t)
	}
	return u.Format(timeLayout), nil
}

// decodeTime reverses encodeTime.
func decodeTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s.String, err)
	}
	return t, nil
}

// timeDecoder collects the first error of several decodeTime calls.
type timeDecoder struct{ err error }

func (d *timeDecoder) time(s sql.NullString) time.Time {
	t, err := decodeTime(s)
	if err != nil && d.err == nil {
		d.err = err
	}
	return t
}

// encodeJSON marshals v to JSON text.
func encodeJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// decodeJSON unmarshals stored JSON text into v.
func decodeJSON(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("stored json: %w", err)
	}
	return nil
}

// idList encodes ids as a JSON array, bound to a single parameter and
// expanded with json_each, so that a list of any length is one statement.
func idList(ids []int64) (string, error) {
	if ids == nil {
		ids = []int64{}
	}
	return encodeJSON(ids)
}
