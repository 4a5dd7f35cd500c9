package httpserver_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the browser to drive: $PARALLAX_CHROMIUM, else chromium
// on the PATH. Without one the test skips, or fails under
// PARALLAX_REQUIRE_BROWSER=1.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("PARALLAX_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("PARALLAX_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium (set PARALLAX_CHROMIUM) and PARALLAX_REQUIRE_BROWSER=1")
		}
		t.Skip("no chromium on the PATH and PARALLAX_CHROMIUM unset: skipping the browser test")
	}
	return path
}

// browser starts a headless Chromium with a fresh profile and returns a
// context driving one tab (with a time limit).
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first call starts the browser; it must not carry the time limit.
	if err := chromedp.Do(tab); err != nil {
		if os.Getenv("PARALLAX_REQUIRE_BROWSER") == "1" {
			t.Fatalf("start chromium: %v", err)
		}
		t.Skipf("chromium does not start here: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// screenshot saves the page as a JPEG in dir.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(dir, name+".jpg")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot: %s", path)
}

// TestBrowser drives Chromium over the demo corpus: the front page lists
// the stories, a click opens a story with its brief (and its planted
// disagreement when the brief shows one), the article page shows aligned
// sentences, search from the keyboard finds a story's article, and a
// phone-width screen needs no sideways scrolling.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	st := sharedDemo(t)
	srv := httptest.NewServer(newServer(t, st, httpserverOptions()).Handler())
	t.Cleanup(srv.Close)
	shots := t.TempDir()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	story, dis, hasDis := conflictStory(t, st)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(css(".story-card"))); err != nil {
		t.Fatalf("front page: %v", err)
	}
	cards, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".story-card").length`))
	if err != nil {
		t.Fatalf("front page: %v", err)
	}
	if cards < 2 {
		t.Errorf("front page: %d story cards, want the demo's stories", cards)
	}
	screenshot(t, ctx, shots, "home")

	err = chromedp.Do(ctx,
		chromedp.Click(css(fmt.Sprintf(`.story-card a[href="/stories/%d"]`, story.ID))),
		chromedp.WaitVisible(css("#summary-h")),
	)
	if err != nil {
		t.Fatalf("story page: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	headline, err := chromedp.Run(ctx, chromedp.Text(css("h1")))
	if err != nil {
		t.Fatal(err)
	}
	summary, err := chromedp.Run(ctx, chromedp.Text(css(".summary-list")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(location, fmt.Sprintf("/stories/%d", story.ID)) || strings.TrimSpace(headline) != story.Headline || summary == "" {
		t.Errorf("after the click: at %s, headline %q, summary %q; want story %d %q with its summary", location, headline, summary, story.ID, story.Headline)
	}
	if hasDis {
		text, err := chromedp.Run(ctx, chromedp.Text(css(".disagreements")))
		if err != nil {
			t.Fatalf("disagreements: %v", err)
		}
		for _, v := range dis.Values {
			if !strings.Contains(text, v.Value) {
				t.Errorf("the disagreement on %s %s does not show %q: %q", dis.Subject, dis.Attribute, v.Value, text)
			}
		}
	} else {
		t.Log("no brief of the demo corpus shows a disagreement today (internal/pipeline TestDemoCorpus says why); TestDisagreementSideBySide covers the rendering")
	}
	screenshot(t, ctx, shots, "story")

	d := derivedArticle(t, st)
	err = chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/articles/%d", srv.URL, d.ArticleID)),
		chromedp.WaitVisible(css("table.aligned")),
	)
	if err != nil {
		t.Fatalf("article page: %v", err)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.aligned mark").length`))
	if err != nil {
		t.Fatal(err)
	}
	if marks == 0 {
		t.Errorf("article %d: no highlighted words in the aligned sentences", d.ArticleID)
	}
	screenshot(t, ctx, shots, "article")

	// Search from the header with the keyboard: "/" focuses the box.
	word := longestWord(story.Headline)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(css("#site-q")), chromedp.KeyEvent("/")); err != nil {
		t.Fatalf("search: %v", err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "site-q" {
		t.Errorf("after pressing /, the focus is on %q, want the search box", focused)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(css("#site-q"), word+"\r"), chromedp.WaitVisible(css("#result-count"))); err != nil {
		t.Fatalf("search: %v", err)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(css("#result-count")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(count, "0 ") || !strings.Contains(count, word) {
		t.Errorf("search for %q: %q", word, count)
	}
	screenshot(t, ctx, shots, "search")

	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 740),
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, story.ID)),
		chromedp.WaitVisible(css("#summary-h")),
	)
	if err != nil {
		t.Fatalf("phone width: %v", err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Error("the story page scrolls sideways at a phone's width")
	}
	screenshot(t, ctx, shots, "story-phone")
}
