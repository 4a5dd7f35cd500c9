// Package eval scores Parallax's stages on labelled public data sets in the
// formats of ../shared/bench-data. Each data set has its own file and one
// entry point returning a Report; cmd/parallax prints it as text or JSON.
// Figures are printed, never asserted as timings.
package eval

import "io"

// Report is the result of one evaluation: it marshals to JSON as is, and
// WriteText renders it for a terminal.
type Report interface {
	WriteText(w io.Writer) error
}
