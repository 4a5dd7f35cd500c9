package entity

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// The word lists below are general English news vocabulary (titles, their
// modifiers, honorifics, calendar words), not names.

// wordBuf holds a word lowered by lowered or lowerInto.
type wordBuf [32]byte

// lowered returns w in the form the word lists are written in, lower case
// without a final period, as bytes: in buf when w is short ASCII, so that
// the lists (switch string(lowered(...))) are looked up without allocating;
// the word tests run several times per token.
func lowered(buf *wordBuf, w string) []byte {
	return lowerInto(buf, strings.TrimSuffix(w, "."))
}

// lowerInto returns strings.ToLower(w) as bytes, in buf when w is short
// ASCII.
func lowerInto(buf *wordBuf, w string) []byte {
	if len(w) > len(buf) {
		return []byte(strings.ToLower(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(w))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

func isTitleWord(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
		"chancellor", "premier", "pm", "leader", "chief", "director", "ambassador", "envoy",
		"aide", "adviser", "advisor", "senator", "sen", "governor", "gov", "mayor", "king",
		"queen", "prince", "princess", "general", "gen", "commander", "chairman", "chairwoman",
		"chairperson", "chair", "ceo", "cfo", "coo", "head", "official", "representative", "rep",
		"congressman", "congresswoman", "lawmaker", "judge", "justice", "pope", "speaker",
		"commissioner", "negotiator", "coach", "manager", "captain", "diplomat", "emir",
		"sheikh", "ayatollah", "counsel", "attorney", "prosecutor", "founder", "executive",
		"officer", "colonel", "col", "lieutenant", "lt", "sergeant", "admiral", "adm",
		"marshal", "vice-president", "secretary-general", "mp", "mep", "deputy", "dictator",
		"monarch", "sultan", "crown", "cardinal", "archbishop", "bishop", "rabbi", "imam",
		"economist", "analyst", "editor", "correspondent", "professor", "prof", "spokespeople",
		"vice-chancellor", "co-founder", "owner", "boss", "strongman", "tsar", "czar",
		"councillor", "councilor", "delegate", "administrator", "superintendent", "sheriff",
		"treasurer", "president-elect", "governor-general", "foreign-minister":
		return true
	}
	return false
}

func isRoleModifier(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "former", "then", "acting", "interim", "outgoing", "incoming", "late", "deputy", "vice",
		"first", "foreign", "defence", "defense", "interior", "finance", "economy", "economic",
		"trade", "health", "energy", "state", "of", "policy", "affairs", "security", "national",
		"prime", "top", "senior", "special", "presidential", "press", "military", "intelligence",
		"armed", "forces", "treasury", "homeland", "for", "and", "the", "assistant", "associate",
		"executive", "managing", "general", "lead", "chief", "supreme", "army", "navy", "party",
		"opposition", "ruling", "majority", "minority", "house", "senate", "government",
		"foreign-policy", "cabinet", "junior", "education", "environment", "agriculture",
		"transport", "labour", "labor", "culture", "digital", "european", "regional", "local",
		"federal", "union", "ex", "long-time", "longtime", "veteran", "current", "newly", "elected",
		"designate", "elect", "team", "peace", "communications", "external", "internal",
		"council", "commission", "parliament", "parliamentary", "ministry", "department", "office",
		"committee", "bank", "court", "assembly", "agency", "service", "fund", "board",
		"authority", "group", "company", "corporation", "university", "institute",
		"organization", "organisation", "alliance", "federation", "league", "campaign",
		"white", "central", "supreme-court", "kremlin":
		return true
	}
	return false
}

func isHonorific(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "sir", "dame", "mr", "mrs", "ms", "miss", "dr", "lord", "lady", "madam", "mister":
		return true
	}
	return false
}

func isConnector(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "of", "for", "and", "the", "'s", ",":
		return true
	}
	return false
}

func isArticle(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "the", "a", "an":
		return true
	}
	return false
}

func isSayingVerb(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "warned",
		"warns", "stated", "states", "argued", "argues", "claimed", "claims", "insisted",
		"insists", "stressed", "stresses", "explained", "explains", "wrote", "writes",
		"declared", "declares", "announced", "announces", "confirmed", "confirms", "denied",
		"denies", "acknowledged", "acknowledges", "emphasized", "emphasised", "remarked",
		"commented", "replied", "responded", "asked", "suggested", "urged", "reiterated",
		"who", "has", "had", "is", "was", "will", "would":
		return true
	}
	return false
}

func isCalendarWord(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
		"jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"today", "yesterday", "tomorrow":
		return true
	}
	return false
}

// isFunctionWord reports short words that title case leaves in lower case
// and that are never names on their own.
func isFunctionWord(w string) bool {
	if len(w) > len("after.") {
		return false // longer than any of them
	}
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "a", "an", "the", "of", "for", "and", "or", "but", "nor", "in", "on", "to", "at", "by",
		"with", "from", "as", "into", "vs", "amid", "over", "after", "up", "is", "are", "its",
		"don't", "it", "we", "i", "he", "she", "they", "this", "that", "what", "who":
		return true
	}
	return false
}

// isStopword is text.IsStopword(text.Fold(w)), without allocating for a
// short ASCII word (Fold is then strings.ToLower).
func isStopword(w string) bool {
	var buf wordBuf
	if len(w) > len(buf) || !isASCII(w) {
		return text.IsStopword(text.Fold(w))
	}
	return text.IsStopword(string(lowerInto(&buf, w)))
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isSentenceOpener reports words that open sentences and that the model
// sometimes takes into the name that follows ("Within Washington").
func isSentenceOpener(w string) bool {
	var buf wordBuf
	if isASCII(w) && len(w) <= len(buf) {
		// text.Fold without its allocation: short ASCII only lowers.
		if text.IsStopword(string(lowerInto(&buf, w))) {
			return true
		}
	} else if text.IsStopword(text.Fold(w)) {
		return true
	}
	switch string(lowered(&buf, w)) {
	case "within", "meanwhile", "however", "notably", "amid", "despite", "although", "though",
		"instead", "still", "yet", "later", "earlier", "last", "next", "separately", "overall",
		"following", "according", "speaking", "asked", "unlike", "like", "across", "outside",
		"inside", "throughout", "without", "since", "besides", "beyond", "near", "toward",
		"towards", "upon", "whether", "unless", "even", "only", "now", "today", "yesterday",
		"i've", "i'm", "i'd", "i'll", "i’ve", "i’m", "i’d", "i’ll", "we're", "we’re", "we've", "we’ve",
		"they're", "they’re", "you're", "you’re", "it's", "it’s":
		return true
	}
	return isMannerAdverb(w)
}

// adverbEndings end the adverbs that open sentences ("Originally",
// "Reportedly", "Fortunately"); names ending in -ly ("Kelly", "Italy",
// "Connolly") end otherwise.
var adverbEndings = []string{"ally", "ully", "ously", "ently", "antly", "edly", "ably", "ibly", "ately", "ively", "ingly", "arly", "ssly", "ctly", "ftly", "rtly"}

// isMannerAdverb reports a capitalised -ly adverb of seven letters or more.
func isMannerAdverb(w string) bool {
	if len(w) < 7 {
		return false
	}
	var buf wordBuf
	lw := lowered(&buf, w)
	for _, e := range adverbEndings {
		if bytes.HasSuffix(lw, []byte(e)) {
			return true
		}
	}
	return false
}

// isSeatOfGovernment reports buildings that stand for the government in
// them.
func isSeatOfGovernment(name string) bool {
	var buf wordBuf
	switch string(lowerInto(&buf, name)) {
	case "kremlin", "white house", "pentagon", "downing street", "elysee", "élysée",
		"elysee palace", "élysée palace", "quai d'orsay", "whitehall", "capitol hill",
		"zhongnanhai", "blue house", "bankova", "chancellery", "foggy bottom":
		return true
	}
	return false
}

// isPlaceCue reports words that put the name after them in a place:
// prepositions of place and verbs of territory ("annexed Crimea",
// "surrendering the Donbas", "control over Donetsk").
func isPlaceCue(w string) bool {
	var buf wordBuf
	switch string(lowered(&buf, w)) {
	case "in", "near", "across", "inside", "outside", "throughout", "into", "around",
		"occupied", "occupy", "occupying", "annex", "annexed", "annexing", "invade", "invaded",
		"invading", "capture", "captured", "capturing", "cede", "ceded", "ceding", "concede",
		"conceded", "conceding", "surrender", "surrendered", "surrendering", "liberate",
		"liberated", "liberating", "over", "withdraw", "withdrawal", "northern", "southern",
		"eastern", "western", "central", "region", "province", "city", "town", "village":
		return true
	}
	return false
}
