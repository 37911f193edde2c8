// Package web holds the map application served at /.
package web

import "embed"

// FS holds the page and its assets.
//
//go:embed index.html
var FS embed.FS
