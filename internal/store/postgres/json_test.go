package postgres

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

// decodesLike checks that got is valid JSON decoding to what want (the
// value encoded by encoding/json) decodes to.
func decodesLike(t *testing.T, got []byte, want any) {
	t.Helper()
	ref, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode %q: %v", got, err)
	}
	if err := json.Unmarshal(ref, &w); err != nil {
		t.Fatalf("decode %q: %v", ref, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%q decodes differently from encoding/json's %q (-want +got):\n%s", got, ref, diff)
	}
}

func TestEncodeLists(t *testing.T) {
	tests := []struct {
		name string
		got  []byte
		want any
	}{
		{"nil blocks", encodeBlocks(nil), []parallax.Block(nil)},
		{"no blocks", encodeBlocks([]parallax.Block{}), []parallax.Block{}},
		{"blocks", encodeBlocks([]parallax.Block{
			{Kind: parallax.BlockHeading, Text: "Überschrift \"quoted\" <b>&</b>"},
			{Kind: parallax.BlockParagraph, Text: "line\nbreak\ttab\\ \x01 \u2028 bad \xff\xfe end"},
		}), []parallax.Block{
			{Kind: parallax.BlockHeading, Text: "Überschrift \"quoted\" <b>&</b>"},
			{Kind: parallax.BlockParagraph, Text: "line\nbreak\ttab\\ \x01 \u2028 bad \xff\xfe end"},
		}},
		{"nil removed", encodeRemoved(nil), []parallax.Removed(nil)},
		{"removed", encodeRemoved([]parallax.Removed{{Text: "Subscribe", Reason: "promo"}, {}}),
			[]parallax.Removed{{Text: "Subscribe", Reason: "promo"}, {}}},
		{"nil strings", encodeStrings(nil), []string(nil)},
		{"no strings", encodeStrings([]string{}), []string{}},
		{"strings", encodeStrings([]string{"world", "", "é\r"}), []string{"world", "", "é\r"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			decodesLike(t, tt.got, tt.want)
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\/", "\x00\x1f\x7f", "é€😀", "\xff", "a\xc3", "\u2028\u2029", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		decodesLike(t, appendJSONString(nil, s), s)
	})
}
