package postgres

import (
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// The article lists CreateDocuments copies (body, removed, tags) are
// encoded here rather than by encoding/json, whose reflection was half the
// client's work per article at ingest. The columns are JSONB, which keeps
// values, not spellings: the output must only decode to what
// encoding/json's would (FuzzAppendJSONString checks it).

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json makes it.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// encodeBlocks encodes an article body as encoding/json would: null for a
// nil slice, else objects with kind and text.
func encodeBlocks(bs []parallax.Block) []byte {
	if bs == nil {
		return []byte("null")
	}
	n := 2
	for _, bl := range bs {
		n += len(bl.Kind) + len(bl.Text) + 24
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, bl := range bs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendJSONString(b, string(bl.Kind))
		b = append(b, `,"text":`...)
		b = appendJSONString(b, bl.Text)
		b = append(b, '}')
	}
	return append(b, ']')
}

// encodeRemoved encodes an article's removed pieces as encoding/json
// would.
func encodeRemoved(rs []parallax.Removed) []byte {
	if rs == nil {
		return []byte("null")
	}
	b := []byte{'['}
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = appendJSONString(b, r.Text)
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, r.Reason)
		b = append(b, '}')
	}
	return append(b, ']')
}

// encodeStrings encodes a list of strings as encoding/json would.
func encodeStrings(ss []string) []byte {
	if ss == nil {
		return []byte("null")
	}
	b := []byte{'['}
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
