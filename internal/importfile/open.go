// Package importfile opens a partner's file for import in the format it
// is in: Transparency Code CSV, an Excel workbook (package transparency)
// or GeoJSON (package geojson). It sits above both so neither imports the
// other's reader to dispatch, and the command line and the API choose a
// reader the same way.
package importfile

import (
	"io"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/transparency"
)

// Open reads a file in format ("geojson", "xlsx", or else Transparency
// Code CSV) as import items, with the transparency.Reader of a CSV file
// or workbook, which says what it made of the columns (nil for GeoJSON).
// A workbook is opened by name, as its parts are found by their place in
// the file; r serves the others.
func Open(format string, r io.Reader, name string, opts transparency.Options) (iter.Seq2[*estate.ImportItem, error], *transparency.Reader, error) {
	var rd *transparency.Reader
	var err error
	switch format {
	case "geojson":
		gr, err := geojson.NewReader(r, opts.Partner)
		if err != nil {
			return nil, nil, err
		}
		return gr.Items(), nil, nil
	case "xlsx":
		rd, err = transparency.OpenXLSX(name, opts)
	default:
		rd, err = transparency.NewReader(r, opts)
	}
	if err != nil {
		return nil, nil, err
	}
	return rd.Items(), rd, nil
}
