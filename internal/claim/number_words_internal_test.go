package claim

import "testing"

// TestWordValueReadsEveryNumberWord guards wordValue's first-letter filter:
// every number word, and every hyphenated tens-and-unit, is read.
func TestWordValueReadsEveryNumberWord(t *testing.T) {
	for w, want := range smallNumbers {
		if got, ok := wordValue(w); !ok || got != want {
			t.Errorf("wordValue(%q) = %v, %v, want %v", w, got, ok, want)
		}
		for u, uv := range smallNumbers {
			if want < 20 || int(want)%10 != 0 || uv >= 10 {
				continue
			}
			if got, ok := wordValue(w + "-" + u); !ok || got != want+uv {
				t.Errorf("wordValue(%q) = %v, %v, want %v", w+"-"+u, got, ok, want+uv)
			}
		}
	}
}

// TestNumberWordReadsEveryNumberWord guards numberWord's first-letter
// filter.
func TestNumberWordReadsEveryNumberWord(t *testing.T) {
	for w, want := range numberWords {
		if got, ok := numberWord(w); !ok || got != want {
			t.Errorf("numberWord(%q) = %v, %v, want %v", w, got, ok, want)
		}
	}
}
