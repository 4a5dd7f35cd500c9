// Package cluster groups articles into stories online, in arrival order.
//
// Each article is reduced to a sparse vector of weighted features: content
// stems (sublinear TF, words of the title and of the lead, its first two
// sentences, weighted up: they say what happened, where and to whom) and
// names (given, or capitalised spans; each word of a longer name also counts
// as a name, so that "Jackson" matches "Vincent Jackson"), weighted by an IDF
// counted over stories rather than
// articles, so that a flood of copies of one report does not wear its own
// words down. A story is the pruned sum of its members' vectors. A new
// article is compared only with the stories an inverted index proposes
// (its heaviest features -> the most recent stories posted under them),
// never with every story, so the work per article stays bounded however
// many articles or stories there are. The similarity is raised for an
// article published close to a story and damped beyond a window; unknown
// and implausible dates (far in the future) are neutral. A rewrite of a
// known article joins its original's story. When a story grows close to
// another one the index proposes, the two merge and the smaller story ID
// survives; a one-article story merges as soon as its article comes close
// to the grown story (LoneThreshold, 5/6 of the join threshold by default),
// as it (nearly) would have joined it had it arrived later.
//
// A young story can also split. The first report of a second event of the
// same kind (another earthquake, another celebrity in rehab) looks like the
// first event's one-article story and joins it; later reports of the second
// event follow. So while a story has at most SplitMax members and started
// less than SplitWindow articles ago, it keeps its members' vectors, and each
// time it grows to SplitMin or more it is cut in two by average-link
// clustering over the features that vary inside the story (each weighted
// also by ln(n/k) when k of its n articles hold it: what all share cannot
// tell two events apart). It splits when each group has two or more
// articles, the groups' centroids are far apart (cosine below
// SplitThreshold, itself below the merge threshold, so the halves do not
// merge straight back) and the mean similarity across the groups is well
// below that within each (SplitRatio); or, at the laxer SplitNameThreshold
// and SplitNameRatio, when each group has SplitNames or more names of its
// own, held by three quarters of its articles and by none of the other's
// (one champion's two fights against different opponents). The group holding the story's first article keeps the
// story; the other moves to a new story whose ID is the new article's: an
// article ID never used for a story before, so it collides with no live or
// merged-away story. The work is bounded by SplitMax² cosines per article.
//
// Every decision comes with a parallax.Assignment that says why: the shared
// terms and names, the similarity and the threshold.
//
// The package is pure: it does not log, read files or touch the store. A
// caller rebuilds a Clusterer from stored assignments with Restore.
package cluster
