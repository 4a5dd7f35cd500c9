// Package claim reduces an article's checkable statements to subject ·
// attribute · value claims, each with its sentence as evidence: the roles
// people are given ("Donald Trump · title · former US President"), numbers
// with what they count ("plan · points · 28", "ukraine military ·
// personnel · 880,000 → 600,000"), and dates and deadlines ("plan ·
// deadline · until Thursday", resolved against the publication date).
//
// Values are normalised so that outlets can be compared: numbers to plain
// decimals whatever the locale ("1,200", "1.200", "twelve", "1.000,5"),
// units to a short code, dates to ISO 8601. Subjects other than people are
// normalised to a key: lower case, the possessive owner kept without
// "'s", and the head noun alone, singular, with a few synonyms merged
// (armed forces, army, troops → military; deal, proposal, draft,
// framework → plan), so that "Ukraine's military" and "Ukraine's armed
// forces" meet as "ukraine military" and "a 28-point peace plan" and "the
// proposed 28-point plan" meet as "plan".
//
// It does not find entities: callers pass the mentions of the entity
// stage. It is a pure function of its input and does not log.
package claim
