package normalize_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/normalize"
)

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://News.Example.COM:443/World/Story?utm_source=rss&b=2&a=1#comments", "https://news.example.com/World/Story?a=1&b=2"},
		{"http://news.example:80?fbclid=abc", "http://news.example/"},
		{"http://news.example:8080/x", "http://news.example:8080/x"},
		{"https://news.example/x?utm_medium=a&UTM_Campaign=b&gclid=c&msclkid=d&mc_eid=e", "https://news.example/x"},
		{"https://news.example/x?id=2&id=1&a=", "https://news.example/x?a=&id=2&id=1"},
		{"https://news.example./path/?&&gclid=x&id=7", "https://news.example/path/?id=7"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
		{"  https://news.example/a b  ", "https://news.example/a%20b"},
		{"https://news.example/caf%C3%A9", "https://news.example/caf%C3%A9"},
		{"https://news.example/x?", "https://news.example/x"},
		{"file:///tmp/a.html#frag", "file:///tmp/a.html"},
	}
	for _, tt := range tests {
		got, err := normalize.URL(tt.in)
		if err != nil {
			t.Errorf("URL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"http://", "https://%zz/", "http://a b/"} {
		if got, err := normalize.URL(bad); err == nil {
			t.Errorf("URL(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzURL(f *testing.F) {
	file, err := os.Open(filepath.Join("testdata", "urls.txt"))
	if err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			f.Add(line)
		}
	}
	if err := errors.Join(sc.Err(), file.Close()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		once, err := normalize.URL(in)
		if err != nil {
			return
		}
		twice, err := normalize.URL(once)
		if err != nil {
			t.Fatalf("URL(%q) = %q, which does not parse again: %v", in, once, err)
		}
		if twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, once, twice)
		}
		if strings.Contains(strings.ToLower(once), "utm_") && strings.Contains(once, "?") &&
			(strings.HasPrefix(once, "http://") || strings.HasPrefix(once, "https://")) {
			if q := once[strings.Index(once, "?"):]; strings.Contains(strings.ToLower(q), "?utm_") || strings.Contains(strings.ToLower(q), "&utm_") {
				t.Fatalf("URL(%q) = %q keeps a utm_ parameter", in, once)
			}
		}
	})
}
