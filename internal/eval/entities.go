package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Entities scores the entities stage on the data at path.
func Entities(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval entities: %w", parallax.ErrUnsupported)
}
