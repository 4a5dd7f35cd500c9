// Package dedup finds which articles copy or rewrite which: exact copies,
// near-duplicates, paraphrased rewrites and articles that share a source,
// with the aligned sentences as evidence. It is a pure stage: no store, no
// logging. It does not extract text or decide stories.
//
// # Candidates
//
// Index.Add never scans every article. Candidates come from (1) a hash of
// the normalised text (folded word tokens: exact copies), (2) MinHash-LSH
// over word 3-shingles (48 min-hashes in 12 bands of 4; a shared band makes
// a candidate), and (3) postings of rare keys: content
// stems, numbers and names of two words or more. The 64 rarest keys of the
// new article are looked up; keys held by more than Config.MaxPosting
// articles lose their posting list. Articles sharing at least
// Config.MinShared keys, and a tenth of the keys looked up (unrelated
// articles share a few rare words by chance), are ranked by summed IDF; the best
// Config.MaxCandidates are aligned, except those scoring under a quarter
// of the best one (they share only what any two articles on the topic
// share).
//
// # Alignment
//
// Sentences with fewer than three distinct content stems (headings, "Read
// more", bylines) are minor: neither aligned nor counted. Only the first
// Config.MaxSentences sentences (default 500) of an article are analysed,
// so the work per pair is bounded; coverage of a longer article is over
// those. Every pair of sentences is scored by TF-IDF cosine over stems and
// numbers (IDF from sentence frequencies of the indexed articles); each
// sentence's three best matches with cosine >= 0.2 go to the pair decision
// (Stats.Similar: the mean of a logistic model and 200 boosted trees of
// depth 3 fitted on the MSRP training pairs, its decision threshold chosen
// on held-out scores of inner folds, over lexical features, namely overlaps of stems, tokens, n-grams and
// characters, stem precisions each way, common subsequence, BLEU-like
// precisions, edit distance, length and length ratio, names, quotes,
// negation and number agreement, the longest run of one sentence's
// content words the other lacks (an added clause), and learned weights of
// the stems found
// on one side only: an unmatched "said" hardly counts against a
// paraphrase, an unmatched "not" or "million" does; see model.unmatched),
// and are kept when its score reaches Config.Related (0.16) or when one
// sentence holds at least half of the other's IDF-weighted content stems
// (four or more): a rewrite often shortens, merges or pads a sentence,
// which MSRP calls "not a paraphrase". The alignment is the largest
// monotone set of kept pairs (a weighted longest increasing subsequence).
//
// # Which is the original
//
// The article published first. When either time is missing or both are
// equal, the one whose aligned sentences carry more specific detail:
// numbers, name words (capitalised words after a sentence's first, so
// "Prime Minister Donald Tusk" outweighs "PM Tusk" and "Thursday" outweighs
// "soon") and direct quotes of three words or more. Then the article with
// more informative sentences (rewrites condense), then the lower id.
//
// # Kinds
//
// Coverage is the share of the derived article's informative sentences
// aligned in order. Exact: same normalised text. Near-duplicate: both
// articles at least 90% aligned and 90% of the pairs nearly word for word
// (token Dice >= 0.8). The other kinds rest on strong pairs: paraphrases
// outright (score >= the model's strong point, 0.45) that are not only a
// shared quotation (both sentences mostly inside quotation marks:
// independent outlets quote the same speaker word for word). The strong
// and related points are not fitted to articles: each is the score
// (rounded up to a hundredth) that at most the same share of held-out MSRP
// non-paraphrases reaches as reached the points these rules were first
// set with (49.1% and 92.1%, see TestTrain -cv), so that related sentences of
// independent reports pass them as often as before, whatever the model's
// scale.
//
// Rewrite: coverage >= 0.5, two of the pairs (or the one) paraphrases
// outright, and the alignment follows the source: in one stretch of it
// whose consecutive pairs are in step (neither article skips more than
// two informative sentences between them), the paraphrases expected (the
// pairs' summed scores, shared quotations left out) come to at least 22%
// of the derived article's informative sentences. Independent reports of
// one event align here and there, in the order news is told, a few close
// pairs among loose ones; a rewrite walks through its source. A sum of
// scores moves little when a retrained model moves one pair across a
// threshold, where a count of pairs over that cut jumps. When the pair
// also qualifies as a shared source (below), 40% or more of the source's
// informative sentences must align too (a rewrite retells its source
// throughout; a short article built on one passage of a long one shares a
// source with it).
//
// Shared source: at least 3 aligned sentences, a third or more of the
// shorter article, two strong pairs, and a passage taken over: 3 strong
// pairs in a row in the alignment (a quotation pair neither extends nor
// breaks the run).
//
// Neither links two articles when an aligned pair gives different counts
// of the same thing ("14 people" against "Forty-one people", digits or
// number words up to ninety-nine before the same content word, neither
// sentence holding the other's number anywhere): a rewrite or a copied
// passage carries its source's figures; an independent report may
// disagree with it. Otherwise unrelated. The loose Config.Related pairs
// still count toward coverage and are shown as evidence, but alone never
// link two articles: independent reports of one event share many facts,
// each phrased a little alike, and a few sentences close enough to be
// paraphrases, while a rewrite follows its source throughout and a shared
// source copies a passage.
// Articles with no informative sentence (empty, all boilerplate) derive
// from nothing. Each article keeps one derivation: the strongest kind,
// then the highest coverage, then the lower source id.
//
// # Independence
//
// Roots follows derived_from links to the original; every kind links,
// shared_source included: two articles built on one report (the same wire
// copy, the same press release) are one source, not two.
package dedup
