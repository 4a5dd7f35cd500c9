package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Summary scores the summary stage on the data at path.
func Summary(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval summary: %w", parallax.ErrUnsupported)
}
