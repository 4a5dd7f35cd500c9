package reader_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/reader"
)

// benchData builds n synthetic candidates (20 entities, 3 sources, 3 tags
// and 4 titles of 8 words each, drawn from fixed vocabularies of 200
// surnames and 280 words with a fixed seed) and
// 50 interests: 20 entity, 10 topic and 10 source follows, and 3 entity, 2
// topic, 3 keyword and 2 source mutes.
func benchData(n int) ([]reader.Candidate, []parallax.Interest) {
	r := rand.New(rand.NewPCG(1, 2))
	first := []string{"Marco", "Anna", "Ed", "Li", "José", "Fatima", "Oleksandr", "Maria", "John", "Aiko"}
	last := []string{"Rubio", "Smith", "Miliband", "Wei", "García", "Khan", "Kovalenko", "Rossi", "Okafor", "Tanaka",
		"Brown", "Müller", "Nowak", "Haddad", "Silva", "Kim", "Dubois", "Larsen", "Ivanova", "Mensah"}
	orgs := []string{"Bank of England", "European Union", "United Nations", "Harbour Authority", "World Health Organization"}
	base := strings.Fields("strike port ships talks minister plan bridge collapse rescue trams ice research grain pay " +
		"election budget court ruling storm flood vote market rates energy prices war ceasefire summit")
	var words []string // 280 words: "strike", "strike1", … "strike9", …
	for k := range 10 {
		for _, w := range base {
			if k > 0 {
				w += fmt.Sprint(k)
			}
			words = append(words, w)
		}
	}
	var surnames []string // 200 surnames
	for k := range 10 {
		for _, l := range last {
			if k > 0 {
				l += fmt.Sprint(k)
			}
			surnames = append(surnames, l)
		}
	}
	sources := make([]string, 40)
	for i := range sources {
		sources[i] = fmt.Sprintf("Outlet %c%c News", 'A'+i%26, 'a'+i/26)
	}
	tags := strings.Fields("UkraineWar Economy Politics Sport Science Health Transport Labour Climate Business World Regions")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	cands := make([]reader.Candidate, n)
	for i := range cands {
		id := int64(i + 1)
		var p parallax.StoryProfile
		p.StoryID = id
		for range 20 {
			if r.IntN(4) == 0 {
				p.Entities = append(p.Entities, orgs[r.IntN(len(orgs))])
			} else {
				p.Entities = append(p.Entities, first[r.IntN(len(first))]+" "+surnames[r.IntN(len(surnames))])
			}
		}
		for range 3 {
			p.Sources = append(p.Sources, sources[r.IntN(len(sources))])
			p.Tags = append(p.Tags, tags[r.IntN(len(tags))])
		}
		for range 4 {
			var w []string
			for range 8 {
				w = append(w, words[r.IntN(len(words))])
			}
			p.Titles = append(p.Titles, strings.Join(w, " "))
		}
		seen := now.Add(-time.Duration(r.IntN(7*24)) * time.Hour)
		cands[i] = reader.Candidate{Story: &parallax.Story{ID: id, Headline: p.Titles[0], Sources: 1 + r.IntN(6),
			FirstSeen: seen, LastSeen: seen, UpdatedAt: seen}, Profile: p}
	}
	var in []parallax.Interest
	for i := range 20 {
		v := last[i%len(last)]
		if i%2 == 0 {
			v = first[i%len(first)] + " " + v
		}
		in = append(in, follow(parallax.InterestEntity, v))
	}
	for i := range 10 {
		in = append(in, follow(parallax.InterestTopic, tags[i]))
		in = append(in, follow(parallax.InterestSource, sources[i]))
	}
	in = append(in, mute(parallax.InterestEntity, "Tanaka3"), mute(parallax.InterestEntity, "Aiko Nowak"), mute(parallax.InterestEntity, "Acme Corporation"),
		mute(parallax.InterestTopic, "Sport"), mute(parallax.InterestTopic, "Gardening"),
		mute(parallax.InterestKeyword, "ceasefire"), mute(parallax.InterestKeyword, "flood vote"), mute(parallax.InterestKeyword, "storm5"),
		mute(parallax.InterestSource, sources[30]), mute(parallax.InterestSource, sources[31]))
	return cands, in
}

func BenchmarkFrontPage(b *testing.B) {
	cands, in := benchData(5000)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	var got []reader.Pick
	for b.Loop() {
		got = reader.FrontPage(cands, in, nil, now, 50)
	}
	if len(got) != 50 {
		b.Fatalf("got %d picks", len(got))
	}
}

func TestBenchDataFrontPage(t *testing.T) {
	cands, in := benchData(500)
	got := reader.FrontPage(cands, in, nil, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), 0)
	t.Logf("bench data: %d of %d kept", len(got), len(cands))
	if len(got) < len(cands)/4 || len(got) == len(cands) || len(got[0].Reasons) == 0 {
		t.Fatalf("bench data: %d of %d kept, first has %d reasons", len(got), len(cands), len(got[0].Reasons))
	}
}
