package reader

// HashWith exposes hashing with chosen parameters to the tests.
var HashWith = hashWith
