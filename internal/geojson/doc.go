// Package geojson is the register's GeoJSON codec: the one mapping of an
// asset to GeoJSON properties (Props), the streaming encoder behind the
// REST and OGC API pages and the GeoJSON export (Writer, AppendFeature,
// Write), and the reader that imports a FeatureCollection (Reader).
//
// The properties are named as openapi.yaml's AssetProperties and the API,
// imports and exports share them, so a page saved from the API imports as
// it reads.
//
// The encoder appends typed assets one feature at a time into a reused
// buffer: coordinates to 7 decimals, polygon rings wound as RFC 7946 asks,
// no crs member, no per-feature maps or reflection, so a page of
// thousands of features allocates almost nothing per feature; building
// orb/geojson values of maps for encoding/json is many times slower (see
// BenchmarkFeatureEncoder).
//
// The reader reads files as the Transparency Code reader does (package
// transparency): the same text decoding and record bound, British
// National Grid from a legacy "crs" member, and asset codes derived from
// the name and postcode when a feature has none.
package geojson
