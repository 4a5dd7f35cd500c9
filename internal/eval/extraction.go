package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Extraction scores the extraction stage on the data at path.
func Extraction(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval extraction: %w", parallax.ErrUnsupported)
}
