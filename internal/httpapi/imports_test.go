package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

const lgaCSV = "OrganisationLabel,UPRN,AssetCode,PropertyName,PostTown,PostCode,CoordinateReferenceSystem,GeoX,GeoY,TenureType,HoldingType\r\n" +
	"County,000100012345,C-1,County Hall,Worcester,WR5 2NP,WGS84,-2.1795,52.1936,Freehold,Buildings\r\n" +
	"County,,C-2,Depot,Worcester,WR4,,384500,255500,Freehold,Land/Buildings\r\n" +
	"County,,C-3,Unmapped plot,Worcester,,,,,Freehold,Land\r\n"

func TestImportAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	type report struct {
		Committed                                    bool
		Total, Inserted, Updated, Unchanged, Skipped int
		Errors                                       int
		Rows                                         []struct {
			Row     int
			Outcome string
			Reason  string
		}
	}
	post := func(query, token, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?" + query, Token: token, Body: body,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	var dry report
	before := ts.counts()
	must(t, post("partner=county&dry_run=true", "county-editor", lgaCSV), 200).JSON(t, &dry)
	if dry.Inserted != 2 || dry.Skipped != 1 || dry.Committed {
		t.Errorf("dry run %+v", dry)
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("dry run wrote: %v -> %v", before, after)
	}
	var first, second report
	must(t, post("partner=county", "county-editor", lgaCSV), 200).JSON(t, &first)
	must(t, post("partner=county", "county-editor", lgaCSV), 200).JSON(t, &second)
	if first.Inserted != 2 || second.Unchanged != 2 || second.Inserted+second.Updated != 0 {
		t.Errorf("first %+v second %+v", first, second)
	}
	var c collectionOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?q=Depot", Token: "admin"}), 200).JSON(t, &c)
	if len(c.Features) != 1 || c.Features[0].Geometry["coordinates"].([]any)[1].(float64) < 52 {
		t.Errorf("BNG row placed at %+v", c.Features)
	}

	// Refusals write nothing: another partner's editor, a broken row, junk.
	before = ts.counts()
	if pr := post("partner=county", "police-editor", lgaCSV).Problem(t); pr.Status != 403 {
		t.Errorf("other partner's editor: %+v", pr)
	}
	bad := lgaCSV + "County,12ab,C-4,Bad UPRN,Worcester,,WGS84,-2.2,52.2,Freehold,Buildings\r\n"
	res := post("partner=county", "county-editor", strings.Replace(bad, "-2.2,52.2", "-2.2,952.2", 1))
	var refused struct {
		Status int
		Report report
	}
	res.JSON(t, &refused)
	if res.Status != 400 || refused.Report.Errors == 0 {
		t.Errorf("broken row: %d %s", res.Status, res.Body)
	}
	for _, q := range []string{"partner=nobody", "partner=county&format=xls", "partner=county&preset=nope", "partner=county&dry_run=perhaps"} {
		if pr := post(q, "admin", lgaCSV).Problem(t); pr.Status != 400 {
			t.Errorf("%s: %+v", q, pr)
		}
	}
	if pr := post("partner=county", "admin", "\x00\x01\x02binary junk\xff\xfe").Problem(t); pr.Status != 400 {
		t.Errorf("junk: %+v", pr)
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused imports wrote: %v -> %v", before, after)
	}
}

func TestExportAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	geo := must(t, ts.do(req{Method: "GET", Path: "/api/v1/exports/assets.geojson?partner=wychavon-dc", Token: "admin"}), 200)
	var fc collectionOut
	geo.JSON(t, &fc)
	var list collectionOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?partner=wychavon-dc&limit=10000", Token: "admin"}), 200).JSON(t, &list)
	if len(fc.Features) == 0 || len(fc.Features) != len(list.Features) {
		t.Errorf("geojson export %d features, list %d", len(fc.Features), len(list.Features))
	}
	csv := must(t, ts.do(req{Method: "GET", Path: "/api/v1/exports/assets.csv?partner=wychavon-dc", Token: "admin"}), 200)
	if lines := strings.Count(string(csv.Body), "\n"); lines < len(list.Features)+1 || !strings.Contains(string(csv.Body), "AssetCode") {
		t.Errorf("csv export: %d lines", lines)
	}
	gpkg := must(t, ts.do(req{Method: "GET", Path: "/api/v1/exports/assets.gpkg?rag=red", Token: "admin"}), 200)
	if !strings.HasPrefix(string(gpkg.Body), "SQLite format 3\x00") {
		t.Errorf("gpkg export starts %q", gpkg.Body[:16])
	}
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/exports/assets.csv?bbox=1,2", Token: "admin"}).Problem(t); pr.Status != 400 {
		t.Errorf("bad filter: %+v", pr)
	}
}

// TestExportFailsBeforeFirstByte: a query that fails before anything is
// written answers with a problem, not an empty 200: an internal error, or
// on a store that can tell (PostgreSQL's closed pool), 503 unavailable.
func TestExportFailsBeforeFirstByte(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	ts.Store.Close() // every query now fails
	for _, f := range []string{"geojson", "csv"} {
		res := ts.do(req{Method: "GET", Path: "/api/v1/exports/assets." + f})
		pr := res.Problem(t)
		failed := pr.Status == 500 || pr.Status == 503 && pr.Code == "unavailable"
		if !failed || res.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: %d %q %+v", f, res.Status, res.Header.Get("Content-Disposition"), pr)
		}
	}
}

// TestImportContentType: the format follows the Content-Type when
// format= is not given; other media types are refused.
func TestImportContentType(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	post := func(query, contentType string, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: "county-editor", Body: body,
			Header: map[string]string{"Content-Type": contentType}})
	}
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.2,52.19]},` +
		`"properties":{"partner":"county","asset_code":"G-1","name":"Guildhall","holding":"building"}}]}`
	var rep struct{ Inserted, Errors int }
	for _, c := range []struct{ query, ct, body string }{
		{"&dry_run=true", "text/csv; charset=utf-8", lgaCSV},
		{"&dry_run=true", "application/geo+json", geo},
		{"&dry_run=true", "application/json", geo},
		{"&dry_run=true&format=lga-csv", "text/csv", lgaCSV},
	} {
		must(t, post(c.query, c.ct, c.body), 200).JSON(t, &rep)
		if rep.Inserted == 0 || rep.Errors != 0 {
			t.Errorf("%s %s: %+v", c.query, c.ct, rep)
		}
	}
	before := ts.counts()
	for _, c := range []struct{ query, ct, body string }{
		{"", "text/plain", lgaCSV},
		{"", "application/x-www-form-urlencoded", lgaCSV},
		{"&format=lga-csv", "application/vnd.ms-excel", lgaCSV},
		{"&format=geojson", "text/csv", geo},
		{"", "", lgaCSV},
	} {
		if pr := post(c.query, c.ct, c.body).Problem(t); pr.Status != 415 || pr.Code != "unsupported_media_type" {
			t.Errorf("%s %q: %+v", c.query, c.ct, pr)
		}
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused imports wrote: %v -> %v", before, after)
	}
}

// TestImportSpoolsBody: while an upload is still arriving, the import
// has not taken the write connection, so other writes go ahead.
func TestImportSpoolsBody(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	pr, pw := io.Pipe()
	hr, err := http.NewRequest("POST", ts.URL+"/api/v1/imports?partner=county", pr)
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", "text/csv")
	hr.Header.Set("Authorization", "Bearer "+ts.Tokens["county-editor"])
	done := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	// Most of the file is sent, past the 64 KB the reader looks at
	// before it starts; the rest is not yet.
	var b strings.Builder
	b.WriteString(lgaCSV)
	for i := range 2000 {
		fmt.Fprintf(&b, "County,,P-%d,Plot %d,Worcester,,WGS84,-2.1795,52.1936,Freehold,Land\r\n", i, i)
	}
	if _, err := io.WriteString(pw, b.String()); err != nil {
		t.Fatal(err)
	}
	// A write of another partner meanwhile: with the import holding the
	// write connection it would wait for the upload to end, and fail.
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	p := &estate.Partner{ID: "parish", Name: "Parish", Kind: estate.KindOther}
	admin := estate.NewContextWithActor(ctx, estate.Actor{Name: "test", Role: estate.RoleAdmin})
	// The pause lets a server that imports as the body arrives begin its
	// transaction; one that spools first passes however long it is.
	time.Sleep(300 * time.Millisecond)
	if err := ts.Svc.Partners.CreatePartner(admin, p); err != nil {
		t.Errorf("a write during an upload: %v", err)
	}
	pw.Close()
	if status := <-done; status != 200 {
		t.Errorf("the import answered %d", status)
	}
}
