package httpapi_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// fireCSV is a list shaped like the Home Office fire stations file, with
// semicolons: no column of it is one the reader knows without a mapping.
const fireCSV = "FRS_FULLNAME;E_CODE;STATION_NAME;STATION_ADDRESS;STATION_POSTCODE;STATION_EASTING;STATION_NORTHING\r\n" +
	"Hereford & Worcester;E31000020;Worcester;Copenhagen Street, Worcester;WR1 2HD;384900;254800\r\n" +
	"Hereford & Worcester;E31000020;Malvern;Worcester Road, Malvern;WR14 1EY;378000;246000\r\n"

const fireMap = "AssetCode = E_CODE + STATION_NAME, PropertyName=STATION_NAME, PostCode=STATION_POSTCODE, " +
	"GeoX=STATION_EASTING, GeoY=STATION_NORTHING, CoordinateReferenceSystem='EPSG:27700', HoldingType='Buildings'"

type mappingOut struct {
	Partner   string   `json:"partner"`
	Map       []string `json:"map"`
	Delimiter string   `json:"delimiter"`
	UpdatedBy string   `json:"updated_by"`
}

type importOut struct {
	Committed          bool
	Inserted, Errors   int
	Unchanged, Updated int
	Notices            []string
}

// TestImportMappingAPI saves a partner's mapping through the API, and
// checks that an import giving no mapping of its own reads with it and
// says so, that one giving any reads without it, and who may do what.
func TestImportMappingAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	path := "/api/v1/partners/county/import-mapping"
	put := func(token string, body any) *response {
		return ts.do(req{Method: "PUT", Path: path, Token: token, Body: body})
	}
	post := func(query, token, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: token, Body: body,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}

	// Before anything is saved the file cannot be read.
	if pr := ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}).Problem(t); pr.Status != 404 {
		t.Errorf("no mapping yet: %+v", pr)
	}
	if pr := post("", "county-editor", fireCSV).Problem(t); pr.Status != 400 {
		t.Fatalf("without a mapping: %+v", pr)
	}

	// Refused: a mapping that does not read (naming map and the item),
	// and anyone but the partner's editors and admins. Nothing is saved.
	before := ts.snapshot()
	pr := put("county-editor", map[string]any{"map": []string{"GeoX=STATION_EASTING", "Colour=PAINT"}}).Problem(t)
	if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != "map" || !strings.Contains(pr.Errors[0].Message, "Colour=PAINT") {
		t.Errorf("bad mapping: %+v", pr)
	}
	for _, tt := range []struct {
		token  string
		body   any
		status int
	}{
		{"police-editor", map[string]any{"map": []string{fireMap}}, 403},
		{"county-viewer", map[string]any{"map": []string{fireMap}}, 403},
		{"police-editor", map[string]any{"map": []string{"Colour=PAINT"}}, 403}, // who before what
		{"", map[string]any{"map": []string{fireMap}}, 401},
		{"county-editor", map[string]any{}, 400},
		{"county-editor", map[string]any{"map": []string{fireMap}, "delimiter": ";;"}, 400},
		{"county-editor", map[string]any{"map": []string{fireMap}, "sheet": "STATIONS"}, 400},
	} {
		if pr := put(tt.token, tt.body).Problem(t); pr.Status != tt.status {
			t.Errorf("%s %v: %+v, want %d", tt.token, tt.body, pr, tt.status)
		}
	}
	if ts.snapshot() != before {
		t.Error("refused mappings changed the database")
	}

	// Saved by the county's editor, tidied, and read by its own tokens only.
	var saved mappingOut
	must(t, put("county-editor", map[string]any{"map": []string{fireMap}, "delimiter": ";"}), 200).JSON(t, &saved)
	want := []string{"AssetCode=E_CODE+STATION_NAME", "PropertyName=STATION_NAME", "PostCode=STATION_POSTCODE",
		"GeoX=STATION_EASTING", "GeoY=STATION_NORTHING", "CoordinateReferenceSystem='EPSG:27700'", "HoldingType='Buildings'"}
	if strings.Join(saved.Map, "|") != strings.Join(want, "|") || saved.Delimiter != ";" || saved.UpdatedBy != "county-editor" {
		t.Errorf("saved %+v", saved)
	}
	must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200)
	must(t, ts.do(req{Method: "HEAD", Path: path, Token: "admin"}), 200)
	if pr := ts.do(req{Method: "GET", Path: path, Token: "police-viewer"}).Problem(t); pr.Status != 403 {
		t.Errorf("another partner reads: %+v", pr)
	}

	// An import with no mapping reads with the saved one and says so.
	var rep importOut
	must(t, post("", "county-editor", fireCSV), 200).JSON(t, &rep)
	if rep.Inserted != 2 || !rep.Committed || len(rep.Notices) == 0 ||
		!strings.HasPrefix(rep.Notices[0], "using the import mapping saved for partner county on ") ||
		!strings.Contains(rep.Notices[0], "by county-editor: AssetCode=E_CODE+STATION_NAME, PropertyName=STATION_NAME") ||
		!strings.Contains(rep.Notices[0], `delimiter ";"`) {
		t.Errorf("import with the saved mapping: %+v", rep)
	}
	var c collectionOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?q=E31000020/Malvern", Token: "admin"}), 200).JSON(t, &c)
	if len(c.Features) != 1 || c.Features[0].Properties["name"] != "Malvern" {
		t.Errorf("the mapped row: %+v", c.Features)
	}
	// Any mapping setting given replaces the saved mapping whole: with
	// only a delimiter, the columns are read by their names alone (those
	// of the fire stations preset).
	var alone importOut
	must(t, post("&delimiter=%3B&dry_run=true", "county-editor", fireCSV), 200).JSON(t, &alone)
	if len(alone.Notices) != 1 || !strings.Contains(alone.Notices[0], "read with preset home-office-fire-stations") {
		t.Errorf("delimiter alone: %+v", alone)
	}
	// A file the saved mapping cannot read says which mapping it tried.
	if pr := post("", "county-editor", lgaCSV).Problem(t); pr.Status != 400 ||
		!strings.Contains(pr.Detail, "using the import mapping saved for partner county") || !strings.Contains(pr.Detail, "give map, preset or delimiter") {
		t.Errorf("a file the saved mapping does not fit: %+v", pr)
	}
}

// TestImportSaveMapping checks save_mapping=true saves the import's own
// mapping only once the import commits, and that each change of the
// mapping is in the partner's audit trail.
func TestImportSaveMapping(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	path := "/api/v1/partners/county/import-mapping"
	post := func(query, token, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: token, Body: body,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	withMap := "&delimiter=%3B&save_mapping=true&map=" + strings.NewReplacer(" ", "%20", "+", "%2B", "=", "%3D", "'", "%27", ",", "%2C").Replace(fireMap)

	// Nothing saved: a dry run, a refused import, and settings that make
	// no mapping to save.
	before := ts.snapshot()
	var dry importOut
	must(t, post(withMap+"&dry_run=true", "county-editor", fireCSV), 200).JSON(t, &dry)
	if dry.Inserted != 2 || dry.Committed {
		t.Errorf("dry run: %+v", dry)
	}
	wrong := fireCSV + "Hereford & Worcester;E31000020;Nowhere;Sea;;999999999;1\r\n"
	if pr := post(withMap, "county-editor", wrong).Problem(t); pr.Status != 400 {
		t.Errorf("a wrong row: %+v", pr)
	}
	for _, q := range []string{"&save_mapping=true", "&save_mapping=perhaps", "&save_mapping=true&map=Colour%3DPAINT"} {
		if pr := post(q, "county-editor", fireCSV).Problem(t); pr.Status != 400 {
			t.Errorf("%s: %+v", q, pr)
		} else if f := pr.Errors[0].Field; f != "save_mapping" && f != "map" {
			t.Errorf("%s names %q", q, f)
		}
	}
	if pr := ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county&save_mapping=true&map=GeoX%3DX", Token: "county-editor",
		Body: `{"type":"FeatureCollection","features":[]}`, Header: map[string]string{"Content-Type": "application/geo+json"}}).Problem(t); pr.Status != 400 ||
		pr.Errors[0].Field != "save_mapping" {
		t.Errorf("GeoJSON with save_mapping: %+v", pr)
	}
	if ts.snapshot() != before {
		t.Fatal("save_mapping without a committed import changed the database")
	}
	if pr := ts.do(req{Method: "GET", Path: path, Token: "county-editor"}).Problem(t); pr.Status != 404 {
		t.Errorf("saved by an import that did not commit: %+v", pr)
	}

	// Committed: saved, and the next import needs no parameters.
	var first, next importOut
	must(t, post(withMap, "county-editor", fireCSV), 200).JSON(t, &first)
	if first.Inserted != 2 || len(first.Notices) == 0 || !strings.HasPrefix(first.Notices[len(first.Notices)-1], "import mapping saved for partner county: AssetCode=E_CODE+STATION_NAME, ") {
		t.Errorf("import saving its mapping: %+v", first)
	}
	must(t, post("", "county-editor", fireCSV), 200).JSON(t, &next)
	if next.Unchanged != 2 || !strings.HasPrefix(next.Notices[0], "using the import mapping saved") {
		t.Errorf("the next quarter's import: %+v", next)
	}
	// A preset is saved as its items.
	must(t, post("&preset=home-office-fire-stations&delimiter=%3B&save_mapping=true", "admin", fireCSV), 200)
	var saved mappingOut
	must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200).JSON(t, &saved)
	if len(saved.Map) != 10 || saved.Map[9] != "FireAndRescueService=FRS_FULLNAME" || saved.UpdatedBy != "admin" {
		t.Errorf("the preset saved as %+v", saved)
	}

	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-viewer"}), 403)
	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-editor"}), 204)
	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-editor"}), 404)
	must(t, ts.do(req{Method: "GET", Path: path, Token: "county-editor"}), 404)

	var page struct{ Events []*estate.AdminEvent }
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/audit?entity=partner&id=county", Token: "admin"}), 200).JSON(t, &page)
	var trail []string
	for _, ev := range page.Events {
		for _, ch := range ev.Changes {
			if ch.Field == "import_mapping" {
				trail = append(trail, ev.Actor+":"+string(ev.Action)+":"+describe(ch.Before)+"->"+describe(ch.After))
			}
		}
	}
	wantTrail := []string{"county-editor:update:10->none", "admin:update:7->10", "county-editor:update:none->7"}
	if strings.Join(trail, " ") != strings.Join(wantTrail, " ") {
		t.Errorf("audit trail, newest first:\n got %v\nwant %v", trail, wantTrail)
	}
}

// describe says how many items a mapping in the audit trail has.
func describe(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "none"
	}
	items, _ := m["map"].([]any)
	return itoa(int64(len(items)))
}
