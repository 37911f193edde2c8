// Package transparency reads and writes the register as the Local
// Government Transparency Code's land and building assets list: the CSV
// councils publish under the Code (one row per asset, with columns such
// as UPRN, PropertyName, GeoX, GeoY and TenureType), as councils really
// publish it, and the same lists as Excel workbooks. GeoJSON is package
// geojson, GeoPackage package gpkg, and importfile.Open picks a reader by
// format.
//
// The GeoJSON reader shares what this package knows of partners' files:
// their text (OpenText, Guard), coordinate systems (GridNamed,
// GridToWGS84), derived asset codes (DeriveCode) and row errors
// (FieldError); the GeoPackage export writes occupiers as the CSV does
// (OccupiersText).
//
// # Reading Transparency Code CSV and workbooks
//
// NewReader streams a CSV file, and OpenXLSX a workbook's sheet, row by
// row into estate.ImportItems for estate.ImportService. Both read records
// from a source (source.go), so finding the header, working out what the
// columns mean and reading rows are the same for both. They cope with
// what published files hold:
//
//   - The header is found among the first 20 rows, under any titles: the
//     row with the most names the reader knows (find.go). A heading over
//     blank header cells is shared among its columns ("Map reference"
//     over an easting and a northing), and a row of sub-headings under
//     the header names the columns under a heading.
//   - Header names are matched ignoring case, spaces, underscores,
//     punctuation and line breaks, in any order (UPRN, Uprn, "Post Code",
//     post_code), by the Code's own names (header.go) and the names
//     estates teams use (names.go: Site Name, Premises Address,
//     Ownership, Floor Area...), and without a unit, a bracket or a
//     second line when the whole is unknown (match.go). A repeated header
//     is read as one column: its first non-empty cell in each row wins;
//     address lines join. Columns the reader does not know are listed in
//     a notice and ignored. Reader.Columns says which column went to
//     which field, and how.
//   - Workbooks: the sheet named, or the first with a header; cells as
//     shown where that matters (text, zero-padded codes, dates as ISO
//     8601), other numbers as stored (xlsx_format.go). The sheet's XML is
//     scanned as it unzips (xlsx_scan.go) rather than read through an XML
//     decoder, which allocates for every token (BenchmarkReadXLSX100k
//     times the scan against the same rows as CSV).
//   - UTF-8 with or without a byte order mark, UTF-16 with one, and
//     Windows-1252 when the first 64 KiB are not valid UTF-8; a later cell
//     that is not valid UTF-8 is read as Windows-1252 with a warning.
//   - CRLF or LF line ends, and line breaks inside quoted cells.
//   - Coordinates in WGS84 (GeoX = longitude, GeoY = latitude) or British
//     National Grid eastings and northings (converted with OSTN15), as the
//     CoordinateReferenceSystem cell says or, when it is blank or unknown,
//     as the values' ranges show; longitude and latitude given the wrong
//     way round are swapped back with a warning; "easting,northing" in
//     one cell is split. Rows with no coordinates (blank, words such as
//     "N/A", or 0,0) are skipped, not wrong, and so is a grid reference
//     that lands in the Atlantic west of the Isles of Scilly, where a
//     digit has been lost (coords.go).
//   - UPRNs stay text, leading zeros and all; placeholders (0, N/A, -) and
//     values that are not UPRNs are left blank with a warning.
//   - Areas written with units, such as "0.537 hectares (1.33 acres)",
//     "1.33 acres" or "2,000 sq ft".
//   - Tenure, tenure detail and holding vocabularies mapped to ours
//     (Leasehold Out, Leased out -> leased_out; Land/Buildings ->
//     land_and_building). A tenure we have no word for is kept as a line
//     in the asset's notes ("TenureType: Commonhold") with a warning.
//     TenureDetail is often free text ("Leased to X Ltd until 2030"): it
//     is kept as a note line without a warning, and gives the detail when
//     its words name exactly one (vacant, let to, licence...). HoldingType
//     often holds the council's own categories ("Car Parks", "Libraries"):
//     such a category becomes the use, without a warning, and gives the
//     holding where it is clear (Allotments -> land, Offices -> building;
//     a car park may be either). Text that gives no value of ours leaves
//     the field out, so an update keeps what officers set (vocab_text.go).
//     OtherDetail is a note line too. Without a Notes column the file owns
//     only those lines: a re-import replaces them and keeps what officers
//     wrote.
//   - A cell that cannot be read (a postcode, area or date that is not
//     one) is left out with a warning, so an update keeps the stored value.
//
// Warnings are kept for what an officer may act on, and each has a kind
// (estate.WarningKind) by which reports group them.
//
// Rows become estate.ImportItems carrying only the fields the file has:
// an update leaves the rest (RAG, tags, money...) as they are.
//
// Row numbers count as a spreadsheet does (the first row is row 1, titles
// above the header included); the line number says where a CSV row starts
// in a text editor.
//
// # Column mappings
//
// Files with other column names are read with a mapping, such as
//
//	AssetCode=E_CODE+STATION_NAME, PropertyName=STATION_NAME, GeoX=STATION_EASTING
//
// Each item is Target=Source[+Source...]. Targets are any column name the
// reader knows (matched as headers are). Sources are the file's column
// names, or literal text in single or double quotes. Several sources are
// joined, leaving out blank ones, with "/" for AssetCode and a space for
// anything else. A mapped target ignores the file's own column of that
// name. Presets holds mappings for known files, such as the Home Office
// fire stations list; a file whose header has every column a preset
// reads is read by that preset unasked.
//
// A partner's mapping can be saved (estate.ImportMapping) and read again
// by its next imports: MappingItems gives the tidy items it is saved as,
// and Options.UseSaved reads a file with them.
//
// # Asset codes
//
// An asset code is the partner's own reference and identifies the asset
// across imports. A file without one (no AssetCode column and no mapping
// for it) gets codes derived from the name and postcode, such as
// "altrincham-town-hall/wa14-1pf"; they are stable while the name and
// postcode are. Those codes are the reader's own making, so a second row
// deriving the same one (a site's land and its building) is numbered in
// file order ("...~2"), and the same file derives the same codes again.
//
// Two rows of one file giving the same code fail the import unless
// estate.RepeatedCodes says to keep the later ones under codes derived
// from it ("A~2") or to leave them out.
//
// # Writing
//
// WriteCSV writes Transparency Code columns first, then the register's own
// columns; reading the file back gives the same assets. It takes an
// iterator (estate.AllAssets), so callers page through the store and
// memory stays flat however big the register is.
package transparency
