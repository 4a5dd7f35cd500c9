package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// DecodeText returns data as UTF-8: valid UTF-8 passes (without a BOM),
// UTF-16 with a BOM is converted, and anything else is detected (ICU's
// detector through github.com/gogs/chardet: Windows-1252, Latin-1, KOI8-R,
// Shift JIS and the like) and converted. Data that no detector recognises is
// rejected with ErrCharset.
func DecodeText(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		data = data[3:]
	}
	if utf8.Valid(data) {
		return data, nil
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("utf-16: %w", err)
		}
		return out, nil
	}
	res, err := chardet.NewTextDetector().DetectBest(data)
	if err != nil || res.Confidence < 10 {
		return nil, ErrCharset
	}
	name := strings.ToLower(res.Charset)
	if strings.HasPrefix(name, "utf-") {
		return nil, fmt.Errorf("%w (looks like %s but is not valid)", ErrCharset, res.Charset)
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("%w (detected %s, which has no decoder)", ErrCharset, res.Charset)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return nil, fmt.Errorf("%w (decoding as %s failed)", ErrCharset, res.Charset)
	}
	return out, nil
}
