// Package cluster groups articles into stories online, in arrival order.
//
// Each article is reduced to a sparse vector of weighted features: content
// stems (TF-IDF, title words weighted up) and capitalised names. A story is
// the truncated centroid of its members' vectors. A new article is compared
// only with the stories an inverted index proposes (features -> the most
// recent stories posted under them), never with every story, so the work per
// article stays bounded however many articles or stories there are. The
// similarity is damped by the time between the article and the story, and a
// rewrite of a known article joins its original's story. When an article
// joins one story but also fits another whose centroid has grown close, the
// two stories merge and the smaller story ID survives.
//
// Every decision comes with a parallax.Assignment that says why: the shared
// terms and names, the similarity and the threshold.
//
// The package is pure: it does not log, read files or touch the store. A
// caller rebuilds a Clusterer from stored assignments with Restore.
package cluster
