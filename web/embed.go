// Package web holds the map application served at /: plain ES modules, a
// stylesheet, approximate outlines and the vendored MapLibre GL JS, with
// no build step.
package web

import "embed"

// FS holds the page and its assets. The vendored map library's refresh
// script and the outline generator stay out of it.
//
//go:embed index.html app.js style.css js pages data/*.geojson vendor/maplibre-gl vendor/redoc
var FS embed.FS
