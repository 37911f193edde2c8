// Package pgserve holds the tests of placetrust served over PostgreSQL
// as cmd/placetrust serve wires it: several real HTTP servers over one
// database, and the database lost and back while they serve. It has no
// code of its own.
package pgserve
