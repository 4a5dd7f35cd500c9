// Package fetch gets web pages and feeds politely and safely: conditional
// GET (ETag, Last-Modified), gzip and brotli decoding, charset conversion of
// text responses to UTF-8, one request at a time per host with a delay,
// robots.txt honoured and cached, connect and read timeouts, a redirect cap,
// a response size cap and a User-Agent naming Parallax with a contact URL.
//
// By default it refuses URLs whose host resolves to a loopback, private,
// link-local, multicast or unspecified address. The check runs on the
// address actually dialled (net.Dialer.Control), so it holds for every
// redirect and against DNS rebinding; Options.AllowPrivate lifts it.
//
// It does not parse what it fetches: feeds and pages are handed on as
// bytes.
package fetch
