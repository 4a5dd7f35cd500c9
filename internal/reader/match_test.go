package reader

import "testing"

func TestNameMatches(t *testing.T) {
	tests := []struct {
		follow, entity string
		want           bool
	}{
		{"Marco Rubio", "Marco Rubio", true},
		{"rubio", "Marco Rubio", true},
		{"Rubio's", "Marco Rubio", true},
		{"Marco Rubio", "Marco Antonio Rubio", true},
		{"Antonio Rubio", "Marco Antonio Rubio", true},
		{"Marco", "Marco Rubio", false},
		{"Ed", "Edward Edwards", false},
		{"Ed", "Ed Miliband", false},
		{"Miliband", "Ed Miliband", true},
		{"England", "Bank of England", false},
		{"Bank of England", "Bank of England", true},
		{"Marco Rubio", "Rubio", false},
		{"Zelenskyy", "Volodymyr Zelenskyy", true},
		{"zelenskyy", "Volodymyr Zelénskyy", true},
		{"Smith", "A B C D Smith", false},
		{"", "Marco Rubio", false},
	}
	for _, tt := range tests {
		t.Run(tt.follow+"/"+tt.entity, func(t *testing.T) {
			if got := nameMatches(words(tt.follow, false), words(tt.entity, false)); got != tt.want {
				t.Fatalf("nameMatches(%q, %q)=%v, want %v", tt.follow, tt.entity, got, tt.want)
			}
		})
	}
}

func TestWordsCamel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UkraineWar", "ukraine war"},
		{"NATO", "nato"},
		{"iPhone", "i phone"},
		{"COVID19", "covid19"},
		{"Élysée Palace", "elysee palace"},
	}
	for _, tt := range tests {
		got := ""
		for i, w := range words(tt.in, true) {
			if i > 0 {
				got += " "
			}
			got += w
		}
		if got != tt.want {
			t.Errorf("words(%q, camel)=%q, want %q", tt.in, got, tt.want)
		}
	}
}
