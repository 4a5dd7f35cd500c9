package extract_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/shared"
)

// seedArticle extracts the seed whose file name starts with prefix.
func seedArticle(t *testing.T, prefix string) *parallax.Article {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	matches, err := filepath.Glob(filepath.Join(dir, prefix+"_*.txt"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("seed %s: %v (matches %v)", prefix, err, matches)
	}
	body, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.Document(&parallax.Document{URL: "file://" + matches[0], ContentType: "text/plain", Body: body})
	if err != nil {
		t.Fatalf("Document(%s): %v", prefix, err)
	}
	return a
}

func bodyHas(a *parallax.Article, substr string) bool {
	return slices.ContainsFunc(a.Body, func(b parallax.Block) bool { return strings.Contains(b.Text, substr) })
}

func blocksOf(a *parallax.Article, kind parallax.BlockKind) []string {
	var out []string
	for _, b := range a.Body {
		if b.Kind == kind {
			out = append(out, b.Text)
		}
	}
	return out
}

func removedWith(a *parallax.Article, reason string) []string {
	var out []string
	for _, r := range a.Removed {
		if r.Reason == reason {
			out = append(out, r.Text)
		}
	}
	return out
}

func TestSeed004(t *testing.T) {
	a := seedArticle(t, "004")
	checks := []struct{ name, got, want string }{
		{"Title", a.Title, "US, Ukraine Push Forward On Revised Peace Deal Amid Trump Tensions"},
		{"Source", a.Source, "International Business Times"},
		{"Byline", a.Byline, "IBT Newsroom"},
		{"Section", a.Section, "World"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s=%q, want %q", c.name, c.got, c.want)
		}
	}
	if len(a.Body) == 0 {
		t.Fatal("empty body")
	}
	if first := a.Body[0].Text; !strings.HasPrefix(first, "The United States and Ukraine said they made meaningful progress") {
		t.Errorf("body starts %q", first)
	}
	if last := a.Body[len(a.Body)-1].Text; !strings.HasSuffix(last, "widen divisions among Ukraine's Western supporters.") {
		t.Errorf("body ends %q", last)
	}
	for _, b := range a.Body {
		f := strings.ToLower(b.Text)
		for _, chrome := range []string{"app", "sign up", "sign in", "related stories", "member", "subscription"} {
			if strings.Contains(" "+strings.Trim(f, ".")+" ", " "+chrome+" ") && len(strings.Fields(f)) < 15 {
				t.Errorf("chrome %q left in body: %q", chrome, b.Text)
			}
		}
	}
	if len(a.Removed) == 0 {
		t.Error("nothing removed")
	}
}

func TestSeed003(t *testing.T) {
	a := seedArticle(t, "003")
	if want := "US–Ukraine Talks Narrow Gaps in Peace Plan Amid Tensions"; a.Title != want {
		t.Errorf("Title=%q, want %q", a.Title, want)
	}
	if a.Byline != "Harshit" {
		t.Errorf("Byline=%q, want %q", a.Byline, "Harshit")
	}
	if a.Dateline.Place != "GENEVA" {
		t.Errorf("Dateline.Place=%q, want GENEVA", a.Dateline.Place)
	}
	if want := time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC); !a.Dateline.Date.Equal(want) {
		t.Errorf("Dateline.Date=%v, want %v", a.Dateline.Date, want)
	}
	captions := removedWith(a, "caption")
	if len(captions) != 1 || !strings.HasPrefix(captions[0], "President Volodymyr Zelensky addressing") {
		t.Errorf("captions=%q, want the first line", captions)
	}
	if bodyHas(a, "addressing the Swedish parliament about") {
		t.Error("caption left in body")
	}
	items := blocksOf(a, parallax.BlockListItem)
	if len(items) != 7 {
		t.Errorf("%d list items, want 7: %q", len(items), items)
	}
	for _, it := range items {
		if strings.HasPrefix(it, "•") {
			t.Errorf("bullet not stripped: %q", it)
		}
	}
	for _, chrome := range []string{"Leave a Comment", "Your email address will not be published"} {
		if bodyHas(a, chrome) {
			t.Errorf("%q left in body", chrome)
		}
	}
	if !slices.Contains(blocksOf(a, parallax.BlockHeading), "A Fragile Path Forward") {
		t.Errorf("headings %q lack %q", blocksOf(a, parallax.BlockHeading), "A Fragile Path Forward")
	}
}

func TestSeedHashtags(t *testing.T) {
	for _, tt := range []struct {
		seed     string
		tags     []string
		headings []string
	}{
		{"000", []string{"UkraineWar", "GenevaTalks"}, nil},
		{"002", []string{"UkraineWar", "GenevaTalks"}, []string{"Key Points of the Proposed Plan", "European Reactions and Alternative Proposals", "Next Steps"}},
	} {
		t.Run(tt.seed, func(t *testing.T) {
			a := seedArticle(t, tt.seed)
			for _, tag := range tt.tags {
				if !slices.Contains(a.Tags, tag) {
					t.Errorf("Tags=%q lack %q", a.Tags, tag)
				}
			}
			if bodyHas(a, "#") {
				t.Error("hashtag line left in body")
			}
			if len(removedWith(a, "hashtags")) != 1 {
				t.Errorf("removed hashtags=%q, want one line", removedWith(a, "hashtags"))
			}
			heads := blocksOf(a, parallax.BlockHeading)
			for _, h := range tt.headings {
				if !slices.Contains(heads, h) {
					t.Errorf("headings %q lack %q", heads, h)
				}
			}
			if a.Title != "" {
				t.Errorf("Title=%q, want none", a.Title)
			}
		})
	}
}

func TestSeed001(t *testing.T) {
	a := seedArticle(t, "001")
	if a.Title != "" {
		t.Errorf("Title=%q, want none", a.Title)
	}
	last := a.Body[len(a.Body)-1]
	if strings.TrimSpace(last.Text) == "" {
		t.Error("trailing empty paragraph")
	}
	if !strings.HasPrefix(a.Body[0].Text, "Talks in Geneva") {
		t.Errorf("body starts %q", a.Body[0].Text)
	}
	if len(a.Removed) != 0 {
		t.Errorf("removed %q from a clean article", a.Removed)
	}
}

func TestSeedLanguage(t *testing.T) {
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		if a := seedArticle(t, seed); a.Language != "en" {
			t.Errorf("%s: Language=%q, want en", seed, a.Language)
		}
	}
}

func TestNoContent(t *testing.T) {
	for _, tt := range []struct{ name, ct, body string }{
		{"empty text", "text/plain", ""},
		{"blank lines", "text/plain", "\n\n  \n"},
		{"login page", "text/html", `<html><head><title>Sign in</title></head><body><form><h1>Sign in</h1><label>Email</label><input name=e><label>Password</label><input type=password><button>Log in</button><a href="/forgot">Forgot password?</a></form></body></html>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extract.Document(&parallax.Document{ContentType: tt.ct, Body: []byte(tt.body)})
			if !errors.Is(err, parallax.ErrNoContent) {
				t.Fatalf("err=%v, want ErrNoContent", err)
			}
		})
	}
}
