// Package gpkg writes the register as an OGC GeoPackage 1.3 for GIS
// tools: layer "assets" (points, every field) and "asset_footprints"
// (multipolygons), each with the GeoPackage R*Tree spatial index.
//
// A GeoPackage is an SQLite file, so this package opens its own SQLite
// connection (modernc.org/sqlite, the driver the store uses) to a scratch
// file beside the destination, separate from the register's database:
// it never uses the store's connections or schema. It registers the ST_
// functions the GeoPackage R*Tree triggers call with the driver (so every
// connection of the process has them), and writes geometry
// blobs itself (a GeoPackage header before go-geom's WKB), as go-geom has
// no GeoPackage encoder.
package gpkg
