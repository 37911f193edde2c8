package estate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// wantFields validates a (normalized first) and checks the error names
// exactly the fields given, none for a valid asset.
func wantFields(t *testing.T, a *estate.Asset, fields ...string) {
	t.Helper()
	a.Normalize()
	got := estate.ErrorFields(a.Validate())
	if len(got) != len(fields) {
		t.Fatalf("errors %+v, want fields %v", got, fields)
	}
	for i, f := range fields {
		if got[i].Field != f {
			t.Errorf("errors %+v, want fields %v", got, fields)
		}
	}
}

// TestAssetBounds: every money and area figure has an upper bound no real
// public asset reaches, and a figure past it is refused naming its field.
func TestAssetBounds(t *testing.T) {
	money := map[string]func(a *estate.Asset) **int64{
		"annual_rent_gbp":     func(a *estate.Asset) **int64 { return &a.AnnualRentGBP },
		"backlog_gbp":         func(a *estate.Asset) **int64 { return &a.BacklogGBP },
		"market_value_gbp":    func(a *estate.Asset) **int64 { return &a.MarketValueGBP },
		"book_value_gbp":      func(a *estate.Asset) **int64 { return &a.BookValueGBP },
		"running_cost_gbp_pa": func(a *estate.Asset) **int64 { return &a.RunningCostGBPPA },
	}
	for field, at := range money {
		for _, tt := range []struct {
			v  int64
			ok bool
		}{{0, true}, {estate.MaxMoneyGBP, true}, {estate.MaxMoneyGBP + 1, false}, {9e18, false}, {math.MaxInt64, false}, {-1, false}} {
			a := valid()
			*at(a) = ptr(tt.v)
			if tt.ok {
				wantFields(t, a)
			} else {
				wantFields(t, a, field)
			}
		}
	}
	area := map[string]struct {
		at  func(a *estate.Asset) **float64
		max float64
	}{
		"gia_m2":       {func(a *estate.Asset) **float64 { return &a.GIAM2 }, estate.MaxAreaM2},
		"land_area_ha": {func(a *estate.Asset) **float64 { return &a.LandAreaHa }, estate.MaxLandAreaHa},
	}
	for field, f := range area {
		for _, tt := range []struct {
			v  float64
			ok bool
		}{{0, true}, {f.max, true}, {math.Nextafter(f.max, math.Inf(1)), false}, {9e18, false}, {math.Inf(1), false}, {math.NaN(), false}} {
			a := valid()
			*f.at(a) = ptr(tt.v)
			if tt.ok {
				wantFields(t, a)
			} else {
				wantFields(t, a, field)
			}
		}
	}
	a := valid()
	a.GIAM2 = ptr(float64(estate.MaxAreaM2)) // room for the occupiers
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(float64(estate.MaxAreaM2))}}
	wantFields(t, a)
	a.Occupiers[0].AreaM2 = ptr(estate.MaxAreaM2 + 0.5)
	wantFields(t, a, "occupiers")
}

// TestTextRefused: control and bidirectional formatting characters are
// refused in names, codes and addresses, naming the field; notes and
// rationales may hold tab and line breaks, nothing else of the kind.
func TestTextRefused(t *testing.T) {
	single := map[string]func(a *estate.Asset, v string){
		"name":          func(a *estate.Asset, v string) { a.Name = "Town " + v + "Hall" },
		"asset_code":    func(a *estate.Asset, v string) { a.AssetCode = "C" + v + "1" },
		"uprn":          func(a *estate.Asset, v string) { a.UPRN = "1234" + v + "5" },
		"street_number": func(a *estate.Asset, v string) { a.StreetNumber = "1" + v + "2" },
		"street_name":   func(a *estate.Asset, v string) { a.StreetName = "High" + v + " Street" },
		"town":          func(a *estate.Asset, v string) { a.Town = "Wor" + v + "cester" },
		"postcode":      func(a *estate.Asset, v string) { a.Postcode = "WR1" + v + " 2EY" },
		"use":           func(a *estate.Asset, v string) { a.Use = "Off" + v + "ices" },
	}
	bad := map[string]string{"NUL": "\x00", "BEL": "\a", "tab": "\t", "line feed": "\n", "carriage return": "\r",
		"escape": "\x1b", "DEL": "\x7f", "C1 next line": "\u0085", "C1 CSI": "\u009b",
		"right-to-left override": "\u202e", "left-to-right embedding": "\u202a", "pop directional": "\u202c",
		"right-to-left isolate": "\u2067", "pop isolate": "\u2069", "left-to-right mark": "\u200e",
		"right-to-left mark": "\u200f", "arabic letter mark": "\u061c", "not UTF-8": "\xff"}
	for field, set := range single {
		for name, v := range bad {
			t.Run(field+"/"+name, func(t *testing.T) {
				a := valid()
				set(a, v)
				wantFields(t, a, field)
			})
		}
	}
	for _, field := range []string{"notes", "rag_rationale"} {
		set := func(a *estate.Asset, v string) {
			a.RAG = estate.RAGAmber
			if a.RAGRationale = "Reason"; field == "notes" {
				a.Notes = v
			} else {
				a.RAGRationale = v
			}
		}
		a := valid()
		set(a, "Keys with the caretaker.\r\n\tAsk at reception.")
		wantFields(t, a)
		for _, v := range []string{"\x00", "\a", "\u202e", "\u2066", "\x0b"} {
			a := valid()
			set(a, "Keys "+v)
			wantFields(t, a, field)
		}
	}
	// Text that is text, whatever its script, is kept.
	a := valid()
	a.Name, a.StreetName, a.Town = "Neuadd y Dref – Café “Ŵyl” ½", "Heol-y-Frenhines’", "Ystradgynlais"
	wantFields(t, a)

	if err := (estate.RAGUpdate{Rating: estate.RAGRed, Rationale: "Crematorium\u202e"}).Validate(); err == nil {
		t.Error("a rating's rationale with an override was accepted")
	}
	p := estate.Partner{ID: "county", Name: "County\u202e Council", Kind: estate.KindCountyCouncil}
	if f := estate.ErrorFields(p.Validate()); len(f) != 1 || f[0].Field != "name" {
		t.Errorf("partner name with an override: %+v", f)
	}
	p.Name = "County\x07 Council"
	if f := estate.ErrorFields(p.Validate()); len(f) != 1 || f[0].Field != "name" {
		t.Errorf("partner name with BEL: %+v", f)
	}
	if !estate.ValidText("Cyngor Sir Caerwrangon") || estate.ValidText("Town\u202eHall") {
		t.Error("ValidText")
	}
}

// TestTextFaultMessage: the message says which character and where, so
// an officer can find it in a long cell.
func TestTextFaultMessage(t *testing.T) {
	a := valid()
	a.Name = "Café\u202eHall"
	a.Normalize()
	f := estate.ErrorFields(a.Validate())
	if len(f) != 1 || !strings.Contains(f[0].Message, "U+202E at character 5") {
		t.Errorf("errors %+v", f)
	}
}

// TestFilterQText: q is refused with characters no stored text may hold.
func TestFilterQText(t *testing.T) {
	for _, q := range []string{"hall\x00", "hall\u202e", "a\x1fb"} {
		f := estate.AssetFilter{Selection: estate.Selection{Q: q}}
		if fs := estate.ErrorFields(f.Validate()); len(fs) != 1 || fs[0].Field != "q" {
			t.Errorf("q %q: %+v", q, fs)
		}
	}
}

const (
	nfcEglise = "\u00c9glise Saint-\u00c9tienne" // É as one character
	nfdEglise = "E\u0301glise Saint-E\u0301tienne"
)

// TestNormalizeNFC: text is stored in NFC, however it was typed.
func TestNormalizeNFC(t *testing.T) {
	a := valid()
	a.Name, a.AssetCode, a.Notes = nfdEglise, "E\u0301-1", "Caf\u0065\u0301"
	a.Normalize()
	if a.Name != nfcEglise || a.AssetCode != "\u00c9-1" || a.Notes != "Caf\u00e9" {
		t.Errorf("normalized to %q %q %q", a.Name, a.AssetCode, a.Notes)
	}
}

// TestFoldText: q matches whatever the case or normal form of q and of
// the stored text.
func TestFoldText(t *testing.T) {
	for _, tt := range []struct {
		s, q string
		want bool
	}{
		{nfcEglise, "église", true},
		{nfcEglise, "E\u0301GLISE", true},
		{nfdEglise, "\u00e9glise", true},
		{nfdEglise, "SAINT-\u00c9TIENNE", true},
		{"Stra\u00dfe", "STRASSE", true},
		{"Town Hall", "town HALL", true},
		{"Town Hall", "hall ", false},
		{nfcEglise, "eglise", false}, // accents count: only case and form are ignored
		{"Caf\u00e9", "cafe", false},
		{"Ångström", "\u212bNGSTR\u00d6M", true}, // the Ångström sign is an Å
	} {
		got := estate.ContainsFolded(tt.s, estate.FoldText(tt.q))
		if got != tt.want {
			t.Errorf("%q in %q: %v, want %v", tt.q, tt.s, got, tt.want)
		}
		a := &estate.Asset{Town: tt.s}
		if a.MatchesQ(estate.FoldText(tt.q)) != tt.want ||
			strings.Contains(a.SearchText(), estate.FoldText(tt.q)) != tt.want {
			t.Errorf("%q in an asset's town %q: want %v", tt.q, tt.s, tt.want)
		}
	}
	if estate.FoldText(nfcEglise) != estate.FoldText(nfdEglise) || estate.FoldText("TOWN") != "town" {
		t.Error("FoldText of equivalent text differs")
	}
	// Fields are kept apart: q never matches across two.
	a := &estate.Asset{Name: "Town", Town: "Hall"}
	if strings.Count(a.SearchText(), estate.SearchSeparator) != 5 || a.MatchesQ("townhall") {
		t.Errorf("search text %q", a.SearchText())
	}
}
