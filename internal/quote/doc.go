// Package quote finds who said what in an article: direct quotes in
// quotation marks (straight, curly, angled; over several sentences; split by
// their attribution, "…," he said, "…") and reported speech ("X said that
// …", "according to X", "…, X said."), each with its cue verb and its
// speaker. The speaker is resolved against the article's entity mentions,
// also through pronouns ("he said") and descriptions ("the spokesman said").
//
// Extract returns speech only; Attributions also returns the beliefs,
// findings and stances attributed to a source ("X believes …", "polls show
// …", "X endorsed Y", "his call for a ban", "opposed by House
// Republicans"), the wider sense scored on PolNeAR by eval quotes, and a
// few attributions that name no source ("Asked whether …", "appears to
// …"), whose Speaker is empty.
// Every quote carries the byte spans of its content (Parts for a split
// quote), speaker as written and cue, so that a quote can be shown in
// context and scored.
//
// It does not recognise entities itself: callers pass the mentions found by
// the entity stage. It is a pure function of its input and does not log.
package quote
