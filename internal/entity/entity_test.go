package entity_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/shared"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// seedDocs reads ../shared/seeds as one story: each file's body is its
// non-blank lines that do not start with '#'.
func seedDocs(t testing.TB) ([]string, []string) {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	var bodies []string
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, line := range strings.Split(string(raw), "\n") {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			lines = append(lines, line)
		}
		bodies = append(bodies, strings.Join(lines, "\n"))
	}
	if len(bodies) == 0 {
		t.Fatalf("no seeds in %s", dir)
	}
	return names, bodies
}

func recognizeSeeds(t testing.TB) ([]entity.DocMentions, []parallax.Entity) {
	t.Helper()
	m, err := entity.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	_, bodies := seedDocs(t)
	docs := make([]entity.DocMentions, len(bodies))
	for i, body := range bodies {
		docs[i] = entity.DocMentions{ArticleID: int64(i), Mentions: m.Recognize(body)}
	}
	return docs, entity.Resolve(docs)
}

func TestSeedsGolden(t *testing.T) {
	docs, ents := recognizeSeeds(t)
	got, err := json.MarshalIndent(struct {
		Entities []parallax.Entity    `json:"entities"`
		Docs     []entity.DocMentions `json:"docs"`
	}{ents, docs}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seeds.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("seeds (-want +got), rerun with -update after review:\n%s", diff)
	}
}

func TestSeedPeople(t *testing.T) {
	_, ents := recognizeSeeds(t)
	tests := []struct {
		name  string
		alias string
	}{
		{"Volodymyr Zelensky", "Zelenskyy"},
		{"Dmitry Peskov", "Dmitri Peskov"},
		{"Marco Rubio", "Rubio"},
		{"Donald Trump", "Trump"},
		{"Vladimir Putin", ""},
		{"Donald Tusk", ""},
		{"Friedrich Merz", ""},
		{"Keir Starmer", ""},
		{"Alexander Stubb", ""},
		{"Johann Wadephul", ""},
		{"Antonio Costa", ""},
		{"Yuri Ushakov", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found []parallax.Entity
			last := tt.name[strings.LastIndex(tt.name, " ")+1:]
			for _, e := range ents {
				if e.Name == tt.name || strings.Contains(e.Name, last) || slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.Contains(a, last) }) {
					if e.Kind == parallax.EntityPerson {
						found = append(found, e)
					}
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d person entities for %s, want 1: %+v", len(found), tt.name, found)
			}
			if found[0].Name != tt.name {
				t.Errorf("Name=%q, want %q", found[0].Name, tt.name)
			}
			if tt.alias != "" && !slices.ContainsFunc(found[0].Aliases, func(a string) bool { return strings.Contains(a, tt.alias) }) {
				t.Errorf("Aliases=%q, want %q among them", found[0].Aliases, tt.alias)
			}
		})
	}
}

func TestSeedRoles(t *testing.T) {
	docs, _ := recognizeSeeds(t)
	tests := []struct {
		person string
		doc    int // -1: any
		role   string
	}{
		{"Donald Trump", 0, "former US President"},
		{"Donald Trump", 1, "President"},
		{"Marco Rubio", -1, "US Secretary of State"},
		{"Donald Tusk", -1, "Polish Prime Minister"},
		{"Dmitry Peskov", -1, "Kremlin spokesman"},
		{"Dmitry Peskov", -1, "Spokesman"},
		{"Alexander Stubb", -1, "Finnish President"},
	}
	for _, tt := range tests {
		t.Run(tt.person+"/"+tt.role, func(t *testing.T) {
			var roles []string
			for d, doc := range docs {
				if tt.doc >= 0 && d != tt.doc {
					continue
				}
				for _, m := range doc.Mentions {
					if m.Canonical == tt.person && m.Role != "" {
						roles = append(roles, m.Role)
					}
				}
			}
			if !slices.Contains(roles, tt.role) {
				t.Errorf("roles of %s=%q, want %q among them", tt.person, roles, tt.role)
			}
		})
	}
}
