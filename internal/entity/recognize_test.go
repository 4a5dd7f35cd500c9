package entity_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/text"
)

// maxMentionWords bounds a mention: a longer one is a runaway span.
const maxMentionWords = 10

// checkMentions verifies what must hold for any input: offsets on rune
// boundaries inside the text and inside the mention's sentence, text equal
// to the slice, known kinds, and no runaway spans.
func checkMentions(t *testing.T, s string, ms []parallax.Mention) {
	t.Helper()
	sents := text.Sentences(s)
	for _, m := range ms {
		if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
			t.Fatalf("mention %+v: offsets outside [0, %d)", m, len(s))
		}
		if utf8.ValidString(s) && (!utf8.RuneStart(s[m.Start]) || (m.End < len(s) && !utf8.RuneStart(s[m.End]))) {
			t.Fatalf("mention %+v: offsets inside a character", m)
		}
		if s[m.Start:m.End] != m.Text {
			t.Fatalf("mention Text=%q, want %q", m.Text, s[m.Start:m.End])
		}
		if m.Sentence < 0 || m.Sentence >= len(sents) {
			t.Fatalf("mention %+v: sentence out of %d", m, len(sents))
		}
		if sent := sents[m.Sentence]; m.Start < sent.Start || m.End > sent.End {
			t.Fatalf("mention %+v: outside its sentence %+v", m, sent)
		}
		if n := len(text.Tokens(m.Text)); n > maxMentionWords {
			t.Fatalf("mention %q: %d words", m.Text, n)
		}
		switch m.Kind {
		case parallax.EntityPerson, parallax.EntityOrg, parallax.EntityPlace, parallax.EntityOther:
		default:
			t.Fatalf("mention %+v: kind %q", m, m.Kind)
		}
	}
}

func kindOf(ms []parallax.Mention, name string) []parallax.EntityKind {
	var out []parallax.EntityKind
	for _, m := range ms {
		if m.Text == name {
			out = append(out, m.Kind)
		}
	}
	return out
}

func TestRecognize(t *testing.T) {
	m, err := entity.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		text string
		kind parallax.EntityKind // "" means: not a mention at all
		role string
	}{
		{"zelenskyy is a person", "Ukrainian President Volodymyr Zelenskyy said on Monday that Kyiv would not give up the Donbas.", "Volodymyr Zelenskyy", parallax.EntityPerson, "Ukrainian President"},
		{"surname alone after full name", "Volodymyr Zelenskyy spoke in Kyiv. Later, Zelenskyy said he was hopeful.", "Zelenskyy", parallax.EntityPerson, ""},
		{"october is no place", "The talks in Geneva began in October and ended on Sunday.", "October", "", ""},
		{"geneva is a place", "The talks in Geneva began in October and ended on Sunday.", "Geneva", parallax.EntityPlace, ""},
		{"kremlin is an organisation", "The Kremlin said it had not received any updates.", "Kremlin", parallax.EntityOrg, ""},
		{"nato", "Ukraine wants to join NATO, officials said.", "NATO", parallax.EntityOrg, ""},
		{"state department", "A spokesman for the State Department declined to comment.", "State Department", parallax.EntityOrg, ""},
		{"donbas after a territorial verb", "Russia demands Ukraine's full withdrawal from the Donbas, but Kyiv refuses.", "Donbas", parallax.EntityPlace, ""},
		{"former us president", "Meanwhile, former US President Donald Trump hinted online that progress was possible.", "Donald Trump", parallax.EntityPerson, "former US President"},
		{"apposition", "Dmitry Peskov, the Kremlin spokesman, said Moscow was aware of the plan.", "Dmitry Peskov", parallax.EntityPerson, "Kremlin spokesman"},
		{"honorific trimmed", "UK Prime Minister Sir Keir Starmer said more work is needed.", "Keir Starmer", parallax.EntityPerson, "UK Prime Minister"},
		{"possessive role", "Finland's President Alexander Stubb said major issues remain.", "Alexander Stubb", parallax.EntityPerson, "Finland's President"},
		{"country split from a pair", "Hamas and Israel agreed to a ceasefire brokered by Qatar and Egypt.", "Israel", parallax.EntityPlace, ""},
		{"country is a place", "Hamas and Israel agreed to a ceasefire brokered by Qatar and Egypt.", "Qatar", parallax.EntityPlace, ""},
		{"possessive of a personal relation", "Officials met Zelenskyy's envoy on Friday.", "Zelenskyy", parallax.EntityPerson, ""},
		{"the kremlin's envoy stays an organisation", "Officials met the Kremlin's envoy on Friday.", "Kremlin", parallax.EntityOrg, ""},
		{"nato's envoy stays an organisation", "Officials met NATO's envoy on Friday.", "NATO", parallax.EntityOrg, ""},
		{"a name ends in a capitalised word", "Ukrainian President Volodymyr Zelenskyy has said his government is willing to talk.", "Volodymyr Zelenskyy", parallax.EntityPerson, "Ukrainian President"},
		{"name after a title", "Talks went on, while German Chancellor Friedrich Merz warned that the process would be long.", "Friedrich Merz", parallax.EntityPerson, "German Chancellor"},
		{"title inside an organisation span", "US Secretary of State Marco Rubio said the talks went well.", "Marco Rubio", parallax.EntityPerson, "US Secretary of State"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := m.Recognize(tt.in)
			checkMentions(t, tt.in, ms)
			var found *parallax.Mention
			for i := range ms {
				if ms[i].Text == tt.text {
					found = &ms[i]
					break
				}
			}
			if tt.kind == "" {
				if found != nil {
					t.Fatalf("%q tagged %s, want no mention", tt.text, found.Kind)
				}
				return
			}
			if found == nil {
				t.Fatalf("no mention %q in %+v", tt.text, ms)
			}
			if found.Kind != tt.kind {
				t.Errorf("Kind=%q, want %q", found.Kind, tt.kind)
			}
			if found.Role != tt.role {
				t.Errorf("Role=%q, want %q", found.Role, tt.role)
			}
		})
	}
}

func TestRecognizeBadInput(t *testing.T) {
	m, err := entity.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			s := string(raw)
			ms := m.Recognize(s)
			checkMentions(t, s, ms)
			if len(ms) == 0 {
				t.Errorf("no mentions in %s", name)
			}
			for _, k := range kindOf(ms, "October") {
				t.Errorf("October tagged %s", k)
			}
		})
	}
}

func TestRecognizeNamesWithMarks(t *testing.T) {
	m, err := entity.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	s := "Trade commissioner Maroš Šefčovič and the comedian Conan O'Brien met Zelenskyy’s envoy."
	ms := m.Recognize(s)
	checkMentions(t, s, ms)
	for _, want := range []string{"Maroš Šefčovič", "Zelenskyy"} {
		if kinds := kindOf(ms, want); len(kinds) != 1 || kinds[0] != parallax.EntityPerson {
			t.Errorf("%q kinds=%v, want [person]; mentions %+v", want, kinds, ms)
		}
	}
	if kinds := kindOf(ms, "Conan O'Brien"); len(kinds) != 1 {
		t.Errorf("Conan O'Brien is not one mention: %+v", ms)
	}
}

func TestRecognizeLongSentence(t *testing.T) {
	s := strings.Repeat("Ukrainian President Volodymyr Zelenskyy and Kremlin spokesman Peskov, ", 3000)
	ms := entity.Recognize(s)
	checkMentions(t, s, ms)
	if len(ms) < 3000 {
		t.Errorf("%d mentions in 3,000 repeats, want one per name at least", len(ms))
	}
}

func TestRecognizeEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "\n\n", "“", "...", "'s", "U.S."} {
		checkMentions(t, s, entity.Recognize(s))
	}
}

func FuzzRecognize(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw))
	}
	f.Add("Mr. J. R. R. Tolkien's U.S.A. ‘Zelenskyy’s’ O’Brien's")
	m, err := entity.DefaultModel()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := m.Recognize(s)
		checkMentions(t, s, ms)
		docs := []entity.DocMentions{{ArticleID: 1, Mentions: ms}, {ArticleID: 2, Mentions: m.Recognize(strings.ToUpper(s))}}
		for _, e := range entity.Resolve(docs) {
			if e.Name == "" {
				t.Fatalf("entity without a name: %+v", e)
			}
		}
	})
}

func BenchmarkRecognize(b *testing.B) {
	_, bodies := seedDocs(b)
	article := bodies[len(bodies)-1]
	words := len(text.Tokens(article))
	m, err := entity.DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start, _ := cputime.Process()
	n := 0
	for b.Loop() {
		m.Recognize(article)
		n++
	}
	b.ReportMetric(float64(words)*float64(n)/b.Elapsed().Seconds(), "words/s")
	if now, ok := cputime.Process(); ok && now > start {
		cpu := now - start
		// per core: CPU time, not wall time, on a machine shared with others
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
		b.ReportMetric(float64(words)*float64(n)/cpu.Seconds(), "words/cpu-s")
	}
}

func BenchmarkResolve(b *testing.B) {
	docs, _ := recognizeSeeds(b)
	b.ReportAllocs()
	for b.Loop() {
		entity.Resolve(docs)
	}
}
