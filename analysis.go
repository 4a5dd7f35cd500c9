package parallax

// EntityKind is the type of a named entity.
type EntityKind string

// Entity kinds.
const (
	EntityPerson EntityKind = "person"
	EntityOrg    EntityKind = "organization"
	EntityPlace  EntityKind = "place"
	EntityOther  EntityKind = "other"
)

// Mention is an entity named in a sentence of an article, with the role or
// title used there. Start and End are byte offsets into the article's Text().
type Mention struct {
	Text     string     `json:"text"`
	Kind     EntityKind `json:"kind"`
	Start    int        `json:"start"`
	End      int        `json:"end"`
	Sentence int        `json:"sentence"`
	Role     string     `json:"role,omitempty"`
	// Canonical is the entity's canonical name once resolved.
	Canonical string `json:"canonical,omitempty"`
}

// Entity is a person, organisation or place with its canonical name and the
// other spellings used for it.
type Entity struct {
	Name       string     `json:"name"`
	Kind       EntityKind `json:"kind"`
	Aliases    []string   `json:"aliases"`
	Roles      []string   `json:"roles,omitempty"`
	ArticleIDs []int64    `json:"article_ids"`
}

// QuoteKind separates quotes in quotation marks from reported speech.
type QuoteKind string

// Quote kinds.
const (
	QuoteDirect   QuoteKind = "direct"
	QuoteReported QuoteKind = "reported"
)

// Quote is words attributed to a speaker.
type Quote struct {
	Speaker string    `json:"speaker"`
	Text    string    `json:"text"`
	Kind    QuoteKind `json:"kind"`
	Cue     string    `json:"cue,omitempty"`
	// Start and End are byte offsets of the quoted text in the article's Text().
	Start      int     `json:"start"`
	End        int     `json:"end"`
	ArticleIDs []int64 `json:"article_ids,omitempty"`
	// Parts are the pieces of a quote split by its attribution
	// ("…," he said, "…"), each a byte range; nil for a quote in one piece.
	Parts []Span `json:"parts,omitempty"`
	// SpeakerSpan and CueSpan locate the speaker as written ("he", "the
	// spokesman", "Polish Prime Minister Donald Tusk") and the cue ("said",
	// "according to"); zero when absent.
	SpeakerSpan Span `json:"speaker_span"`
	CueSpan     Span `json:"cue_span"`
}

// Span is a byte range [Start, End) of an article's Text().
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Claim is a checkable statement: subject · attribute · value.
type Claim struct {
	Subject   string `json:"subject"`
	Attribute string `json:"attribute"`
	Value     string `json:"value"`
	// Normalized is the value in a comparable form (a number, a date).
	Normalized string `json:"normalized,omitempty"`
	Evidence   string `json:"evidence"`
	Sentence   int    `json:"sentence"`
	// Unit is the unit of a numeric value ("personnel", "points", "USD"),
	// and ValueSpan locates the value as written.
	Unit      string `json:"unit,omitempty"`
	ValueSpan Span   `json:"value_span"`
}

// Analysis is everything the analysis stage found in one article.
type Analysis struct {
	ArticleID int64     `json:"article_id"`
	Mentions  []Mention `json:"mentions"`
	Quotes    []Quote   `json:"quotes"`
	Claims    []Claim   `json:"claims"`
}
