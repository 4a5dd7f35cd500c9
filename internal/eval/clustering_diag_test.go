package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/shared"
)

// TestClusteringDiagnose prints, per ECB+ topic, how the predicted stories
// mix the topic's two sub-events (each story as "ecb/ecbplus" counts, and
// how many articles of other topics it holds), then B-cubed F1 over all
// topics and of the dev and train topics, both picked out of the joint run
// and clustered on their own (with the mean and minimum over 10 shuffled
// orders), when PARALLAX_CLUSTER_DIAG is set. PARALLAX_CLUSTER_CFG may hold
// a cluster.Config in JSON to try. It is a tuning aid, not a test:
//
//	PARALLAX_CLUSTER_DIAG=1 go test -run Diagnose -v ./internal/eval
func TestClusteringDiagnose(t *testing.T) {
	if os.Getenv("PARALLAX_CLUSTER_DIAG") == "" {
		t.Skip("set PARALLAX_CLUSTER_DIAG to diagnose")
	}
	path := shared.TestDir(t, "bench-data/ecbplus-docs") + "/ecbplus_docs.jsonl"
	var cfg cluster.Config
	if s := os.Getenv("PARALLAX_CLUSTER_CFG"); s != "" {
		if err := json.Unmarshal([]byte(s), &cfg); err != nil {
			t.Fatal(err)
		}
	}
	items, _, err := clLoad(path)
	if err != nil {
		t.Fatal(err)
	}
	run := func(items []clItem, order []int) []int64 {
		p, err := clRun(context.Background(), items, order, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ident := func(n int) []int {
		o := make([]int, n)
		for i := range o {
			o[i] = i
		}
		return o
	}
	pred := run(items, ident(len(items)))
	var b strings.Builder
	byTopic := map[int][]int{}
	for i, it := range items {
		byTopic[it.topic] = append(byTopic[it.topic], i)
	}
	topics := make([]int, 0, len(byTopic))
	for k := range byTopic {
		topics = append(topics, k)
	}
	sort.Ints(topics)
	for _, tp := range topics {
		idx := byTopic[tp]
		sub := clSubset(items, idx)
		sc := clScore("", sub, clPick(pred, idx), nil)
		cl := map[int64]map[string]int{}
		for _, i := range idx {
			if cl[pred[i]] == nil {
				cl[pred[i]] = map[string]int{}
			}
			cl[pred[i]][items[i].gold]++
		}
		var parts []string
		for _, m := range cl {
			parts = append(parts, fmt.Sprintf("%d/%d", m[fmt.Sprintf("%decb", tp)], m[fmt.Sprintf("%decbplus", tp)]))
		}
		sort.Strings(parts)
		// cross-topic: members of pred clusters from other topics
		cross := 0
		for id := range cl {
			for i, it := range items {
				if pred[i] == id && it.topic != tp {
					cross++
				}
			}
		}
		fmt.Fprintf(&b, "topic %2d n=%3d F1 %.3f P %.3f R %.3f clusters(ecb/plus): %s cross=%d\n", tp, len(idx), sc.BCubedF1, sc.BCubedP, sc.BCubedR, strings.Join(parts, " "), cross)
	}
	t.Log("\n" + b.String())
	// scores: joint run splits, and alone runs
	all := clScore("all", items, pred, nil)
	sp := clECBSplits(items, pred)
	out := fmt.Sprintf("joint all %.4f", all.BCubedF1)
	for _, s := range sp {
		out += fmt.Sprintf(" %s %.4f", s.Name, s.BCubedF1)
	}
	// shuffled clusters items in 10 seeded shuffled orders and returns the
	// B-cubed F1 of each and their mean.
	shuffled := func(items []clItem) (f1s []float64, mean float64) {
		for s := range 10 {
			rng := rand.New(rand.NewPCG(uint64(s+1), 0x5eed))
			o := ident(len(items))
			rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
			f1 := clScore("", items, run(items, o), nil).BCubedF1
			f1s, mean = append(f1s, f1), mean+f1/10
		}
		return f1s, mean
	}
	for _, name := range []string{"dev", "train"} {
		var idx []int
		for i, it := range items {
			if (name == "dev") == slices.Contains(clECBDev, it.topic) {
				idx = append(idx, i)
			}
		}
		sub := clSubset(items, idx)
		p := run(sub, ident(len(sub)))
		out += fmt.Sprintf(" | alone %s %.4f", name, clScore("", sub, p, nil).BCubedF1)
		f1s, m := shuffled(sub)
		out += fmt.Sprintf(" shuf mean %.4f min %.4f", m, slices.Min(f1s))
		out += "\n  per-topic mean F1 over the shuffles (" + name + " alone):" + clTopicMeans(sub, run, ident)
	}
	f1s, m := shuffled(items)
	out += fmt.Sprintf(" | all shuf mean %.4f min %.4f max %.4f", m, slices.Min(f1s), slices.Max(f1s))
	t.Log(out)
}

func clSubset(items []clItem, idx []int) []clItem {
	out := make([]clItem, len(idx))
	for k, i := range idx {
		out[k] = items[i]
		out[k].doc.ID = int64(k + 1)
	}
	return out
}

func clPick(pred []int64, idx []int) []int64 {
	out := make([]int64, len(idx))
	for k, i := range idx {
		out[k] = pred[i]
	}
	return out
}

// clTopicMeans is each topic's B-cubed F1 and story count (mixed stories
// holding both events, and stories in all), over 10 shuffled orders.
func clTopicMeans(items []clItem, run func([]clItem, []int) []int64, ident func(int) []int) string {
	f1 := map[int]float64{}
	mixed := map[int]int{}
	stories := map[int]int{}
	for s := range 10 {
		rng := rand.New(rand.NewPCG(uint64(s+1), 0x5eed))
		o := ident(len(items))
		rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		pred := run(items, o)
		byTopic := map[int][]int{}
		for i, it := range items {
			byTopic[it.topic] = append(byTopic[it.topic], i)
		}
		for tp, idx := range byTopic {
			f1[tp] += clScore("", clSubset(items, idx), clPick(pred, idx), nil).BCubedF1 / 10
			golds := map[int64]map[string]bool{}
			for _, i := range idx {
				if golds[pred[i]] == nil {
					golds[pred[i]] = map[string]bool{}
				}
				golds[pred[i]][items[i].gold] = true
			}
			stories[tp] += len(golds)
			for _, g := range golds {
				if len(g) > 1 {
					mixed[tp]++
				}
			}
		}
	}
	tps := make([]int, 0, len(f1))
	for tp := range f1 {
		tps = append(tps, tp)
	}
	slices.Sort(tps)
	var b strings.Builder
	for _, tp := range tps {
		fmt.Fprintf(&b, " %d:%.2f(%d/%d)", tp, f1[tp], mixed[tp], stories[tp])
	}
	return b.String()
}
