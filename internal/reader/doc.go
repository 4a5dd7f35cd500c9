// Package reader holds the pure logic behind readers' accounts and front
// pages: password hashing (argon2id, PHC strings), session and CSRF
// secrets, sign-in throttling, the ranking of a reader's front page, related
// stories and topics. It stores nothing and serves nothing: the store keeps
// users and marks, the HTTP server calls these functions.
//
// # How your front page is ordered
//
// Stories about something you follow come first: a person, organisation or
// place, a topic, or a source. A story that matches more of your follows,
// that more independent outlets have covered, or that is more recent ranks
// higher; a story's weight halves for every day since it was last updated.
// The stories that match none of your follows come after, ordered the same
// way by the number of independent sources and recency. Each story that
// matches says why ("because you follow Marco Rubio and Reuters").
//
// Following a person by surname works: "Rubio" matches "Marco Rubio". Names
// match as whole words, so "Ed" does not match "Edward". Letter case and
// accents do not matter.
//
// # What muting hides
//
// Muting a person, organisation, place or topic hides every story that
// names it. Muting a keyword hides every story with that word or phrase, as a
// whole word, in a headline, a tag or a name. Muting a source hides a story
// only when every outlet covering it is muted: if another outlet you have
// not muted covers the same story, you still see it. Mutes always win over
// follows.
//
// # Related stories
//
// A story's related stories are those that name the same people,
// organisations and places, carry the same tags, or use the same words in
// their headlines. Rare names count more than names every story carries,
// and names and words in the headlines of both stories count much more
// than names met only somewhere in an article's text.
package reader
