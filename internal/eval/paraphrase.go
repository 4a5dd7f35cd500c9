package eval

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

// Paraphrase scores the paraphrase stage on the data at path.
func Paraphrase(ctx context.Context, path string) (Report, error) {
	return nil, fmt.Errorf("eval paraphrase: %w", parallax.ErrUnsupported)
}
