package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parallax-news/parallax/internal/httpserver"
)

// TestBrowserReaders drives Chromium as two readers: each follows a
// different person (one from a story page's Follow button, one from the
// Following form) and sees a different front page led by that person's
// story with the reason; reading a story marks it read, and after a new
// article joins it, "new since you last read" lists only that article.
func TestBrowserReaders(t *testing.T) {
	ctx := browser(t)
	st := freshDemo(t)
	addReader(t, st, "ana", "correct horse")
	addReader(t, st, "ben", "battery staple")
	h := newServer(t, st, httpserver.Options{Now: time.Now}).Handler()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	shots := t.TempDir()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	people := distinctPeople(t, st)

	signIn := func(name, pw string) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/signin?next=/for-you"),
			chromedp.WaitVisible(css("#signin-name")),
			chromedp.SendKeys(css("#signin-name"), name),
			chromedp.SendKeys(css("#signin-password"), pw),
			chromedp.Click(css("#signin-form button[type=submit]")),
			chromedp.WaitVisible(css("#for-you")),
		)
		if err != nil {
			t.Fatalf("sign in as %s: %v", name, err)
		}
	}
	// firstCard returns the story id and reason of the front page's first
	// card.
	firstCard := func(who string) (int64, string) {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/for-you"), chromedp.WaitVisible(css("#for-you .story-card")))
		if err != nil {
			t.Fatalf("%s's front page: %v", who, err)
		}
		type card struct {
			Story  string `json:"story"`
			Reason string `json:"reason"`
		}
		c, err := chromedp.Run(ctx, chromedp.Evaluate[card](`(() => { const c = document.querySelector("#for-you .story-card"); const r = c.querySelector(".reason"); return {story: c.dataset.story, reason: r ? r.textContent : ""}; })()`))
		if err != nil {
			t.Fatalf("%s's front page: %v", who, err)
		}
		var id int64
		fmt.Sscan(c.Story, &id)
		return id, c.Reason
	}

	// Ana follows her person from the story page's Follow button.
	signIn("ana", "correct horse")
	err := chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, people[0].story)),
		chromedp.WaitVisible(css(fmt.Sprintf(`button.follow[data-entity=%q]`, people[0].person))),
		chromedp.Click(css(fmt.Sprintf(`button.follow[data-entity=%q]`, people[0].person))),
		// Back on the story page, the button now unfollows.
		chromedp.WaitVisible(css(fmt.Sprintf(`form[action="/following/remove"] button.follow[data-entity=%q]`, people[0].person))),
	)
	if err != nil {
		t.Fatalf("ana follows %s: %v", people[0].person, err)
	}
	anaFirst, anaReason := firstCard("ana")
	if anaFirst != people[0].story || !strings.Contains(anaReason, people[0].person) {
		t.Errorf("ana follows %s: first story %d (%q), want %d with a reason naming them", people[0].person, anaFirst, anaReason, people[0].story)
	}
	screenshot(t, ctx, shots, "for-you-ana")
	if err := chromedp.Do(ctx, chromedp.Click(css("#signout")), chromedp.WaitVisible(css("#nav-signin"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}

	// Ben follows his person from the Following form.
	signIn("ben", "battery staple")
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/following"),
		chromedp.WaitVisible(css("#interest-value")),
		chromedp.SetValue(css("#interest-kind"), "entity"),
		chromedp.SendKeys(css("#interest-value"), people[1].person),
		chromedp.Click(css("#interest-form button[type=submit]")),
		chromedp.WaitVisible(css("#follows li form")),
	)
	if err != nil {
		t.Fatalf("ben follows %s: %v", people[1].person, err)
	}
	benFirst, benReason := firstCard("ben")
	if benFirst != people[1].story || !strings.Contains(benReason, people[1].person) {
		t.Errorf("ben follows %s: first story %d (%q), want %d with a reason naming them", people[1].person, benFirst, benReason, people[1].story)
	}
	if benFirst == anaFirst {
		t.Errorf("ana and ben see the same first story %d", benFirst)
	}
	screenshot(t, ctx, shots, "for-you-ben")

	// Reading marks the story read: the next visit says when, and that
	// nothing is new.
	storyURL := fmt.Sprintf("%s/stories/%d", srv.URL, benFirst)
	if err := chromedp.Do(ctx, chromedp.Navigate(storyURL), chromedp.WaitVisible(css("#summary-h"))); err != nil {
		t.Fatal(err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#new-since").length`)); err != nil || n != 0 {
		t.Errorf("first visit shows a new-since section (%d, %v)", n, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(storyURL), chromedp.WaitVisible(css("#new-since"))); err != nil {
		t.Fatalf("second visit: %v", err)
	}
	if txt, _ := chromedp.Run(ctx, chromedp.Text(css("#new-since"))); !strings.Contains(txt, "Nothing new") {
		t.Errorf("second visit, nothing arrived: new-since says %q", txt)
	}

	// A copy of one of the story's articles arrives from another outlet.
	story, err := st.FindStoryByID(context.Background(), benFirst)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := st.FindArticleByID(context.Background(), story.ArticleIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{"documents": []map[string]any{{
		"id": "late", "url": "https://late.example/copy", "source": "Late Edition Wire", "title": orig.Title,
		"published": time.Now().UTC().Format(time.RFC3339), "text": orig.Text(),
	}}}
	body, _ := json.Marshal(doc)
	req := httptest.NewRequest(http.MethodPost, "/api/v1/ingest", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+newToken(t, st))
	if code, _, out := do(t, h, req); code != http.StatusOK {
		t.Fatalf("ingest the late copy: %d %s", code, out)
	}
	after, err := st.FindStoryByID(context.Background(), benFirst)
	if err != nil || len(after.ArticleIDs) != len(story.ArticleIDs)+1 {
		t.Fatalf("the late copy did not join story %d: %v %v", benFirst, after, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(storyURL), chromedp.WaitVisible(css("#new-since"))); err != nil {
		t.Fatalf("third visit: %v", err)
	}
	items, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#new-since li")).map(li => li.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !strings.Contains(items[0], "Late Edition Wire") {
		t.Errorf("new since the last read: %q, want only the late copy", items)
	}
	screenshot(t, ctx, shots, "new-since")
	// Read again: nothing new.
	if err := chromedp.Do(ctx, chromedp.Navigate(storyURL), chromedp.WaitVisible(css("#new-since"))); err != nil {
		t.Fatal(err)
	}
	if txt, _ := chromedp.Run(ctx, chromedp.Text(css("#new-since"))); !strings.Contains(txt, "Nothing new") {
		t.Errorf("after reading the late copy, new-since says %q", txt)
	}
}
