package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
)

// parseFlags parses fs over args, allowing flags after positional
// arguments ("article 3 --json"), and returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%s: %w", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func parseID(name string, pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, fmt.Errorf("%s: want exactly one ID", name)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s: %q is not an ID", name, pos[0])
	}
	return id, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
