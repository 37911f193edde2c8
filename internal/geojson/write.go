package geojson

import (
	"fmt"
	"io"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
)

// Write writes the assets as an RFC 7946 FeatureCollection, one
// feature a line, through the API's streaming encoder: the location is the
// Point geometry, the footprint a geometry-valued property, coordinates to
// the 7 decimals the register keeps and rings wound as RFC 7946 asks. It
// returns how many features it wrote; an error from assets stops it,
// leaving the output unfinished.
func Write(w io.Writer, assets iter.Seq2[*estate.Asset, error]) (int, error) {
	enc := NewFileWriter(w)
	defer enc.Release()
	for a, err := range assets {
		if err != nil {
			return enc.Count(), err
		}
		if err := enc.Feature(a); err != nil {
			return enc.Count(), fmt.Errorf("geojson: write: %w", err)
		}
	}
	if err := enc.Close(); err != nil {
		return enc.Count(), fmt.Errorf("geojson: write: %w", err)
	}
	return enc.Count(), nil
}
