package claim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var months = map[string]time.Month{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12}

// weekday looks up a folded word in weekdays, which all end in "day".
func weekday(f string) (time.Weekday, bool) {
	if !strings.HasSuffix(f, "day") {
		return 0, false
	}
	wd, ok := weekdays[f]
	return wd, ok
}

// month looks up a capitalised word, folded, in months.
func month(tok, f string) (time.Month, bool) {
	if !isCapitalised(tok) {
		return 0, false
	}
	m, ok := months[f]
	return m, ok
}

// deadlineWords open a deadline ("until Thursday", "by November 27").
var deadlineWords = map[string]bool{"until": true, "by": true, "before": true, "till": true, "deadline": true}

// dates adds a deadline claim for each "until/by/before DATE" in st, and a
// date claim for each full calendar date.
func (d *doc) dates(out []parallax.Claim, st *sentence) []parallax.Claim {
	for i := 0; i < len(st.toks); i++ {
		norm, last, ok := d.dateAt(st, i)
		if !ok {
			continue
		}
		attr := ""
		if i > 0 && deadlineWords[st.fold[i-1]] {
			attr = "deadline"
		} else if _, isWeekday := weekday(st.fold[i]); !isWeekday {
			attr = "date"
		}
		if attr == "" {
			i = last
			continue
		}
		subject := d.deadlineSubject(st, i)
		if attr == "date" {
			subject = d.eventBefore(st, i)
		}
		if subject == "" {
			i = last
			continue
		}
		a := st.toks[i].Start
		if attr == "deadline" {
			a = st.toks[i-1].Start
		}
		b := st.toks[last].End
		out = append(out, d.claim(st, subject, attr, d.s[a:b], norm, a, b))
		i = last
	}
	return out
}

// dateAt reads a date at token i: a weekday (resolved to the next such day
// after the publication date), "November 27[, 2025]", "27 November
// [2025]" or an ISO date; it returns the ISO form (or the weekday name
// when there is no publication date) and the last token.
func (d *doc) dateAt(st *sentence, i int) (string, int, bool) {
	f := st.fold[i]
	if wd, ok := weekday(f); ok {
		if d.published.IsZero() {
			return f, i, true
		}
		prev := i > 0 && st.fold[i-1] == "last"
		return resolveWeekday(d.published, wd, prev).Format("2006-01-02"), i, true
	}
	if m, ok := month(st.toks[i].Text, f); ok && i+1 < len(st.toks) {
		if day, ok := dayOf(st.toks[i+1].Text); ok {
			year, last := d.yearAfter(st, i+2, i+1)
			return isoDate(year, m, day), last, true
		}
	}
	if day, ok := dayOf(st.toks[i].Text); ok && i+1 < len(st.toks) {
		if m, ok := month(st.toks[i+1].Text, st.fold[i+1]); ok {
			year, last := d.yearAfter(st, i+2, i+1)
			return isoDate(year, m, day), last, true
		}
	}
	if tok := st.toks[i].Text; len(tok) == 10 && tok[4] == '-' {
		if t, err := time.Parse("2006-01-02", tok); err == nil {
			return t.Format("2006-01-02"), i, true
		}
	}
	return "", i, false
}

func dayOf(tok string) (int, bool) {
	if tok == "" || tok[0] < '0' || tok[0] > '9' || len(tok) > 4 {
		return 0, false
	}
	tok = strings.TrimRight(strings.ToLower(tok), "stndrh")
	n, err := strconv.Atoi(tok)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// yearAfter reads a year at token k, else takes the publication year (0
// when unknown).
func (d *doc) yearAfter(st *sentence, k, last int) (int, int) {
	if k < len(st.toks) && isYear(st.toks[k].Text) {
		y, err := strconv.Atoi(st.toks[k].Text)
		if err == nil {
			return y, k
		}
	}
	if d.published.IsZero() {
		return 0, last
	}
	return d.published.Year(), last
}

func isoDate(year int, m time.Month, day int) string {
	if year == 0 {
		return fmt.Sprintf("--%02d-%02d", int(m), day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, int(m), day)
}

// resolveWeekday returns the first such weekday after t (or the last one
// before it).
func resolveWeekday(t time.Time, wd time.Weekday, before bool) time.Time {
	if before {
		diff := (int(t.Weekday()) - int(wd) + 7) % 7
		if diff == 0 {
			diff = 7
		}
		return t.AddDate(0, 0, -diff)
	}
	diff := (int(wd) - int(t.Weekday()) + 7) % 7
	return t.AddDate(0, 0, diff)
}

// deadlineSubject names what a deadline is for: the object of the nearest
// "to VERB (the) NOUN" in the sentence ("to accept the deal" → plan), else
// the first person or organisation named in the sentence.
func (d *doc) deadlineSubject(st *sentence, at int) string {
	best, bestDist := "", 1<<30
	for j := max(0, at-30); j+2 < len(st.toks) && j < at+30; j++ {
		if f := st.fold[j]; f != "to" && f != "must" && f != "should" || isCapitalised(st.toks[j+1].Text) {
			continue
		}
		k := j + 2
		if f := st.fold[k]; (f == "the" || f == "a" || f == "an" || f == "its" || f == "this") && k+1 < len(st.toks) {
			k++
		}
		noun := st.fold[k]
		if text.IsStopword(noun) || strings.ContainsAny(d.gapBefore(st, k), ",;:") {
			continue
		}
		if dist := abs(j - at); dist < bestDist {
			best, bestDist = subjectKey("", noun), dist
		}
	}
	return best
}

// eventBefore names what a calendar date is the date of: the noun right
// before "on"/"in" and the date ("the meeting on November 30" → meeting).
func (d *doc) eventBefore(st *sentence, at int) string {
	j := at - 1
	if j >= 0 {
		if f := st.fold[j]; f == "on" || f == "in" || f == "for" || f == "of" {
			j--
		}
	}
	if j < 0 || j == at-1 {
		return ""
	}
	f := st.fold[j]
	if text.IsStopword(f) || isCapitalised(st.toks[j].Text) || text.IsNumber(f) || strings.HasSuffix(f, "ed") {
		return ""
	}
	return subjectKey("", f)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
