package extract

import (
	"regexp"
	"strings"
)

// Removal reasons recorded in Article.Removed.
const (
	reasonPromo     = "promo"
	reasonSignIn    = "sign-in"
	reasonRelated   = "related"
	reasonComments  = "comments"
	reasonShare     = "share"
	reasonLegal     = "legal"
	reasonCaption   = "caption"
	reasonHashtags  = "hashtags"
	reasonPublisher = "publisher"
	reasonRepeated  = "repeated"
	reasonChrome    = "chrome"
	reasonByline    = "byline"
	reasonDate      = "date"
	reasonLink      = "link"
	reasonContact   = "contact"
)

// chromePhrase is a phrase of generic web chrome (the words around an
// article on any site) and the reason a line holding it is removed.
type chromePhrase struct {
	phrase string // folded: lower case, letters and digits, single spaces
	reason string
}

// chromePhrases is a small vocabulary of generic web chrome. It names no
// outlet; a line is matched only when it is short (see chromeReason).
var chromePhrases = []chromePhrase{
	{"app", reasonPromo}, {"apps", reasonPromo}, {"subscription", reasonPromo},
	{"subscribe", reasonPromo}, {"subscribers", reasonPromo}, {"premium", reasonPromo},
	{"membership", reasonPromo}, {"free trial", reasonPromo}, {"days free", reasonPromo},
	{"newsletter", reasonPromo}, {"newsletters", reasonPromo}, {"unlimited access", reasonPromo},
	{"digital access", reasonPromo}, {"advertisement", reasonPromo}, {"advertising", reasonPromo},
	{"sponsored", reasonPromo}, {"promoted", reasonPromo}, {"paywall", reasonPromo},
	{"per month", reasonPromo}, {"a month", reasonPromo}, {"podcast", reasonPromo},
	{"sign in", reasonSignIn}, {"sign up", reasonSignIn}, {"signup", reasonSignIn},
	{"log in", reasonSignIn}, {"login", reasonSignIn}, {"log out", reasonSignIn},
	{"logout", reasonSignIn}, {"register", reasonSignIn}, {"create an account", reasonSignIn},
	{"create account", reasonSignIn}, {"already a member", reasonSignIn},
	{"already have an account", reasonSignIn}, {"already a subscriber", reasonSignIn},
	{"my account", reasonSignIn}, {"forgot password", reasonSignIn}, {"password", reasonSignIn},
	{"related", reasonRelated}, {"top stories", reasonRelated}, {"top story", reasonRelated},
	{"our picks", reasonRelated}, {"editor s picks", reasonRelated}, {"editors picks", reasonRelated},
	{"recommended", reasonRelated}, {"more from", reasonRelated}, {"more stories", reasonRelated},
	{"more news", reasonRelated}, {"most read", reasonRelated}, {"most popular", reasonRelated},
	{"most viewed", reasonRelated}, {"trending", reasonRelated}, {"read more", reasonRelated},
	{"read next", reasonRelated}, {"also read", reasonRelated}, {"see also", reasonRelated},
	{"you may also like", reasonRelated}, {"you might also like", reasonRelated},
	{"don t miss", reasonRelated}, {"latest news", reasonRelated}, {"latest stories", reasonRelated}, {"what to read next", reasonRelated},
	{"leave a comment", reasonComments}, {"leave a reply", reasonComments},
	{"post a comment", reasonComments}, {"post comment", reasonComments},
	{"add a comment", reasonComments}, {"comments", reasonComments}, {"comment", reasonComments},
	{"cancel reply", reasonComments}, {"email address will not be published", reasonComments},
	{"required fields are marked", reasonComments}, {"join the conversation", reasonComments},
	{"share", reasonShare}, {"share this", reasonShare}, {"follow us", reasonShare},
	{"follow", reasonShare}, {"facebook", reasonShare}, {"twitter", reasonShare},
	{"whatsapp", reasonShare}, {"linkedin", reasonShare}, {"pinterest", reasonShare},
	{"telegram", reasonShare}, {"copy link", reasonShare}, {"print", reasonShare},
	{"thanks for signing up", reasonSignIn}, {"signing up", reasonSignIn}, {"inbox", reasonPromo},
	{"an error has occurred", reasonChrome}, {"please try again", reasonChrome},
	{"error processing your", reasonChrome}, {"continue reading", reasonPromo},
	{"personal non commercial use", reasonLegal}, {"cookie", reasonLegal}, {"cookies", reasonLegal}, {"privacy policy", reasonLegal},
	{"terms of use", reasonLegal}, {"terms of service", reasonLegal},
	{"all rights reserved", reasonLegal}, {"copyright", reasonLegal},
}

// captionPhrases mark a photo caption or credit.
var captionPhrases = []string{
	"photo", "photos", "photograph", "image", "images", "picture", "pictured",
	"illustration", "file photo", "getty images", "credit", "photo credit",
	"image credit", "afp via getty images", "ap photo",
}

// sectionNames are the generic section names of news sites.
var sectionNames = setOf(
	"world", "news", "us", "u s", "uk", "europe", "asia", "africa", "americas",
	"middle east", "politics", "business", "economy", "markets", "finance", "money",
	"tech", "technology", "science", "health", "sport", "sports", "opinion",
	"analysis", "entertainment", "culture", "arts", "lifestyle", "travel", "food",
	"climate", "environment", "education", "national", "international", "local",
	"world news", "us news", "uk news", "breaking news", "latest", "video",
)

// bylineWords are generic words of a byline that names a desk rather than
// a person ("Newsroom", "Staff").
var bylineWords = setOf(
	"newsroom", "staff", "desk", "correspondent", "reporter", "editor", "editors",
	"writer", "contributor", "agencies", "wires", "team", "bureau",
)

// chromeLabels open a line of chrome when followed by a colon: "READ
// MORE: …", "Related: …", "Tags: …".
var chromeLabels = map[string]string{
	"read more": reasonRelated, "see more": reasonRelated, "more": reasonRelated,
	"related": reasonRelated, "also read": reasonRelated, "read also": reasonRelated,
	"see also": reasonRelated, "most read": reasonRelated, "up next": reasonRelated,
	"recommended": reasonRelated, "trending": reasonRelated, "don t miss": reasonRelated,
	"watch": reasonPromo, "listen": reasonPromo, "sponsored": reasonPromo,
	"advertisement": reasonPromo, "click here": reasonPromo, "tags": reasonChrome,
	"disclaimer": reasonLegal, "source": reasonChrome, "sources": reasonChrome, "follow us": reasonShare, "share": reasonShare,
}

// maxLabelWords is the longest line a chrome label opens.
const maxLabelWords = 30

// labelReason returns the reason when the line opens with a chrome label
// and a colon.
func labelReason(text string, f features) string {
	head, _, ok := strings.Cut(text, ":")
	if !ok || f.words > maxLabelWords || len(head) > 20 {
		return ""
	}
	return chromeLabels[foldText(head)]
}

// maxChromeWords is the longest line (in words) that a chrome phrase alone
// marks as chrome; longer lines are prose that happens to use the word.
const maxChromeWords = 12

// chromeReason returns why a line's vocabulary marks it as web chrome, or
// "" when it does not, and whether the phrase is unmistakable (three words
// or more: "email address will not be published"). Only short lines are
// matched, and only in scripts the vocabulary is written in.
func chromeReason(text, folded string, f features) (reason string, strong bool) {
	w := f.wordsEq()
	if f.cjk*2 >= f.letters {
		return "", false
	}
	if r := labelReason(text, f); r != "" {
		return r, true
	}
	if isMenuLine(text) {
		return reasonChrome, true
	}
	if r := standaloneReason(text, f); r != "" {
		return r, true
	}
	if w > 2*maxChromeWords {
		return "", false
	}
	if best := phraseIndex(folded, w); best >= 0 {
		return chromePhrases[best].reason, chromeIndex.strong[best]
	}
	if w > maxChromeWords {
		return promoSentences(text)
	}
	return "", false
}

// phraseIndex returns the earliest phrase of the vocabulary that folded
// holds as whole words and that a line of w words allows (weak phrases
// only in short lines), or -1. The line's word n-grams are looked up
// instead of scanning the line once per phrase.
func phraseIndex(folded string, w int) int {
	best := -1
	for start := 0; start < len(folded); {
		end := start
		for n := 0; n < chromeIndex.maxWords && end < len(folded); n++ {
			if n > 0 {
				end++ // the space
			}
			sp := strings.IndexByte(folded[end:], ' ')
			if sp < 0 {
				end = len(folded)
			} else {
				end += sp
			}
			i, ok := chromeIndex.byPhrase[folded[start:end]]
			if !ok || (best >= 0 && i >= best) {
				continue
			}
			if chromeIndex.strong[i] || w <= maxChromeWords {
				best = i
			}
		}
		sp := strings.IndexByte(folded[start:], ' ')
		if sp < 0 {
			break
		}
		start += sp + 1
	}
	return best
}

// promoSentences reads a longer line sentence by sentence: when each
// sentence is short chrome on its own (a vocabulary phrase, or a call to
// action: "Get alerts with the X app. Download it free today."), the
// line is chrome too.
func promoSentences(text string) (string, bool) {
	reason := ""
	n := 0
	for _, sent := range strings.FieldsFunc(text, func(r rune) bool { return r == '.' || r == '!' || r == '?' }) {
		folded := foldText(sent)
		if folded == "" {
			continue
		}
		n++
		words := strings.Fields(folded)
		if len(words) > maxChromeWords {
			return "", false
		}
		if i := phraseIndex(folded, len(words)); i >= 0 {
			if reason == "" {
				reason = chromePhrases[i].reason
			}
			continue
		}
		if !ctaVerbs[words[0]] || len(words) > 8 {
			return "", false
		}
	}
	if n < 2 {
		return "", false
	}
	return reason, false
}

// chromeIndex finds the vocabulary's phrases by their text.
var chromeIndex = func() (ix struct {
	byPhrase map[string]int
	strong   []bool // three words or more: unmistakable
	maxWords int
}) {
	ix.byPhrase = make(map[string]int, len(chromePhrases))
	ix.strong = make([]bool, len(chromePhrases))
	for i, c := range chromePhrases {
		words := strings.Count(c.phrase, " ") + 1
		ix.strong[i] = words >= 3
		ix.maxWords = max(ix.maxWords, words)
		if _, dup := ix.byPhrase[c.phrase]; !dup {
			ix.byPhrase[c.phrase] = i
		}
	}
	return ix
}()

// isMenuLine reports a navigation menu: three or more short items (one to
// three words, no sentence punctuation) between separators such as "|",
// "·" or "•" ("News | Region | Business | Sport").
func isMenuLine(text string) bool {
	for _, sep := range []string{"|", "·", "•"} {
		if strings.Count(text, sep) < 2 {
			continue
		}
		items := strings.Split(text, sep)
		ok := true
		for _, it := range items {
			n := len(strings.Fields(it))
			if n == 0 || n > 3 || strings.ContainsAny(it, ".!?,;:\"“”") {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// creditRE is a photo credit closing a caption: "(Agency / Photographer)",
// "(Photographer/Agency)".
var creditRE = regexp.MustCompile(`\(\s*\p{Lu}[^()/]{0,40}?\s*/\s*\p{Lu}[^()/]{0,40}\)\s*$`)

// isCaptionLine reports whether a short line reads as a photo caption or
// credit by its vocabulary.
func isCaptionLine(text, folded string, f features) bool {
	if f.words > 40 {
		return false
	}
	if creditRE.MatchString(text) {
		return true
	}
	folded = " " + folded + " "
	lower := strings.ToLower(text)
	for _, p := range captionPhrases {
		if strings.HasPrefix(folded, " "+p+" ") {
			// "Photo: …", "Image credit …": a label, not a sentence.
			if i := strings.IndexAny(lower, ":|/"); i >= 0 && i < 30 {
				return true
			}
		}
	}
	for _, p := range []string{"(photo", "photo:", "photo by", "getty images", "image:", "credit:", "/ reuters", "(ap photo", "/ afp", "shutterstock"} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// emailRE finds an e-mail address.
var emailRE = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)

// timeRE finds a clock time ("10:43", "1:23 p.m.").
var timeRE = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)

// yearRE finds a plausible year.
var yearRE = regexp.MustCompile(`\b(19|20)\d{2}\b`)

// standaloneReason recognises lines that are nothing but a timestamp or a
// link: "Updated at 1:23 p.m.", "NOVEMBER 20, 2019 10:43",
// "https://example.com/x".
func standaloneReason(text string, f features) string {
	if f.words <= 8 && !f.hasVerb && (timeRE.MatchString(text) || yearRE.MatchString(text) && f.words <= 4 && monthName(text)) {
		return reasonDate
	}
	if f.words <= 3 && (strings.Contains(text, "://") || strings.HasPrefix(strings.ToLower(text), "www.")) {
		return reasonLink
	}
	if f.words <= maxChromeWords && emailRE.MatchString(text) {
		return reasonContact
	}
	return ""
}

func monthName(text string) bool {
	lower := strings.ToLower(text)
	for _, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return false
}
