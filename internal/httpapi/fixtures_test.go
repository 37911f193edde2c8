package httpapi_test

import (
	"strconv"
)

func ptr[T any](v T) *T { return &v }

// feature is a valid asset Feature for partner, as a client would send it.
func feature(partner, code string, lon, lat float64) map[string]any {
	return map[string]any{
		"type":     "Feature",
		"geometry": map[string]any{"type": "Point", "coordinates": []float64{lon, lat}},
		"properties": map[string]any{
			"partner": partner, "asset_code": code, "name": "Asset " + code, "holding": "building",
			"tenure": "freehold", "gia_m2": 750.5, "market_value_gbp": 1250000, "town": "Worcester",
			"postcode": "WR1 2EY", "uprn": "000100012345", "tags": []string{"hub-candidate"},
		},
	}
}

type featureOut struct {
	Type       string         `json:"type"`
	ID         int64          `json:"id"`
	Geometry   map[string]any `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type collectionOut struct {
	Type           string       `json:"type"`
	Features       []featureOut `json:"features"`
	NumberReturned int          `json:"numberReturned"`
	Links          []struct {
		Href, Rel string
	} `json:"links"`
}

func (c collectionOut) next() string {
	for _, l := range c.Links {
		if l.Rel == "next" {
			return l.Href
		}
	}
	return ""
}

// create posts a feature as the admin and returns it.
func (ts *testServer) create(f map[string]any) featureOut {
	ts.t.Helper()
	var out featureOut
	must(ts.t, ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: f}), 201).JSON(ts.t, &out)
	return out
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
