// Package analysis holds placetrust's analyses of the register (DESIGN
// section 5): capital receipts, co-location hubs, nearby assets, the
// property trust view and the data quality view (how complete each
// partner's list is, and the places two partners may hold twice).
// Everything here is a pure function over the assets of the copy of the
// register held in memory (register.Assets, the fields of
// register.Asset), Nearby over estate.Asset: no database, no HTTP, no
// clock, so the same assets and parameters always give the same answer.
//
// Every assumption is a field of a parameter struct whose JSON name is the
// query parameter name, with a documented default and range; each report
// echoes the parameters and filter it used, so a finance lead can reproduce
// a figure. To read a JSON scenario, unmarshal it onto the defaults
// (DefaultReceiptParams, DefaultColocationParams, DefaultQualityParams) so
// omitted fields keep their default values, then call the analysis, which
// validates.
// Validation errors are estate EINVALID errors with one FieldError per
// parameter at fault, named as the query parameter is.
//
// Money is reported in whole pounds as int64. Each asset's figures are
// rounded once, and every total is the integer sum of those per-asset
// figures, so group totals equal the overall total exactly and a finance
// lead adding up a spreadsheet gets the same pounds. Trust view floor areas
// follow the same rule in whole square metres.
package analysis
