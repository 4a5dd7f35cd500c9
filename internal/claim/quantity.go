package claim

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// quantity is one number found in a sentence.
type quantity struct {
	first, last int     // token range of the value as written
	value       float64 // the (last) value
	from        float64 // the start of a "from X to Y" change
	isRange     bool
	unit        string // "%", "USD", "km"
	compound    string // the noun of "28-point"
}

// numbers adds a claim for each number in st with what it counts.
func (d *doc) numbers(out []parallax.Claim, st *sentence) []parallax.Claim {
	for i := 0; i < len(st.toks); i++ {
		q, ok := d.quantityAt(st, i)
		if !ok {
			continue
		}
		i = q.last
		if d.counted[st.toks[q.first].Start] {
			continue // a count of people affected, already claimed
		}
		c, ok := d.numberClaim(st, q)
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// quantityAt reads the number starting at token i: digits in any locale
// or a number word, with a multiplier ("1.5 million"), a currency or
// percent sign, and a "from X to Y" change.
func (d *doc) quantityAt(st *sentence, i int) (quantity, bool) {
	v, compound, ok := d.valueAt(st, i)
	if !ok {
		return quantity{}, false
	}
	q := quantity{first: i, last: i, value: v, compound: compound}
	q = d.extend(st, q)
	// "from 880,000 to 600,000"
	if i > 0 && st.fold[i-1] == "from" && q.last+2 < len(st.toks) && st.fold[q.last+1] == "to" {
		if v2, c2, ok := d.valueAt(st, q.last+2); ok {
			q2 := d.extend(st, quantity{first: q.last + 2, last: q.last + 2, value: v2, compound: c2})
			q.from, q.value, q.isRange, q.last = q.value, q2.value, true, q2.last
			if q.unit == "" {
				q.unit = q2.unit
			}
			if q.compound == "" {
				q.compound = q2.compound
			}
		}
	}
	return q, true
}

// valueAt reads the value of token i, and the noun of a compound
// ("28-point" → 28, "point").
func (d *doc) valueAt(st *sentence, i int) (float64, string, bool) {
	tok := st.toks[i].Text
	if !text.IsNumber(tok) {
		v, ok := numberWord(st.fold[i])
		if !ok || i+1 >= len(st.toks) || !isCountNoun(st.toks[i+1].Text) {
			return 0, "", false
		}
		return v, "", true
	}
	num, compound := tok, ""
	if h := strings.IndexAny(tok, "-‐"); h > 0 {
		num, compound = tok[:h], strings.TrimLeft(tok[h:], "-‐")
		if strings.IndexFunc(compound, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			return 0, "", false // a score or a range like "3-2"
		}
	}
	if isYear(num) && compound == "" {
		return 0, "", false
	}
	v, ok := parseNumber(num)
	return v, text.Fold(compound), ok
}

// isYear reports whether a bare four-digit number is a year.
func isYear(tok string) bool {
	if len(tok) != 4 {
		return false
	}
	return tok >= "1900" && tok <= "2100"
}

// extend reads a multiplier and the unit signs around a value.
func (d *doc) extend(st *sentence, q quantity) quantity {
	if q.last+1 < len(st.toks) {
		if m, ok := multipliers[st.fold[q.last+1]]; ok && !strings.Contains(d.gapAfter(st, q.last), ",") {
			q.value *= m
			q.last++
		}
	}
	before := d.gapBefore(st, q.first)
	for sign, code := range currencies {
		if len(sign) <= 3 && strings.HasSuffix(strings.TrimSpace(before), sign) {
			q.unit = code
		}
	}
	after := d.gapAfter(st, q.last)
	switch {
	case strings.HasPrefix(strings.TrimSpace(after), "%"):
		q.unit = "%"
	case q.last+1 < len(st.toks):
		w := st.fold[q.last+1]
		if code, ok := currencies[w]; ok {
			q.unit = code
			q.last++
		} else if code, ok := units[w]; ok && code == "%" {
			q.unit = "%"
			q.last++
		}
	}
	return q
}

func (d *doc) gapBefore(st *sentence, i int) string {
	a := st.start
	if i > 0 {
		a = st.toks[i-1].End
	}
	return d.s[a:st.toks[i].Start]
}

func (d *doc) gapAfter(st *sentence, i int) string {
	b := st.end
	if i+1 < len(st.toks) {
		b = st.toks[i+1].Start
	}
	return d.s[st.toks[i].End:b]
}

// isCountNoun guesses whether a word after a number names what it counts.
func isCountNoun(w string) bool {
	f := text.Fold(w)
	if isCapitalised(w) && (!strings.HasSuffix(w, "s") || strings.ToUpper(w) == w) {
		return false // a name, unless a plural demonym ("Iowans")
	}
	return !text.IsStopword(f) && !text.IsNumber(w) && len(f) > 1 && f != "percent" && f != "times"
}

// numberClaim builds the claim for a quantity: the attribute is what it
// counts (the noun after it, or of its compound), the subject the
// possessive phrase before it ("Ukraine's military") or the noun phrase a
// compound qualifies ("28-point peace plan").
func (d *doc) numberClaim(st *sentence, q quantity) (parallax.Claim, bool) {
	var subject, attribute string
	next := q.last + 1
	switch {
	case q.compound != "":
		attribute = plural(q.compound)
		subject = d.nounPhrase(st, next)
	case q.unit == "USD" || q.unit == "EUR" || q.unit == "GBP" || q.unit == "JPY" || q.unit == "RUB" || q.unit == "UAH" || q.unit == "CNY":
		attribute = "amount"
		subject = d.possessiveBefore(st, q.first)
	case q.unit == "%":
		attribute = "percent"
		subject = d.possessiveBefore(st, q.first)
	case next < len(st.toks) && isCountNoun(st.toks[next].Text) && !strings.ContainsAny(d.gapAfter(st, q.last), ",;:.()“”\""):
		attribute = st.fold[next]
		code, isUnit := units[attribute]
		if isUnit {
			q.unit = code
		}
		subject = d.possessiveBefore(st, q.first)
		if subject == "" && !isUnit && strings.HasSuffix(attribute, "s") {
			// "171,000 Iowans": the counted noun is the subject.
			subject, attribute = subjectKey("", attribute), "count"
		}
	default:
		return parallax.Claim{}, false
	}
	if subject == "" || attribute == "" {
		return parallax.Claim{}, false
	}
	a, b := st.toks[q.first].Start, st.toks[q.last].End
	if q.isRange && q.first > 0 {
		a = st.toks[q.first].Start
	}
	value := d.s[a:b]
	if q.compound != "" {
		value = formatNumber(q.value) // "28-point" → 28
	}
	norm := formatNumber(q.value)
	if q.isRange {
		value = d.rangeValue(st, q)
		norm = formatNumber(q.from) + "→" + formatNumber(q.value)
	}
	c := d.claim(st, subject, attribute, value, norm, a, b)
	c.Unit = q.unit
	return c, true
}

// rangeValue writes a change as "880,000 → 600,000".
func (d *doc) rangeValue(st *sentence, q quantity) string {
	for k := q.first; k <= q.last; k++ {
		if st.fold[k] == "to" {
			from := d.s[st.toks[q.first].Start:st.toks[k-1].End]
			to := d.s[st.toks[k+1].Start:st.toks[q.last].End]
			return from + " → " + to
		}
	}
	return d.s[st.toks[q.first].Start:st.toks[q.last].End]
}

func plural(w string) string {
	if strings.HasSuffix(w, "s") {
		return w
	}
	return w + "s"
}

// nounPhrase reads the noun phrase starting at token i (up to three words,
// stopping at punctuation, function words and participles) as a subject.
func (d *doc) nounPhrase(st *sentence, i int) string {
	var words []string
	for j := i; j < len(st.toks) && j < i+3; j++ {
		if j > i && strings.ContainsAny(d.gapBefore(st, j), ",;:.()“”\"—") {
			break
		}
		f := st.fold[j]
		if text.IsStopword(f) || text.IsNumber(f) || j > i && (strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "ing") || strings.HasSuffix(f, "ly")) {
			break
		}
		words = append(words, st.toks[j].Text)
		if _, head := headSynonyms[singular(f)]; head {
			break // "28-point peace plan set": the head ends the phrase
		}
	}
	return subjectKey("", strings.Join(words, " "))
}

// possessiveBefore finds the nearest "X's Y" before token i in the
// sentence ("Reducing Ukraine's military from …") and returns its key.
func (d *doc) possessiveBefore(st *sentence, i int) string {
	for j := i - 1; j >= 0 && i-j <= 8; j-- {
		f := st.fold[j]
		if !strings.HasSuffix(f, "'s") || j+1 >= i {
			continue
		}
		w := st.fold[j+1]
		if text.IsStopword(w) || strings.ContainsAny(d.gapBefore(st, j+1), ",;:()") {
			return ""
		}
		head := []string{w}
		if j+2 < i {
			// Two words only when they are a known compound ("armed forces").
			two := singular(w) + " " + singular(st.fold[j+2])
			if _, ok := headSynonyms[two]; ok {
				head = append(head, st.fold[j+2])
			}
		}
		return foldedSubjectKey(st.fold[j], strings.Join(head, " "))
	}
	return ""
}
