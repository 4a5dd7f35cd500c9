package claim_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/claim"
)

// affectedAttributes are the attributes of counts of people affected.
var affectedAttributes = map[string]bool{
	"injured": true, "seriously injured": true, "slightly injured": true, "killed": true, "arrested": true,
	"evacuated": true, "missing": true, "rescued": true, "displaced": true, "hospitalised": true,
}

func affectedOnly(cs []parallax.Claim) []triple {
	out := []triple{}
	for _, c := range cs {
		if affectedAttributes[c.Attribute] {
			out = append(out, triple{c.Subject, c.Attribute, c.Value, c.Normalized})
		}
	}
	return out
}

func TestAffected(t *testing.T) {
	tests := []struct {
		name, in string
		want     []triple
	}{
		{"words, sub-count skipped", "Fourteen people were injured, three of them seriously, when a pedestrian footbridge collapsed.",
			[]triple{{"people", "injured", "Fourteen", "14"}}},
		{"hyphenated words after a dateline", "VESSA — Forty-one people were injured, three of them seriously, when the bridge collapsed.",
			[]triple{{"people", "injured", "Forty-one", "41"}}},
		{"qualifier kept", "At least 14 people were hurt.", []triple{{"people", "injured", "At least 14", "14"}}},
		{"object of the verb", "The collapse injured 41 people.", []triple{{"people", "injured", "41", "41"}}},
		{"men are people", "Two men were arrested.", []triple{{"people", "arrested", "Two", "2"}}},
		{"residents are people", "About 300 residents were evacuated.", []triple{{"people", "evacuated", "About 300", "300"}}},
		{"died", "Three people died.", []triple{{"people", "killed", "Three", "3"}}},
		{"gerund", "A car bomb exploded in the market, killing at least 12.", []triple{{"people", "killed", "at least 12", "12"}}},
		{"bare count", "Police said 41 were hurt.", []triple{{"people", "injured", "41", "41"}}},
		{"leaving", "The footbridge fell, leaving 14 people hurt, three of them badly.", []triple{{"people", "injured", "14", "14"}}},
		{"sub-count of a count", "Police say three of the 14 injured are seriously hurt.", []triple{{"people", "injured", "14", "14"}}},
		{"severity is its own attribute", "The three seriously injured, including a 12-year-old girl, were taken to hospital.",
			[]triple{{"people", "seriously injured", "three", "3"}}},
		{"bullet", "- 14 hurt, 3 seriously", []triple{{"people", "injured", "14", "14"}}},
		{"headline", "Fourteen Injured as Footbridge Collapses", []triple{{"people", "injured", "Fourteen", "14"}}},
		{"a dozen", "A dozen people were rescued from the water.", []triple{{"people", "rescued", "A dozen", "12"}}},
		{"hundreds and words", "Two hundred and twenty families were displaced.", []triple{{"family", "displaced", "Two hundred and twenty", "220"}}},
		{"multiplier", "The floods displaced 1.5 million people.", []triple{{"people", "displaced", "1.5 million", "1500000"}}},
		{"nobody", "Nobody was killed.", []triple{{"people", "killed", "Nobody", "0"}}},
		{"no one", "No one died.", []triple{{"people", "killed", "No one", "0"}}},
		{"nobody aboard", "Nobody aboard is hurt.", []triple{{"people", "injured", "Nobody", "0"}}},
		{"death toll", "The death toll rose to at least 12 on Tuesday.", []triple{{"people", "killed", "at least 12", "12"}}},
		{"group keeps its key", "Three children were among 12 people killed.", []triple{{"people", "killed", "12", "12"}}},
		{"two counts", "The attack killed 12 people and wounded 40 others.", []triple{{"people", "killed", "12", "12"}, {"people", "injured", "40", "40"}}},
		{"missing", "Five fishermen remain missing.", []triple{{"fisherman", "missing", "Five", "5"}}},
		{"plural in -es", "Deputies detained as many as nine witnesses.", []triple{{"witness", "arrested", "as many as nine", "9"}}},
		{"age", "A 12-year-old girl was injured.", []triple{}},
		{"age after aged", "A girl aged 12 was injured.", []triple{}},
		{"age of a singular", "The victim, 12, was injured.", []triple{}},
		{"time", "The bridge gave way at about 9:40 p.m., injuring dozens.", []triple{}},
		{"dozens is no count", "Dozens of people were injured.", []triple{}},
		{"year", "In 2014 people were killed there.", []triple{}},
		{"money", "The city paid $14 million to people injured in the collapse.", []triple{}},
		{"percentage", "Turnout fell 14% as people were evacuated.", []triple{}},
		{"years later", "He was arrested 12 years later.", []triple{}},
		{"times", "She was injured 3 times.", []triple{}},
		{"attributive", "Two injured horses were found.", []triple{}},
		{"active with object", "Two men killed a guard.", []triple{}},
		{"something else", "The minister ordered checks on 62 bridges after people were hurt.", []triple{}},
		{"part", "Three of the passengers were injured.", []triple{}},
		{"part of a count", "Two of the three victims died.", []triple{}},
		{"of a number", "The mother of two died in the crash.", []triple{}},
		{"pronoun", "When one is killed, all of us lose.", []triple{}},
		{"passive", "He was arrested five buildings away.", []triple{}},
		{"nearly", "Two were nearly killed.", []triple{}},
		{"no one else", "One man was shot dead and no one else was injured.", []triple{}},
		{"dash", "She leaves two grandchildren – died later.", []triple{}},
		{"split number", "It killed more than 31, 000 in 2003.", []triple{}},
		{"time after the noun", "A bomb killed at least three people today.", []triple{{"people", "killed", "at least three", "3"}}},
		{"left dead", "The attack left three biology professors dead.", []triple{{"professor", "killed", "three", "3"}}},
		{"of the count", "Of the 23 pirates arrested, 12 are Somali.", []triple{{"pirate", "arrested", "23", "23"}}},
		{"a total of", "Officials said a total of 10 people had been killed.", []triple{{"people", "killed", "a total of 10", "10"}}},
		{"one of the object", "He shot three people, killing one.", []triple{{"people", "killed", "one", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := claim.Extract(tt.in, nil, time.Time{})
			checkClaims(t, tt.in, cs)
			if diff := cmp.Diff(tt.want, affectedOnly(cs)); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			for _, c := range cs {
				if affectedAttributes[c.Attribute] && (c.Evidence != tt.in || tt.in[c.ValueSpan.Start:c.ValueSpan.End] != c.Value) {
					t.Errorf("claim %+v: evidence or value span wrong", c)
				}
			}
		})
	}
}

// TestAffectedNotCountedTwice checks that a count of people affected is
// not also read as a plain number ("people · count").
func TestAffectedNotCountedTwice(t *testing.T) {
	in := "Fourteen people were injured and about 300 residents were evacuated."
	got := triples(claim.Extract(in, nil, time.Time{}))
	want := []triple{{"people", "injured", "Fourteen", "14"}, {"people", "evacuated", "about 300", "300"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Extract(%q) mismatch (-want +got):\n%s", in, diff)
	}
}
