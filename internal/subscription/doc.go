// Package subscription holds what following feeds needs besides fetching:
// OPML 2.0 import and export, discovery of a site's feeds from the
// <link rel="alternate"> elements of its pages, and the schedule (an
// interval that adapts to how often a feed publishes, and backoff on
// errors). It does no I/O beyond the readers and writers it is given.
package subscription
