package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	data := fs.String("data", "", "data set path (file, folder or prefix)")
	split := fs.String("split", "", "split of a data set that has several (quotes: train or dev)")
	topics := fs.String("topics", "", "clustering: cluster these ECB+ topics only (dev, train, test or a list like 7,9-10)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *data == "" {
		return errors.New("eval: usage: parallax eval KIND --data PATH [--json] [--split S] [--topics T]; KIND is extraction, paraphrase, clustering, entities, quotes or summary")
	}
	kinds := map[string]func(context.Context, string) (eval.Report, error){
		"extraction": eval.Extraction, "paraphrase": eval.Paraphrase, "clustering": eval.Clustering,
		"entities": eval.Entities, "quotes": eval.Quotes, "summary": eval.Summary,
	}
	f, ok := kinds[pos[0]]
	if !ok {
		return fmt.Errorf("eval: unknown kind %q (extraction, paraphrase, clustering, entities, quotes, summary)", pos[0])
	}
	if *split != "" {
		if pos[0] != "quotes" {
			return fmt.Errorf("eval: --split applies to quotes only")
		}
		f = func(ctx context.Context, path string) (eval.Report, error) {
			return eval.QuotesSplit(ctx, path, *split)
		}
	}
	if *topics != "" {
		if pos[0] != "clustering" {
			return fmt.Errorf("eval: --topics applies to clustering only")
		}
		ts, err := eval.ParseECBTopics(*topics)
		if err != nil {
			return err
		}
		f = func(ctx context.Context, path string) (eval.Report, error) {
			return eval.ClusteringTopics(ctx, path, cluster.Config{}, eval.ClusteringShuffles, ts)
		}
	}
	rep, err := f(ctx, *data)
	if err != nil {
		return err
	}
	if *jsonOut {
		return writeJSON(e.stdout, rep)
	}
	return rep.WriteText(e.stdout)
}
