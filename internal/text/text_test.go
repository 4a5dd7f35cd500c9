package text_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/text"
)

func spanTexts(spans []text.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Text)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "One thing. Another thing! A third?", []string{"One thing.", "Another thing!", "A third?"}},
		{"abbreviation", "Sen. Jane Roe met Dr. Li on Nov. 24. They talked.", []string{"Sen. Jane Roe met Dr. Li on Nov. 24.", "They talked."}},
		{"initials", "The U.S. and J. Smith agreed. Then it rained.", []string{"The U.S. and J. Smith agreed.", "Then it rained."}},
		{"closing quote", "“We will win,” he said. “Soon.” Then he left.", []string{"“We will win,” he said.", "“Soon.”", "Then he left."}},
		{"newline", "A heading\nA body sentence. Another one.", []string{"A heading", "A body sentence.", "Another one."}},
		{"lowercase after period", "It cost 1.5 million. e.g. this stays.", []string{"It cost 1.5 million. e.g. this stays."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spanTexts(text.Sentences(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSentenceOffsets(t *testing.T) {
	in := "First one. Second one.\nThird."
	for _, s := range text.Sentences(in) {
		if in[s.Start:s.End] != s.Text {
			t.Errorf("span %d:%d = %q, want %q", s.Start, s.End, in[s.Start:s.End], s.Text)
		}
	}
}

func TestTokensAndTerms(t *testing.T) {
	toks := text.Tokens("Putin's 28-point plan cut 880,000 to 600,000 (1.5%).")
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Text)
	}
	want := []string{"Putin's", "28-point", "plan", "cut", "880,000", "to", "600,000", "1.5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tokens mismatch (-want +got):\n%s", diff)
	}
	terms := text.Terms("The negotiators were negotiating 880,000 troops")
	wantTerms := []string{"negoti", "negoti", "880000", "troop"}
	if diff := cmp.Diff(wantTerms, terms); diff != "" {
		t.Errorf("Terms mismatch (-want +got):\n%s", diff)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Šefčovič", "sefcovic"},
		{"Zelenskyy’s", "zelenskyy's"},
		{"GENEVA", "geneva"},
	}
	for _, tt := range tests {
		if got := text.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	got := spanTexts(text.Names("The Bank of England and Marco Rubio met in Geneva. But Kyiv said no."))
	want := []string{"Bank of England", "Marco Rubio", "Geneva", "Kyiv"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Names mismatch (-want +got):\n%s", diff)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("One thing. Another thing! “Quoted.” U.S. stuff.\nNext")
	f.Add("...!!??")
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range text.Sentences(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End || s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("bad span %+v of %q", sp, s)
			}
		}
		for _, tk := range text.Tokens(s) {
			if s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v of %q", tk, s)
			}
		}
		text.Names(s)
	})
}
