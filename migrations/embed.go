// Package migrations holds placetrust's versioned SQL schema, applied in
// order by the sqlite store when it opens a database.
package migrations

import "embed"

// FS holds the NNNN_name.sql files.
//
//go:embed *.sql
var FS embed.FS
