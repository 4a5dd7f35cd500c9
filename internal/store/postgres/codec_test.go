package postgres

import (
	"strings"
	"testing"
)

func TestSearchText(t *testing.T) {
	long := strings.Repeat("é", maxSearchText)
	tests := []struct {
		name, in, want string
	}{
		{"short", "short text", "short text"},
		{"at the cap", strings.Repeat("a", maxSearchText), strings.Repeat("a", maxSearchText)},
		{"over the cap", strings.Repeat("a", maxSearchText+3), strings.Repeat("a", maxSearchText)},
		{"two-byte characters at the cap", long, long},
		{"two-byte characters over the cap", long + "éé", long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := searchText(tt.in); got != tt.want {
				t.Errorf("searchText: %d bytes, want %d", len(got), len(tt.want))
			}
		})
	}
}
