// Package brief tells one story once: it builds a parallax.Brief from the
// story's articles, derivations and analyses (headline, cited summary, key
// points, quotes by speaker, disagreements, timeline, source tree, what is
// new) and renders it for a terminal or as Markdown. It works on one story's
// inputs only; a Builder caches each article's sentence analysis so that a
// rebuild after a new article costs little. It does not fetch, cluster or
// analyse articles, and it does not log.
package brief
