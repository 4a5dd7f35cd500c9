package extract

import (
	"testing"

	"github.com/parallax-news/parallax"
)

func TestMenuLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"News | Region | Business | Sport | Culture | Opinion", true},
		{"Home · World · Climate", true},
		{"Politics • Economy • Letters to the Editor", false}, // an item of four words
		{"Home | World", false},                               // two items
		{"He said: yes | no | maybe.", false},
		{"The vote was 12 | 3 | 1, officials said.", false},
	}
	for _, tt := range tests {
		if got := isMenuLine(tt.in); got != tt.want {
			t.Errorf("isMenuLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPlaceOnlyDateline(t *testing.T) {
	tests := []struct {
		in   string
		want parallax.Dateline
		ok   bool
	}{
		{"CARROWMOUTH —", parallax.Dateline{Place: "CARROWMOUTH"}, true},
		{"PORT ELLIS (Meridian Wire) —", parallax.Dateline{Place: "PORT ELLIS"}, true},
		{"Summary —", parallax.Dateline{}, false}, // not in capitals
		{"THE WEEK IN REVIEW, PART ONE AND TWO —", parallax.Dateline{}, false},
		{"GENEVA —  Nov. 24, 2025", parallax.Dateline{}, true}, // dated: the full form
	}
	for _, tt := range tests {
		got, ok := parseDatelineLine(tt.in)
		if ok != tt.ok || (tt.want.Place != "" && got != tt.want) {
			t.Errorf("parseDatelineLine(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCreditCaption(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Wheat is piled under tarpaulins in a farmyard. (Brightwater Post / Eda Kurtulus)", true},
		{"Crowds on the quay at dawn (Jo Ames/Harbour Ledger)", true},
		{"The ratio rose (from 1/3 to 1/2) over the year.", false},
		{"Talks resumed on Monday (local time).", false},
	} {
		f := lineFeatures(tt.in)
		if got := isCaptionLine(tt.in, foldText(tt.in), f); got != tt.want {
			t.Errorf("isCaptionLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// A masthead on the first line is the publisher when the page's chrome
// names it again; a first line that nothing repeats stays where it was.
func TestMasthead(t *testing.T) {
	doc := "Harbour Ledger\n\nFerry Service Resumes After Three-Day Storm Closure\n\nBy Jo Ames\n\n" +
		"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days, the operator said.\n\n" +
		"Four sailings a day will run until the timetable returns to normal next week, a spokesperson said.\n\n" +
		"Subscribe to the Harbour Ledger for unlimited access.\n"
	a, err := Document(&parallax.Document{ContentType: "text/plain", Body: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "Harbour Ledger" {
		t.Errorf("source %q, want the masthead", a.Source)
	}
	for _, b := range a.Body {
		if b.Text == "Harbour Ledger" {
			t.Errorf("the masthead is in the body")
		}
	}
	plain := "Harbour Ledger\n\nFerry Service Resumes After Three-Day Storm Closure\n\nBy Jo Ames\n\n" +
		"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days, the operator said.\n"
	b, err := Document(&parallax.Document{ContentType: "text/plain", Body: []byte(plain)})
	if err != nil {
		t.Fatal(err)
	}
	if b.Source != "" {
		t.Errorf("an unrepeated first line became the source %q", b.Source)
	}
}

func TestPromoSentences(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Get breaking news alerts from the coast with the Harbour Ledger app. Download it free today.", true},
		{"The council said the app would be ready in May. Residents can use it to report potholes and broken lights.", false},
		{"Ferries resumed on Monday after the storm. The operator said four sailings a day would run.", false},
	} {
		f := lineFeatures(tt.in)
		r, _ := chromeReason(tt.in, foldText(tt.in), f)
		if got := r != ""; got != tt.want {
			t.Errorf("chromeReason(%q) = %q, want chrome %v", tt.in, r, tt.want)
		}
	}
}

// The publisher of an article without a masthead is the name its own
// promotions and credits repeat; a photographer's name repeated only in
// credits is not.
func TestChromeName(t *testing.T) {
	doc := "Ferry Service Resumes After Three-Day Storm Closure\n\nBy Jo Ames\n\n" +
		"A ferry leaves Osterholm on Monday morning. (Photo: Lee Marr / Harbour Ledger)\n\n" +
		"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days, the operator said.\n\n" +
		"Four sailings a day will run until the timetable returns to normal next week, a spokesperson said.\n\n" +
		"Get storm alerts with the Harbour Ledger app. Download it free today.\n\n" +
		"A second ferry waits at the quay. (Photo: Lee Marr / Harbour Ledger)\n"
	a, err := Document(&parallax.Document{ContentType: "text/plain", Body: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "Harbour Ledger" {
		t.Errorf("source %q, want Harbour Ledger", a.Source)
	}
	credits := "Ferry Service Resumes After Three-Day Storm Closure\n\nBy Jo Ames\n\n" +
		"A ferry leaves Osterholm on Monday morning. (Photo: Lee Marr / Agency)\n\n" +
		"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days, the operator said.\n\n" +
		"A second ferry waits at the quay. (Photo: Lee Marr / Agency)\n"
	if b, err := Document(&parallax.Document{ContentType: "text/plain", Body: []byte(credits)}); err != nil || b.Source != "" {
		t.Errorf("source %q (%v), want none: the name is only a photographer's", b.Source, err)
	}
}
