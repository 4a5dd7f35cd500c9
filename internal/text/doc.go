// Package text holds the language primitives every stage shares: sentence
// splitting with offsets, word tokens, case and diacritic folding, English
// stems and stopwords, content terms and capitalised name spans. It knows
// nothing about articles or stories.
package text
