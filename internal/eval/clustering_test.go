package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/shared"
)

// Floors sit well below the measured figures (BASIL B-cubed F1 1.00, ECB+
// 0.90 over all topics): they catch a broken clusterer, not a small drift.
func TestClusteringBenchmarks(t *testing.T) {
	tests := []struct {
		name   string
		path   func(t *testing.T) string
		format string
		floor  float64
	}{
		{"basil", func(t *testing.T) string { return shared.TestDir(t, "bench-data/basil") }, "basil", 0.90},
		{"ecbplus", func(t *testing.T) string {
			return filepath.Join(shared.TestDir(t, "bench-data/ecbplus-docs"), "ecbplus_docs.jsonl")
		}, "ecbplus", 0.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := eval.ClusteringWith(context.Background(), tt.path(t), cluster.Config{}, 1)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Format != tt.format {
				t.Errorf("Format=%q, want %q", rep.Format, tt.format)
			}
			if got := rep.Scores.BCubedF1; got < tt.floor {
				t.Errorf("B-cubed F1=%.3f, want >= %.2f", got, tt.floor)
			}
			if got := rep.Orders.Min; got < tt.floor {
				t.Errorf("B-cubed F1 of a shuffled order=%.3f, want >= %.2f", got, tt.floor)
			}
			var buf bytes.Buffer
			if err := rep.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
			t.Log("\n" + buf.String())
		})
	}
}

func writeJSONL(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "docs.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func ecbLine(id, sub, title, text string) string {
	return fmt.Sprintf(`{"doc_id": %q, "topic": 1, "subtopic": %q, "title": %q, "text": %q}`, id, sub, title, text)
}

const (
	quake = "A strong earthquake struck Vanuatu near Port Vila and a tsunami warning was issued for Fiji."
	rehab = "Actress Tara Reid checked into the Promises Treatment Center in Malibu, her publicist said."
)

func TestClusteringScores(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  eval.ClusterScores
	}{
		{
			name: "perfect",
			lines: []string{ecbLine("1_1ecb", "1ecb", "Quake", quake), ecbLine("1_2ecb", "1ecb", "Quake", quake),
				ecbLine("1_1ecbplus", "1ecbplus", "Rehab", rehab), ecbLine("1_2ecbplus", "1ecbplus", "Rehab", rehab)},
			want: eval.ClusterScores{Name: "all", Docs: 4, Clusters: 2, GoldClusters: 2, BCubedP: 1, BCubedR: 1, BCubedF1: 1,
				PairP: 1, PairR: 1, PairF1: 1, ARI: 1},
		},
		{
			// identical texts labelled as two events cannot be told apart
			name: "merged",
			lines: []string{ecbLine("1_1ecb", "1ecb", "Quake", quake), ecbLine("1_2ecb", "1ecb", "Quake", quake),
				ecbLine("1_1ecbplus", "1ecbplus", "Quake", quake), ecbLine("1_2ecbplus", "1ecbplus", "Quake", quake)},
			want: eval.ClusterScores{Name: "all", Docs: 4, Clusters: 1, GoldClusters: 2, BCubedP: 0.5, BCubedR: 1, BCubedF1: 2.0 / 3,
				PairP: 1.0 / 3, PairR: 1, PairF1: 0.5, ARI: 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := eval.ClusteringWith(context.Background(), writeJSONL(t, tt.lines...), cluster.Config{}, 2)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rep.Scores, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Scores (-want +got):\n%s", diff)
			}
			if rep.Orders.Shuffles != 2 || len(rep.Orders.F1) != 2 {
				t.Errorf("Orders=%+v, want 2 shuffles", rep.Orders)
			}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(`"bcubed_f1"`)) {
				t.Errorf("JSON %s lacks bcubed_f1", b)
			}
		})
	}
}

func TestClusteringBadInput(t *testing.T) {
	tests := []struct {
		name string
		path func(t *testing.T) string
	}{
		{"missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.jsonl") }},
		{"empty file", func(t *testing.T) string { return writeJSONL(t) }},
		{"not json", func(t *testing.T) string { return writeJSONL(t, "{oops") }},
		{"no subtopic", func(t *testing.T) string { return writeJSONL(t, `{"doc_id": "1_1ecb", "text": "x"}`) }},
		{"empty folder", func(t *testing.T) string { return t.TempDir() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := eval.Clustering(context.Background(), tt.path(t)); err == nil {
				t.Error("no error")
			} else if !strings.Contains(err.Error(), "eval clustering") {
				t.Errorf("error %q does not say where it comes from", err)
			}
		})
	}
}

func TestParseECBTopics(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  bool
	}{
		{in: "dev", want: []int{2, 5, 12, 18, 21, 23, 34, 35}},
		{in: "test", want: []int{36, 37, 38, 39, 40, 41, 42, 43, 44, 45}},
		{in: "7, 9-10,7", want: []int{7, 9, 10}},
		{in: "10-9", err: true},
		{in: "x", err: true},
		{in: "0", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := eval.ParseECBTopics(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("err=%v, want error %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	train, err := eval.ParseECBTopics("train")
	if err != nil || len(train) != 27 || train[0] != 1 || train[len(train)-1] != 33 {
		t.Errorf("train=%v, %v; want the 27 topics of 1-35 outside dev", train, err)
	}
}

// Topics are clustered on their own: the documents of other topics take no
// part in the run.
func TestClusteringTopics(t *testing.T) {
	other := func(id, sub, title, text string) string {
		return fmt.Sprintf(`{"doc_id": %q, "topic": 2, "subtopic": %q, "title": %q, "text": %q}`, id, sub, title, text)
	}
	p := writeJSONL(t, ecbLine("1_1ecb", "1ecb", "Quake", quake), ecbLine("1_2ecb", "1ecb", "Quake", quake),
		other("2_1ecb", "2ecb", "Rehab", rehab), other("2_2ecb", "2ecb", "Rehab", rehab), other("2_3ecb", "2ecb", "Rehab", rehab))
	rep, err := eval.ClusteringTopics(context.Background(), p, cluster.Config{}, 1, []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Scores.Docs != 3 || rep.Scores.BCubedF1 != 1 || len(rep.Orders.F1) != 1 {
		t.Errorf("Scores=%+v Orders=%+v, want the 3 documents of topic 2, perfect, one shuffle", rep.Scores, rep.Orders)
	}
	if _, err := eval.ClusteringTopics(context.Background(), p, cluster.Config{}, 1, []int{3}); err == nil {
		t.Error("topic 3 (no documents): no error")
	}
}

// TestClusteringTopicsAbsent asks for topics the data does not hold (as
// the held-out ECB+ topics are absent from the shipped file): the error
// names them.
func TestClusteringTopicsAbsent(t *testing.T) {
	path := writeJSONL(t, `{"doc_id": "1_1ecb", "topic": 1, "subtopic": "1ecb", "title": "Quake", "text": "A quake struck."}`)
	_, err := eval.ClusteringTopics(context.Background(), path, cluster.Config{}, 0, []int{36, 37})
	if err == nil || !strings.Contains(err.Error(), "no documents of topics [36 37]") {
		t.Errorf("err = %v, want one naming topics [36 37]", err)
	}
	if _, err := eval.ClusteringTopics(context.Background(), path, cluster.Config{}, 0, []int{1}); err != nil {
		t.Errorf("topic 1: %v", err)
	}
}
