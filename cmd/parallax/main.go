// Command parallax gathers news articles, recognises copies and rewrites,
// groups them into stories and writes one cited brief per story. This
// package only wires: flags and environment in, the pipeline and the store
// out, through run so that tests can drive it in-process.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/parallax-news/parallax/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "parallax: "+err.Error())
		}
		os.Exit(1)
	}
}

// errReported means the command already printed why it failed.
var errReported = errors.New("failed (reported above)")

// env is what every command gets: configuration and the output streams.
type env struct {
	cfg    config.Config
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"ingest", "ingest PATH|URL... [--allow-private]  read files, folders (recursive), .txt .html .json .jsonl .xml/.rss/.atom (.gz), page and feed URLs into the store", runIngest},
		{"articles", "articles [--json]          list stored articles", runArticles},
		{"article", "article ID [--json]        one article: body, removed boilerplate, alignment, story reason", runArticle},
		{"stories", "stories [--json]           stories ranked by independent sources and recency", runStories},
		{"story", "story ID [--json|--markdown]  one story and its brief", runStory},
		{"extract", "extract [--json] FILE|URL  one document's extracted article, no store", runExtract},
		{"brief", "brief [--json|--markdown] PATH...  the whole pipeline in memory over files", runBrief},
		{"eval", "eval KIND --data PATH [--json]  quality on a labelled set (extraction, paraphrase, clustering, entities, quotes, summary)", runEval},
		{"bench", "bench [--json] [--rounds N] [--dir DIR]  throughput and memory of each stage (demo corpus by default)", runBench},
		{"demo", "demo [--serve [--addr HOST:PORT]]  the built-in demo corpus, end to end (--serve: then serve it)", runDemo},
		{"serve", "serve [--addr HOST:PORT] [--with-worker [--poll-every D]] [--allow-private] [--no-sign-in [--reader NAME] [--listen-anywhere]] [--secure-cookies] [--trusted-proxy CIDR]  JSON API, web UI and Atom feeds over the store (default 127.0.0.1:8080); --with-worker also polls feeds and processes", runServe},
		{"token", "token create [--name N] [--user NAME] | list | revoke ID  API tokens (install tokens ingest; a reader's token acts for them under /api/v1/me)", runToken},
		{"user", userUsage + "  readers' accounts", runUser},
		{"feeds", "feeds add URL [--source N] | list [--json] | remove ID | import FILE.opml | export | poll  feed subscriptions (--allow-private or PARALLAX_ALLOW_PRIVATE=1 to reach private addresses)", runFeeds},
		{"worker", "worker [--concurrency N]   background jobs against a PostgreSQL store (process, briefs)", runWorker},
	}
}

func usage() string {
	s := "usage: parallax [global flags] COMMAND [flags] [args]\n\ncommands:\n"
	for _, c := range commands() {
		s += "  " + c.usage + "\n"
	}
	return s + "\n" + config.Usage
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := config.Parse(args, getenv)
	if err != nil {
		return err
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		fmt.Fprint(stdout, usage())
		return nil
	}
	e := &env{cfg: cfg, getenv: getenv, stdout: stdout, stderr: stderr}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(ctx, e, rest[1:])
		}
	}
	return fmt.Errorf("unknown command %q (run parallax help)", rest[0])
}
