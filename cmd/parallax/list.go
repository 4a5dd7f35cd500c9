package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/view"
)

func runArticles(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("articles", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	articles, err := st.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	assign, deriv, err := links(ctx, st, nil)
	if err != nil {
		return err
	}
	rows := make([]view.Article, 0, len(articles))
	for _, a := range articles {
		rows = append(rows, view.NewArticle(a, assign[a.ID], deriv[a.ID]))
	}
	if *jsonOut {
		return writeJSON(e.stdout, rows)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTORY\tSOURCE\tPUBLISHED\tTITLE\tDERIVED FROM")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, optID(r.StoryID), clip(r.Source, 28),
			optDate(r.Published), clip(orDash(r.Title), 60), derivedText(r.DerivedFrom))
	}
	return tw.Flush()
}

// links loads the assignments and derivations of the given articles (all
// when ids is empty), keyed by article ID.
func links(ctx context.Context, st parallax.ProcessStore, ids []int64) (map[int64]*parallax.Assignment, map[int64]*parallax.Derivation, error) {
	as, err := st.FindAssignments(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("assignments: %w", err)
	}
	ds, err := st.FindDerivations(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("derivations: %w", err)
	}
	assign := make(map[int64]*parallax.Assignment, len(as))
	for i := range as {
		assign[as[i].ArticleID] = &as[i]
	}
	deriv := make(map[int64]*parallax.Derivation, len(ds))
	for i := range ds {
		deriv[ds[i].ArticleID] = &ds[i]
	}
	return assign, deriv, nil
}

func runArticle(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("article", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	id, err := parseID("article", pos)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.FindArticleByID(ctx, id)
	if err != nil {
		return fmt.Errorf("article %d: %w", id, err)
	}
	assign, deriv, err := links(ctx, st, []int64{id})
	if err != nil {
		return err
	}
	analyses, err := st.FindAnalyses(ctx, []int64{id})
	if err != nil {
		return fmt.Errorf("article %d analysis: %w", id, err)
	}
	var an *parallax.Analysis
	if len(analyses) > 0 {
		an = &analyses[0]
	}
	v := view.NewArticleDetail(a, assign[id], deriv[id], an)
	if *jsonOut {
		return writeJSON(e.stdout, v)
	}
	return writeArticleText(e.stdout, v)
}

func writeArticleText(w io.Writer, v view.ArticleDetail) error {
	fmt.Fprintf(w, "#%d %s\n", v.ID, orDash(v.Title))
	fmt.Fprintf(w, "source: %s   byline: %s   published: %s   language: %s\n", orDash(v.Source), orDash(v.Byline), optDate(v.Published), orDash(v.Language))
	if v.Dateline.Place != "" || !v.Dateline.Date.IsZero() {
		fmt.Fprintf(w, "dateline: %s %s\n", v.Dateline.Place, dateOrEmpty(v.Dateline.Date))
	}
	fmt.Fprintf(w, "url: %s\n", v.URL)
	if len(v.Tags) > 0 {
		fmt.Fprintf(w, "tags: %s\n", strings.Join(v.Tags, ", "))
	}
	if v.DerivedFrom != nil {
		fmt.Fprintf(w, "derived from: %s\n", derivedText(v.DerivedFrom))
	}
	if v.StoryReason != nil {
		fmt.Fprintf(w, "story %d: %s\n", v.StoryReason.StoryID, v.StoryReason.Reason)
	}
	fmt.Fprintln(w)
	for _, b := range v.Body {
		switch b.Kind {
		case parallax.BlockHeading:
			fmt.Fprintf(w, "## %s\n\n", b.Text)
		case parallax.BlockListItem:
			fmt.Fprintf(w, "  • %s\n", b.Text)
		default:
			fmt.Fprintf(w, "%s\n\n", b.Text)
		}
	}
	if len(v.Removed) > 0 {
		fmt.Fprintf(w, "\nremoved (%d):\n", len(v.Removed))
		for _, r := range v.Removed {
			fmt.Fprintf(w, "  [%s] %s\n", r.Reason, clip(r.Text, 100))
		}
	}
	return nil
}

func runStories(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("stories", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	return writeStories(e.stdout, stories, *jsonOut)
}

func writeStories(w io.Writer, stories []*parallax.Story, asJSON bool) error {
	rows := make([]view.Story, 0, len(stories))
	for _, s := range stories {
		rows = append(rows, view.NewStory(s))
	}
	if asJSON {
		return writeJSON(w, rows)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSOURCES\tARTICLES\tLAST SEEN\tHEADLINE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", r.ID, r.Sources, len(r.ArticleIDs), dateOrEmpty(r.LastSeen), clip(r.Headline, 80))
	}
	return tw.Flush()
}

func optID(id *int64) string {
	if id == nil {
		return "-"
	}
	return fmt.Sprint(*id)
}

func optDate(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format("2006-01-02")
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

func derivedText(d *view.DerivedFrom) string {
	if d == nil {
		return "-"
	}
	return fmt.Sprintf("%d (%s, %.0f%%)", d.ID, d.Kind, d.Coverage*100)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
