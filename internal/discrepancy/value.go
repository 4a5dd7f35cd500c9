package discrepancy

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// roleAttributes are the attribute names under which claims state a
// person's title or office.
var roleAttributes = map[string]string{
	"title": "role", "role": "role", "position": "role", "office": "role", "job": "role", "post": "role",
}

// roleModifiers change which office a title names: a former president is
// not the president, nor is a vice or acting one.
var roleModifiers = map[string]string{
	"former": "former", "ex": "former", "erstwhile": "former", "late": "former", "retired": "former", "onetime": "former",
	"acting": "acting", "interim": "acting", "caretaker": "acting",
	"deputy": "deputy", "vice": "vice", "assistant": "assistant", "under": "under", "associate": "associate",
	"outgoing": "outgoing", "incoming": "incoming", "elect": "elect", "designate": "elect", "future": "elect",
}

// roleAbbreviations expand short forms of titles.
var roleAbbreviations = map[string][]string{
	"pm": {"prime", "minister"}, "vp": {"vice", "president"}, "pres": {"president"}, "sec": {"secretary"},
	"gen": {"general"}, "sen": {"senator"}, "rep": {"representative"}, "gov": {"governor"},
	"amb": {"ambassador"}, "fm": {"foreign", "minister"},
}

// dotted abbreviations are joined before words are split on the dots.
var dotted = strings.NewReplacer("u.s.a.", "usa", "u.s.", "us", "u.s", "us", "u.k.", "uk", "u.n.", "un", "e.u.", "eu")

// roleFiller words carry no meaning in a title.
var roleFiller = map[string]bool{"the": true, "of": true, "for": true, "and": true, "a": true, "an": true, "s": true, "then": true}

// numberScale words multiply the number before them.
var numberScale = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}

// normAttribute folds an attribute name and maps synonyms of "role".
func normAttribute(a string) string {
	f := strings.Join(strings.Fields(text.Fold(a)), " ")
	if r, ok := roleAttributes[f]; ok {
		return r
	}
	return f
}

// value is one stated value prepared for comparison.
type value struct {
	kind      valueKind
	modifiers string   // role: sorted modifiers, joined
	tokens    []string // role/text: sorted distinct content tokens
	numbers   []string // number: canonical numbers in order
	arrow     bool     // number: a change from one value to another
	norm      string   // normalised form, folded
	folded    string   // the value as stated, folded, spaces collapsed
}

type valueKind int

const (
	kindText valueKind = iota
	kindRole
	kindNumber
)

func parseValue(attr string, c parallax.Claim) value {
	v := parseValueKind(attr, c)
	v.folded = text.Fold(strings.Join(strings.Fields(c.Value), " "))
	return v
}

func parseValueKind(attr string, c parallax.Claim) value {
	if attr == "role" {
		return parseRole(c.Value)
	}
	src := c.Normalized
	if strings.TrimSpace(src) == "" {
		src = c.Value
	}
	v := value{norm: strings.Join(strings.Fields(text.Fold(c.Normalized)), " ")}
	if isDate(v.norm) {
		v.tokens = contentTokens(c.Value)
		return v
	}
	if nums, arrow := parseNumbers(src); len(nums) > 0 {
		v.kind, v.numbers, v.arrow = kindNumber, nums, arrow
		return v
	}
	v.tokens = contentTokens(c.Value)
	return v
}

// words splits a title or value into folded words, hyphenated words apart
// ("ex-President" → ex, president) and possessives dropped.
func words(s string) []string {
	f := dotted.Replace(text.Fold(s))
	fields := strings.FieldsFunc(f, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	out := fields[:0]
	for _, w := range fields {
		w = strings.TrimSuffix(strings.Trim(w, "'"), "'s")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func parseRole(s string) value {
	var mods, toks []string
	for _, w := range words(stripQualifiers(s)) {
		if exp, ok := roleAbbreviations[w]; ok {
			for _, e := range exp {
				mods, toks = addRoleWord(mods, toks, e)
			}
			continue
		}
		mods, toks = addRoleWord(mods, toks, w)
	}
	return value{kind: kindRole, modifiers: strings.Join(sortedSet(mods), " "), tokens: sortedSet(toks)}
}

func addRoleWord(mods, toks []string, w string) ([]string, []string) {
	switch {
	case roleFiller[w]:
		return mods, toks
	case roleModifiers[w] != "":
		return append(mods, roleModifiers[w]), toks
	default:
		return mods, append(toks, text.Stem(canonicalPlace(w)))
	}
}

// stripQualifiers drops the words of a title that only say whose office it
// is: a possessive ("Ukraine's president"), an acronym ("US President") or
// a capitalised demonym or party before the office ("Finnish President",
// "Republican Senator"). Such a qualifier adds to a title without changing
// it.
func stripQualifiers(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '‐' })
	out := fields[:0]
	for i, f := range fields {
		if qualifier(f, i == len(fields)-1) {
			continue
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// demonyms that the suffix rule in qualifier misses.
var demonyms = map[string]bool{"french": true, "dutch": true, "greek": true, "swiss": true, "thai": true, "czech": true, "welsh": true}

func qualifier(w string, last bool) bool {
	f := text.Fold(w)
	if strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "s'") {
		return true
	}
	if last {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, w)
	if letters == strings.ToUpper(letters) && utf8.RuneCountInString(letters) <= 4 {
		return true // US, U.S., UK, EU, NATO
	}
	if demonyms[f] || strings.HasSuffix(f, "man") {
		return demonyms[f]
	}
	for _, suf := range []string{"ian", "ean", "an", "ish", "ese", "i", "ic"} {
		if strings.HasSuffix(f, suf) && len(f) > len(suf)+2 {
			return true
		}
	}
	return false
}

// canonicalPlace maps common spellings of a country to one form so that
// "U.S. President" and "US President" compare equal.
func canonicalPlace(w string) string {
	switch w {
	case "usa", "america", "american":
		return "us"
	case "u.k", "u.k.", "britain", "british":
		return "uk"
	}
	return w
}

func contentTokens(s string) []string {
	var out []string
	for _, w := range words(s) {
		if term, ok := text.Term(w); ok {
			out = append(out, term)
		}
	}
	return sortedSet(out)
}

// parseNumbers returns the numbers of s in order, scaled by a following
// "million" and the like, and whether s states a change ("880,000 → 600,000",
// "from 880,000 to 600,000").
func parseNumbers(s string) ([]string, bool) {
	toks := text.Tokens(s)
	var out []string
	for i, t := range toks {
		if !text.IsNumber(t.Text) {
			continue
		}
		f, ok := parseNumber(t.Text)
		if !ok {
			continue
		}
		if i+1 < len(toks) {
			if m, ok := numberScale[strings.ToLower(toks[i+1].Text)]; ok {
				f *= m
			}
		}
		out = append(out, strconv.FormatFloat(f, 'f', -1, 64))
	}
	low := strings.ToLower(s)
	arrow := len(out) > 1 && (strings.Contains(s, "→") || strings.Contains(s, "->") || strings.Contains(low, " to "))
	return out, arrow
}

// parseNumber reads "880,000", "1.5", "1.000,5" and "28-point".
func parseNumber(tok string) (float64, bool) {
	end := 0
	for end < len(tok) && (tok[end] >= '0' && tok[end] <= '9' || tok[end] == ',' || tok[end] == '.') {
		end++
	}
	n := tok[:end]
	lastDot, lastComma := strings.LastIndexByte(n, '.'), strings.LastIndexByte(n, ',')
	switch {
	case lastComma > lastDot && lastDot >= 0: // 1.000,5
		n = strings.ReplaceAll(n, ".", "")
		n = strings.Replace(n, ",", ".", 1)
	case lastComma >= 0 && len(n)-lastComma-1 != 3: // 1,5 as a decimal comma
		n = strings.Replace(n, ",", ".", 1)
	default:
		n = strings.ReplaceAll(n, ",", "")
	}
	f, err := strconv.ParseFloat(n, 64)
	return f, err == nil
}

// agree reports whether two values of one subject's attribute are
// compatible. Titles agree when they carry the same modifiers and one's
// words include the other's ("US President" and "President"); numbers when
// they end at the same number; other values by normalised form or by words.
func agree(a, b value) bool {
	if isDate(a.norm) && isDate(b.norm) {
		return a.norm == b.norm
	}
	if a.folded != "" && a.folded == b.folded && a.kind == b.kind {
		return a.kind != kindNumber || agreeNumbers(a, b)
	}
	switch {
	case a.kind == kindRole && b.kind == kindRole:
		return a.modifiers == b.modifiers && (subset(a.tokens, b.tokens) || subset(b.tokens, a.tokens))
	case a.kind == kindNumber && b.kind == kindNumber:
		return agreeNumbers(a, b)
	case a.norm != "" && b.norm != "" && isDate(a.norm) == isDate(b.norm):
		return a.norm == b.norm
	case a.kind == kindNumber || b.kind == kindNumber:
		return false
	default:
		return subset(a.tokens, b.tokens) || subset(b.tokens, a.tokens)
	}
}

func agreeNumbers(a, b value) bool {
	if a.numbers[len(a.numbers)-1] != b.numbers[len(b.numbers)-1] {
		return false
	}
	if a.arrow && b.arrow {
		return a.numbers[0] == b.numbers[0]
	}
	if a.arrow || b.arrow {
		return true
	}
	return slices.Equal(a.numbers, b.numbers)
}

// isDate reports whether a normalised value is an ISO date ("2025-11-27").
func isDate(norm string) bool {
	return len(norm) >= 10 && norm[4] == '-' && norm[7] == '-' && strings.IndexFunc(norm[:4], func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// subset reports whether every word of small (sorted) is in big (sorted).
func subset(small, big []string) bool {
	i := 0
	for _, w := range small {
		for i < len(big) && big[i] < w {
			i++
		}
		if i == len(big) || big[i] != w {
			return false
		}
	}
	return true
}

func sortedSet(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// specificity is how many words a value carries, to prefer the fuller form.
func (v value) specificity() int {
	n := len(v.tokens) + len(v.numbers)
	if v.modifiers != "" {
		n += len(strings.Fields(v.modifiers))
	}
	return n
}
