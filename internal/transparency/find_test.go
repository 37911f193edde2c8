package transparency_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// fieldsOf lists a reader's columns as "position:field/how" and unread
// ones as "position:-", in order, to compare whole.
func fieldsOf(rd *transparency.Reader) string {
	var out []string
	for _, c := range rd.Columns() {
		if c.Field == "" {
			out = append(out, fmt.Sprintf("%d:-%s", c.Position, c.How))
			continue
		}
		out = append(out, fmt.Sprintf("%d:%s/%s", c.Position, c.Field, c.How))
	}
	return strings.Join(out, " ")
}

// TestFindHeader reads layouts people publish: titles above the header,
// names estates teams use, headings over two lines or two columns.
func TestFindHeader(t *testing.T) {
	cases := []struct {
		name, file string
		headerRow  int
		columns    string
		row        int // the first data row's number
		check      func(*estate.Asset) string
		want       string
	}{
		{"title rows", "Land and Buildings Register\r\nPublished 1 April 2024,,\r\n,,\r\nAssetCode,PropertyName,GeoX,GeoY\r\nA1,Town Hall,-2.35,53.39\r\n",
			4, "1:asset_code/matched 2:name/matched 3:geo_x/matched 4:geo_y/matched", 5,
			func(a *estate.Asset) string { return a.Name }, "Town Hall"},
		{"synonyms", "Site Name,Premises Address,Post Code,Easting,Northing,Ownership,Asset Type,Floor Area (sq ft),Site area (acres)\r\n" +
			"Depot,1 Mill Lane,wa14 1pf,377000,388000,Freehold,Depot,1000,2\r\n",
			1, "1:name/synonym 2:street_name/synonym 3:postcode/matched 4:geo_x/synonym 5:geo_y/synonym 6:tenure/synonym 7:use/synonym 8:gia_m2/synonym 9:land_area_ha/synonym", 2,
			func(a *estate.Asset) string {
				return fmt.Sprintf("%s|%s|%s|%s|%s|%.2f|%.4f", a.Name, a.StreetName, a.Postcode, a.Tenure, a.Use, *a.GIAM2, *a.LandAreaHa)
			}, "Depot|1 Mill Lane|WA14 1PF|freehold|Depot|92.90|0.8094"},
		{"line breaks and brackets", "\"Site\nName\",\"UPRN\nKept by Estates\",\"Unique asset identity (OSAPR)\",\"Grid\r\nEasting\",\"Grid\nNorthing\",Value\r\nDepot,100012797623,APX1,377000,388000,5\r\n",
			1, "1:name/synonym 2:uprn/matched 3:-ignored 4:geo_x/synonym 5:geo_y/synonym 6:-not_read", 2,
			func(a *estate.Asset) string { return a.Name + "|" + a.UPRN }, "Depot|100012797623"},
		{"heading over two columns", "Name,Map reference,,Notes\r\nDepot,377000,388000,x\r\n",
			1, "1:name/synonym 2:geo_x/heading 3:geo_y/heading 4:notes/matched", 2,
			func(a *estate.Asset) string { return a.Name }, "Depot"},
		{"heading naming its columns", "Name,\"Location\nLat        Long\",\r\nDepot,53.39,-2.35\r\n",
			1, "1:name/synonym 2:geo_y/heading 3:geo_x/heading", 2,
			func(a *estate.Asset) string { return fmt.Sprintf("%.2f,%.2f", a.Location.Lon, a.Location.Lat) }, "-2.35,53.39"},
		{"sub-headings", "Register of assets,,,\r\nProperty,Address,Grid reference,\r\n,,Easting,Northing\r\nDepot,1 Mill Lane,377000,388000\r\n",
			3, "1:name/synonym 2:street_name/synonym 3:geo_x/synonym 4:geo_y/synonym", 4,
			func(a *estate.Asset) string { return a.Name + "|" + a.StreetName }, "Depot|1 Mill Lane"},
		{"number before the street, address lines", "Name,No,Street,Locality,Town,Easting,Northing\r\nDepot,9,\"Lyndale Road,\",Yate,Bristol,377000,388000\r\n",
			1, "1:name/synonym 2:street_number/synonym 3:street_name/synonym 4:street_name/synonym 5:town/synonym 6:geo_x/synonym 7:geo_y/synonym", 2,
			func(a *estate.Asset) string { return a.StreetNumber + "|" + a.StreetName }, "9|Lyndale Road, Yate"},
		{"prefixed names", "STATION_NAME,STATION_POSTCODE,STATION_EASTING,STATION_NORTHING\r\nBryher,TR23 0PR,87878,14962\r\n",
			1, "1:name/synonym 2:postcode/synonym 3:geo_x/synonym 4:geo_y/synonym", 2,
			func(a *estate.Asset) string { return a.Name + "|" + a.Postcode }, "Bryher|TR23 0PR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, rd := readAll(t, c.file, "")
			if rd.HeaderRow() != c.headerRow {
				t.Errorf("header on row %d, want %d", rd.HeaderRow(), c.headerRow)
			}
			if got := fieldsOf(rd); got != c.columns {
				t.Errorf("columns\n got %s\nwant %s", got, c.columns)
			}
			if len(items) != 1 || items[0].Asset == nil {
				t.Fatalf("items %+v", items)
			}
			if items[0].Row != c.row {
				t.Errorf("row %d, want %d", items[0].Row, c.row)
			}
			if got := c.check(items[0].Asset); got != c.want {
				t.Errorf("read %q, want %q", got, c.want)
			}
			if len(items[0].Warnings) > 0 {
				t.Errorf("warnings %q", items[0].Warnings)
			}
		})
	}
}

// TestFindHeaderValues checks what the layouts above read to.
func TestFindHeaderValues(t *testing.T) {
	items, _ := readAll(t, "Site Name,Premises Address,Post Code,Easting,Northing,Ownership,Asset Type,Floor Area (sq ft),Site area (acres),Condition\r\n"+
		"Depot,1 Mill Lane,wa14 1pf,377000,388000,Freehold,Depot,1000,2,Satisfactory\r\n", "")
	a := items[0].Asset
	if a.Name != "Depot" || a.StreetName != "1 Mill Lane" || a.Postcode != "WA14 1PF" || a.Tenure != estate.TenureFreehold ||
		a.Use != "Depot" || a.Condition != "B" || a.GIAM2 == nil || *a.GIAM2 != 1000*0.09290304 ||
		a.LandAreaHa == nil || *a.LandAreaHa != 2*0.40468564224 {
		t.Errorf("read as %+v", a)
	}
	items, _ = readAll(t, "Name,No,Street,Locality,Town,Easting,Northing\r\nDepot,9,\"Lyndale Road,\",Yate,Bristol,377000,388000\r\n", "")
	if a := items[0].Asset; a.StreetNumber != "9" || a.StreetName != "Lyndale Road, Yate" || a.Town != "Bristol" {
		t.Errorf("address read as %q %q %q", a.StreetNumber, a.StreetName, a.Town)
	}
	// "No" alone counts rows, not houses.
	_, rd := readAll(t, "No,Name,Easting,Northing\r\n1,Depot,377000,388000\r\n", "")
	if got := fieldsOf(rd); got != "1:-not_read 2:name/synonym 3:geo_x/synonym 4:geo_y/synonym" {
		t.Errorf("a row number column: %s", got)
	}
}

// TestAmbiguousNames checks names that could mean several things are
// not read as any of them.
func TestAmbiguousNames(t *testing.T) {
	_, rd := readAll(t, "Name,Value,Area,Type,Reference,Code,Easting,Northing\r\nDepot,1,2,3,4,5,377000,388000\r\n", "")
	if got := fieldsOf(rd); got != "1:name/synonym 2:-not_read 3:-not_read 4:-not_read 5:-not_read 6:-not_read 7:geo_x/synonym 8:geo_y/synonym" {
		t.Errorf("columns: %s", got)
	}
}

// TestHeaderNotFound keeps the first row as the header when no row has
// two known names, so the errors name what it lacks.
func TestHeaderNotFound(t *testing.T) {
	_, err := transparency.NewReader(strings.NewReader("Title\r\nfoo,bar\r\n1,2\r\n"), transparency.Options{Partner: "p"})
	if err == nil || !strings.Contains(err.Error(), `the header is "Title"`) {
		t.Errorf("error %v", err)
	}
	// A mapping's columns count as known.
	_, rd := readAll(t, "Exported 2024\r\nREF,E,N\r\nA1,377000,388000\r\n", "AssetCode=REF,GeoX=E,GeoY=N")
	if rd.HeaderRow() != 2 || fieldsOf(rd) != "1:asset_code/mapped 2:geo_x/mapped 3:geo_y/mapped" {
		t.Errorf("mapped header on row %d: %s", rd.HeaderRow(), fieldsOf(rd))
	}
}

// TestPresetRecognised reads the Home Office layout with its preset
// unasked; given, the preset reads the same.
func TestPresetRecognised(t *testing.T) {
	text := "FRS_FULLNAME,E_CODE,STATION_NAME,STATION_ADDRESS,STATION_POSTCODE,STATION_EASTING,STATION_NORTHING\r\n" +
		"Isles of Scilly,E06000053,Bryher,\"Bryher Fire Station, Bryher\",TR23 0PR,87878,14962\r\n"
	unasked, rd := readAll(t, text, "")
	given, _ := readAll(t, text, transparency.Presets["home-office-fire-stations"])
	if unasked[0].AssetCode != "E06000053/Bryher" || unasked[0].AssetCode != given[0].AssetCode ||
		unasked[0].Asset.Notes != given[0].Asset.Notes || unasked[0].Asset.Use != "Fire station" {
		t.Errorf("unasked %+v, given %+v", unasked[0].Asset, given[0].Asset)
	}
	if !strings.Contains(strings.Join(rd.Notices(), "\n"), "preset home-office-fire-stations") {
		t.Errorf("notices %v", rd.Notices())
	}
	if got := fieldsOf(rd); !strings.HasPrefix(got, "1:fire_and_rescue_service/preset 2:asset_code/preset 3:asset_code/preset 3:name/preset") {
		t.Errorf("columns %s", got)
	}
}

// TestDerivedNameSaysFrom checks a name made for a row without one says
// what it was made from.
func TestDerivedNameSaysFrom(t *testing.T) {
	for text, want := range map[string]string{
		"AssetCode,GeoX,GeoY\r\nA1,-2.35,53.39\r\n":                      `no PropertyName: named "A1" from the asset code`,
		"AssetCode,StreetName,GeoX,GeoY\r\nA1,Mill Lane,-2.35,53.39\r\n": `no PropertyName: named "Mill Lane" from the address`,
	} {
		if w := one(t, text).Warnings; len(w) != 1 || w[0] != want {
			t.Errorf("warnings %q, want %q", w, want)
		}
	}
}
