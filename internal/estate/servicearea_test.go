package estate_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestGreatBritainServiceArea holds places the default area must take
// and places it must not, from the far corners of each island group to
// the towns just across the sea or the border.
func TestGreatBritainServiceArea(t *testing.T) {
	for _, tt := range []struct {
		place    string
		lon, lat float64
		in       bool
	}{
		{"Worcester", -2.2209, 52.1937, true},
		{"Out Stack, Shetland", -0.7580, 60.8603, true},
		{"Lerwick", -1.1450, 60.1550, true},
		{"Kirkwall, Orkney", -2.9590, 58.9810, true},
		{"Hirta, St Kilda", -8.5700, 57.8130, true},
		{"Castlebay, Barra", -7.4870, 56.9540, true},
		{"Port Ellen, Islay", -6.1890, 55.6290, true},
		{"Mull of Kintyre lighthouse", -5.8030, 55.3110, true},
		{"Mull of Galloway", -4.8570, 54.6350, true},
		{"Belfast", -5.9300, 54.5970, true},
		{"Belleek, Fermanagh", -8.0910, 54.4780, true},
		{"Rathlin Island", -6.2000, 55.2920, true},
		{"Newry", -6.3400, 54.1750, true},
		{"Douglas, Isle of Man", -4.4790, 54.1500, true},
		{"Holyhead", -4.6330, 53.3090, true},
		{"St Davids", -5.2660, 51.8820, true},
		{"The Smalls lighthouse", -5.6700, 51.7210, true},
		{"Lowestoft Ness", 1.7620, 52.4820, true},
		{"Dover", 1.3130, 51.1280, true},
		{"Dungeness", 0.9760, 50.9130, true},
		{"Brighton", -0.1370, 50.8220, true},
		{"St Catherine's Point", -1.2970, 50.5760, true},
		{"Start Point", -3.6420, 50.2220, true},
		{"Lizard Point", -5.2110, 49.9590, true},
		{"St Agnes, Scilly", -6.3450, 49.8920, true},
		{"Bishop Rock", -6.4450, 49.8720, true},
		{"St Peter Port, Guernsey", -2.5360, 49.4560, true},
		{"Braye, Alderney", -2.2000, 49.7230, true},
		{"Sark", -2.3600, 49.4300, true},
		{"St Helier, Jersey", -2.1050, 49.1830, true},
		{"Les Écréhous", -1.9300, 49.2880, true},
		{"Les Minquiers", -2.0600, 48.9700, true},

		{"New York", -74.0060, 40.7128, false},
		{"Beijing", 116.4074, 39.9042, false},
		{"null island", 0, 0, false},
		{"Rockall", -13.6870, 57.5960, false},
		{"Dublin", -6.2603, 53.3498, false},
		{"Wicklow Head", -5.9980, 52.9650, false},
		{"Cork", -8.4756, 51.8985, false},
		{"Sligo", -8.4761, 54.2766, false},
		{"Malin Head", -7.3730, 55.3820, false},
		{"Inishtrahull", -7.2400, 55.4300, false},
		{"Calais", 1.8587, 50.9513, false},
		{"Cap Gris-Nez", 1.5830, 50.8690, false},
		{"Boulogne-sur-Mer", 1.6140, 50.7260, false},
		{"Dieppe", 1.0780, 49.9250, false},
		{"Cherbourg", -1.6220, 49.6390, false},
		{"Cap de la Hague", -1.9440, 49.7250, false},
		{"Carteret", -1.7900, 49.3740, false},
		{"Granville", -1.5970, 48.8370, false},
		{"Chausey", -1.8230, 48.8730, false},
		{"Brest", -4.4860, 48.3900, false},
		{"Ostend", 2.9200, 51.2300, false},
		{"Tórshavn, Faroe", -6.7720, 62.0100, false},
	} {
		if got := estate.GreatBritain.Contains(estate.Point{Lon: tt.lon, Lat: tt.lat}); got != tt.in {
			t.Errorf("%s (%v, %v): in %v, want %v", tt.place, tt.lon, tt.lat, got, tt.in)
		}
	}
}

func TestParseServiceArea(t *testing.T) {
	for _, tt := range []struct {
		in, str string
		bad     string // a piece of the error
	}{
		{in: "gb", str: "gb"},
		{in: " GB ", str: "gb"},
		{in: "world", str: "world"},
		{in: "-3,51,-1,53", str: "-3,51,-1,53"},
		{in: "-3,51,-1,53; -7, 49.1, -6, 50", str: "-3,51,-1,53; -7, 49.1, -6, 50"},
		{in: "gb;-65,32,-64,33", str: "gb;-65,32,-64,33"},
		{in: "", bad: "empty"},
		{in: "uk", bad: "4 numbers"},
		{in: "-3,51,-1", bad: "4 numbers"},
		{in: "-3,51,-1,x", bad: `"x" is not a number`},
		{in: "-1,51,-3,53", bad: "min <= max"},
		{in: "-3,51,-1,95", bad: "±90"},
		{in: "-3,51,-3,53", bad: "a line or a point"},
		{in: "-3,51,-1,53;", bad: "box 2"},
	} {
		a, err := estate.ParseServiceArea(tt.in)
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("%q: %v", tt.in, err)
		case tt.bad != "" && (err == nil || !strings.Contains(err.Error(), tt.bad)):
			t.Errorf("%q: error %v, want one saying %q", tt.in, err, tt.bad)
		case tt.bad == "" && a.String() != tt.str:
			t.Errorf("%q: String %q, want %q", tt.in, a.String(), tt.str)
		}
	}
	bermuda, err := estate.ParseServiceArea("gb;-65,32,-64,33")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []estate.Point{{Lon: -64.78, Lat: 32.29}, {Lon: -2.2, Lat: 52.19}} {
		if !bermuda.Contains(p) {
			t.Errorf("gb plus a box does not hold %+v", p)
		}
	}
	if world, _ := estate.ParseServiceArea("world"); world.Limited() || !world.Contains(estate.Point{Lon: 116.4, Lat: 39.9}) {
		t.Error("world limits")
	}
	if b := estate.GreatBritain.Bounds(); b != (estate.BBox{MinLon: -8.7, MinLat: 48.93, MaxLon: 1.8, MaxLat: 60.9}) {
		t.Errorf("bounds %+v", b)
	}
}

func TestValidateIn(t *testing.T) {
	outside := estate.MultiPolygon{{{{Lon: 1.7, Lat: 51.1}, {Lon: 1.9, Lat: 51.1}, {Lon: 1.9, Lat: 51.2}, {Lon: 1.7, Lat: 51.1}}}}
	for _, tt := range []struct {
		name  string
		edit  func(a *estate.Asset)
		field string
	}{
		{"in", func(a *estate.Asset) {}, ""},
		{"abroad", func(a *estate.Asset) { a.Location = estate.Point{Lon: 2.35, Lat: 48.85} }, "geometry.coordinates"},
		{"footprint reaching abroad", func(a *estate.Asset) { a.Footprint = outside }, "footprint"},
		{"out of range is said once", func(a *estate.Asset) { a.Location.Lon = 200 }, "geometry.coordinates"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.edit(a)
			a.Normalize()
			fields := estate.ErrorFields(a.ValidateIn(estate.GreatBritain))
			switch {
			case tt.field == "" && len(fields) > 0:
				t.Errorf("refused: %+v", fields)
			case tt.field != "" && (len(fields) != 1 || fields[0].Field != tt.field):
				t.Errorf("fields %+v, want one on %s", fields, tt.field)
			}
			if tt.field != "" && !strings.Contains(fields[0].Message, "service area") && tt.name != "out of range is said once" {
				t.Errorf("message %q does not say why", fields[0].Message)
			}
			if err := a.ValidateIn(estate.World); err != nil && tt.name != "out of range is said once" {
				t.Errorf("world: %v", err)
			}
		})
	}
}

// TestValidateChange checks an asset left outside a narrowed area can
// still be edited where it is, but not moved anywhere outside the area.
func TestValidateChange(t *testing.T) {
	before := valid()
	before.Location = estate.Point{Lon: -2.53, Lat: 49.45} // Guernsey
	area, err := estate.ParseServiceArea("-3,51,-1,53")
	if err != nil {
		t.Fatal(err)
	}
	renamed := before.Clone()
	renamed.Name = "Renamed"
	if err := renamed.ValidateChange(before, area); err != nil {
		t.Errorf("rename: %v", err)
	}
	moved := before.Clone()
	moved.Location.Lon = -2.52
	if fields := estate.ErrorFields(moved.ValidateChange(before, area)); len(fields) != 1 || fields[0].Field != "geometry.coordinates" {
		t.Errorf("move: %+v", fields)
	}
	home := before.Clone()
	home.Location = estate.Point{Lon: -2.2, Lat: 52.19}
	if err := home.ValidateChange(before, area); err != nil {
		t.Errorf("move into the area: %v", err)
	}
}

// TestValidateChangeChecksWhatItTouches checks an asset stored before
// the footprint, lease and occupancy checks existed can still be changed
// elsewhere, while a change to those fields is held to them.
func TestValidateChangeChecksWhatItTouches(t *testing.T) {
	before := valid()
	before.Footprint = multi(poly(ring(0, 0, 10, 10, 10, 0, 0, 10))) // a bow tie
	before.LeaseExpiry, before.LeaseBreak = "2030-01-01", "2031-01-01"
	before.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(2000.0)}}
	before.Normalize()
	for _, tt := range []struct {
		name  string
		edit  func(a *estate.Asset)
		field string
	}{
		{"rename", func(a *estate.Asset) { a.Name = "Renamed" }, ""},
		{"rate", func(a *estate.Asset) { a.RAG, a.RAGRationale = estate.RAGGreen, "Surplus" }, ""},
		{"move the point only", func(a *estate.Asset) { a.Location.Lon += 0.0001 }, ""},
		{"another bad footprint", func(a *estate.Asset) { a.Footprint = multi(poly(ring(0, 0, 20, 20, 20, 0, 0, 20))) }, "footprint"},
		{"a good footprint", func(a *estate.Asset) { a.Footprint = multi(poly(square)) }, ""},
		{"expiry moved, still before the break", func(a *estate.Asset) { a.LeaseExpiry = "2030-06-01" }, "lease_break"},
		{"break moved before expiry", func(a *estate.Asset) { a.LeaseBreak = "2029-01-01" }, ""},
		{"gia changed", func(a *estate.Asset) { a.GIAM2 = ptr(1500.0) }, "occupiers"},
		{"occupier area changed", func(a *estate.Asset) { a.Occupiers[0].AreaM2 = ptr(1100.0) }, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := before.Clone()
			tt.edit(a)
			a.Normalize()
			fields := estate.ErrorFields(a.ValidateChange(before, estate.GreatBritain))
			switch {
			case tt.field == "" && len(fields) > 0:
				t.Errorf("refused: %+v", fields)
			case tt.field != "" && (len(fields) != 1 || fields[0].Field != tt.field):
				t.Errorf("fields %+v, want one on %s", fields, tt.field)
			}
		})
	}
	if err := before.ValidateIn(estate.GreatBritain); len(estate.ErrorFields(err)) != 3 {
		t.Errorf("as a new asset: %v, want footprint, lease_break and occupiers", err)
	}
}
