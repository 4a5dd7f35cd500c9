package quote_test

import (
	"testing"

	"github.com/parallax-news/parallax/internal/quote"
)

// TestAttributions checks the stances and intentions that Attributions
// returns beside speech (and Extract leaves out).
func TestAttributions(t *testing.T) {
	tests := []struct {
		name, in, cue, text string
	}{
		{"infinitive", "Jane Roe declined to comment on the talks.", "declined", "to comment on the talks"},
		{"progressive", "Jane Roe is demanding a recount in three counties.", "is demanding", "a recount in three counties"},
		{"topic after a preposition", "Jane Roe talked about the border wall.", "talked", "the border wall"},
		{"that-cue without that", "Jane Roe announced her candidacy in Ohio.", "announced", "her candidacy in Ohio"},
		{"participle without comma", "He held a placard supporting Jane Roe.", "supporting", "Jane Roe"},
		{"dash signature", "“The debate changed my mind.” ― Jane Roe", "―", "The debate changed my mind."},
		{"passive with agent", "The bill, opposed by Jane Roe, passed on Monday.", "opposed by", "The bill"},
		{"possessive noun", "The rally followed his endorsement of Jane Roe.", "endorsement", "Jane Roe"},
		{"infinitive after a verb", "Jane Roe visited the studio to discuss the border wall.", "to discuss", "the border wall"},
		{"poll as source", "In the latest Acme poll, Jane Roe leads by ten points.", "In", "Jane Roe leads by ten points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := quote.Attributions(tt.in, standInMentions(tt.in))
			if len(qs) != 1 {
				t.Fatalf("Attributions(%q) = %d quotes, want 1: %+v", tt.in, len(qs), qs)
			}
			if qs[0].Cue != tt.cue || qs[0].Text != tt.text {
				t.Errorf("Cue=%q Text=%q, want %q %q", qs[0].Cue, qs[0].Text, tt.cue, tt.text)
			}
		})
	}
}
