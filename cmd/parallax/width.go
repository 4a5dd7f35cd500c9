package main

import (
	"os"
	"strconv"

	"golang.org/x/term"
)

// width is the terminal width for wrapping text output: $COLUMNS, the
// terminal's own, or 80.
func (e *env) width() int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 20 {
		return n
	}
	if f, ok := e.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
			return w
		}
	}
	return 80
}
