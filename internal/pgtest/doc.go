// Package pgtest gives tests their own empty schema in the PostgreSQL
// database that PARALLAX_TEST_POSTGRES names (a postgres:// URL), so that
// tests run in parallel and in any order without seeing each other's rows.
// Without the variable the tests skip with a message; with
// PARALLAX_REQUIRE_POSTGRES=1 they fail instead. It is for tests only.
package pgtest
