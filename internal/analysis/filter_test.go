package analysis

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestFilterMatch(t *testing.T) {
	a := building(1, "a", estate.RAGAmber, worcester, 100, 50, func(a *estate.Asset) {
		a.Name, a.StreetName, a.Postcode, a.AssetCode, a.Use = "Town Hall", "High Street", "WR1 2EY", "TH-01", "Offices"
		a.Tenure = estate.TenureLeasehold
	})
	for _, tt := range []struct {
		name string
		f    estate.Selection
		want bool
	}{
		{"empty", estate.Selection{}, true},
		{"holding", estate.Selection{Holdings: []estate.Holding{estate.HoldingLand, estate.HoldingBuilding}}, true},
		{"other holding", estate.Selection{Holdings: []estate.Holding{estate.HoldingLand}}, false},
		{"tenure", estate.Selection{Tenures: []estate.Tenure{estate.TenureLeasehold}}, true},
		{"other tenure", estate.Selection{Tenures: []estate.Tenure{estate.TenureFreehold}}, false},
		{"q in name, any case", estate.Selection{Q: "town HALL"}, true},
		{"q in street", estate.Selection{Q: "high st"}, true},
		{"q in postcode", estate.Selection{Q: "wr1 2"}, true},
		{"q in code", estate.Selection{Q: "th-0"}, true},
		{"q in use", estate.Selection{Q: "office"}, true},
		{"q padded", estate.Selection{Q: "  hall "}, true},
		{"q elsewhere", estate.Selection{Q: "library"}, false},
		{"q and another field", estate.Selection{Q: "hall", Partners: []string{"b"}}, false},
	} {
		if got := Match(tt.f, a); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
	long := make([]byte, estate.MaxFilterQLen+1)
	for i := range long {
		long[i] = 'x'
	}
	wantInvalid(t, ValidateFilter(estate.Selection{Holdings: []estate.Holding{"castle"}, Tenures: []estate.Tenure{"owned"}, Q: string(long)}),
		"holding", "tenure", "q")
	// Members the analyses do not read are refused, not ignored.
	near := estate.Point{Lon: -2.2, Lat: 52.2}
	wantInvalid(t, ValidateFilter(estate.Selection{Near: &near, WithinM: 100, UPRN: "1", Partners: []string{"a"}}),
		"near", "within", "uprn")
	_, err := Receipts(copied(nil), DefaultReceiptParams(), estate.Selection{IDs: []int64{1}}, ByPartner)
	wantInvalid(t, err, "id")
	// The cap counts characters, as the asset list's does.
	if err := ValidateFilter(estate.Selection{Q: strings.Repeat("é", estate.MaxFilterQLen)}); err != nil {
		t.Errorf("q of %d accented letters: %v", estate.MaxFilterQLen, err)
	}
}

// TestFilterMatchUnicode: q finds text whatever the case or Unicode
// normal form of either, as the asset list's q does (issue 13, item 10).
func TestFilterMatchUnicode(t *testing.T) {
	nfc := building(1, "a", estate.RAGAmber, worcester, 100, 50, func(a *estate.Asset) { a.Name = "\u00c9glise" })
	nfd := building(2, "a", estate.RAGAmber, worcester, 100, 50, func(a *estate.Asset) { a.Town = "E\u0301VESHAM" })
	for _, tt := range []struct {
		a    *estate.Asset
		q    string
		want bool
	}{
		{nfc, "\u00e9glise", true},
		{nfc, "E\u0301GLISE", true},
		{nfc, "e\u0301g", true},
		{nfc, "eglise", false},
		{nfd, "\u00e9vesham", true},
		{nfd, "\u00c9vesham", true},
		{nfd, "vesham", true},
	} {
		f := estate.Selection{Q: tt.q}
		if got := Match(f, tt.a); got != tt.want {
			t.Errorf("q %q in %q %q: %v, want %v", tt.q, tt.a.Name, tt.a.Town, got, tt.want)
		}
		if got := Matcher(f)(copiedOne(tt.a)); got != tt.want {
			t.Errorf("Matcher: q %q: %v, want %v", tt.q, got, tt.want)
		}
	}
	v, err := Trust(copied([]*estate.Asset{nfc, nfd}), DefaultReceiptParams(), estate.Selection{Q: "\u00c9"}, nil)
	if err != nil || v.Total.Assets != 2 {
		t.Errorf("trust view of q \u00c9: %+v %v", v.Total, err)
	}
}

// TestValidateGiven: an order broken between a parameter the user set and
// a default names the one the user set.
func TestValidateGiven(t *testing.T) {
	only := func(names ...string) func(string) bool {
		return func(n string) bool {
			for _, x := range names {
				if x == n {
					return true
				}
			}
			return false
		}
	}
	p := DefaultReceiptParams()
	p.PGreen = 0.4 // below the default p_amber 0.5
	wantInvalid(t, p.ValidateGiven(only("p_green")), "p_green")
	wantInvalid(t, p.ValidateGiven(only("p_green", "p_amber")), "p_amber")
	wantInvalid(t, p.ValidateGiven(nil), "p_amber")
	wantInvalid(t, p.Validate(), "p_amber")
	cp := DefaultColocationParams()
	cp.HaircutLow = 0.05 // below the default haircut_central 0.10
	wantInvalid(t, cp.ValidateGiven(only("haircut_low")), "haircut_low")
}

func TestKeepNearest(t *testing.T) {
	n := func(id int64, d float64) Neighbour { return Neighbour{ID: id, DistanceM: d} }
	got := KeepNearest([]Neighbour{n(1, 5), n(2, 9)}, []Neighbour{n(7, 1), n(3, 9), n(4, 20)}, 3)
	if len(got) != 3 || got[0].ID != 7 || got[1].ID != 1 || got[2].ID != 2 {
		t.Errorf("got %+v", got)
	}
}
