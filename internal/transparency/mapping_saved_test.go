package transparency_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestMappingItems checks a mapping is saved as tidy items that read back
// to the same mapping, however it was typed, and that what ParseMapping
// refuses is refused.
func TestMappingItems(t *testing.T) {
	for _, tt := range []struct {
		name   string
		preset string
		maps   []string
		want   []string
		err    string
	}{
		{name: "one spec", maps: []string{" AssetCode = E_CODE + STATION_NAME , PropertyName=STATION_NAME\n"},
			want: []string{"AssetCode=E_CODE+STATION_NAME", "PropertyName=STATION_NAME"}},
		{name: "repeated flags", maps: []string{"GeoX=E", "GeoY=N"}, want: []string{"GeoX=E", "GeoY=N"}},
		{name: "literals keep their quotes and commas", maps: []string{`Use='Fire, rescue' , HoldingType="Buildings"`},
			want: []string{`Use='Fire, rescue'`, `HoldingType="Buildings"`}},
		{name: "preset first", preset: "home-office-fire-stations", maps: []string{"Notes=REMARKS"},
			want: []string{"AssetCode=E_CODE+STATION_NAME", "PropertyName=STATION_NAME", "StreetName=STATION_ADDRESS",
				"PostCode=STATION_POSTCODE", "GeoX=STATION_EASTING", "GeoY=STATION_NORTHING",
				"CoordinateReferenceSystem='EPSG:27700'", "HoldingType='Buildings'", "Use='Fire station'",
				"FireAndRescueService=FRS_FULLNAME", "Notes=REMARKS"}},
		{name: "unknown target", maps: []string{"GeoX=E, Colour=PAINT"}, err: `"Colour=PAINT"`},
		{name: "target twice", preset: "home-office-fire-stations", maps: []string{"GeoX=E"}, err: "mapped twice"},
		{name: "open quote", maps: []string{"Use='Fire"}, err: "not closed"},
		{name: "unknown preset", preset: "nope", err: `no preset "nope"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := transparency.SavedItemsFor(tt.preset, tt.maps)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("items %q (%v), want %q", got, err, tt.want)
			}
			specs := tt.maps
			if tt.preset != "" {
				specs = append([]string{transparency.Presets[tt.preset]}, specs...)
			}
			want, _ := transparency.ParseMapping(specs...)
			if back, err := transparency.ParseMapping(got...); err != nil || !reflect.DeepEqual(back, want) {
				t.Errorf("items read back as %v (%v), want %v", back, err, want)
			}
		})
	}
}

// TestUseSaved checks a saved mapping and its delimiter read a file named
// otherwise, and that items which no longer read say so.
func TestUseSaved(t *testing.T) {
	saved := &estate.ImportMapping{Partner: "fire", Map: []string{"AssetCode=REF", "PropertyName=TITLE", "GeoX=E", "GeoY=N"},
		Delimiter: ";", UpdatedAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), UpdatedBy: "officer"}
	var opts transparency.Options
	opts.Partner = "fire"
	if err := opts.UseSaved(saved); err != nil {
		t.Fatal(err)
	}
	rd, err := transparency.NewReader(strings.NewReader("REF;TITLE;E;N\nF1;Crawley;526900;136800\n"), opts)
	if err != nil {
		t.Fatal(err)
	}
	for item, err := range rd.Items() {
		if err != nil || item.Asset == nil || item.Asset.AssetCode != "F1" || item.Asset.Name != "Crawley" {
			t.Fatalf("item %+v, %v", item, err)
		}
	}
	saved.Map = []string{"Colour=PAINT"}
	if err := opts.UseSaved(saved); err == nil || estate.ErrorCode(err) != estate.EINVALID || !strings.Contains(err.Error(), "save it again") {
		t.Errorf("a mapping that no longer reads: %v", err)
	}
}
