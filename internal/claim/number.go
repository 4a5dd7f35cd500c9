package claim

import (
	"strconv"
	"strings"
)

// numberWord looks a folded word up in numberWords, turning away first
// the words that none of them starts like.
func numberWord(f string) (float64, bool) {
	if f == "" || !strings.ContainsRune("tfsenhd", rune(f[0])) {
		return 0, false
	}
	v, ok := numberWords[f]
	return v, ok
}

// numberWords are the number words read as values.
var numberWords = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

// multipliers scale the number before them ("1.5 million").
var multipliers = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
	"trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3,
}

// parseNumber reads a number written with digits in any common locale:
// "1,200" and "1.200" are twelve hundred, "1.000,5" and "1,000.5" a
// thousand and a half, "1.5" and "1,5" one and a half. A separator
// followed by exactly three digits groups thousands; otherwise it is the
// decimal mark. When both marks appear, the last one is the decimal mark.
func parseNumber(tok string) (float64, bool) {
	tok = strings.TrimRight(tok, ".,")
	if tok == "" {
		return 0, false
	}
	lastDot, lastComma := strings.LastIndexByte(tok, '.'), strings.LastIndexByte(tok, ',')
	var clean string
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec := max(lastDot, lastComma)
		clean = strings.NewReplacer(".", "", ",", "").Replace(tok[:dec]) + "." + tok[dec+1:]
	case lastDot >= 0 || lastComma >= 0:
		sep := byte('.')
		if lastComma >= 0 {
			sep = ','
		}
		parts := strings.Split(tok, string(sep))
		grouped := len(parts) > 2 || len(parts[len(parts)-1]) == 3 && len(parts[0]) <= 3 && parts[0] != "0"
		if grouped {
			clean = strings.Join(parts, "")
		} else {
			clean = strings.Replace(tok, string(sep), ".", 1)
		}
	default:
		clean = tok
	}
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// formatNumber writes a value in its normalised form: a plain decimal
// without grouping ("880000", "1000.5").
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// currencies maps a currency sign or word to its ISO code.
var currencies = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD",
	"dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "rubles": "RUB", "roubles": "RUB",
	"hryvnias": "UAH", "yen": "JPY", "yuan": "CNY"}

// units maps a unit word to its code.
var units = map[string]string{"percent": "%", "per cent": "%", "%": "%", "km": "km", "kilometres": "km",
	"kilometers": "km", "kilometre": "km", "kilometer": "km", "miles": "mi", "mile": "mi", "kg": "kg",
	"tonnes": "t", "tons": "t", "metres": "m", "meters": "m", "days": "days", "hours": "hours", "years": "years",
	"weeks": "weeks", "months": "months"}
