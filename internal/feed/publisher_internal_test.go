package feed

import "testing"

func TestPublisher(t *testing.T) {
	for in, want := range map[string]string{
		"Meridian Wire — Top News":     "Meridian Wire",
		"The Harbour Ledger | Latest":  "The Harbour Ledger",
		"Civic Standard - RSS":         "Civic Standard",
		"Kestrel Radio: Headlines":     "Kestrel Radio",
		"News - Politics":              "News",
		"Science — Space and Oceans":   "Science — Space and Oceans",
		"The Week: Analysis and Ideas": "The Week: Analysis and Ideas",
		"Top News":                     "Top News",
		"":                             "",
	} {
		if got := publisher(in); got != want {
			t.Errorf("publisher(%q) = %q, want %q", in, got, want)
		}
	}
}
