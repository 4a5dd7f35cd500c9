package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Quotes scores the quotes stage on the data at path.
func Quotes(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval quotes: %w", parallax.ErrUnsupported)
}
