// Package discrepancy compares what the articles of one story claim: it
// groups claims by subject and normalised attribute, decides whether the
// values agree or conflict, and counts the independent sources behind each
// value (an article and its rewrites or copies are one source). It does not
// extract claims or resolve entities; it takes their output.
package discrepancy
