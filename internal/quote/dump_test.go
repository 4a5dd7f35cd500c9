package quote_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/shared"
)

func TestDumpSeeds(t *testing.T) {
	if os.Getenv("QUOTE_DUMP") == "" {
		t.Skip()
	}
	dir := shared.TestDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := seedBody(string(b))
		t.Logf("== %s", filepath.Base(f))
		for _, q := range quote.Extract(body, standInMentions(body)) {
			t.Logf("%s [%s] %q <- %q (%s)", q.Kind, q.Speaker, q.Text, body[q.SpeakerSpan.Start:q.SpeakerSpan.End], q.Cue)
		}
	}
}

func seedBody(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}
