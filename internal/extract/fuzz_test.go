package extract_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/extract"
)

// checkArticle holds for every successful extraction, whatever the input.
func checkArticle(t *testing.T, a *parallax.Article, err error) {
	t.Helper()
	if err != nil {
		if a != nil {
			t.Fatalf("article %+v returned with error %v", a, err)
		}
		return
	}
	if len(a.Body) == 0 {
		t.Fatal("article with an empty body and no error")
	}
	for _, b := range a.Body {
		if strings.TrimSpace(b.Text) == "" {
			t.Fatalf("empty %s block", b.Kind)
		}
		if !utf8.ValidString(b.Text) {
			t.Fatalf("invalid UTF-8 in block %q", b.Text)
		}
	}
}

func seedFixtures(f *testing.F, prefix string) {
	for _, path := range fixtures(f) {
		if !strings.Contains(path, prefix) {
			continue
		}
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
}

func FuzzText(f *testing.F) {
	seedFixtures(f, "text-")
	f.Add([]byte("By \n#\n- \n1. \nGENEVA — \n\n\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := extract.Document(&parallax.Document{ContentType: "text/plain", Body: body})
		checkArticle(t, a, err)
	})
}

func FuzzHTML(f *testing.F) {
	seedFixtures(f, "html-")
	f.Add([]byte("<p>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := extract.Document(&parallax.Document{ContentType: "text/html", Body: body})
		checkArticle(t, a, err)
	})
}

func TestBadInput(t *testing.T) {
	article, err := os.ReadFile("testdata/html-article.html")
	if err != nil {
		t.Fatal(err)
	}
	latin, err := os.ReadFile("testdata/html-latin1.html")
	if err != nil {
		t.Fatal(err)
	}
	huge := []byte(strings.Repeat("<div><p>"+strings.Repeat("word ", 50)+"</p></div>", 40000))
	tests := []struct {
		name, ct string
		body     []byte
		wantErr  bool
		wantText string // a phrase the body must hold
	}{
		{"huge page is capped", "text/html", huge, false, "word word"},
		{"nil body", "text/html", nil, true, ""},
		{"wrong charset header keeps UTF-8", "text/html; charset=iso-8859-1", []byte("<html><body><article><p>" + strings.Repeat("The council in Zürich approved the new tram line on Tuesday after a long debate. ", 12) + "</p></article></body></html>"), false, "zürich approved"},
		{"latin-1 declared in meta", "text/html", latin, false, "réparé"},
		{"latin-1 text without charset", "text/plain", []byte("Le conseil r\xe9gional a approuv\xe9 mardi la reconstruction du barrage de l'est, apr\xe8s deux ann\xe9es de d\xe9bats."), false, "régional"},
		{"unknown type sniffed as HTML", "", article, false, "spillway"},
		{"binary", "application/octet-stream", []byte{0, 1, 2, 0xff, 0xfe, 0}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extract.Document(&parallax.Document{ContentType: tt.ct, Body: tt.body})
			if tt.wantErr {
				if !errors.Is(err, parallax.ErrNoContent) {
					t.Fatalf("err=%v, want ErrNoContent", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := strings.ToLower(a.Title + "\n" + a.Text())
			if !strings.Contains(text, strings.ToLower(tt.wantText)) {
				t.Errorf("text lacks %q: %.200q", tt.wantText, text)
			}
		})
	}
}
