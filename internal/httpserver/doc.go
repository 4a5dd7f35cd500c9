// Package httpserver serves a Parallax store over HTTP: the JSON API under
// /api/v1/ (described by the embedded OpenAPI document), server-rendered
// pages (stories, briefs, articles, search, entities), Atom feeds, a health
// check and Prometheus metrics. It only reads the store, except for
// POST /api/v1/ingest, which runs uploaded documents through the pipeline
// and needs an API token.
//
// Everything that came from an article reaches a page through html/template
// (escaped by context) and a feed through a bluemonday policy; the pages
// need no JavaScript and state-changing requests from browsers are refused
// unless same-origin (net/http's CrossOriginProtection).
package httpserver
