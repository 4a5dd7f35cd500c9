package quote_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/quote"
)

type got struct {
	Speaker, Text, Cue string
	Kind               parallax.QuoteKind
}

func extract(s string) []got {
	var out []got
	for _, q := range quote.Extract(s, standInMentions(s)) {
		out = append(out, got{q.Speaker, q.Text, q.Cue, q.Kind})
	}
	return out
}

func TestForms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []got
	}{
		{"curly after", "“We will win this fight,” Jane Roe said.",
			[]got{{"Jane Roe", "We will win this fight", "said", parallax.QuoteDirect}}},
		{"straight inverted", `"The deal is dead," said spokesman John Smith.`,
			[]got{{"John Smith", "The deal is dead", "said", parallax.QuoteDirect}}},
		{"angled", "«Nous allons gagner la guerre», a déclaré Jean Dupont.",
			nil},
		{"angled english cue", "«The talks were useful», said Jean Dupont.",
			[]got{{"Jean Dupont", "The talks were useful", "said", parallax.QuoteDirect}}},
		{"split quote", "“I think,” Jane Roe said, “that we are close.”",
			[]got{{"Jane Roe", "I think that we are close.", "said", parallax.QuoteDirect}}},
		{"several sentences", "Jane Roe told reporters: “We are close. We are not there yet. Talks go on.”",
			[]got{{"Jane Roe", "We are close. We are not there yet. Talks go on.", "told", parallax.QuoteDirect}}},
		{"said that", "Jane Roe said that the talks would resume on Monday.",
			[]got{{"Jane Roe", "the talks would resume on Monday", "said", parallax.QuoteReported}}},
		{"dash signature", "Readers wrote in.\n“The debate changed my mind. I will vote.” ― Jane Roe\n”We deserve better than this campaign.”― John Smith.",
			[]got{{"Jane Roe", "The debate changed my mind. I will vote.", "―", parallax.QuoteDirect},
				{"John Smith", "We deserve better than this campaign.", "―", parallax.QuoteDirect}}},
		{"dash before lower case is no signature", "“The debate changed my mind.” — and then the polls moved.",
			nil},
		{"progressive cue", "Jane Roe is insisting that the deal is dead.",
			[]got{{"Jane Roe", "the deal is dead", "is insisting", parallax.QuoteReported}}},
		{"infinitive is no speech", "Jane Roe declined to comment on the talks.",
			nil},
		{"who said, said", "Jane Roe, who said the plan was sound, said she was unaware of any dispute.",
			[]got{{"Jane Roe", "the plan was sound", "said", parallax.QuoteReported},
				{"Jane Roe", "she was unaware of any dispute", "said", parallax.QuoteReported}}},
		{"long appositive, clause after said", "John Smith, a businessman who had been a member of the board before leaving last month, said Roe had been led astray by advisers.",
			[]got{{"John Smith", "Roe had been led astray by advisers", "said", parallax.QuoteReported}}},
		{"editor's note", "Editor’s note: “Neither do I.”",
			nil},
		{"reflexive after the speaker", "Acme itself said the deal was on.",
			[]got{{"Acme itself", "the deal was on", "said", parallax.QuoteReported}}},
		{"multi-paragraph after a colon", "The Daily Planet reports:\n\n\"Turnout fell in every county we visited.\n\n\"Officials expect a recount.\"",
			[]got{{"Daily Planet", "Turnout fell in every county we visited. Officials expect a recount.", "reports:", parallax.QuoteDirect}}},
		{"intro phrase before the speaker", "Regarding the talks, Jane Roe said the mood was good.",
			[]got{{"Jane Roe", "the mood was good", "said", parallax.QuoteReported}}},
		{"according to", "According to Jane Roe, the talks will resume soon.",
			[]got{{"Jane Roe", "the talks will resume soon", "According to", parallax.QuoteReported}}},
		{"according to after", "The talks will resume soon, according to Jane Roe.",
			[]got{{"Jane Roe", "The talks will resume soon", "according to", parallax.QuoteReported}}},
		{"warned", "Jane Roe warned that the deal could collapse.",
			[]got{{"Jane Roe", "the deal could collapse", "warned", parallax.QuoteReported}}},
		{"told reporters", "Jane Roe told reporters the deal was close.",
			[]got{{"Jane Roe", "the deal was close", "told", parallax.QuoteReported}}},
		{"noted", "Jane Roe noted that both sides had moved.",
			[]got{{"Jane Roe", "both sides had moved", "noted", parallax.QuoteReported}}},
		{"no marks", "We are closer to peace, Jane Roe said.",
			[]got{{"Jane Roe", "We are closer to peace", "said", parallax.QuoteReported}}},
		{"pronoun", "Jane Roe arrived in Geneva on Sunday. “The mood is good,” she said.",
			[]got{{"Jane Roe", "The mood is good", "said", parallax.QuoteDirect}}},
		{"surname", "Marco Rubio led the talks. “Progress was made,” Rubio said.",
			[]got{{"Marco Rubio", "Progress was made", "said", parallax.QuoteDirect}}},
		{"description", "Kremlin spokesman Dmitry Peskov spoke first. Later, the spokesman said the plan was welcome.",
			[]got{{"Dmitry Peskov", "the plan was welcome", "said", parallax.QuoteReported}}},
		{"appositive", "“It is over,” John Smith, a senior official, said on Monday.",
			[]got{{"John Smith", "It is over", "said", parallax.QuoteDirect}}},
		{"scare quotes only", "The talks made “tremendous” progress on Monday.", nil},
		{"inverted at sentence start", "Said Jane Roe, “The talks were useful.”",
			[]got{{"Jane Roe", "The talks were useful.", "Said", parallax.QuoteDirect}}},
		{"speaker with party tag and appositive", "“It is over,” Sen. John Smith (R-Ohio), a senior member, said. “We lost.”",
			[]got{{"John Smith", "It is over. We lost.", "said", parallax.QuoteDirect}}},
		{"as X put it", "As Jane Roe put it, “The talks were useful.”",
			[]got{{"Jane Roe", "The talks were useful.", "put it", parallax.QuoteDirect}}},
		{"present tense before a colon", "Jane Roe continues: “The talks were useful.”",
			[]got{{"Jane Roe", "The talks were useful.", "continues:", parallax.QuoteDirect}}},
		{"colon closing the paragraph", "Jane Roe told the crowd, to loud applause:\n\n“We will win this fight.”",
			[]got{{"Jane Roe", "We will win this fight.", "told", parallax.QuoteDirect}}},
		{"coordinated cues", "Jane Roe said the talks were useful but warned that the deal could collapse.",
			[]got{{"Jane Roe", "the talks were useful", "said", parallax.QuoteReported},
				{"Jane Roe", "the deal could collapse", "warned", parallax.QuoteReported}}},
		{"subordinate clause first", "When Jane Roe warned that the deal could collapse, John Smith said the talks would go on.",
			[]got{{"Jane Roe", "the deal could collapse", "warned", parallax.QuoteReported},
				{"John Smith", "the talks would go on", "said", parallax.QuoteReported}}},
		{"title after the cue", "Jane Roe said in her book, “A Long Road,” that the talks were useful.",
			[]got{{"Jane Roe", "the talks were useful", "said", parallax.QuoteReported}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, extract(tt.in)); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// checkQuotes asserts the invariants every output must keep.
func checkQuotes(t *testing.T, s string, qs []parallax.Quote) {
	t.Helper()
	for _, q := range qs {
		if q.Start < 0 || q.End > len(s) || q.Start >= q.End {
			t.Fatalf("bad quote span %d:%d of %d bytes", q.Start, q.End, len(s))
		}
		if q.End-q.Start > 20000 {
			t.Fatalf("runaway quote span %d:%d", q.Start, q.End)
		}
		if !utf8.ValidString(q.Text) && utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", q.Text)
		}
		for _, sp := range []parallax.Span{q.SpeakerSpan, q.CueSpan} {
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
				t.Fatalf("bad span %+v", sp)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	long := "“" + strings.Repeat("This sentence goes on and on without a closing mark. ", 400)
	tests := []struct {
		name    string
		in      string
		maxSpan int
	}{
		{"unbalanced open", "“We will win,” Jane Roe said. “And then she left without closing, Jane Roe said.", 200},
		{"unbalanced close", "We will win,” Jane Roe said.", 100},
		{"runs to the end", "Jane Roe said: " + long, 5000},
		{"all caps", "“WE WILL WIN,” JANE ROE SAID. JANE ROE SAID THAT THE TALKS WOULD GO ON.", 100},
		{"diacritics and apostrophes", "“C'est fini,” Maroš Šefčovič said. Dan O'Brien told reporters he didn't agree. ‘Zelenskyy’s plan’ works, he said.", 100},
		{"empty", "", 0},
		{"only marks", "“”“”\"\"«»‘’'", 0},
		{"invalid utf8", "\xff“\xfe said \xff”, he said", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := quote.Extract(tt.in, standInMentions(tt.in))
			checkQuotes(t, tt.in, qs)
			for _, q := range qs {
				if q.End-q.Start > tt.maxSpan {
					t.Errorf("quote %d:%d longer than %d bytes", q.Start, q.End, tt.maxSpan)
				}
			}
		})
	}
	t.Run("all caps finds the speaker", func(t *testing.T) {
		qs := quote.Extract("“WE WILL WIN,” JANE ROE SAID.", nil)
		if len(qs) != 1 || qs[0].Speaker != "JANE ROE" {
			t.Errorf("Extract(all caps) = %+v, want one quote by JANE ROE", qs)
		}
	})
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
		ms := standInMentions(s)
		checkQuotes(t, s, quote.Extract(s, ms))
		checkQuotes(t, s, quote.Attributions(s, ms))
	})
}
