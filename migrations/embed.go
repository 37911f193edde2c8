// Package migrations holds placetrust's versioned SQL schema, one folder
// per store engine (sqlite/, postgres/), each applied in order by its store when it
// opens a database. A second engine adds its own folder beside it and its
// name to the embed line.
package migrations

import (
	"embed"
	"io/fs"
)

// all holds every engine's folder.
//
//go:embed sqlite/*.sql postgres/*.sql
var all embed.FS

// SQLite holds the sqlite store's NNNN_name.sql files.
var SQLite = engine("sqlite")

// Postgres holds the postgres store's NNNN_name.sql files.
var Postgres = engine("postgres")

// engine is one engine's folder of all. Its name is a literal the embed
// line above matches, so fs.Sub cannot fail.
func engine(name string) fs.FS {
	sub, err := fs.Sub(all, name)
	if err != nil {
		panic(err)
	}
	return sub
}
