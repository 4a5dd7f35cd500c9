package claim_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/shared"
)

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, prefix+"_*.txt"))
	if err != nil || len(files) != 1 {
		t.Fatalf("seed %s: %v (%d files)", prefix, err, len(files))
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatalf("seed %s: %v", prefix, err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

type triple struct{ Subject, Attribute, Value, Normalized string }

func triples(cs []parallax.Claim) []triple {
	out := make([]triple, 0, len(cs))
	for _, c := range cs {
		out = append(out, triple{c.Subject, c.Attribute, c.Value, c.Normalized})
	}
	return out
}

func TestSeedClaims(t *testing.T) {
	pub := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC) // a Monday
	tests := []struct {
		seed string
		want triple
	}{
		{"000", triple{"Donald Trump", "title", "former US President", "former us president"}},
		{"001", triple{"Donald Trump", "title", "President", "president"}},
		{"000", triple{"plan", "points", "28", "28"}},
		{"001", triple{"plan", "deadline", "until Thursday", "2025-11-27"}},
		{"002", triple{"ukraine military", "personnel", "880,000 → 600,000", "880000→600000"}},
		{"003", triple{"ukraine military", "personnel", "600,000", "600000"}},
		{"003", triple{"Johann Wadephul", "title", "German Foreign Minister", "german foreign minister"}},
	}
	for _, tt := range tests {
		t.Run(tt.seed+"/"+tt.want.Subject+"/"+tt.want.Attribute, func(t *testing.T) {
			body := readSeed(t, tt.seed)
			got := triples(claim.Extract(body, standInMentions(body), pub))
			for _, g := range got {
				if g == tt.want {
					return
				}
			}
			t.Errorf("no claim %+v among:\n%v", tt.want, got)
		})
	}
}

func TestEvidence(t *testing.T) {
	s := "First sentence here. The army was cut to 600,000 troops under Ukraine’s plan."
	cs := claim.Extract(s, nil, time.Time{})
	if len(cs) == 0 {
		t.Fatal("no claims")
	}
	for _, c := range cs {
		if c.Sentence != 1 || c.Evidence != "The army was cut to 600,000 troops under Ukraine’s plan." {
			t.Errorf("claim %+v: Sentence=%d Evidence=%q", c, c.Sentence, c.Evidence)
		}
		if got := s[c.ValueSpan.Start:c.ValueSpan.End]; !strings.Contains(got, "600,000") {
			t.Errorf("ValueSpan text=%q, want the value", got)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, in string
		want     []triple
	}{
		{"grouping comma", "Russia's army has 1,200 tanks.", []triple{{"russia military", "tanks", "1,200", "1200"}}},
		{"grouping dot", "Russia's army has 1.200 tanks.", []triple{{"russia military", "tanks", "1.200", "1200"}}},
		{"decimal comma locale", "Germany's budget grew 1.000,5 euros.", []triple{{"germany budget", "amount", "1.000,5 euros", "1000.5"}}},
		{"decimal point", "Germany's economy grew by 1.5 percent.", []triple{{"germany economy", "percent", "1.5 percent", "1.5"}}},
		{"words", "Ukraine's army lost twelve tanks.", []triple{{"ukraine military", "tanks", "twelve", "12"}}},
		{"multiplier and currency", "The country's budget includes $4.5 billion in aid.", []triple{{"country budget", "amount", "4.5 billion", "4500000000"}}},
		{"compound", "They signed a 20-point peace proposal.", []triple{{"plan", "points", "20", "20"}}},
		{"change", "It cut Ukraine's armed forces from 900,000 to 500,000 personnel.", []triple{{"ukraine military", "personnel", "900,000 → 500,000", "900000→500000"}}},
		{"count", "More than 171,000 Iowans voted.", []triple{{"iowan", "count", "171,000", "171000"}}},
		{"year is not a quantity", "In 2014 the war began.", []triple{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := triples(claim.Extract(tt.in, nil, time.Time{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	monday := time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		pub      time.Time
		want     []triple
	}{
		{"weekday resolved", "Kyiv has until Thursday to accept the deal.", monday, []triple{{"plan", "deadline", "until Thursday", "2025-11-27"}}},
		{"weekday without a date", "Kyiv has until Thursday to accept the deal.", time.Time{}, []triple{{"plan", "deadline", "until Thursday", "thursday"}}},
		{"calendar date", "Talks resume with a meeting on December 3.", monday, []triple{{"meeting", "date", "December 3", "2025-12-03"}}},
		{"day month year", "Leaders must sign the treaty by 5 January 2026.", monday, []triple{{"treaty", "deadline", "by 5 January 2026", "2026-01-05"}}},
		{"past weekday is not a deadline", "On Sunday the talks ended.", monday, []triple{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := triples(claim.Extract(tt.in, nil, tt.pub))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func checkClaims(t *testing.T, s string, cs []parallax.Claim) {
	t.Helper()
	for _, c := range cs {
		if c.ValueSpan.Start < 0 || c.ValueSpan.End > len(s) || c.ValueSpan.Start > c.ValueSpan.End {
			t.Fatalf("bad value span %+v of %d bytes", c.ValueSpan, len(s))
		}
		if c.Subject == "" || c.Attribute == "" || c.Value == "" {
			t.Fatalf("incomplete claim %+v", c)
		}
		if len(c.Evidence) > len(s) {
			t.Fatalf("evidence longer than the text")
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{
		"",
		"UKRAINE'S ARMY WAS CUT TO 600,000 TROOPS UNTIL THURSDAY.",
		"Maroš Šefčovič and Dan O'Brien met Zelenskyy’s team; 1.000.000,55 € and 1,2,3,4 and 99999999999999999999999 units.",
		"1e400 tanks, -5 planes, 0,5 km, 1.2.3.4 points, ١٢٣ troops, 28-28-point plan",
		"until until until by by Thursday to to the",
		"\xff\xfe 12 \xff troops",
	} {
		cs := claim.Extract(in, nil, time.Now())
		checkClaims(t, in, cs)
	}
}

func FuzzExtract(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "seeds.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range strings.Split(string(b), "\n---\n") {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkClaims(t, s, claim.Extract(s, standInMentions(s), time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)))
	})
}
