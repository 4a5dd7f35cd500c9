package quote

import "strings"

// cueKind says how a cue word takes its content.
type cueKind uint8

const (
	cueSpeech     cueKind = iota + 1 // said, told, warned: any clause, quote or "that"
	cueThat                          // believes, claims, notes: only with "that" or as a parenthetical
	cueGerund                        // saying, adding: a participle whose speaker is the clause's subject
	cueGerundThat                    // warning, arguing: a participle needing "that", a quote or a colon
)

// cues maps a folded cue word to its kind. The list was drawn from the cue
// words most often annotated in the PolNeAR training split.
var cues = map[string]cueKind{
	"said": cueSpeech, "says": cueSpeech, "say": cueSpeech, "told": cueSpeech, "tells": cueSpeech,
	"added": cueSpeech, "adds": cueSpeech, "asked": cueThat, "asks": cueSpeech, "wrote": cueSpeech,
	"writes": cueSpeech, "noted": cueSpeech, "warned": cueSpeech, "explained": cueSpeech, "stated": cueSpeech,
	"argued": cueSpeech, "insisted": cueSpeech, "stressed": cueSpeech, "claimed": cueSpeech, "announced": cueThat,
	"declared": cueThat, "replied": cueThat, "responded": cueThat, "tweeted": cueSpeech, "acknowledged": cueSpeech,
	"admitted": cueSpeech, "suggested": cueSpeech, "recalled": cueThat, "concluded": cueThat, "cautioned": cueSpeech,
	"emphasized": cueSpeech, "emphasised": cueSpeech, "predicted": cueSpeech, "conceded": cueSpeech, "complained": cueSpeech,
	"reported": cueThat, "confirmed": cueSpeech, "denied": cueThat, "promised": cueSpeech, "vowed": cueSpeech,
	"pledged": cueSpeech, "countered": cueSpeech, "quipped": cueSpeech, "joked": cueSpeech, "remarked": cueSpeech,
	"observed": cueThat, "maintained": cueSpeech, "contended": cueSpeech, "asserted": cueSpeech, "alleged": cueSpeech,
	"revealed": cueThat, "indicated": cueSpeech, "mentioned": cueThat, "hinted": cueSpeech, "agreed": cueThat,
	"continued": cueThat, "recounted": cueThat, "testified": cueThat, "posted": cueThat,
	"insists": cueThat, "argues": cueThat, "claims": cueThat, "notes": cueThat, "warns": cueThat, "believes": cueSpeech,
	"believe": cueSpeech, "believed": cueSpeech, "think": cueSpeech, "thinks": cueSpeech, "thought": cueSpeech, "hopes": cueSpeech,
	"hoped": cueSpeech, "fear": cueSpeech, "fears": cueSpeech, "feared": cueSpeech, "expects": cueSpeech, "expected": cueThat,
	"knows": cueSpeech, "knew": cueSpeech, "feel": cueSpeech, "feels": cueSpeech, "felt": cueSpeech, "suggests": cueSpeech,
	"acknowledges": cueThat, "admits": cueThat, "explains": cueThat, "predicts": cueThat, "stresses": cueThat,
	"announces": cueThat, "contends": cueThat, "alleges": cueThat, "reports": cueSpeech, "shows": cueSpeech,
	"showed": cueSpeech, "called": cueSpeech, "calls": cueSpeech, "described": cueSpeech, "describes": cueSpeech,
	"calling": cueGerund, "describing": cueGerund, "show": cueSpeech, "found": cueThat, "finds": cueThat, "estimated": cueThat, "estimates": cueThat,
	"endorsed": cueSpeech, "accused": cueSpeech, "criticized": cueSpeech, "criticised": cueSpeech,
	"praised": cueSpeech, "urged": cueSpeech, "defended": cueSpeech, "proposed": cueSpeech, "cited": cueSpeech,
	"wants": cueSpeech, "sought": cueSpeech, "opposed": cueSpeech, "supported": cueSpeech, "declined": cueSpeech,
	"refused": cueSpeech, "blamed": cueSpeech, "condemned": cueSpeech, "demanded": cueSpeech, "dismissed": cueSpeech,
	"citing": cueGerund, "accusing": cueGerund, "urging": cueGerund, "criticizing": cueGerund, "praising": cueGerund,
	"want": cueSpeech, "plans": cueSpeech, "seeks": cueSpeech, "backed": cueSpeech, "supports": cueSpeech,
	"opposes": cueSpeech, "endorses": cueSpeech, "accuses": cueSpeech, "criticizes": cueSpeech, "praises": cueSpeech,
	"urges": cueSpeech, "defends": cueSpeech, "proposes": cueSpeech, "cites": cueSpeech, "blames": cueSpeech,
	"slammed": cueSpeech, "attacked": cueSpeech, "rejected": cueSpeech, "welcomed": cueSpeech, "questioned": cueSpeech,
	"threatened": cueSpeech, "recommended": cueSpeech, "backing": cueGerund, "supporting": cueGerund,
	"yelled": cueSpeech, "shouted": cueSpeech, "chanted": cueSpeech, "screamed": cueSpeech, "exclaimed": cueSpeech,
	"jeered": cueSpeech, "boomed": cueSpeech, "whispered": cueSpeech, "muttered": cueSpeech, "reads": cueSpeech,
	"shouting": cueGerund, "chanting": cueGerund, "yelling": cueGerund, "reading": cueGerund, "writing": cueGerund,
	"saying": cueGerund, "adding": cueGerund, "noting": cueGerund, "telling": cueGerund,
	"explaining": cueGerund, "stressing": cueGerund, "insisting": cueGerund,
	// participles of the verbs of saying above, rarer in the training
	// split than the learned threshold
	"asserting": cueGerundThat, "boasting": cueGerundThat, "conceding": cueGerundThat, "complaining": cueGerundThat,
	"replying": cueGerundThat, "responding": cueGerundThat, "admitting": cueGerundThat, "confirming": cueGerundThat,
	"joking": cueGerundThat, "quipping": cueGerundThat, "observing": cueGerundThat, "cautioning": cueGerundThat,
	"recounting": cueGerundThat, "testifying": cueGerundThat, "contending": cueGerundThat, "countering": cueGerundThat,
	"exclaiming": cueGerundThat, "whispering": cueGerundThat, "screaming": cueGerundThat, "muttering": cueGerundThat,
	"arguing": cueGerundThat, "warning": cueGerundThat, "suggesting": cueGerundThat, "claiming": cueGerundThat,
	"acknowledging": cueGerundThat, "asking": cueGerundThat, "declaring": cueGerundThat, "predicting": cueGerundThat,
}

// objectCues take a hearer before their content: "told reporters that".
var objectCues = map[string]bool{"told": true, "tells": true, "telling": true, "asked": true, "asks": true,
	"asking": true, "warned": true, "warning": true, "assured": true, "reminded": true, "promised": true}

// auxiliaries and adverbs that belong to the cue ("has said", "also said").
var cueModifiers = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "was": true, "were": true, "are": true, "would": true,
	"will": true, "did": true, "does": true, "do": true, "could": true, "may": true, "might": true,
	"also": true, "later": true, "since": true, "previously": true, "earlier": true, "again": true, "then": true,
	"now": true, "still": true, "once": true, "initially": true, "often": true, "never": true, "always": true,
	"already": true, "online": true, "just": true, "recently": true, "reportedly": true, "not": true,
	"repeatedly": true, "publicly": true, "privately": true, "separately": true, "further": true,
	// modals and negation: "can't say", "don't think", "should know"
	"can": true, "cannot": true, "can't": true, "don't": true, "doesn't": true, "didn't": true,
	"won't": true, "wouldn't": true, "couldn't": true, "should": true, "must": true, "really": true,
}

// boundaries end the walk back from a cue to its speaker.
var boundaries = map[string]bool{
	"that": true, "which": true, "and": true, "but": true, "while": true, "as": true, "because": true,
	"when": true, "after": true, "before": true, "if": true, "although": true, "though": true, "so": true,
	"where": true, "whereas": true, "than": true, "what": true, "how": true, "why": true, "whether": true,
	"or": true, "nor": true, "yet": true, "until": true, "unless": true, "once": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true, "from": true,
	"into": true, "about": true, "over": true, "among": true, "between": true, "like": true, "including": true, "under": true, "during": true, "against": true, "is": true,
	"was": true, "are": true, "were": true, "be": true, "been": true, "it": true, "this": true,
}

// pronouns that can be a speaker, resolved to an earlier mention.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true}

// determiners that open an appositive ("Flynn, a top Trump surrogate, said").
var appositiveOpeners = map[string]bool{"a": true, "an": true, "the": true, "who": true, "whose": true,
	"one": true, "another": true, "its": true, "his": true, "her": true, "their": true}

// stopAfterSpeaker ends an inverted speaker ("said Peskov on Monday").
var stopAfterSpeaker = map[string]bool{"on": true, "in": true, "at": true, "during": true, "after": true,
	"before": true, "to": true, "that": true, "when": true, "while": true, "as": true, "and": true,
	"but": true, "last": true, "this": true, "earlier": true, "later": true, "yesterday": true, "today": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "who": true, "which": true, "from": true, "with": true, "via": true}

// clauseStops end a reported content at a comma: ", while", ", but".
var clauseStops = map[string]bool{"while": true, "but": true, "though": true, "although": true,
	"whereas": true, "according": true}

// speechCues are the cues of speech proper; the other cues attribute
// beliefs, findings and stances ("believes", "shows", "endorsed").
var speechCues = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`said says say saying told tells telling added adds adding asked asks asking
	wrote writes writing noted notes noting warned warns warning explained explains explaining stated argued argues
	arguing insisted insists insisting stressed stresses stressing claimed claims claiming announced announces
	declared declares declaring replied responded tweeted acknowledged acknowledges acknowledging admitted admits
	suggested suggests suggesting recalled concluded cautioned emphasized emphasised predicted predicts predicting
	conceded complained reported reports confirmed denied promised vowed pledged countered quipped joked remarked
	observed maintained contended contends asserted alleged alleges revealed indicated mentioned hinted continued
	recounted testified posted called calls calling described describes describing yelled shouted chanted
	screamed exclaimed jeered boomed whispered muttered reads shouting chanting yelling reading writing
	asserting boasting conceding complaining replying responding admitting confirming joking quipping observing
	cautioning recounting testifying contending countering exclaiming whispering screaming muttering`) {
		m[w] = true
	}
	return m
}()
