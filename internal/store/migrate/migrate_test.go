package migrate_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/store/migrate"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    []migrate.Migration
		wantErr bool
	}{
		{
			name: "ordered",
			files: fstest.MapFS{
				"m/0002_more.sql": {Data: []byte("B")},
				"m/0001_init.sql": {Data: []byte("A")},
				"m/README.md":     {Data: []byte("ignored")},
			},
			want: []migrate.Migration{{Version: 1, Name: "init", SQL: "A"}, {Version: 2, Name: "more", SQL: "B"}},
		},
		{name: "gap", files: fstest.MapFS{"m/0001_a.sql": {}, "m/0003_c.sql": {}}, wantErr: true},
		{name: "duplicate", files: fstest.MapFS{"m/0001_a.sql": {}, "m/0001_b.sql": {}}, wantErr: true},
		{name: "bad name", files: fstest.MapFS{"m/init.sql": {}}, wantErr: true},
		{name: "zero version", files: fstest.MapFS{"m/0000_a.sql": {}}, wantErr: true},
		{name: "empty", files: fstest.MapFS{"m/x.txt": {}}, wantErr: true},
		{name: "missing dir", files: fstest.MapFS{}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := migrate.Load(tt.files, "m")
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load: err=%v, wantErr %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPending(t *testing.T) {
	ms := []migrate.Migration{{Version: 1}, {Version: 2}, {Version: 3}}
	tests := []struct {
		name    string
		applied int
		want    []int
		tooNew  bool
	}{
		{name: "fresh", applied: 0, want: []int{1, 2, 3}},
		{name: "partial", applied: 2, want: []int{3}},
		{name: "current", applied: 3, want: []int{}},
		{name: "newer", applied: 4, tooNew: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := migrate.Pending(ms, tt.applied)
			if errors.Is(err, migrate.ErrTooNew) != tt.tooNew {
				t.Fatalf("Pending(%d): err=%v, want ErrTooNew %v", tt.applied, err, tt.tooNew)
			}
			if err != nil && !tt.tooNew {
				t.Fatalf("Pending(%d): %v", tt.applied, err)
			}
			if tt.tooNew {
				return
			}
			if diff := cmp.Diff(tt.want, migrate.Versions(got)); diff != "" {
				t.Errorf("Pending(%d) versions (-want +got):\n%s", tt.applied, diff)
			}
		})
	}
}
