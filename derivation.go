package parallax

// DerivationKind classifies how one article derives from another.
type DerivationKind string

// Derivation kinds, strongest first.
const (
	DerivedExact        DerivationKind = "exact"
	DerivedNearDup      DerivationKind = "near_duplicate"
	DerivedRewrite      DerivationKind = "rewrite"
	DerivedSharedSource DerivationKind = "shared_source"
)

// AlignedPair is one pair of aligned sentences: evidence for a derivation.
// Indexes count sentences in each article's body; Source is the original.
type AlignedPair struct {
	SourceIndex  int     `json:"source_index"`
	DerivedIndex int     `json:"derived_index"`
	SourceText   string  `json:"source_text"`
	DerivedText  string  `json:"derived_text"`
	Score        float64 `json:"score"`
}

// Derivation says that ArticleID is a copy or rewrite of SourceID.
type Derivation struct {
	ArticleID int64          `json:"id"`
	SourceID  int64          `json:"derived_from"`
	Kind      DerivationKind `json:"kind"`
	// Coverage is the share of the derived article's sentences aligned, in
	// order, to the source.
	Coverage float64       `json:"coverage"`
	Pairs    []AlignedPair `json:"alignment,omitempty"`
}
