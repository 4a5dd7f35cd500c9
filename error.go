package parallax

import "errors"

// Sentinel errors shared by every store and mapped to exit codes and HTTP
// statuses in one place each.
var (
	// ErrNotFound means the requested record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means the write collides with a record already stored.
	ErrConflict = errors.New("conflict")
	// ErrNoContent means a document held no article text worth keeping.
	ErrNoContent = errors.New("no article content")
	// ErrUnsupported means a feature or back-end is not available yet.
	ErrUnsupported = errors.New("not supported yet")
)
