package claim_test

import (
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/demo"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
)

// TestDemoDisagreement reads the articles of each disagreement planted in
// the demo corpus and checks that every outlet's count is claimed as the
// manifest gives it, and no other count for the same subject and
// attribute.
func TestDemoDisagreement(t *testing.T) {
	m, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	corpus := demo.Corpus()
	arts := map[string]*parallax.Article{} // by manifest key
	for _, a := range m.Articles {
		url := "demo:/" + a.File
		docs, fails := ingest.ReadFS(corpus, a.File, url, ingest.Options{})
		if len(fails) > 0 {
			t.Fatalf("read %s: %v", a.File, fails)
		}
		items, fails := pipeline.Extract(url, docs)
		if len(fails) > 0 {
			t.Fatalf("extract %s: %v", a.File, fails)
		}
		for _, it := range items {
			if a.Item == "" && len(items) == 1 || a.URL != "" && it.Article.URL == a.URL {
				arts[a.Key] = it.Article
			}
		}
	}
	checked := 0
	for _, dis := range m.Disagreements {
		for _, v := range dis.Values {
			for _, key := range v.Articles {
				a, ok := arts[key]
				if !ok {
					t.Fatalf("%s: no article", key)
				}
				body := a.Text()
				found := map[string]bool{}
				for _, c := range claim.Extract(body, standInMentions(body), a.Published) {
					if c.Subject == "people" && c.Attribute == dis.Attribute {
						found[c.Normalized] = true
					}
				}
				if !found[v.Value] || len(found) != 1 {
					t.Errorf("%s: people · %s = %v, want only %s", key, dis.Attribute, found, v.Value)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no disagreement checked")
	}
}
