package brief_test

import (
	"time"

	"github.com/parallax-news/parallax"
)

func day(d, h int) time.Time { return time.Date(2025, 11, d, h, 0, 0, 0, time.UTC) }

func paras(kind parallax.BlockKind, texts ...string) []parallax.Block {
	out := make([]parallax.Block, 0, len(texts))
	for _, t := range texts {
		out = append(out, parallax.Block{Kind: kind, Text: t})
	}
	return out
}

// handmade is a small story: a wire report (10), a rewrite of it (11), and
// two independent reports (12, 13), with analyses as the analysis stage
// would give them. Article 11 contradicts its original on the minister's
// title.
func handmade() (parallax.Article, []*parallax.Article, []parallax.Derivation, []parallax.Analysis, []parallax.Entity) {
	wire := &parallax.Article{ID: 10, Source: "Wire Service", Title: "Harbour bridge reopens after two-year repair",
		URL: "https://wire.example/bridge", Published: day(3, 9),
		Body: append(paras(parallax.BlockParagraph,
			"The Northport harbour bridge reopened to traffic on Monday after a two-year repair that cost 48 million euros.",
			"Transport Minister Ana Lopes said the bridge would carry 30,000 vehicles a day.",
			"\"This bridge is the spine of the city,\" Lopes said at the ceremony.",
			"Engineers replaced 120 steel cables and the whole deck surface during the works.",
			"The city council plans a second crossing by 2030."),
			paras(parallax.BlockListItem, "Tolls are suspended until March 1.", "Cyclists get a separate lane.")...)}
	rewrite := &parallax.Article{ID: 11, Source: "Daily Aggregator", Title: "Northport bridge open again",
		URL: "https://agg.example/bridge", Published: day(3, 12),
		Body: paras(parallax.BlockParagraph,
			"Northport's harbour bridge reopened to traffic on Monday after a two-year repair costing 48 million euros.",
			"Former Transport Minister Ana Lopes said the bridge would carry 30,000 vehicles every day.",
			"The council plans a second crossing by 2030.")}
	local := &parallax.Article{ID: 12, Source: "Northport Herald", Title: "Bridge reopening ends two years of detours",
		URL: "https://herald.example/bridge", Published: day(3, 15),
		Body: append(paras(parallax.BlockParagraph,
			"Drivers crossed the harbour bridge on Monday for the first time in two years as the repaired span reopened.",
			"The repair replaced 120 cables and cost 48 million euros, the council said.",
			"Shopkeepers near the old detour route said business had suffered during the closure.",
			"\"We lost half our customers,\" said baker Tom Reyes, who runs a shop on Quay Street."),
			paras(parallax.BlockListItem, "Tolls are suspended until 1 March.", "A separate lane is reserved for cyclists.")...)}
	radio := &parallax.Article{ID: 13, Source: "City Radio", Title: "Harbour bridge back in service",
		URL: "https://radio.example/bridge", Published: day(4, 8),
		Body: paras(parallax.BlockParagraph,
			"The harbour bridge is back in service after repairs that cost 48 million euros.",
			"Minister Ana Lopes told reporters the bridge was the spine of the city.",
			"Traffic on the bridge was light on the first morning, the radio's reporter said.")}
	late := parallax.Article{ID: 14, Source: "Evening Post", Title: "Bridge traffic heavier on second day",
		URL: "https://post.example/bridge", Published: day(5, 18),
		Body: paras(parallax.BlockParagraph,
			"Traffic on the reopened harbour bridge was heavier on its second day, with queues at the northern ramp.",
			"The council said 28,000 vehicles crossed on Tuesday.")}
	derivs := []parallax.Derivation{{ArticleID: 11, SourceID: 10, Kind: parallax.DerivedRewrite, Coverage: 0.6,
		Pairs: []parallax.AlignedPair{
			{SourceIndex: 0, DerivedIndex: 0, Score: 0.9},
			{SourceIndex: 1, DerivedIndex: 1, Score: 0.8},
			{SourceIndex: 4, DerivedIndex: 2, Score: 0.9},
		}}}
	analyses := []parallax.Analysis{
		{ArticleID: 10,
			Claims: []parallax.Claim{
				{Subject: "Ana Lopes", Attribute: "title", Value: "Transport Minister", Evidence: "Transport Minister Ana Lopes said the bridge would carry 30,000 vehicles a day.", Sentence: 1},
				{Subject: "bridge repair", Attribute: "cost", Value: "48 million euros", Normalized: "48000000 EUR", Evidence: "The Northport harbour bridge reopened to traffic on Monday after a two-year repair that cost 48 million euros.", Sentence: 0},
				{Subject: "bridge", Attribute: "reopened", Value: "Monday", Normalized: "2025-11-03", Evidence: "The Northport harbour bridge reopened to traffic on Monday after a two-year repair that cost 48 million euros.", Sentence: 0},
			},
			Quotes: []parallax.Quote{{Speaker: "Lopes", Text: "This bridge is the spine of the city", Kind: parallax.QuoteDirect, Cue: "said"}},
		},
		{ArticleID: 11,
			Claims: []parallax.Claim{
				{Subject: "Ana Lopes", Attribute: "title", Value: "Former Transport Minister", Evidence: "Former Transport Minister Ana Lopes said the bridge would carry 30,000 vehicles every day.", Sentence: 1},
				{Subject: "bridge repair", Attribute: "cost", Value: "48 million euros", Normalized: "48000000 EUR", Evidence: "Northport's harbour bridge reopened to traffic on Monday after a two-year repair costing 48 million euros.", Sentence: 0},
			},
		},
		{ArticleID: 12,
			Claims: []parallax.Claim{
				{Subject: "bridge repair", Attribute: "cost", Value: "48 million euros", Normalized: "48000000 EUR", Evidence: "The repair replaced 120 cables and cost 48 million euros, the council said.", Sentence: 1},
				{Subject: "bridge", Attribute: "reopened", Value: "Monday", Normalized: "2025-11-03", Evidence: "Drivers crossed the harbour bridge on Monday for the first time in two years as the repaired span reopened.", Sentence: 0},
			},
			Quotes: []parallax.Quote{{Speaker: "Tom Reyes", Text: "We lost half our customers", Kind: parallax.QuoteDirect, Cue: "said"}},
		},
		{ArticleID: 13,
			Claims: []parallax.Claim{
				{Subject: "Lopes", Attribute: "title", Value: "Minister", Evidence: "Minister Ana Lopes told reporters the bridge was the spine of the city.", Sentence: 1},
				{Subject: "bridge repair", Attribute: "cost", Value: "48 million euros", Normalized: "48000000 EUR", Evidence: "The harbour bridge is back in service after repairs that cost 48 million euros.", Sentence: 0},
			},
			Quotes: []parallax.Quote{{Speaker: "Ana Lopes", Text: "the bridge was the spine of the city", Kind: parallax.QuoteReported, Cue: "told reporters"}},
		},
	}
	entities := []parallax.Entity{
		{Name: "Ana Lopes", Kind: parallax.EntityPerson, Aliases: []string{"Lopes"}, Roles: []string{"Transport Minister"}, ArticleIDs: []int64{10, 11, 13}},
		{Name: "Tom Reyes", Kind: parallax.EntityPerson, ArticleIDs: []int64{12}},
		{Name: "Northport", Kind: parallax.EntityPlace, ArticleIDs: []int64{10, 11}},
	}
	return late, []*parallax.Article{wire, rewrite, local, radio}, derivs, analyses, entities
}
