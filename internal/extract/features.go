package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// features are the measurable properties of one line of text that the
// plain-text classifier decides on.
type features struct {
	words     int  // tokens separated by space
	letters   int  // letters
	capWords  int  // words starting with an upper-case letter
	lowWords  int  // words starting with a lower-case letter
	upperOnly bool // every letter is upper case
	endPunct  bool // ends with . ! ? … or a closing quote after one
	endColon  bool // ends with ':'
	hasVerb   bool // holds a common finite verb or auxiliary
	firstUp   bool // first letter is upper case
	startsCTA bool // starts with an imperative of web chrome ("sign", "download")
	hashtags  int  // words starting with '#'
	cjk       int  // Han, kana and Hangul letters (scripts written without spaces)
}

// wordsEq is the line's length in words, counting two letters of a script
// written without spaces as one word.
func (f features) wordsEq() int { return f.words + f.cjk/2 }

func lineFeatures(s string) features {
	var f features
	fields := strings.Fields(s)
	f.words = len(fields)
	upper, lower := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z':
				f.letters++
				lower++
			case 'A' <= r && r <= 'Z':
				f.letters++
				upper++
			}
			continue
		}
		if unicode.IsLetter(r) {
			f.letters++
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				f.cjk++
			}
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	f.upperOnly = upper > 1 && lower == 0
	firstLetter := true
	for i, w := range fields {
		if strings.HasPrefix(w, "#") && len(w) > 1 {
			f.hashtags++
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(w, notLetterOrDigit))
		switch {
		case unicode.IsUpper(r):
			f.capWords++
		case unicode.IsLower(r):
			f.lowWords++
		}
		if firstLetter && unicode.IsLetter(r) {
			f.firstUp = unicode.IsUpper(r)
			firstLetter = false
		}
		lw := strings.ToLower(strings.TrimFunc(w, isWordPunct))
		if commonVerbs[lw] || (unicode.IsLower(r) && pastForm(lw)) {
			f.hasVerb = true
		}
		if i == 0 && ctaVerbs[lw] {
			f.startsCTA = true
		}
	}
	end := strings.TrimRight(s, " \t\"'”’»)]*")
	if end != "" {
		last, _ := utf8.DecodeLastRuneInString(end)
		f.endPunct = strings.ContainsRune(".!?…。！？", last)
		f.endColon = last == ':'
	}
	return f
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// pastForm reports whether a lower-case word looks like a regular past
// tense ("reported", "agreed" excepted).
func pastForm(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
}

// commonVerbs are auxiliaries and frequent finite verbs of news prose.
var commonVerbs = setOf(
	"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
	"can", "could", "should", "may", "might", "must", "does", "do", "did", "said",
	"says", "told", "tells", "made", "makes", "took", "takes", "came", "comes", "went",
	"goes", "gave", "gives", "found", "finds", "saw", "sees", "knew", "knows", "thought",
	"thinks", "became", "becomes", "left", "leaves", "got", "gets", "began", "begins",
	"kept", "keeps", "held", "holds", "brought", "brings", "wrote", "writes", "stood",
	"stands", "met", "meets", "ran", "runs", "set", "sets", "put", "puts", "won", "wins",
	"lost", "loses", "paid", "pays", "sent", "sends", "built", "builds", "fell", "falls",
	"rose", "rises", "grew", "grows", "spoke", "speaks", "led", "leads", "remains", "seems",
	"appears", "includes", "wants", "needs", "warns", "adds", "calls", "shows", "plans",
	"expects", "believes", "insists", "argues", "notes", "suggests", "continues", "hopes",
)

// ctaVerbs start the short imperative lines of web chrome: "Sign in",
// "Download the app", "Start reading", "Share this".
var ctaVerbs = setOf(
	"sign", "log", "login", "subscribe", "register", "download", "install", "get", "join",
	"start", "continue", "keep", "try", "follow", "share", "like", "tweet", "email",
	"print", "save", "bookmark", "click", "tap", "swipe", "watch", "listen", "read",
	"learn", "discover", "explore", "unlock", "upgrade", "support", "donate", "claim",
	"enter", "submit", "post", "leave", "view", "see", "show", "skip", "close", "accept",
	"manage", "add", "copy", "open", "go", "back", "return", "load", "more",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// cleanSpace collapses runs of white space (including no-break spaces) into
// single spaces and trims the ends.
func cleanSpace(s string) string {
	// Most lines are clean already (single ASCII spaces between words,
	// none at the ends): return them as they are.
	prevSpace := true
	for _, r := range s {
		if r < utf8.RuneSelf && r != ' ' && r > '\r' || r >= utf8.RuneSelf && !isSpace(r) {
			prevSpace = false
			continue
		}
		if r != ' ' || prevSpace {
			return strings.Join(strings.FieldsFunc(s, isSpace), " ")
		}
		prevSpace = true
	}
	if prevSpace && s != "" {
		return strings.Join(strings.FieldsFunc(s, isSpace), " ")
	}
	return s
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' }

// foldText lower-cases s and keeps only its letters and digits, one space
// between words, for loose comparisons.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// isWordPunct reports the punctuation trimmed from a word's ends before it
// is looked up in the verb lists.
func isWordPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']':
		return true
	}
	return false
}
