package geo_test

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"

	orbwkb "github.com/paulmach/orb/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkb"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// TestGeomPoint checks a point reaches go-geom as lon, lat, writing the
// same WKB as the orb conversion.
func TestGeomPoint(t *testing.T) {
	p := estate.Point{Lon: -2.2426, Lat: 53.4808}
	g := geo.GeomPoint(p)
	if g.X() != p.Lon || g.Y() != p.Lat {
		t.Errorf("GeomPoint(%v) = %v", p, g.FlatCoords())
	}
	got, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		t.Fatal(err)
	}
	want, err := orbwkb.Marshal(geo.OrbPoint(p))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("go-geom WKB %x, orb WKB %x", got, want)
	}
}

// TestGeomMultiPolygon round-trips footprints through go-geom's WKB and
// the register's decoder, and checks the bytes are what MarshalWKB
// stores, so rings, holes and polygons keep their order and winding.
func TestGeomMultiPolygon(t *testing.T) {
	square := func(x, y, d float64) estate.Ring {
		return estate.Ring{{Lon: x, Lat: y}, {Lon: x + d, Lat: y}, {Lon: x + d, Lat: y + d}, {Lon: x, Lat: y + d}, {Lon: x, Lat: y}}
	}
	hole := func(x, y, d float64) estate.Ring {
		return estate.Ring{{Lon: x, Lat: y}, {Lon: x, Lat: y + d}, {Lon: x + d, Lat: y + d}, {Lon: x + d, Lat: y}, {Lon: x, Lat: y}}
	}
	for _, tc := range []struct {
		name string
		m    estate.MultiPolygon
	}{
		{"one polygon", estate.MultiPolygon{{square(-2.25, 53.48, 0.001)}}},
		{"polygon with holes", estate.MultiPolygon{{square(-2.25, 53.48, 0.01),
			hole(-2.249, 53.481, 0.002), hole(-2.245, 53.485, 0.001)}}},
		{"polygons with and without holes", estate.MultiPolygon{
			{square(-1.5, 52.1, 0.004), hole(-1.499, 52.101, 0.001)},
			{square(-1.4, 52.2, 0.002)},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := geo.GeomMultiPolygon(tc.m)
			if g.NumPolygons() != len(tc.m) {
				t.Fatalf("%d polygons, want %d", g.NumPolygons(), len(tc.m))
			}
			got, err := wkb.Marshal(g, binary.LittleEndian)
			if err != nil {
				t.Fatal(err)
			}
			back, err := geo.UnmarshalWKB(got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.m) {
				t.Errorf("round trip gave %v, want %v", back, tc.m)
			}
			want, err := geo.MarshalWKB(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("go-geom WKB %x, MarshalWKB %x", got, want)
			}
		})
	}
}
