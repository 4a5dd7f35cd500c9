// Package claim reduces an article's checkable statements to subject ·
// attribute · value claims, each with its sentence as evidence: the roles
// people are given ("Donald Trump · title · former US President"), numbers
// with what they count ("plan · points · 28", "ukraine military ·
// personnel · 880,000 → 600,000"), counts of people affected by an event
// ("people · injured · Fourteen"), and dates and deadlines ("plan ·
// deadline · until Thursday", resolved against the publication date).
//
// A count of people affected has what happened to them as attribute,
// normalised to a class: injured (hurt, wounded), killed (died, dead,
// death toll), arrested (detained), evacuated, missing, rescued,
// displaced, hospitalised. Its subject is "people" whatever generic noun
// counts them (people, men, women, residents, victims, none at all), so
// that "Fourteen people were injured", "41 were hurt" and "the collapse
// injured 41 people" meet as people · injured; a named group keeps its
// own key ("three children" → child, "five fishermen" → fisherman), since
// its count is part of the total. The value is the count as written with
// its qualifier ("at least 14", "Forty-one", "a dozen", "Nobody"), the
// normalised value the number (14, 41, 12, 0). A part of a count ("three
// of them seriously") is no count; a severity makes its own attribute
// ("the three seriously injured" → seriously injured), so neither
// contradicts the total. Ages, years, times, money, percentages and
// numbers of time or distance ("12 years later") are not counts.
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
