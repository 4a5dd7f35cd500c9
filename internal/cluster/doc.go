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
// survives.
//
// Every decision comes with a parallax.Assignment that says why: the shared
// terms and names, the similarity and the threshold.
//
// The package is pure: it does not log, read files or touch the store. A
// caller rebuilds a Clusterer from stored assignments with Restore.
package cluster
