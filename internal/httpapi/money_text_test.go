package httpapi_test

import (
	"context"
	"database/sql"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// Tests of issue 13, items 2 (money totals overflow) and 10 (text that
// is not text), through the real server.

// TestFiguresBounded: money and area figures past the bounds no real
// public asset reaches get a 400 naming the field, and write nothing;
// figures at the bounds are kept.
func TestFiguresBounded(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	over := []struct {
		field string
		value any
	}{
		{"market_value_gbp", int64(9e18)}, // the audit's example
		{"market_value_gbp", int64(estate.MaxMoneyGBP + 1)},
		{"book_value_gbp", int64(estate.MaxMoneyGBP + 1)},
		{"running_cost_gbp_pa", int64(estate.MaxMoneyGBP + 1)},
		{"annual_rent_gbp", int64(estate.MaxMoneyGBP + 1)},
		{"backlog_gbp", int64(estate.MaxMoneyGBP + 1)},
		{"gia_m2", estate.MaxAreaM2 + 0.5},
		{"land_area_ha", estate.MaxLandAreaHa + 0.5},
		{"occupiers", []map[string]any{{"partner": "police", "area_m2": estate.MaxAreaM2 + 1}}},
	}
	before := ts.counts()
	for _, tt := range over {
		pr := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin",
			Body: with(func(f, p map[string]any) {
				p[tt.field] = tt.value
				if tt.field == "occupiers" {
					delete(p, "gia_m2") // else the occupiers outgrow the building too
				}
			})}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != tt.field {
			t.Errorf("%s %v: %+v, want 400 naming it", tt.field, tt.value, pr)
		}
	}
	id := ts.create(with(func(f, p map[string]any) {
		for _, m := range []string{"market_value_gbp", "book_value_gbp", "running_cost_gbp_pa", "annual_rent_gbp", "backlog_gbp"} {
			p[m] = estate.MaxMoneyGBP
		}
		p["gia_m2"], p["land_area_ha"] = estate.MaxAreaM2, estate.MaxLandAreaHa
		p["occupiers"] = []map[string]any{{"partner": "police", "area_m2": estate.MaxAreaM2}}
	})).ID
	mid := ts.counts()
	pr := ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Token: "admin",
		Body:   map[string]any{"properties": map[string]any{"market_value_gbp": int64(9e18)}},
		Header: map[string]string{"If-Match": `"1"`}}).Problem(t)
	if pr.Status != 400 || pr.Errors[0].Field != "market_value_gbp" {
		t.Errorf("patch to 9e18: %+v", pr)
	}
	if after := ts.counts(); maps.Equal(before, mid) || !maps.Equal(mid, after) {
		t.Errorf("counts %v -> %v -> %v: want only the asset at the bounds written", before, mid, after)
	}
}

// TestTrustTotalsNeverNegative: two assets stored with a market value of
// 9e18 before the bounds existed no longer make the trust view's total
// negative for every viewer; the total saturates instead.
func TestTrustTotalsNeverNegative(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.create(feature("county", "T1", -2.22, 52.19))
	ts.create(feature("police", "T2", -2.22, 52.19))
	raw, err := sql.Open("sqlite", ts.needSQLite("stores a figure past today's bounds, as an older placetrust could, through a raw SQLite connection").Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// As an older placetrust could store them, past today's Validate.
	if _, err := raw.ExecContext(context.Background(), `UPDATE assets SET market_value_gbp = 9000000000000000000`); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Total struct {
			Assets         int   `json:"assets"`
			MarketValueGBP int64 `json:"market_value_gbp"`
		} `json:"total"`
		Partners []struct {
			MarketValueGBP int64 `json:"market_value_gbp"`
		} `json:"partners"`
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust", Token: "county-viewer"}), 200).JSON(t, &v)
	if v.Total.Assets != 2 || v.Total.MarketValueGBP < 9e18 || len(v.Partners) != 2 || v.Partners[0].MarketValueGBP != 9e18 {
		t.Errorf("trust view %+v: want a total of at least 9e18, never wrapped", v)
	}
}

// TestTextRefusedOverHTTP: control and bidirectional formatting
// characters in names, codes and addresses get a 400 naming the field,
// on create, patch, rating, partner and import alike; nothing is written.
func TestTextRefusedOverHTTP(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "X1", -2.22, 52.19)).ID
	before := ts.snapshot()
	for _, field := range []string{"name", "asset_code", "uprn", "street_number", "street_name", "town", "postcode", "use"} {
		for _, bad := range []string{"\x00", "\a", "\t", "\u0085", "\u202e", "\u2067", "\u200f"} {
			pr := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: with(func(f, p map[string]any) {
				p[field] = "1" + bad + "2"
				if field == "postcode" {
					p[field] = "WR1" + bad + " 2EY"
				}
			})}).Problem(t)
			if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != field {
				t.Errorf("%s with %q: %+v, want 400 naming it", field, bad, pr)
			}
		}
	}
	for _, tt := range []struct {
		method, path string
		body         any
		field        string
	}{
		{"PATCH", "/api/v1/assets/" + itoa(id), map[string]any{"properties": map[string]any{"name": "Town\u202eHall"}}, "name"},
		{"PATCH", "/api/v1/assets/" + itoa(id), map[string]any{"properties": map[string]any{"notes": "Keys\u202e"}}, "notes"},
		{"PATCH", "/api/v1/assets/" + itoa(id), map[string]any{"properties": map[string]any{"notes": "Bell\a"}}, "notes"},
		{"PUT", "/api/v1/assets/" + itoa(id) + "/rag", map[string]any{"rating": "red", "rationale": "Crematorium\u2066"}, "rationale"},
		{"POST", "/api/v1/partners", map[string]any{"id": "fire", "name": "Fire\u202e Service", "kind": "fire"}, "name"},
		{"PATCH", "/api/v1/partners/county", map[string]any{"name": "County\x00"}, "name"},
	} {
		pr := ts.do(req{Method: tt.method, Path: tt.path, Token: "admin", Body: tt.body,
			Header: map[string]string{"If-Match": `"1"`}}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != tt.field {
			t.Errorf("%s %s %v: %+v, want 400 naming %s", tt.method, tt.path, tt.body, pr, tt.field)
		}
	}
	csv := "AssetCode,PropertyName,PostTown,GeoX,GeoY,TenureType,HoldingType\r\n" +
		"C-1,County Hall,Worcester,-2.1795,52.1936,Freehold,Buildings\r\n" +
		"C-2,Town\u202eHall,Worcester,-2.2,52.19,Freehold,Buildings\r\n"
	res := ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county", Token: "admin", Body: csv,
		Header: map[string]string{"Content-Type": "text/csv"}})
	var refused struct {
		Report estate.ImportReport
	}
	res.JSON(t, &refused)
	if rows := refused.Report.Rows; res.Status != 400 || refused.Report.Errors != 1 || len(rows) != 2 ||
		rows[1].Outcome != estate.OutcomeError || !strings.HasPrefix(rows[1].Reason, "name: ") {
		t.Errorf("import: %d %s", res.Status, res.Body)
	}
	if after := ts.snapshot(); after != before {
		t.Error("a refused write changed the database")
	}
	// Tab and line breaks are text in notes.
	must(t, ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Token: "admin",
		Body:   map[string]any{"properties": map[string]any{"notes": "Keys:\n\tcaretaker"}},
		Header: map[string]string{"If-Match": `"1"`}}), 200)
}

// TestQUnicodeOverHTTP: q finds a name whatever the case and Unicode
// normal form of q and of the name as sent, in the asset list and the
// analyses alike.
func TestQUnicodeOverHTTP(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	nfc := ts.create(with(func(f, p map[string]any) { p["asset_code"], p["name"] = "E1", "\u00c9glise Saint-\u00c9tienne" })).ID
	nfd := ts.create(with(func(f, p map[string]any) { p["asset_code"], p["name"] = "E2", "E\u0301cole Primaire" })).ID
	hall := ts.create(with(func(f, p map[string]any) { p["asset_code"], p["name"] = "E3", "Town Hall" })).ID
	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"e\u0301glise", []int64{nfc}}, // NFD q, NFC name
		{"\u00c9GLISE", []int64{nfc}},  // NFC capital
		{"\u00e9cole", []int64{nfd}},   // NFC q, NFD name
		{"E\u0301COLE", []int64{nfd}},  // NFD capital
		{"\u00e9", []int64{nfc, nfd}},
		{"TOWN hall", []int64{hall}},
	} {
		var c collectionOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?q=" + url.QueryEscape(tt.q), Token: "admin"}), 200).JSON(t, &c)
		var got []int64
		for _, f := range c.Features {
			got = append(got, f.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("q %q found %v, want %v", tt.q, got, tt.want)
		}
		var v struct {
			Total struct{ Assets int } `json:"total"`
		}
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?q=" + url.QueryEscape(tt.q), Token: "admin"}), 200).JSON(t, &v)
		if v.Total.Assets != len(tt.want) {
			t.Errorf("trust view of q %q counts %d assets, want %d", tt.q, v.Total.Assets, len(tt.want))
		}
	}
	var f featureOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(nfd), Token: "admin"}), 200).JSON(t, &f)
	if f.Properties["name"] != "\u00c9cole Primaire" {
		t.Errorf("name stored as %q, want NFC", f.Properties["name"])
	}
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/assets?q=" + url.QueryEscape("hall\u202e"), Token: "admin"}).Problem(t); pr.Status != 400 || pr.Errors[0].Field != "q" {
		t.Errorf("q with an override: %+v", pr)
	}
}
