package fetch

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
)

// isText reports whether a media type is converted to UTF-8. XML (feeds)
// is left alone: its declaration names its encoding and the feed parser
// honours it, so converting here would decode it twice.
func isText(mediaType string) bool {
	switch mediaType {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

// toUTF8 converts a text body to UTF-8 and names the charset it came in:
// the Content-Type parameter, else a byte-order mark or <meta charset> (for
// HTML), else UTF-8 when the bytes are valid UTF-8, else windows-1252 (the
// web's default). Other bodies pass unchanged.
func toUTF8(body []byte, mediaType, declared string) ([]byte, string) {
	if !isText(mediaType) {
		return body, strings.ToLower(declared)
	}
	name := strings.ToLower(strings.TrimSpace(declared))
	if name == "" {
		if utf8.Valid(body) && !bytes.HasPrefix(body, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(body, []byte{0xFF, 0xFE}) {
			name = "utf-8"
			if mediaType != "text/plain" {
				if _, n, certain := charset.DetermineEncoding(body, mediaType); certain {
					name = n
				}
			}
		} else {
			_, name, _ = charset.DetermineEncoding(body, mediaType)
		}
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return body, name // unknown label: leave the bytes to the extractor
	}
	canonical, err := htmlindex.Name(enc)
	if err == nil {
		name = canonical
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF}), name
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body, name
	}
	return out, name
}
