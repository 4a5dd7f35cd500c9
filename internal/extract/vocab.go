package extract

import "strings"

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
	{"latest news", reasonRelated}, {"latest stories", reasonRelated}, {"what to read next", reasonRelated},
	{"leave a comment", reasonComments}, {"leave a reply", reasonComments},
	{"post a comment", reasonComments}, {"post comment", reasonComments},
	{"add a comment", reasonComments}, {"comments", reasonComments}, {"comment", reasonComments},
	{"cancel reply", reasonComments}, {"email address will not be published", reasonComments},
	{"required fields are marked", reasonComments}, {"join the conversation", reasonComments},
	{"share", reasonShare}, {"share this", reasonShare}, {"follow us", reasonShare},
	{"follow", reasonShare}, {"facebook", reasonShare}, {"twitter", reasonShare},
	{"whatsapp", reasonShare}, {"linkedin", reasonShare}, {"pinterest", reasonShare},
	{"telegram", reasonShare}, {"copy link", reasonShare}, {"print", reasonShare},
	{"cookie", reasonLegal}, {"cookies", reasonLegal}, {"privacy policy", reasonLegal},
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

// maxChromeWords is the longest line (in words) that a chrome phrase alone
// marks as chrome; longer lines are prose that happens to use the word.
const maxChromeWords = 12

// chromeReason returns why a line is web chrome, or "" when it is not.
func chromeReason(text string, f features) string {
	folded := " " + foldText(text) + " "
	if f.words <= maxChromeWords {
		for _, c := range chromePhrases {
			if strings.Contains(folded, " "+c.phrase+" ") {
				return c.reason
			}
		}
	}
	if f.startsCTA && f.words <= 8 && !f.hasVerb {
		return reasonPromo
	}
	return ""
}

// isCaptionLine reports whether a short line reads as a photo caption or
// credit by its vocabulary.
func isCaptionLine(text string, f features) bool {
	if f.words > 40 {
		return false
	}
	folded := " " + foldText(text) + " "
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
