package discrepancy_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/discrepancy"
)

func claim(subject, attr, value, norm string) parallax.Claim {
	return parallax.Claim{Subject: subject, Attribute: attr, Value: value, Normalized: norm}
}

func art(id int64, claims ...parallax.Claim) discrepancy.ArticleClaims {
	return discrepancy.ArticleClaims{ArticleID: id, Claims: claims}
}

// values renders a comparison compactly: "value[ids]/sources | …".
func values(c parallax.Comparison) []string {
	var out []string
	for _, v := range c.Values {
		ids := make([]string, 0, len(v.ArticleIDs))
		for _, id := range v.ArticleIDs {
			ids = append(ids, string(rune('0'+id)))
		}
		out = append(out, v.Value+"["+strings.Join(ids, ",")+"]/"+string(rune('0'+v.Sources)))
	}
	return out
}

func TestCompare(t *testing.T) {
	rewrite := []parallax.Derivation{{ArticleID: 0, SourceID: 1, Kind: parallax.DerivedRewrite, Coverage: 0.8}}
	tests := []struct {
		name         string
		in           discrepancy.Input
		wantValues   []string
		wantConflict bool
		wantNote     string // substring; "" means no note
	}{
		{
			name: "former changes the role",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Donald Trump", "title", "former US President", "")),
				art(2, claim("Donald Trump", "title", "President", "")),
			}},
			wantValues:   []string{"former US President[1]/1", "President[2]/1"},
			wantConflict: true,
		},
		{
			name: "a country qualifier agrees",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Donald Trump", "title", "US President", "")),
				art(2, claim("Donald Trump", "role", "President", "")),
				art(3, claim("Donald Trump", "title", "U.S. President", "")),
			}},
			wantValues: []string{"U.S. President[1,2,3]/3"},
		},
		{
			name: "ex- acting deputy and vice each change the role",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Jane Roe", "title", "President", "")),
				art(2, claim("Jane Roe", "title", "ex-President", "")),
				art(3, claim("Jane Roe", "title", "Acting President", "")),
				art(4, claim("Jane Roe", "title", "Vice President", "")),
				art(5, claim("Jane Roe", "title", "Deputy President", "")),
			}},
			wantValues: []string{"Acting President[3]/1", "Deputy President[5]/1", "ex-President[2]/1",
				"President[1]/1", "Vice President[4]/1"},
			wantConflict: true,
		},
		{
			name: "abbreviated title agrees with the full one",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Donald Tusk", "title", "Polish PM", "")),
				art(2, claim("Donald Tusk", "title", "Polish Prime Minister", "")),
			}},
			wantValues: []string{"Polish Prime Minister[1,2]/2"},
		},
		{
			name: "different offices conflict",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Johann Wadephul", "title", "Foreign Minister", "")),
				art(2, claim("Johann Wadephul", "title", "Defence Minister", "")),
			}},
			wantValues:   []string{"Defence Minister[2]/1", "Foreign Minister[1]/1"},
			wantConflict: true,
		},
		{
			name: "transliterated spellings are one subject",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Dmitri Peskov", "title", "Spokesman", "")),
				art(2, claim("Dmitry Peskov", "title", "Kremlin spokesman", "")),
			}},
			wantValues: []string{"Kremlin spokesman[1,2]/2"},
		},
		{
			name: "normalised numbers agree despite units",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Ukraine's armed forces", "personnel", "600,000", "600000")),
				art(2, claim("Ukraine's armed forces", "personnel", "600,000 personnel", "600000")),
			}},
			wantValues: []string{"600,000 personnel[1,2]/2"},
		},
		{
			name: "a change agrees with its end value",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Ukraine's armed forces", "personnel", "from 880,000 to 600,000", "880000 → 600000")),
				art(2, claim("Ukraine's armed forces", "personnel", "600,000", "")),
			}},
			wantValues: []string{"from 880,000 to 600,000[1,2]/2"},
		},
		{
			name: "different numbers conflict",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("peace plan", "points", "28", "28")),
				art(2, claim("peace plan", "points", "28", "28")),
				art(3, claim("peace plan", "points", "27", "27")),
			}},
			wantValues:   []string{"28[1,2]/2", "27[3]/1"},
			wantConflict: true,
		},
		{
			name: "scaled numbers agree",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("aid package", "amount", "$1.5 million", "")),
				art(2, claim("aid package", "amount", "$1,500,000", "")),
			}},
			wantValues: []string{"$1.5 million[1,2]/2"},
		},
		{
			name: "a rewrite counts with its original as one source",
			in: discrepancy.Input{
				Articles: []discrepancy.ArticleClaims{
					art(0, claim("peace plan", "points", "28", "28")),
					art(1, claim("peace plan", "points", "28", "28")),
				},
				Derivations: rewrite,
			},
			wantValues: []string{"28[0,1]/1"},
		},
		{
			name: "one publisher is one source",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				{ArticleID: 1, Source: "Daily Planet", Claims: []parallax.Claim{claim("plan", "points", "28", "28")}},
				{ArticleID: 2, Source: "daily planet", Claims: []parallax.Claim{claim("plan", "points", "28", "28")}},
			}},
			wantValues: []string{"28[1,2]/1"},
		},
		{
			name: "a rewrite contradicting its original is noted",
			in: discrepancy.Input{
				Articles: []discrepancy.ArticleClaims{
					art(0, claim("Donald Trump", "title", "former US President", "")),
					art(1, claim("Donald Trump", "title", "President", "")),
					art(2, claim("Donald Trump", "title", "US President", "")),
				},
				Derivations: rewrite,
			},
			wantValues:   []string{"US President[1,2]/2", "former US President[0]/1"},
			wantConflict: true,
			wantNote:     "article 0, a rewrite of article 1, contradicts it",
		},
		{
			name: "a resolved date agrees with the same words unresolved",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("plan", "deadline", "until Thursday", "thursday")),
				art(2, claim("plan", "deadline", "until Thursday", "2025-11-27")),
			}},
			wantValues: []string{"until Thursday (2025-11-27)[1,2]/2"},
		},
		{
			name: "different dates conflict",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("plan", "deadline", "Thursday", "2025-11-27")),
				art(2, claim("plan", "deadline", "Friday", "2025-11-28")),
			}},
			wantValues:   []string{"Friday (2025-11-28)[2]/1", "Thursday (2025-11-27)[1]/1"},
			wantConflict: true,
		},
		{
			name: "the same words resolved to different dates conflict",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("plan", "deadline", "until Thursday", "2025-11-27")),
				art(2, claim("plan", "deadline", "until Thursday", "2025-12-04")),
			}},
			wantValues:   []string{"until Thursday (2025-11-27)[1]/1", "until Thursday (2025-12-04)[2]/1"},
			wantConflict: true,
		},
		{
			name: "supplied roots override the derivations",
			in: discrepancy.Input{
				Articles: []discrepancy.ArticleClaims{
					art(1, claim("plan", "points", "28", "28")),
					art(2, claim("plan", "points", "28", "28")),
				},
				Roots: map[int64]int64{1: 1, 2: 1},
			},
			wantValues: []string{"28[1,2]/1"},
		},
		{
			name: "dates compare by normalised form",
			in: discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("deadline", "date", "Thursday", "2025-11-27")),
				art(2, claim("deadline", "date", "November 27", "2025-11-27")),
			}},
			wantValues: []string{"November 27 (2025-11-27)[1,2]/2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := discrepancy.Compare(tt.in)
			if len(got) != 1 {
				t.Fatalf("Compare returned %d comparisons, want 1: %+v", len(got), got)
			}
			if diff := cmp.Diff(tt.wantValues, values(got[0])); diff != "" {
				t.Errorf("values mismatch (-want +got):\n%s", diff)
			}
			if got[0].Conflict != tt.wantConflict {
				t.Errorf("Conflict=%v, want %v", got[0].Conflict, tt.wantConflict)
			}
			if tt.wantNote == "" && got[0].Note != "" || !strings.Contains(got[0].Note, tt.wantNote) {
				t.Errorf("Note=%q, want it to contain %q", got[0].Note, tt.wantNote)
			}
		})
	}
}

func TestCompareResolvesSubjects(t *testing.T) {
	in := discrepancy.Input{
		Articles: []discrepancy.ArticleClaims{
			art(1, claim("Rubio", "title", "Secretary of State", "")),
			art(2, claim("Marco Rubio", "title", "US Secretary of State", "")),
			{ArticleID: 3, Claims: []parallax.Claim{claim("Zelenskyy", "title", "President", "")},
				Mentions: []parallax.Mention{{Text: "Zelenskyy", Canonical: "Volodymyr Zelensky"}}},
			art(4, claim("Volodymyr Zelensky", "title", "Ukrainian President", "")),
		},
		Entities: []parallax.Entity{{Name: "Marco Rubio", Kind: parallax.EntityPerson}},
	}
	got := discrepancy.Compare(in)
	var subjects []string
	for _, c := range got {
		subjects = append(subjects, c.Subject)
		if c.Conflict {
			t.Errorf("unexpected conflict %+v", c)
		}
	}
	want := []string{"Marco Rubio", "Volodymyr Zelensky"}
	if diff := cmp.Diff(want, subjects); diff != "" {
		t.Errorf("subjects mismatch (-want +got):\n%s", diff)
	}
}

func TestCompareOrdersConflictsFirst(t *testing.T) {
	got := discrepancy.Compare(discrepancy.Input{Articles: []discrepancy.ArticleClaims{
		art(1, claim("plan", "points", "28", "28"), claim("A B", "title", "President", "")),
		art(2, claim("plan", "points", "28", "28"), claim("A B", "title", "former President", "")),
		art(3, claim("plan", "points", "28", "28"), claim("", "title", "ignored", ""), claim("C", "", "x", "")),
	}})
	if len(got) != 2 || !got[0].Conflict || got[0].Subject != "A B" || got[1].Subject != "plan" {
		t.Fatalf("Compare order = %+v, want the conflict on A B first, then plan", got)
	}
}

func TestRoots(t *testing.T) {
	roots := discrepancy.Roots([]int64{1, 2, 3, 4, 5},
		map[int64]string{4: "Outlet", 5: "outlet "},
		[]parallax.Derivation{{ArticleID: 3, SourceID: 2}, {ArticleID: 2, SourceID: 6}})
	want := map[int64]int64{1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 2}
	if diff := cmp.Diff(want, roots); diff != "" {
		t.Errorf("Roots mismatch (-want +got):\n%s", diff)
	}
	if n := discrepancy.CountSources([]int64{1, 2, 3, 6, 7}, roots); n != 3 {
		t.Errorf("CountSources=%d, want 3", n)
	}
}

func TestCompareTitles(t *testing.T) {
	tests := []struct {
		a, b  string
		agree bool
	}{
		{"US President", "President", true},
		{"U.S. President", "president", true},
		{"Ukraine's president", "Ukrainian President", true},
		{"Finland’s President", "Finnish President", true},
		{"Germany’s Foreign Minister", "German Foreign Minister", true},
		{"Kremlin spokesman", "Spokesman", true},
		{"Republican Senator", "Senator", true},
		{"Secretary of State", "US Secretary of State", true},
		{"Polish PM", "Prime Minister", true},
		{"former US President", "President", false},
		{"ex-President", "President", false},
		{"Vice President", "President", false},
		{"Deputy Prime Minister", "Prime Minister", false},
		{"acting Secretary of State", "Secretary of State", false},
		{"President-elect", "President", false},
		{"Foreign Minister", "Defence Minister", false},
		{"Spokesman", "Chairman", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			got := discrepancy.Compare(discrepancy.Input{Articles: []discrepancy.ArticleClaims{
				art(1, claim("Jane Roe", "title", tt.a, "")),
				art(2, claim("Jane Roe", "title", tt.b, "")),
			}})
			if len(got) != 1 {
				t.Fatalf("%d comparisons, want 1", len(got))
			}
			if got[0].Conflict == tt.agree {
				t.Errorf("Conflict=%v, want %v", got[0].Conflict, !tt.agree)
			}
		})
	}
}
