package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// datelineRE splits "GENEVA — Nov. 24, 2025" or "WASHINGTON (AP) - The …"
// into the place and what follows the dash.
var datelineRE = regexp.MustCompile(`^([\p{Lu}][\p{L}.'’ ,-]{1,40}?)\s*(?:\([^)]{1,30}\))?\s*(?:—|–|--|-|:)\s*(.+)$`)

// bylineRE matches "By Jane Doe", "Written by Jane Doe and John Roe",
// "Posted by Staff".
var bylineRE = regexp.MustCompile(`^(?i:(?:written |words |reporting |reported |story |posted )?by)\s+(.+)$`)

// dateLayouts are the date forms datelines and bylines use.
var dateLayouts = []string{
	"Jan. 2, 2006", "Jan 2, 2006", "January 2, 2006", "2 January 2006", "2 Jan 2006",
	"2 Jan. 2006", "Monday, January 2, 2006", "Mon, Jan 2, 2006", "2006-01-02",
	"January 2 2006", "Jan. 2 2006", "Jan 2 2006", "02/01/2006", "Monday 2 January 2006",
}

// parseDate parses a date written in one of dateLayouts (month names with
// or without periods, "Sept." as "Sep.").
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.TrimRight(s, ". "))
	s = strings.Replace(s, "Sept.", "Sep.", 1)
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// "Nov. 24" style abbreviations without the period, full names with one.
	if i := strings.IndexByte(s, '.'); i > 0 && i <= 9 {
		if t, err := time.Parse("January 2, 2006", s[:i]+s[i+1:]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxDatelineLine bounds a whole-line dateline: a place of up to 40
// characters, an agency in brackets of up to 30, a dash and a date.
const maxDatelineLine = 160

// parseDatelineLine reads a whole line "PLACE — DATE" as a dateline.
func parseDatelineLine(s string) (parallax.Dateline, bool) {
	// A place, an agency and a date fit in maxDatelineLine bytes, and every
	// date form has a digit: most lines are ruled out before the regexp.
	if len(s) > maxDatelineLine {
		return parallax.Dateline{}, false
	}
	if !strings.ContainsAny(s, "0123456789") {
		return placeOnlyDateline(s)
	}
	m := datelineRE.FindStringSubmatch(s)
	if m == nil || !placeLike(m[1]) {
		return parallax.Dateline{}, false
	}
	d, ok := parseDate(m[2])
	if !ok {
		return parallax.Dateline{}, false
	}
	return parallax.Dateline{Place: strings.TrimRight(strings.TrimSpace(m[1]), ","), Date: d}, true
}

// leadDateline reads the dateline that opens a paragraph, wire style:
// "WASHINGTON (AP) — The Senate …". The place must be in capitals.
func leadDateline(s string) (string, bool) {
	m := datelineRE.FindStringSubmatch(s)
	if m == nil || !placeLike(m[1]) {
		return "", false
	}
	place := strings.TrimRight(strings.TrimSpace(m[1]), ",")
	first, _, _ := strings.Cut(place, ",")
	if !isUpperWord(first) || utf8.RuneCountInString(first) < 3 {
		return "", false
	}
	return place, true
}

// placeOnlyRE is a dateline line that gives the place alone, wire style
// in capitals with its dash: "CARROWMOUTH —", "LONDON (Reuters) —".
var placeOnlyRE = regexp.MustCompile(`^([\p{Lu}][\p{L}.'’ ,-]{1,40}?)\s*(?:\([^)]{1,30}\))?\s*(?:—|–|--)\s*$`)

// placeOnlyDateline reads a line that is only a place in capitals and a
// dash (the article is undated).
func placeOnlyDateline(s string) (parallax.Dateline, bool) {
	m := placeOnlyRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return parallax.Dateline{}, false
	}
	place := strings.TrimRight(strings.TrimSpace(m[1]), ",")
	if !placeLike(place) || !isUpperWord(strings.ReplaceAll(place, " ", "")) {
		return parallax.Dateline{}, false
	}
	return parallax.Dateline{Place: place}, true
}

// placeLike: one to four words, each starting with a capital, no digits.
func placeLike(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func isUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// parseByline reads "By Jane Doe" (and the same with a trailing date or
// outlet after "|", "," or a dash) and returns the name.
func parseByline(s string, f features) (string, bool) {
	m := bylineRE.FindStringSubmatch(s)
	if m == nil || f.words > 12 || f.endPunct && !strings.HasSuffix(s, ".") {
		return "", false
	}
	name := m[1]
	for _, sep := range []string{" | ", " · ", " — ", " – ", " - ", ", "} {
		if i := strings.Index(name, sep); i > 0 {
			if _, isDate := parseDate(name[i+len(sep):]); isDate || sep != ", " {
				name = name[:i]
			}
		}
	}
	name = strings.TrimSpace(strings.TrimRight(name, ".,;:"))
	if !nameLike(name, 8) {
		return "", false
	}
	return name, true
}

// nameLike: at most max words, most of them capitalised, no sentence
// punctuation, no digits.
func nameLike(s string, max int) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > max {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps++
		}
		if strings.ContainsAny(w, "0123456789?!:;") {
			return false
		}
	}
	return caps*2 > len(words)
}
