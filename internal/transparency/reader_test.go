package transparency_test

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// readAll reads every item of a CSV text with the mapping.
func readAll(t *testing.T, text, mapping string) ([]*estate.ImportItem, *transparency.Reader) {
	t.Helper()
	m, err := transparency.ParseMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := transparency.NewReader(strings.NewReader(text), transparency.Options{Partner: "p", Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	var out []*estate.ImportItem
	for {
		it, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return out, rd
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, it)
	}
}

// one reads a file of one row and returns it.
func one(t *testing.T, text string) *estate.ImportItem {
	t.Helper()
	items, _ := readAll(t, text, "")
	if len(items) != 1 {
		t.Fatalf("%d rows", len(items))
	}
	return items[0]
}

func TestHeaders(t *testing.T) {
	for _, header := range []string{
		"AssetCode,PropertyName,GeoX,GeoY",
		"asset_code,property name,GEOX,geo-y",
		"GeoY,GeoX, Property Name ,ASSET CODE",
		"\uFEFFAssetCode,PropertyName,GeoX,GeoY",
		`"Asset Code","Property_Name","Geo X","Geo Y"`,
	} {
		text := header + "\n"
		cells := map[string]string{"assetcode": "A1", "propertyname": "Town Hall", "geox": "-2.2", "geoy": "52.2"}
		var row []string
		for _, h := range strings.Split(strings.TrimPrefix(header, "\uFEFF"), ",") {
			row = append(row, cells[strings.NewReplacer(" ", "", "_", "", "-", "", `"`, "").Replace(strings.ToLower(h))])
		}
		it := one(t, text+strings.Join(row, ",")+"\n")
		if it.Asset == nil || it.Asset.AssetCode != "A1" || it.Asset.Name != "Town Hall" ||
			it.Asset.Location != (estate.Point{Lon: -2.2, Lat: 52.2}) {
			t.Errorf("%q: %+v %v", header, it.Asset, it.Err)
		}
	}
	// A repeated column: its first non-blank cell wins, with a notice.
	items, rd := readAll(t, "AssetCode,UPRN,PropertyName,UPRN,GeoX,GeoY,Colour\nA,,Hall,0012,-2,52,red\n", "")
	if items[0].Asset.UPRN != "0012" {
		t.Errorf("repeated UPRN read as %q", items[0].Asset.UPRN)
	}
	if n := strings.Join(rd.Notices(), "; "); !strings.Contains(n, `"Colour"`) || !strings.Contains(n, `repeated columns "UPRN"`) {
		t.Errorf("notices %q", n)
	}
}

func TestEncodings(t *testing.T) {
	const text = "AssetCode,PropertyName,StreetName,GeoX,GeoY\r\nA,Café Röyal – £5,\"Line one\r\nLine two\",-2,52\r\n"
	win, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"utf-8": text, "utf-8 bom": "\uFEFF" + text, "windows-1252": win, "utf-16": utf16,
		"lf": strings.ReplaceAll(text, "\r\n", "\n"),
	} {
		it := one(t, in)
		if it.Asset == nil || it.Asset.Name != "Café Röyal – £5" || it.Asset.StreetName != "Line one, Line two" {
			t.Errorf("%s: %+v", name, it.Asset)
		}
	}
	// A file whose start is not UTF-8 is Windows-1252 throughout, with a
	// notice.
	if _, rd := readAll(t, win, ""); !strings.Contains(strings.Join(rd.Notices(), ""), "Windows-1252") {
		t.Errorf("notices %v", rd.Notices())
	}
	// A stray Windows-1252 cell past the start of a UTF-8 file is read as
	// such, with a warning.
	stray := "AssetCode,PropertyName,GeoX,GeoY\n" + strings.Repeat("A,Café,-2,52\n", 10000) + "A,Caf\xe9,-2,52\n"
	items, _ := readAll(t, stray, "")
	if it := items[len(items)-1]; it.Asset.Name != "Café" || !strings.Contains(strings.Join(it.Warnings, ""), "Windows-1252") {
		t.Errorf("stray byte: %+v %v", it.Asset, it.Warnings)
	}
	if it := items[0]; it.Asset.Name != "Café" || len(it.Warnings) != 0 {
		t.Errorf("first row: %+v %v", it.Asset, it.Warnings)
	}
}

func TestCoordinates(t *testing.T) {
	const header = "AssetCode,PropertyName,CoordinateReferenceSystem,GeoX,GeoY\n"
	bryher := estate.Point{Lon: -6.352928, Lat: 49.953060}
	cases := []struct {
		name, row string
		want      estate.Point
		skip      string
		warn      string
		err       string
	}{
		{"wgs84", "A,X,WGS84,-2.35,53.39", estate.Point{Lon: -2.35, Lat: 53.39}, "", "", ""},
		{"bng declared", "A,X,OSGB36,87878,14962", bryher, "", "", ""},
		{"bng epsg", "A,X,EPSG:27700,87878,14962", bryher, "", "", ""},
		{"bng inferred", "A,X,,87878,14962", bryher, "", "", ""},
		{"bng declared wgs84", "A,X,WGS84,87878,14962", bryher, "", "British National Grid, not WGS84", ""},
		{"unknown crs", "A,X,Mercator,-2.35,53.39", estate.Point{Lon: -2.35, Lat: 53.39}, "", "not one we know", ""},
		{"swapped", "A,X,WGS84,53.457484,-2.365856", estate.Point{Lon: -2.365856, Lat: 53.457484}, "", "swapped", ""},
		{"pair in one cell", `A,X,,"87878,14962",`, bryher, "", "", ""},
		{"pair with space", `A,X,,,87878 14962`, bryher, "", "", ""},
		{"thousands separators", `A,X,BNG,"87,878","14,962"`, bryher, "", "", ""},
		{"blank", "A,X,,,", estate.Point{}, "no coordinates", "", ""},
		{"words", "A,X,,N/A,Not available", estate.Point{}, "no coordinates", "", ""},
		{"zero", "A,X,WGS84,0,0", estate.Point{}, "0,0", "", ""},
		{"lost digit", "A,X,,21248,51999", estate.Point{}, "west of the Isles of Scilly", "", ""},
		{"one blank", "A,X,,-2.35,", estate.Point{}, "", "", "both be given"},
		{"not numbers", "A,X,,-2.35x,53", estate.Point{}, "", "", "not numbers"},
		// Paris is read as written: whether the register takes it is the
		// service area's to say when the row is stored (TestImportPlaceIsTheServiceArea's).
		{"outside the UK", "A,X,WGS84,2.35,48.85", estate.Point{Lon: 2.35, Lat: 48.85}, "", "", ""},
		{"neither", "A,X,,-2000,53", estate.Point{}, "", "", "neither"},
		{"outside the grid", "A,X,BNG,699999,1299999", estate.Point{}, "", "", "outside the British National Grid"},
		{"northing in the Channel", "A,X,BNG,542851,322", estate.Point{}, "", "", "lies in the sea south of the Channel coast"},
		{"lost a digit", "A,X,,542851,32285", estate.Point{}, "", "", "lies in the sea south"},
		{"north of Shetland", "A,X,BNG,446000,1230000", estate.Point{}, "", "", "north of Shetland"},
	}
	for _, c := range cases {
		it := one(t, header+c.row+"\n")
		warnings := strings.Join(it.Warnings, "; ")
		switch {
		case c.err != "":
			if it.Err == nil || !strings.Contains(estate.ProblemText(it.Err), c.err) {
				t.Errorf("%s: err %v, want %q", c.name, it.Err, c.err)
			}
		case c.skip != "":
			if !strings.Contains(it.Skip, c.skip) || it.Asset != nil {
				t.Errorf("%s: skip %q, want %q", c.name, it.Skip, c.skip)
			}
		case it.Asset == nil:
			t.Errorf("%s: no asset: %v %q", c.name, it.Err, it.Skip)
		case estate.Distance(it.Asset.Location, c.want) > 0.5:
			t.Errorf("%s: at %v, want %v", c.name, it.Asset.Location, c.want)
		}
		if c.warn != "" && !strings.Contains(warnings, c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.name, warnings, c.warn)
		}
	}
	// Column names that say which system the values are in.
	it := one(t, "AssetCode,PropertyName,Easting,Northing\nA,X,87878,14962\n")
	if it.Asset == nil || estate.Distance(it.Asset.Location, bryher) > 0.5 {
		t.Errorf("easting/northing columns: %+v", it.Asset)
	}
}

func TestValues(t *testing.T) {
	const header = "AssetCode,PropertyName,UPRN,PostCode,TenureType,TenureDetail,HoldingType,BuildingSize,LandArea,EnergyRating,EffectiveDate,GeoX,GeoY\n"
	cases := []struct {
		name, row string
		check     func(a *estate.Asset) bool
		warn      string
		dropped   string // field not carried, so an update keeps it
	}{
		{"uprn leading zeros", "A,X,000123,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "000123" }, "", ""},
		{"uprn twelve digits", "A,X,100012797623,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "100012797623" }, "", ""},
		{"uprn spreadsheet", "A,X,100012797623.0,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "100012797623" }, "read as", ""},
		{"uprn placeholder", "A,X,N/A,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "" }, "placeholder", ""},
		{"uprn zero", "A,X,0,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "" }, "placeholder", ""},
		{"uprn dash", "A,X,-,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "" }, "placeholder", ""},
		{"uprn too long", "A,X,1234567890123,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "" }, "not a UPRN", "uprn"},
		{"uprn scientific", "A,X,1.00012E+11,,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.UPRN == "" }, "not a UPRN", "uprn"},
		{"postcode tidied", "A,X,,wr1  2ey,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "WR1 2EY" }, "", ""},
		{"postcode no space", "A,X,,WR12EY,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "WR1 2EY" }, "", ""},
		{"postcode outward", "A,X,,M31,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "M31" }, "", ""},
		{"postcode letter O", "A,X,,M32 OXZ,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "M32 0XZ" }, "letter O", ""},
		{"postcode cut short", "A,X,,WA14 1,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "WA14" }, "cut short", ""},
		{"postcode in words", "A,X,,WF5 9EE (for sat nav),,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "WF5 9EE" }, "read as", ""},
		{"postcode junk", "A,X,,Not available,,,,,,,,-2,52", func(a *estate.Asset) bool { return a.Postcode == "" }, "not a UK postcode", "postcode"},
		{"leasehold out", "A,X,,,Freehold,Leasehold Out,Land/Buildings,,,,,-2,52", func(a *estate.Asset) bool {
			return a.Tenure == estate.TenureFreehold && a.TenureDetail == estate.DetailLeasedOut && a.Holding == estate.HoldingLandAndBuilding
		}, "", ""},
		{"leasehold out lower case", "A,X,,,leasehold,Leasehold out,Buildings,,,,,-2,52", func(a *estate.Asset) bool {
			return a.Tenure == estate.TenureLeasehold && a.TenureDetail == estate.DetailLeasedOut && a.Holding == estate.HoldingBuilding
		}, "", ""},
		// An unknown tenure is a note line with a warning; TenureDetail
		// text and a HoldingType category are kept (as a note line, as the
		// use) without one: the warning is the tenure's alone.
		{"unknown vocabulary", "A,X,,,Commonhold,Other,Garage,,,,,-2,52", func(a *estate.Asset) bool {
			return a.Tenure == "" && a.TenureDetail == "" && a.Holding == "" && a.Use == "Garage" &&
				a.Notes == "TenureType: Commonhold\nTenureDetail: Other"
		}, `TenureType "Commonhold" is not a value we know`, ""},
		{"hectares and acres", "A,X,,,,,,,0.537 hectares (1.33 acres),,,-2,52", func(a *estate.Asset) bool { return *a.LandAreaHa == 0.537 }, "", ""},
		{"acres", "A,X,,,,,,,1.33 acres,,,-2,52", func(a *estate.Asset) bool { return math.Abs(*a.LandAreaHa-0.53823) < 1e-4 }, "", ""},
		{"square metres of land", "A,X,,,,,,,\"5,000 sq m\",,,-2,52", func(a *estate.Asset) bool { return *a.LandAreaHa == 0.5 }, "", ""},
		{"bare hectares", "A,X,,,,,,,2.5,,,-2,52", func(a *estate.Asset) bool { return *a.LandAreaHa == 2.5 }, "", ""},
		{"gia", "A,X,,,,,,\"1,047.5 m²\",,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 1047.5 }, "", ""},
		{"gia square feet", "A,X,,,,,,1000 sq ft,,,,-2,52", func(a *estate.Asset) bool { return math.Abs(*a.GIAM2-92.90304) < 1e-9 }, "", ""},
		{"gia m2", "A,X,,,,,,415 m2,,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 415 }, "", ""},
		{"gia m2 unspaced", "A,X,,,,,,415m2,,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 415 }, "", ""},
		{"gia ft2", "A,X,,,,,,1000 ft2,,,,-2,52", func(a *estate.Asset) bool { return math.Abs(*a.GIAM2-92.90304) < 1e-9 }, "", ""},
		{"gia sq m", "A,X,,,,,,415 sq m,,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 415 }, "", ""},
		{"gia thousands m²", "A,X,,,,,,\"1,234 m²\",,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 1234 }, "", ""},
		{"gia two units", "A,X,,,,,,415 m2 / 4467 sq ft,,,,-2,52", func(a *estate.Asset) bool { return *a.GIAM2 == 415 }, "", ""},
		{"gia words", "A,X,,,,,,TBC,,,,-2,52", func(a *estate.Asset) bool { return a.GIAM2 == nil }, "not an area", "gia_m2"},
		{"energy rating", "A,X,,,,,,,,d (54),,-2,52", func(a *estate.Asset) bool { return a.EnergyRating == "D" }, "", ""},
		{"energy rating words", "A,X,,,,,,,,Excellent,,-2,52", func(a *estate.Asset) bool { return a.EnergyRating == "" }, "not a band", "energy_rating"},
		{"energy rating none", "A,X,,,,,,,,Exempt,,-2,52", func(a *estate.Asset) bool { return a.EnergyRating == "" }, "", ""},
		{"energy rating pending", "A,X,,,,,,,,under assessment,,-2,52", func(a *estate.Asset) bool { return a.EnergyRating == "" }, "", ""},
		{"british date", "A,X,,,,,,,,,29/09/2023,-2,52", func(a *estate.Asset) bool { return a.EffectiveDate == "2023-09-29" }, "", ""},
	}
	for _, c := range cases {
		it := one(t, header+c.row+"\n")
		if it.Asset == nil {
			t.Errorf("%s: no asset: %v", c.name, it.Err)
			continue
		}
		if !c.check(it.Asset) {
			t.Errorf("%s: %+v", c.name, it.Asset)
		}
		if w := strings.Join(it.Warnings, "; "); (c.warn == "") != (w == "") || !strings.Contains(w, c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.name, w, c.warn)
		}
		if c.dropped != "" && it.Fields.Has(c.dropped) {
			t.Errorf("%s: %s is still carried", c.name, c.dropped)
		}
	}
}

func TestMapping(t *testing.T) {
	const text = "REF,SITE,E,N,KIND\nr1,Depot,383000,398000,Depot\n"
	items, rd := readAll(t, text, "AssetCode=REF+'v2', PropertyName=SITE, GeoX=E, GeoY=N, Use=KIND, HoldingType='Land'")
	a := items[0].Asset
	if a == nil || a.AssetCode != "r1/v2" || a.Name != "Depot" || a.Use != "Depot" || a.Holding != estate.HoldingLand {
		t.Fatalf("mapped: %+v %v", a, items[0].Err)
	}
	if len(rd.Notices()) != 0 {
		t.Errorf("notices %v: every column is mapped", rd.Notices())
	}
	for _, bad := range []string{"AssetCode", "Colour=REF", "AssetCode=REF, AssetCode=SITE", "Name='open", "Notes=A+"} {
		if _, err := transparency.ParseMapping(bad); err == nil {
			t.Errorf("mapping %q accepted", bad)
		}
	}
	m, _ := transparency.ParseMapping("AssetCode=NOPE")
	if _, err := transparency.NewReader(strings.NewReader(text), transparency.Options{Mapping: m}); err == nil || !strings.Contains(err.Error(), `"NOPE"`) {
		t.Errorf("mapping a missing column: %v", err)
	}
	// Two missing columns: the error names the same one every time.
	m, _ = transparency.ParseMapping("PropertyName=GONE, AssetCode=NOPE")
	for range 20 {
		if _, err := transparency.NewReader(strings.NewReader(text), transparency.Options{Mapping: m}); err == nil || !strings.Contains(err.Error(), `"NOPE"`) {
			t.Fatalf("mapping two missing columns: %v", err)
		}
	}
}

func TestDerivedFields(t *testing.T) {
	items, rd := readAll(t, "PropertyName,PostCode,StreetNumber,StreetName,GeoX,GeoY\nAltrincham Town Hall,WA14 1PF,,,-2.35,53.38\n,M1 1AA,12,High St,-2.2,53.4\n", "")
	if a := items[0].Asset; a.AssetCode != "altrincham-town-hall/wa14-1pf" {
		t.Errorf("derived code %q", a.AssetCode)
	}
	if a := items[1].Asset; a.Name != "12 High St" || a.AssetCode != "12-high-st/m1-1aa" {
		t.Errorf("derived name %q code %q", a.Name, a.AssetCode)
	}
	if !strings.Contains(strings.Join(rd.Notices(), ""), "derived") {
		t.Errorf("notices %v", rd.Notices())
	}
	it := one(t, "partner,AssetCode,PropertyName,GeoX,GeoY\nother,A,X,-2,52\n")
	if it.Err == nil || !strings.Contains(estate.ProblemText(it.Err), `partner "other"`) {
		t.Errorf("another partner's row: %v", it.Err)
	}
}
