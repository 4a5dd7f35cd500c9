// Package feed reads RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.x documents
// (through github.com/mmcdole/gofeed) into documents ready for extraction:
// one per item, its full content when the feed carries it, else its
// summary, with the item's title, author, date and categories as hints and
// the feed's title as the source. It parses bytes it is given; it does not
// fetch feeds or the pages of summary-only items.
package feed
