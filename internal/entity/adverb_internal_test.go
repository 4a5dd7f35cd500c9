package entity

import "testing"

func TestSentenceOpeners(t *testing.T) {
	for w, want := range map[string]bool{
		"Originally": true, "Reportedly": true, "Fortunately": true, "Normally": true, "Previously": true,
		"I've": true, "We’re": true,
		"Kelly": false, "Italy": false, "Connolly": false, "Beverly": false, "Kimberly": false, "Reilly": false,
	} {
		if got := isSentenceOpener(w); got != want {
			t.Errorf("isSentenceOpener(%q) = %v, want %v", w, got, want)
		}
	}
	for _, m := range Recognize("Originally the bridge was painted green, Mara Lind said. Normally I've seen ten ships a day here.") {
		if m.Text != "Mara Lind" {
			t.Errorf("unexpected mention %q (%s)", m.Text, m.Kind)
		}
	}
}
