package entity_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/entity"
)

func TestNameKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Zelensky", "Zelenskyy", true},
		{"Zelenskiy", "Zelenskyi", true},
		{"Volodymyr Zelensky", "Volodymyr Zelenskyy's", true},
		{"Dmitri Peskov", "Dmitry Peskov", true},
		{"Dmitriy", "Dmitri", true},
		{"Aleksei", "Alexei", true},
		{"Tchaikovsky", "Chaikovski", true},
		{"Khodorkovsky", "Hodorkovsky", true},
		{"Šefčovič", "Sefcovic", true},
		{"O'Brien", "OBrien", true},
		{"U.S.", "US", true},
		{"Peskov", "Putin", false},
		{"Trump", "Tusk", false},
		{"Merz", "Marz", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			ka, kb := entity.NameKey(tt.a), entity.NameKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("NameKey(%q)=%q, NameKey(%q)=%q, want same=%v", tt.a, ka, tt.b, kb, tt.same)
			}
		})
	}
}

func person(text, role string) parallax.Mention {
	return parallax.Mention{Text: text, Kind: parallax.EntityPerson, Role: role}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		in   []entity.DocMentions
		want []parallax.Entity
	}{
		{
			name: "spellings and surname across articles",
			in: []entity.DocMentions{
				{ArticleID: 1, Mentions: []parallax.Mention{person("Volodymyr Zelensky", "Ukrainian President"), person("Zelensky", "")}},
				{ArticleID: 2, Mentions: []parallax.Mention{person("Volodymyr Zelenskyy", ""), person("Zelenskyy's", ""), person("Volodymyr Zelensky", "")}},
			},
			want: []parallax.Entity{{Name: "Volodymyr Zelensky", Kind: parallax.EntityPerson,
				Aliases: []string{"Volodymyr Zelenskyy", "Zelensky", "Zelenskyy"}, Roles: []string{"Ukrainian President"}, ArticleIDs: []int64{1, 2}}},
		},
		{
			name: "surname goes to the person named in the same article",
			in: []entity.DocMentions{
				{ArticleID: 1, Mentions: []parallax.Mention{person("Boris Johnson", ""), person("Johnson", "")}},
				{ArticleID: 2, Mentions: []parallax.Mention{person("Lyndon Johnson", ""), person("Johnson", ""), person("Lyndon Johnson", "")}},
			},
			want: []parallax.Entity{
				{Name: "Lyndon Johnson", Kind: parallax.EntityPerson, Aliases: []string{"Johnson"}, ArticleIDs: []int64{2}},
				{Name: "Boris Johnson", Kind: parallax.EntityPerson, Aliases: []string{"Johnson"}, ArticleIDs: []int64{1}},
			},
		},
		{
			name: "kinds vote and acronyms join their names",
			in: []entity.DocMentions{
				{ArticleID: 1, Mentions: []parallax.Mention{{Text: "Kyiv", Kind: parallax.EntityPlace}, {Text: "North Atlantic Treaty Organization", Kind: parallax.EntityOrg}}},
				{ArticleID: 2, Mentions: []parallax.Mention{{Text: "Kyiv", Kind: parallax.EntityPerson}, {Text: "Kyiv", Kind: parallax.EntityPlace}, {Text: "NATO", Kind: parallax.EntityOrg}}},
			},
			want: []parallax.Entity{
				{Name: "Kyiv", Kind: parallax.EntityPlace, Aliases: []string{}, ArticleIDs: []int64{1, 2}},
				{Name: "North Atlantic Treaty Organization", Kind: parallax.EntityOrg, Aliases: []string{"NATO"}, ArticleIDs: []int64{1, 2}},
			},
		},
		{
			name: "capitals are places whatever the votes",
			in: []entity.DocMentions{
				{ArticleID: 1, Mentions: []parallax.Mention{{Text: "Moscow", Kind: parallax.EntityOrg}, {Text: "Moscow", Kind: parallax.EntityOrg}, {Text: "Washington", Kind: parallax.EntityOrg}}},
				{ArticleID: 2, Mentions: []parallax.Mention{{Text: "Moscow", Kind: parallax.EntityPlace}, {Text: "Gazprom", Kind: parallax.EntityOrg}}},
			},
			want: []parallax.Entity{
				{Name: "Moscow", Kind: parallax.EntityPlace, Aliases: []string{}, ArticleIDs: []int64{1, 2}},
				{Name: "Gazprom", Kind: parallax.EntityOrg, Aliases: []string{}, ArticleIDs: []int64{2}},
				{Name: "Washington", Kind: parallax.EntityPlace, Aliases: []string{}, ArticleIDs: []int64{1}},
			},
		},
		{
			name: "empty",
			in:   nil,
			want: []parallax.Entity{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entity.Resolve(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Resolve (-want +got):\n%s", diff)
			}
			for _, d := range tt.in {
				for _, m := range d.Mentions {
					if m.Canonical == "" {
						t.Errorf("mention %q has no Canonical", m.Text)
					}
				}
			}
		})
	}
}
