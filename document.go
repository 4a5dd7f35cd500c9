package parallax

import "time"

// Document is what was fetched or read, byte for byte, kept so that
// extraction can be re-run when the extractor improves.
type Document struct {
	ID int64
	// URL is the canonical address: http(s) for pages and feed items,
	// file:// for files, urn:sha256:… for a .jsonl line without a URL.
	URL string
	// ContentType is the media type the body was read as
	// ("text/html", "text/plain", "application/json").
	ContentType string
	Body        []byte
	// Hash is the hex SHA-256 of Body.
	Hash      string
	FetchedAt time.Time
	// Hints carries metadata that came with the document rather than from its
	// body (a .jsonl record's fields, a feed item's title and date).
	Hints Hints
}

// Hints is metadata supplied alongside a document's body.
type Hints struct {
	ID        string    `json:"id,omitempty"`
	Source    string    `json:"source,omitempty"`
	Title     string    `json:"title,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitempty"`
	Tags      []string  `json:"tags,omitempty"`
}
