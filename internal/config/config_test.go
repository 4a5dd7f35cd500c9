package config_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/config"
)

func TestParse(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		want     config.Config
		wantRest []string
		wantErr  bool
	}{
		{"default xdg", []string{"stories"}, map[string]string{"XDG_DATA_HOME": "/x"},
			config.Config{DB: "/x/parallax/parallax.db", MaxSize: config.DefaultMaxSize}, []string{"stories"}, false},
		{"default home", []string{"stories"}, map[string]string{"HOME": "/h"},
			config.Config{DB: "/h/.local/share/parallax/parallax.db", MaxSize: config.DefaultMaxSize}, []string{"stories"}, false},
		{"flag wins over env", []string{"--db", "a.db", "ingest", "x"}, map[string]string{"PARALLAX_DB": "b.db"},
			config.Config{DB: "a.db", DBExplicit: true, MaxSize: config.DefaultMaxSize}, []string{"ingest", "x"}, false},
		{"env", []string{"articles"}, map[string]string{"PARALLAX_DB": "b.db", "PARALLAX_MAX_SIZE": "2MiB"},
			config.Config{DB: "b.db", DBExplicit: true, MaxSize: 2 << 20}, []string{"articles"}, false},
		{"bad size", []string{"--max-size", "lots", "x"}, nil, config.Config{}, nil, true},
		{"unknown flag", []string{"--nope"}, nil, config.Config{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest, err := config.Parse(tt.args, env(tt.env))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Config mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRest, rest); diff != "" {
				t.Errorf("rest mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
