package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Clustering scores the clustering stage on the data at path.
func Clustering(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval clustering: %w", parallax.ErrUnsupported)
}
