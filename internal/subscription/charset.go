package subscription

import (
	"fmt"
	"io"

	"golang.org/x/net/html/charset"
)

// charsetReader decodes XML declared in another encoding than UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	out, err := charset.NewReaderLabel(label, r)
	if err != nil {
		return nil, fmt.Errorf("encoding %q: %w", label, err)
	}
	return out, nil
}
