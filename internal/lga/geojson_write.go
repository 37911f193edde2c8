package lga

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/placetrust/placetrust/internal/assetjson"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// WriteGeoJSON writes the assets as an RFC 7946 FeatureCollection, one
// feature at a time: the location is the Point geometry, the footprint a
// geometry-valued property, as in the API. It returns how many features
// it wrote; an error from assets stops it, leaving the output unfinished.
func WriteGeoJSON(w io.Writer, assets iter.Seq2[*estate.Asset, error]) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	if _, err := bw.WriteString(`{"type":"FeatureCollection","features":[`); err != nil {
		return 0, fmt.Errorf("lga: write geojson: %w", err)
	}
	for a, err := range assets {
		if err != nil {
			return n, err
		}
		b, err := marshalFeature(a)
		if err != nil {
			return n, err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		if _, err := bw.Write(b); err != nil {
			return n, fmt.Errorf("lga: write geojson: %w", err)
		}
		n++
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("lga: write geojson: %w", err)
	}
	return n, nil
}

func marshalFeature(a *estate.Asset) ([]byte, error) {
	g, err := json.Marshal(geojson.NewGeometry(geo.OrbPoint(a.Location)))
	if err != nil {
		return nil, fmt.Errorf("lga: asset %d: %w", a.ID, err)
	}
	p := assetjson.PropsOf(a)
	if len(a.Footprint) > 0 {
		var fg orb.Geometry = geo.OrbMultiPolygon(a.Footprint)
		if len(a.Footprint) == 1 {
			fg = geo.OrbMultiPolygon(a.Footprint)[0]
		}
		if p.Footprint, err = json.Marshal(geojson.NewGeometry(fg)); err != nil {
			return nil, fmt.Errorf("lga: asset %d footprint: %w", a.ID, err)
		}
	}
	f := feature{Type: "Feature", Geometry: g, Properties: p}
	if a.ID != 0 {
		f.ID = &a.ID
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("lga: asset %d: %w", a.ID, err)
	}
	return b, nil
}
