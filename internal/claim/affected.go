package claim

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// breaks are the marks between two words that end a phrase.
const breaks = ",;:.()“”\"—–"

// affectedVerbs maps the words that say what happened to people to their
// class, the claim's attribute: "hurt", "wounded" → injured; "died",
// "dead" → killed; "detained" → arrested.
var affectedVerbs = map[string]string{
	"injured": "injured", "hurt": "injured", "wounded": "injured",
	"killed": "killed", "died": "killed", "dead": "killed", "perished": "killed",
	"arrested": "arrested", "detained": "arrested",
	"evacuated": "evacuated", "missing": "missing", "rescued": "rescued", "displaced": "displaced",
	"hospitalised": "hospitalised", "hospitalized": "hospitalised",
}

// activeVerbs are the verbs that take the count as object ("killing at
// least 12", "the collapse injured 41 people").
var activeVerbs = map[string]string{
	"injured": "injured", "injuring": "injured", "injures": "injured", "hurt": "injured", "hurting": "injured",
	"wounded": "injured", "wounding": "injured", "wounds": "injured",
	"killed": "killed", "killing": "killed", "kills": "killed",
	"arrested": "arrested", "arresting": "arrested", "detained": "arrested", "detaining": "arrested",
	"evacuated": "evacuated", "evacuating": "evacuated", "rescued": "rescued", "rescuing": "rescued",
	"displaced": "displaced", "displacing": "displaced", "hospitalised": "hospitalised", "hospitalized": "hospitalised",
}

// intransitive verbs are never a noun's modifier nor take an object:
// "three died the next day" is a count as it stands.
var intransitive = map[string]bool{"died": true, "perished": true}

// auxiliaries and adverbs may stand between a count and its verb ("were
// later arrested", "have reportedly been killed").
var auxiliaries = map[string]bool{
	"were": true, "are": true, "was": true, "is": true, "been": true, "be": true, "being": true, "have": true,
	"has": true, "had": true, "reportedly": true, "also": true, "later": true, "all": true, "now": true,
	"still": true, "initially": true, "subsequently": true, "allegedly": true, "officially": true, "remain": true,
	"remained": true, "remains": true, "confirmed": true, "left": true,
}

// placeWords may follow a count without being what it counts ("nobody
// aboard is hurt", "14 onboard were injured").
var placeWords = map[string]bool{"aboard": true, "onboard": true, "inside": true, "there": true}

// beForms before a verb make it passive: "was arrested five buildings
// away" says nothing of five people.
var beForms = map[string]bool{"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "being": true}

// timeWords end the noun phrase of a count ("killed three people today").
var timeWords = map[string]bool{"today": true, "yesterday": true, "tonight": true, "overnight": true, "away": true, "ago": true}

// singularAux agree with a count of one (or none): "12 was injured" is an
// age ("a girl aged 12 was injured"), not a count.
var singularAux = map[string]bool{"was": true, "is": true, "has": true, "remains": true}

// severities qualify an injury count, which then gets its own attribute
// so that "three of them seriously" never contradicts the total.
var severities = map[string]string{
	"seriously": "seriously injured", "critically": "seriously injured", "severely": "seriously injured",
	"badly": "seriously injured", "gravely": "seriously injured", "slightly": "slightly injured",
	"lightly": "slightly injured", "fatally": "killed", "mortally": "killed",
}

// countQualifiers are the words before a count that the value keeps ("at
// least 14"), longest first.
var countQualifiers = [][]string{
	{"as", "many", "as"}, {"a", "total", "of"}, {"at", "least"}, {"more", "than"}, {"fewer", "than"}, {"less", "than"}, {"up", "to"},
	{"at", "most"}, {"close", "to"}, {"an", "estimated"}, {"just", "over"}, {"just", "under"},
	{"about"}, {"around"}, {"some"}, {"nearly"}, {"almost"}, {"over"}, {"roughly"}, {"approximately"},
	{"estimated"}, {"only"},
}

// genericPeople are the head nouns that name anyone affected; their
// counts share the subject "people" so that "14 people were injured" and
// "41 were hurt" meet. Other heads ("children", "soldiers") name a group
// whose count is not the total and keep their own key.
var genericPeople = map[string]bool{
	"people": true, "person": true, "persons": true, "individual": true, "individuals": true, "man": true,
	"men": true, "woman": true, "women": true, "resident": true, "residents": true, "inhabitant": true,
	"inhabitants": true, "villager": true, "villagers": true, "local": true, "locals": true, "victim": true,
	"victims": true, "other": true, "others": true,
}

// notCounted are the words after a number that say it counts something
// other than people: time, distance, money, ages, percentages.
var notCounted = map[string]bool{
	"year": true, "years": true, "day": true, "days": true, "hour": true, "hours": true, "minute": true,
	"minutes": true, "second": true, "seconds": true, "week": true, "weeks": true, "month": true, "months": true,
	"time": true, "times": true, "percent": true, "per": true, "am": true, "pm": true, "o'clock": true, "km": true, "kilometres": true, "kilometers": true, "miles": true, "metres": true,
	"meters": true, "feet": true, "kg": true, "tonnes": true, "tons": true, "points": true, "yards": true,
	"ago": true, "old": true, "aged": true,
}

// tollWords may stand between "death toll" and its number ("the death
// toll rose to at least 12").
var tollWords = map[string]bool{
	"rose": true, "risen": true, "rising": true, "climbed": true, "climbing": true, "stood": true, "stands": true,
	"is": true, "was": true, "has": true, "had": true, "reached": true, "hit": true, "jumped": true, "to": true,
	"at": true, "of": true, "now": true, "increased": true, "further": true, "grew": true,
}

// determiners after a bare participle make it active ("two men killed a
// guard"), not a count of the affected.
var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true, "this": true,
	"that": true, "these": true, "those": true, "him": true, "them": true,
}

// affected adds a claim for each count of people affected by an event in
// st: "Fourteen people were injured" → people · injured · Fourteen (14),
// "killing at least 12" → people · killed · at least 12, "Nobody was
// killed" → people · killed · Nobody (0). The tokens of each count are
// marked so that numbers does not read them again. Work per token is
// bounded by a fixed window.
func (d *doc) affected(out []parallax.Claim, st *sentence) []parallax.Claim {
	for i := 0; i < len(st.toks); i++ {
		v, last, ok := d.countAt(st, i)
		if !ok {
			continue
		}
		c, ok := d.affectedClaim(st, i, last, v)
		if ok {
			out = append(out, c)
			if d.counted == nil {
				d.counted = map[int]bool{}
			}
			for k := i; k <= last; k++ {
				d.counted[st.toks[k].Start] = true
			}
		}
		i = last
	}
	return out
}

// countAt reads a count of people starting at token i: digits ("1,200",
// "1.5 million"), number words ("Fourteen", "Forty-one", "a dozen", "two
// hundred"), or none ("nobody", "no one"). It returns the value and the
// last token.
func (d *doc) countAt(st *sentence, i int) (float64, int, bool) {
	f := st.fold[i]
	switch {
	case f == "nobody" || f == "no-one" || f == "none":
		return 0, i, true
	case f == "no" && i+1 < len(st.toks) && st.fold[i+1] == "one" && !strings.ContainsAny(d.gapAfter(st, i), breaks):
		return 0, i + 1, true
	case text.IsNumber(st.toks[i].Text):
		tok := st.toks[i].Text
		if strings.ContainsAny(tok, "-‐") || isYear(tok) || len(tok) > 1 && tok[0] == '0' {
			return 0, 0, false // "12-year-old", "2026", "007"
		}
		if i+1 < len(st.toks) && d.gapAfter(st, i) == ", " && len(st.toks[i+1].Text) == 3 && text.IsNumber(st.toks[i+1].Text) {
			return 0, 0, false // "31, 000": a number split apart
		}
		gap := strings.TrimSpace(d.gapBefore(st, i))
		if strings.HasSuffix(gap, ":") || strings.HasPrefix(strings.TrimSpace(d.gapAfter(st, i)), ":") {
			return 0, 0, false // "9:40"
		}
		v, ok := parseNumber(tok)
		if !ok {
			return 0, 0, false
		}
		last := i
		if i+1 < len(st.toks) && !strings.ContainsAny(d.gapAfter(st, i), ",;:") {
			if m, ok := multipliers[st.fold[i+1]]; ok && len(st.fold[i+1]) > 1 && st.fold[i+1] != "mn" && st.fold[i+1] != "bn" {
				v *= m
				last = i + 1
			}
		}
		return v, last, true
	}
	return d.numberWordsAt(st, i)
}

// units and tens of the number words.
var smallNumbers = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// wordValue reads one number word, hyphenated tens included ("forty-one").
func wordValue(f string) (float64, bool) {
	if f == "" || !strings.ContainsRune("otfsen", rune(f[0])) {
		return 0, false // no number word starts otherwise
	}
	if v, ok := smallNumbers[f]; ok {
		return v, true
	}
	tens, unit, ok := strings.Cut(f, "-")
	if !ok {
		return 0, false
	}
	t, ok1 := smallNumbers[tens]
	u, ok2 := smallNumbers[unit]
	if !ok1 || !ok2 || t < 20 || int(t)%10 != 0 || u >= 10 {
		return 0, false
	}
	return t + u, true
}

// numberWordsAt reads a number written in words from token i, at most
// six words: "fourteen", "forty one", "a dozen", "two hundred and
// twenty", "three thousand".
func (d *doc) numberWordsAt(st *sentence, i int) (float64, int, bool) {
	total, cur, last, any := 0.0, 0.0, -1, false
	j := i
	switch _, isWord := wordValue(st.fold[j]); {
	case st.fold[j] == "a" && j+1 < len(st.toks):
		switch st.fold[j+1] {
		case "dozen", "hundred", "thousand", "million":
			cur, j = 1, j+1
		default:
			return 0, 0, false
		}
	case !isWord:
		return 0, 0, false // "dozens", "hundreds": no count
	}
	for ; j < len(st.toks) && j < i+6; j++ {
		if j > i && strings.ContainsAny(d.gapBefore(st, j), breaks) {
			break
		}
		f := st.fold[j]
		if v, ok := wordValue(f); ok {
			if any && cur != 0 && int(cur)%100 != 0 && !(cur >= 20 && int(cur)%10 == 0 && v < 10) {
				break // "two three"
			}
			cur += v
			last, any = j, true
			continue
		}
		switch f {
		case "dozen":
			cur = max(cur, 1) * 12
		case "hundred":
			cur = max(cur, 1) * 100
		case "thousand", "million", "billion":
			total += max(cur, 1) * multipliers[f]
			cur = 0
		case "and":
			if !any || j+1 >= len(st.toks) {
				return finishWords(total, cur, i, last, any)
			}
			if _, ok := wordValue(st.fold[j+1]); !ok {
				return finishWords(total, cur, i, last, any)
			}
			continue
		default:
			return finishWords(total, cur, i, last, any)
		}
		last, any = j, true
	}
	return finishWords(total, cur, i, last, any)
}

func finishWords(total, cur float64, i, last int, any bool) (float64, int, bool) {
	if !any || last < i {
		return 0, 0, false
	}
	return total + cur, last, true
}

// qualifierBefore returns the first token of a qualifier right before
// token i ("at least"), or i when there is none.
func (d *doc) qualifierBefore(st *sentence, i int) int {
	for _, q := range countQualifiers {
		a := i - len(q)
		if a < 0 {
			continue
		}
		ok := true
		for k, w := range q {
			if st.fold[a+k] != w || k > 0 && strings.ContainsAny(d.gapBefore(st, a+k), breaks) {
				ok = false
				break
			}
		}
		if ok && !strings.ContainsAny(d.gapBefore(st, i), breaks) {
			return a
		}
	}
	return i
}

// affectedClaim reads what happened to the count at tokens i..last:
// after it ("people were injured", "died", "dead") or before it
// ("killing at least 12", "the death toll rose to 12").
func (d *doc) affectedClaim(st *sentence, i, last int, v float64) (parallax.Claim, bool) {
	if i > 0 && (st.fold[i-1] == "aged" || st.fold[i-1] == "age" || st.fold[i-1] == "ages") {
		return parallax.Claim{}, false
	}
	if strings.ContainsAny(strings.TrimSpace(d.gapBefore(st, i)), "$€£¥") || strings.HasPrefix(strings.TrimSpace(d.gapAfter(st, last)), "%") {
		return parallax.Claim{}, false
	}
	if last+1 < len(st.toks) && st.fold[last+1] == "of" {
		return parallax.Claim{}, false // "three of them seriously": a part, not a count
	}
	if last+1 < len(st.toks) && st.fold[last+1] == "else" {
		return parallax.Claim{}, false // "no one else was injured": the others only
	}
	a := d.qualifierBefore(st, i)
	subject, attr, ok := d.verbAfter(st, a, last, v)
	if !ok && v > 0 {
		subject, attr, ok = d.verbBefore(st, a, last)
	}
	if !ok {
		return parallax.Claim{}, false
	}
	start, end := st.toks[a].Start, st.toks[last].End
	return d.claim(st, subject, attr, d.s[start:end], formatNumber(v), start, end), true
}

// countedNoun reads the noun phrase after a count (at most two words,
// "local residents") and returns its subject key and the token after it.
// ok is false when the noun says the number counts something else.
func (d *doc) countedNoun(st *sentence, last int) (subject string, next int, ok bool) {
	next = last + 1
	head := ""
	for j := last + 1; j < len(st.toks) && j <= last+2; j++ {
		if strings.ContainsAny(d.gapBefore(st, j), breaks+"%") {
			break
		}
		f := st.fold[j]
		if notCounted[f] || currencies[f] != "" || (f == "a" || f == "p") && j+1 < len(st.toks) && st.fold[j+1] == "m" {
			return "", 0, false // "12 years", "9 p.m."
		}
		if text.IsStopword(f) || auxiliaries[f] || placeWords[f] || affectedVerbs[f] != "" || activeVerbs[f] != "" || severities[f] != "" ||
			text.IsNumber(f) || isCapitalised(st.toks[j].Text) && !strings.HasSuffix(f, "s") {
			break
		}
		if _, ok := numberWords[f]; ok || timeWords[f] || strings.HasSuffix(f, "ly") {
			break
		}
		head, next = f, j+1
		if genericPeople[f] || strings.HasSuffix(f, "s") {
			break // "three people today": a plural ends the phrase
		}
	}
	switch {
	case head == "" || genericPeople[head]:
		return "people", next, true
	case head == "children":
		return "child", next, true
	case strings.HasSuffix(head, "men"):
		return head[:len(head)-3] + "man", next, true // "fishermen"
	}
	return singular(head), next, true
}

// verbAfter reads the verb after a count and its noun: "(people) (were
// seriously) injured", "died", "dead".
//
// After "of" or "to" the count is a part or an object ("two of the three
// victims died", "mother of two died"): only "of the 14 (people)
// injured" reads.
func (d *doc) verbAfter(st *sentence, a, last int, v float64) (string, string, bool) {
	subject, j, ok := d.countedNoun(st, last)
	if !ok {
		return "", "", false
	}
	partOf := a > 0 && (st.fold[a-1] == "of" || st.fold[a-1] == "to")
	ofThe := a > 1 && st.fold[a-1] == "the" && st.fold[a-2] == "of"
	if partOf {
		return "", "", false
	}
	if j == last+1 && v == 1 && st.fold[last] == "one" {
		return "", "", false // "when one is killed": a pronoun
	}
	severity, aux, plural := "", false, false
	for ; j < len(st.toks) && j <= last+7; j++ {
		if strings.ContainsAny(d.gapBefore(st, j), breaks) {
			return "", "", false
		}
		f := st.fold[j]
		if class, ok := affectedVerbs[f]; ok {
			if ofThe && (aux || intransitive[f]) {
				return "", "", false
			}
			if v != 1 && v != 0 && !plural && aux {
				return "", "", false // "aged 12 was injured": not a count
			}
			if !aux && !intransitive[f] && j+1 < len(st.toks) && !strings.ContainsAny(d.gapBefore(st, j+1), breaks) {
				n := st.fold[j+1]
				if determiners[n] || text.IsNumber(n) || !text.IsStopword(n) && !isCapitalised(st.toks[j+1].Text) {
					return "", "", false // "two men killed a guard", "two injured horses"
				}
			}
			if s, ok := severities[severity]; ok {
				if class == "injured" || s == "killed" {
					class = s
				}
			}
			return subject, class, true
		}
		switch {
		case severities[f] != "":
			severity = f
		case auxiliaries[f]:
			aux = true
			plural = plural || !singularAux[f]
		case placeWords[f] && j == last+1:
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// verbBefore reads the verb a count is the object of ("killing at least
// 12", "injured 41 people") or the death toll it states ("the death toll
// rose to 12"); a is the first token of the count and its qualifier.
func (d *doc) verbBefore(st *sentence, a, last int) (string, string, bool) {
	if a == 0 || strings.ContainsAny(d.gapBefore(st, a), breaks) {
		return "", "", false
	}
	subject, next, ok := d.countedNoun(st, last)
	if !ok {
		return "", "", false
	}
	if next < len(st.toks) && next == last+1 && st.fold[next] == "of" {
		return "", "", false
	}
	if class, ok := activeVerbs[st.fold[a-1]]; ok {
		if a > 1 && beForms[st.fold[a-2]] {
			return "", "", false // passive: "was injured 3 times"
		}
		return subject, class, true
	}
	// "the death toll (has) rose to (at least) 12"
	for j := a - 1; j >= 1 && j >= a-5; j-- {
		f := st.fold[j]
		if f == "toll" && st.fold[j-1] == "death" {
			return "people", "killed", true
		}
		if !tollWords[f] || strings.ContainsAny(d.gapBefore(st, j), breaks) {
			break
		}
	}
	return "", "", false
}
