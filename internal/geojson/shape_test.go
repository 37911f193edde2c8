package geojson

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSelectedPropertiesOnly(t *testing.T) {
	a := fullAsset()
	var all map[string]any
	if err := json.Unmarshal(AppendFeature(nil, a, nil), &all); err != nil {
		t.Fatal(err)
	}
	allProps := all["properties"].(map[string]any)
	for _, sel := range [][]string{{"name"}, {"partner"}, {"rag", "tags", "footprint"}, {"updated_at", "name"},
		{"occupiers"}, {}, PropertyNames()} {
		t.Run(strings.Join(sel, ","), func(t *testing.T) {
			props, unknown := SelectProperties(sel)
			if unknown != nil {
				t.Fatalf("unknown %v", unknown)
			}
			b := AppendShapedFeature(nil, a, nil, &Shape{Properties: props})
			var f map[string]any
			if err := json.Unmarshal(b, &f); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
			got := f["properties"].(map[string]any)
			want := map[string]any{}
			for _, n := range sel {
				want[n] = allProps[n]
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("properties %v, want %v", got, want)
			}
			if !reflect.DeepEqual(f["geometry"], all["geometry"]) || f["id"] != all["id"] {
				t.Errorf("geometry or id changed: %s", b)
			}
		})
	}
	if _, unknown := SelectProperties([]string{"name", "colour", "location"}); !slices.Equal(unknown, []string{"colour", "location"}) {
		t.Errorf("unknown %v", unknown)
	}
}

func TestProjectedCoordinates(t *testing.T) {
	a := fullAsset()
	swap := &CRS{Scale: 1e7, Project: func(lon, lat float64) (float64, float64, bool) { return lat, lon, true }}
	b := AppendShapedFeature(nil, a, nil, &Shape{CRS: swap})
	if !strings.Contains(string(b), `"coordinates":[52.193,-2.2210001]`) ||
		!strings.Contains(string(b), `[[[52.193,-2.221],[52.193,-2.22],[52.194,-2.22],[52.193,-2.221]]]`) {
		t.Errorf("swapped: %s", b)
	}
	metres := &CRS{Scale: 1e3, Project: func(lon, lat float64) (float64, float64, bool) {
		return lon*1000 + 0.00049, lat * 1000, lon > -2.2205 // the footprint's west corners are outside
	}}
	b = AppendShapedFeature(nil, a, nil, &Shape{CRS: metres})
	var f struct {
		Geometry   json.RawMessage
		Properties map[string]any
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if string(f.Geometry) != "null" || f.Properties["footprint"] != nil || f.Properties["name"] == nil {
		t.Errorf("outside the CRS: %s", b)
	}
	a.Location.Lon = -2.2
	b = AppendShapedFeature(nil, a, nil, &Shape{CRS: metres})
	if !strings.Contains(string(b), `"coordinates":[-2200,52193]`) {
		t.Errorf("metres: %s", b)
	}
}

func TestAppendFixed(t *testing.T) {
	for _, tt := range []struct {
		v     float64
		scale float64
		want  string
	}{{385386.0004, 1e3, "385386"}, {385386.0125, 1e3, "385386.013"}, {-0.0001, 1e3, "0"}, {12.5, 1e3, "12.5"},
		{52.1234567, 1e7, "52.1234567"}, {-2.1, 1e7, "-2.1"}, {1250000, 1e3, "1250000"}} {
		if got := string(appendFixed(nil, tt.v, tt.scale)); got != tt.want {
			t.Errorf("appendFixed(%v, %v) = %s, want %s", tt.v, tt.scale, got, tt.want)
		}
	}
}
